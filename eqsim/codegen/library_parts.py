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
#: bindings, exported functions): 0.07 s of gcc for cuba's 7.9 kB, 0.13 s for einet's 24 kB
OWN_TEXT_WEIGHT = 0.5
#: the same for a threaded library, whose own text holds the thread team's code (the
#: deferred parts, the pool of eqsim_team_pool.h): ~12 us of gcc per character against
#: ~5.5 us per unit of kernel weight (einet's 39 kB: 0.24 s). With 0.5 einet's threaded
#: parts took 0.65 and 0.43 s of gcc CPU, with 1.0 0.49 and 0.57; coba_x16's 0.48 and 0.35
#: -> 0.33 and 0.36 (fastest of 3 each, 2026-12-04). One-thread libraries did not gain.
OWN_TEXT_WEIGHT_TEAM = 1.0
#: a part must get at least this much (~0.1 s of gcc): each part parses the headers again
#: (~0.04 s) and the parts are linked (~0.04 s), more than a small kernel's compile time
MIN_PART_WEIGHT = 8000
MAX_PARTS = 4


def kernel_weight(text):
    """Estimated compile cost of one kernel's source: its characters, once more for each
    SIMD loop, and the samplers of :data:`HELPER_WEIGHTS` it calls."""
    return (len(text) * (1 + text.count("#pragma omp simd"))
            + sum(weight for call, weight in HELPER_WEIGHTS.items() if call in text))


def assign_parts(weights, cpus=None, own_text=0, team=False):
    """Parts of a library whose kernels have these weights, and the part of each kernel.

    Heaviest kernel first onto the lightest part (part 0 starts with its own share:
    :data:`OWN_TEXT_WEIGHT` (:data:`OWN_TEXT_WEIGHT_TEAM` for a threaded library: ``team``)
    times ``own_text``, the characters of the file outside the
    kernels); as many parts as CPUs this process may use, at most :data:`MAX_PARTS`, fewer
    when a part would get less than :data:`MIN_PART_WEIGHT`.

    Returns
    -------
    (int, list of int)
        The number of parts and each kernel's part (all 0 for one part).
    """
    cpus = usable_cpus() if cpus is None else cpus
    for n in range(min(MAX_PARTS, cpus, len(weights)), 1, -1):
        own = (OWN_TEXT_WEIGHT_TEAM if team else OWN_TEXT_WEIGHT) * own_text
        loads, owner = [own] + [0] * (n - 1), [0] * len(weights)
        for k in sorted(range(len(weights)), key=lambda k: -weights[k]):
            part = loads.index(min(loads))
            loads[part] += weights[k]
            owner[k] = part
        if min(loads) >= MIN_PART_WEIGHT:
            return n, owner
    return 1, [0] * len(weights)
