"""eqsim_team_pool.h: every share of every fork runs once, on its own thread, whether the
workers were spinning, asleep on the futex, stopped and restarted, or never started in a
child of fork()."""
import os
import time

import pytest

C_SOURCE = '''
# cython: language_level=3
from libc.stdint cimport int64_t
cdef extern from "eqsim_team_pool.h" nogil:
    ctypedef void (*eqsim_part_fn)(const void *args, int tid, int nt) noexcept nogil
    ctypedef struct eqsim_pool:
        int started
        int sleepers
    void eqsim_pool_run(eqsim_pool *p, int nt, eqsim_part_fn fn, const void *args)
    void eqsim_pool_stop(eqsim_pool *p)
    void eqsim_pool_forget(eqsim_pool *p)
cdef extern from "pthread.h" nogil:
    ctypedef unsigned long pthread_t
    pthread_t pthread_self()

cdef eqsim_pool pool
cdef int64_t counts[4]
cdef pthread_t owner[4]
cdef int64_t distinct = 0

cdef void share(const void *args, int tid, int nt) noexcept nogil:
    counts[tid] += (<const int64_t *>args)[0]
    owner[tid] = pthread_self()

def run(int nt, int64_t forks, int64_t add=1):
    """fork `forks` times onto `nt` threads; returns the shares' counts and whether
    shares 0 and 1 ran on different threads at the last fork"""
    cdef int64_t k
    cdef int m
    for m in range(4):
        counts[m] = 0
        owner[m] = 0
    with nogil:
        for k in range(forks):
            eqsim_pool_run(&pool, nt, share, &add)
    return [counts[m] for m in range(4)], owner[0] != owner[1]

def started():
    return pool.started

def sleepers():
    return pool.sleepers

def stop():
    eqsim_pool_stop(&pool)

def forget():
    eqsim_pool_forget(&pool)
'''


@pytest.fixture(scope="module")
def pool(header_module):
    module = header_module(C_SOURCE, "test_team_pool_h")
    yield module
    module.stop()


def test_each_share_of_each_fork_runs_once_on_its_own_thread(pool):
    counts, apart = pool.run(2, 20_000)
    assert counts == [20_000, 20_000, 0, 0]
    assert apart
    assert pool.started() == 1


def test_forks_onto_fewer_threads_than_started_leave_the_other_workers_idle(pool):
    pool.run(3, 10)
    assert pool.started() == 2
    for nt, expected in [(1, [500, 0, 0, 0]), (2, [500, 500, 0, 0]), (3, [500] * 3 + [0])]:
        assert pool.run(nt, 500)[0] == expected


def test_workers_asleep_after_an_idle_spell_wake_for_the_next_fork(pool):
    pool.run(2, 10)
    deadline = time.monotonic() + 10
    while pool.sleepers() < pool.started() and time.monotonic() < deadline:
        time.sleep(0.01)  # the spin limit is ~0.5 ms of pauses
    assert pool.sleepers() == pool.started() > 0
    for _ in range(20):  # sleep, wake, sleep again, ...
        assert pool.run(2, 1, add=7)[0] == [7, 7, 0, 0]
        time.sleep(0.003)


def test_a_stopped_pool_starts_its_workers_again_at_the_next_fork(pool):
    pool.run(2, 10)
    pool.stop()
    assert pool.started() == 0
    assert pool.run(2, 1000)[0] == [1000, 1000, 0, 0]
    assert pool.started() >= 1


def test_a_child_of_fork_starts_workers_of_its_own(pool):
    pool.run(2, 10)
    child = os.fork()
    if child == 0:  # the parent's workers do not exist here
        ok = False
        try:
            pool.forget()
            ok = pool.run(2, 1000) == ([1000, 1000, 0, 0], True)
        finally:
            os._exit(0 if ok else 1)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert pool.run(2, 100)[0] == [100, 100, 0, 0]  # the parent's pool is untouched
