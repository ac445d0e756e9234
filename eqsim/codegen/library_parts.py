"""Which kernels of a network library each of several gcc runs compiles.

A cold build is mostly gcc optimising the kernels' SIMD loops, one function after the other
on one core. A big library is rendered so that each kernel belongs to one part
(network.c.j2: ``EQSIM_IN_PART``); the compiler runs one ``gcc -c`` per part at once and
links the objects (:func:`eqsim.codegen.compiler.build_library`). Part 0 also holds the
state, the step loop and the exported functions.

A kernel compiles the same in any part (``noipa``), so how a library is split changes its
build time, not its results.
"""
from ..cpu_count import usable_cpus

#: estimated compile cost of a kernel: characters of its source, and this much more for each
#: SIMD loop (gcc vectorises, unrolls and writes epilogues for each: a fused state update of
#: 3 kB of source compiles to 7 kB of machine code)
SIMD_LOOP_WEIGHT = 4000
#: header functions a kernel calls that gcc compiles with it (not inline in its source): the
#: binomial sampler ~0.12 s, the block of uniforms ~0.05 s (gcc user time of a file calling
#: only them, less the bare headers')
HELPER_WEIGHTS = {"eqsim_binomial_prepare(": 5000, "eqsim_uniforms(": 2000}
#: part 0's own share: the step loop, bindings and exported functions
STEP_LOOP_WEIGHT = 6000
#: a part must get at least this much (~0.2 s of gcc at ~25 us per unit of weight, measured
#: on cuba's library): each part parses the headers again (~0.06 s) and the parts are linked
#: (~0.04 s), more than a small kernel's compile time
MIN_PART_WEIGHT = 8000
MAX_PARTS = 4


def kernel_weight(text):
    """Estimated compile cost of one kernel's source (see :data:`SIMD_LOOP_WEIGHT` and
    :data:`HELPER_WEIGHTS`)."""
    return (len(text) + SIMD_LOOP_WEIGHT * text.count("#pragma omp simd")
            + sum(weight for call, weight in HELPER_WEIGHTS.items() if call in text))


def assign_parts(weights, cpus=None):
    """Parts of a library whose kernels have these weights, and the part of each kernel.

    Heaviest kernel first onto the lightest part (part 0 starts with
    :data:`STEP_LOOP_WEIGHT`); as many parts as CPUs this process may use, at most
    :data:`MAX_PARTS`, fewer when a part would get less than :data:`MIN_PART_WEIGHT`.

    Returns
    -------
    (int, list of int)
        The number of parts and each kernel's part (all 0 for one part).
    """
    cpus = usable_cpus() if cpus is None else cpus
    for n in range(min(MAX_PARTS, cpus, len(weights)), 1, -1):
        loads, owner = [STEP_LOOP_WEIGHT] + [0] * (n - 1), [0] * len(weights)
        for k in sorted(range(len(weights)), key=lambda k: -weights[k]):
            part = loads.index(min(loads))
            loads[part] += weights[k]
            owner[k] = part
        if min(loads) >= MIN_PART_WEIGHT:
            return n, owner
    return 1, [0] * len(weights)
