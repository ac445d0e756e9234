"""eqsim_claim and eqsim_claim_one (eqsim_support.h): a team of two claims the blocks of a
part, or a fork's target parts, from both ends, so every block runs once, each thread's
blocks are one contiguous range (its event list one run, in order), and a slower thread
leaves more of the blocks to the faster one."""
import math

import pytest

C_SOURCE = '''
# cython: language_level=3
from libc.stdint cimport int64_t
cdef extern from "eqsim_support.h" nogil:
    int64_t eqsim_claims_of(int64_t n_blocks)
    int eqsim_claim(int64_t *unclaimed, int top, int64_t n_blocks, int64_t least, int64_t *lo,
                    int64_t *hi)
    int eqsim_claim_parts(int64_t *unclaimed, int top, int64_t n, int64_t first, int64_t *lo,
                          int64_t *hi)
cdef extern from "eqsim_team_pool.h" nogil:
    ctypedef void (*eqsim_part_fn)(const void *args, int tid, int nt) noexcept nogil
    ctypedef struct eqsim_pool:
        int started
    void eqsim_pool_run(eqsim_pool *p, int nt, eqsim_part_fn fn, const void *args)
    void eqsim_pool_stop(eqsim_pool *p)

cdef eqsim_pool pool
cdef int owner[4096]
cdef int order[4096]
cdef int64_t n_done = 0
cdef int64_t slow_spins = 0
cdef int64_t n_blocks = 0
cdef int64_t unclaimed = 0
cdef int64_t least_blocks = 2
cdef int64_t first_parts = 0

cdef int claim(int tid, int64_t *lo, int64_t *hi) noexcept nogil:
    if first_parts:
        return eqsim_claim_parts(&unclaimed, tid, n_blocks, first_parts, lo, hi)
    return eqsim_claim(&unclaimed, tid, n_blocks, least_blocks, lo, hi)

cdef void part(const void *args, int tid, int nt) noexcept nogil:
    cdef int64_t lo, hi, b, k
    cdef volatile double sink = 0
    while claim(tid, &lo, &hi):
        for b in range(lo, hi):
            owner[b] += tid + 1  # 1: the caller, 2: the worker; more: claimed twice
            order[b] = __atomic_fetch_add(&n_done, 1, 0)
            for k in range(1000 + (slow_spins if tid == 1 else 0)):
                sink += 1

cdef extern from *:
    int64_t __atomic_fetch_add(int64_t *, int64_t, int) nogil

def run(int64_t blocks, int64_t worker_extra_spins, int64_t least=2, int64_t first=0):
    """one fork of two threads claiming `blocks` blocks, at least `least` at a time (`first`:
    eqsim_claim_parts, `first` at the first claim, then one at a time); each block's owner"""
    global n_blocks, unclaimed, slow_spins, n_done, least_blocks, first_parts
    cdef int64_t b
    n_blocks, slow_spins, n_done, least_blocks = blocks, worker_extra_spins, 0, least
    first_parts = first
    unclaimed = eqsim_claims_of(blocks)
    for b in range(blocks):
        owner[b] = 0
    with nogil:
        eqsim_pool_run(&pool, 2, part, NULL)
    return [owner[b] for b in range(blocks)]

def claim_alone(int64_t blocks, int top, int64_t least=2):
    """the claims one thread makes when the other claims nothing"""
    cdef int64_t word = eqsim_claims_of(blocks), lo, hi
    claims = []
    while eqsim_claim(&word, top, blocks, least, &lo, &hi):
        claims.append((lo, hi))
    return claims

def claim_parts_alone(int64_t parts, int top, int64_t first):
    """eqsim_claim_parts's claims by one thread when the other claims nothing"""
    cdef int64_t word = eqsim_claims_of(parts), lo, hi
    claims = []
    while eqsim_claim_parts(&word, top, parts, first, &lo, &hi):
        claims.append((lo, hi))
    return claims

def stop():
    eqsim_pool_stop(&pool)
'''


@pytest.fixture(scope="module")
def claims(header_module):
    module = header_module(C_SOURCE, "test_claimed_shares_h")
    yield module
    module.stop()


@pytest.mark.parametrize("blocks", [1, 2, 3, 7, 16, 49, 250, 4000])
@pytest.mark.parametrize("worker_extra_spins", [0, 5000])
@pytest.mark.parametrize("least", [1, 2])
def test_every_block_runs_once_and_each_threads_blocks_are_one_range_from_its_end(
        claims, blocks, worker_extra_spins, least):
    for _ in range(5):
        owner = claims.run(blocks, worker_extra_spins, least)
        assert set(owner) <= {1, 2}  # no block twice, none left out
        caller = owner.count(1)
        assert owner == [1] * caller + [2] * (blocks - caller)


def test_a_slower_worker_leaves_more_blocks_to_the_calling_thread(claims):
    """The worker spends 6x as long per block: fixed halves would have made the caller
    wait for most of each fork; claimed, the caller takes well over half."""
    caller = sum(claims.run(250, 5000).count(1) for _ in range(10))
    assert caller > 0.55 * 2500


@pytest.mark.parametrize("blocks", [1, 5, 16, 250, 4001])
@pytest.mark.parametrize("top", [0, 1])
@pytest.mark.parametrize("least", [1, 2])
def test_a_thread_alone_claims_three_quarters_of_its_half_then_quarters_of_the_rest(
        claims, blocks, top, least):
    got = claims.claim_alone(blocks, top, least)
    sizes = [hi - lo for lo, hi in got]
    assert sum(sizes) == blocks
    assert sizes[0] == min(blocks, max(least, (3 * blocks + 7) // 8))
    assert min(sizes[:-1], default=least) >= least
    ends = [hi for _, hi in got] if not top else [lo for lo, _ in got]
    assert ends == (sorted(ends) if not top else sorted(ends, reverse=True))
    # a claim moves a cache line between the cores: geometrically fewer, not one per block
    assert len(got) <= 2 + math.log(blocks) / math.log(4 / 3) + (3 if least == 1 else 0)


@pytest.mark.parametrize("parts", [1, 2, 3, 8, 49])
@pytest.mark.parametrize("worker_extra_spins", [0, 5000])
@pytest.mark.parametrize("first", [1, 3])
def test_parts_claimed_one_at_a_time_run_once_each_threads_one_range_from_its_end(
        claims, parts, worker_extra_spins, first):
    """eqsim_claim_parts (a team of two's tapered target parts, thread_team.c.j2)"""
    for _ in range(5):
        owner = claims.run(parts, worker_extra_spins, 1, first)
        assert set(owner) <= {1, 2}
        caller = owner.count(1)
        assert owner == [1] * caller + [2] * (parts - caller)


@pytest.mark.parametrize("top", [0, 1])
@pytest.mark.parametrize("first", [1, 3, 20])
def test_a_thread_alone_claims_first_parts_then_one_by_one_from_its_end(claims, top, first):
    got = claims.claim_parts_alone(8, top, first)
    expected = [(0, min(first, 8))] + [(k, k + 1) for k in range(min(first, 8), 8)]
    assert got == ([(8 - hi, 8 - lo) for lo, hi in expected] if top else expected)


def test_a_slower_worker_leaves_more_parts_to_the_calling_thread(claims):
    caller = sum(claims.run(49, 5000, 1, 1).count(1) for _ in range(10))
    assert caller > 0.55 * 490
