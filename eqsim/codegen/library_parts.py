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

# A kernel's estimated compile cost (kernel_weight): characters of its source, counted once
# more for each SIMD loop in it (gcc vectorises and unrolls each). Measured alone (gcc user
# time of the kernel in a file of its own, less the file without it), that is ~10-17 us per
# unit for a fused state update (2 loops, 3.5-5 kB: 0.10-0.23 s), a pathway (no loop,
# 2.3 kB: ~0.04 s), a monitor, and brunel's PoissonInput with its samplers (3 loops, 5 kB:
# 0.44 s); a one-line state update (1 loop, 1 kB) costs less, ~0.01 s.

#: header functions a kernel calls that gcc compiles with it (not inline in its source): the
#: block of uniforms ~0.05 s (gcc user time of a file calling only it, less the bare
#: headers'). PoissonInput's binomial sampler (~0.12 s) is lent by the glue
#: (eqsim_binomial_lent.h).
HELPER_WEIGHTS = {"eqsim_uniforms(": 2000}
#: part 0's own share per character of the file outside the kernels (the step loop,
#: bindings, exported functions): 0.07 s of gcc for cuba's 7.9 kB, 0.13 s for einet's 24 kB.
#: A threaded library's too: its thread team's forks, joins and deferred parts are the
#: glue's (eqsim_team_threads.h); while they were in its text it weighed 1.0 a character.
#: Since, gcc of the slower part at 0.5 / 1.0 (2 threads, fastest of 2): tian 0.37 / 0.42,
#: brunel 0.37 / 0.39, einet 0.42 / 0.42 s
OWN_TEXT_WEIGHT = 0.5
#: a part must get at least this much (~0.1 s of gcc): each part parses the headers again
#: (~0.04 s) and the parts are linked (~0.04 s), more than a small kernel's compile time
MIN_PART_WEIGHT = 8000
MAX_PARTS = 4


def kernel_weight(text):
    """Estimated compile cost of one kernel's source: its characters, once more for each
    SIMD loop, and the samplers of :data:`HELPER_WEIGHTS` it calls."""
    return (len(text) * (1 + text.count("#pragma omp simd"))
            + sum(weight for call, weight in HELPER_WEIGHTS.items() if call in text))


def assign_parts(weights, cpus=None, own_text=0):
    """Parts of a library whose kernels have these weights, and the part of each kernel.

    Heaviest kernel first onto the lightest part (part 0 starts with its own share:
    :data:`OWN_TEXT_WEIGHT` times ``own_text``, the characters of the file outside the
    kernels); as many parts as CPUs this process may use, at most :data:`MAX_PARTS`, fewer
    when a part would get less than :data:`MIN_PART_WEIGHT`.

    Returns
    -------
    (int, list of int)
        The number of parts and each kernel's part (all 0 for one part).
    """
    cpus = usable_cpus() if cpus is None else cpus
    for n in range(min(MAX_PARTS, cpus, len(weights)), 1, -1):
        loads, owner = [OWN_TEXT_WEIGHT * own_text] + [0] * (n - 1), [0] * len(weights)
        for k in sorted(range(len(weights)), key=lambda k: -weights[k]):
            part = loads.index(min(loads))
            loads[part] += weights[k]
            owner[k] = part
        if min(loads) >= MIN_PART_WEIGHT:
            return n, owner
    return 1, [0] * len(weights)
