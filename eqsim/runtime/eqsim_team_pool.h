/* The thread team's threads: a fork and a join per parallel part of a step, without OpenMP.
 *
 * A step of a threaded library has one parallel part per big kernel (a state update, a
 * pathway): tian has six per step, each a few microseconds of work. An OpenMP `parallel`
 * region of 2 threads costs ~0.6 us to fork and join on our 2-core VM (libgomp docks its
 * threads on a barrier and ends the region on another: ~0.28 us each), so tian's team lost
 * to one thread (issue 13). Here the caller publishes the part's function and arguments and
 * bumps a generation counter; each worker, spinning on that counter, runs its share and
 * counts itself done; the caller runs share 0 and waits for the count: one cache line
 * each way, ~0.07-0.15 us (/tmp/prof/fj.c in the note).
 *
 * A worker that has had nothing to do for EQSIM_POOL_SPINS pauses (~0.5 ms) sleeps on a
 * futex, so a library whose step loop keeps one thread (eqsim_team_control.h) leaves no
 * thread spinning; the next fork wakes it (a system call, only after such an idle spell).
 * The caller waiting for a worker that lost its core yields after EQSIM_POOL_SPINS pauses.
 * Workers start at the first fork (a library never run on its team starts none), stop at
 * unload (the library's destructor), and a child of fork() starts its own (pthread_atfork).
 * Results do not depend on any of this: the parts are fixed by the callers. */
#ifndef EQSIM_TEAM_POOL_H
#define EQSIM_TEAM_POOL_H
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/syscall.h>

#define EQSIM_POOL_MAX 64
#define EQSIM_POOL_SPINS 20000

/* share `tid` of `nt` of a parallel part, with the caller's arguments */
typedef void (*eqsim_part_fn)(const void *args, int tid, int nt);

#ifdef EQSIM_POOL_TIMING
/* prefs.codegen.cython.team_timing (benchmarks/team_parts.py): wall time of each thread's
 * share of each part (the caller's and the first worker's), of the caller's wait at the
 * join and of the whole fork, by part (the order of their first fork). Two clock reads a
 * share: off by default. */
#include "eqsim_support.h"
#define EQSIM_TIMED_PARTS 32
typedef struct { _Alignas(64) double share[EQSIM_TIMED_PARTS]; } eqsim_pool_thread_times;
typedef struct {
    eqsim_part_fn fn[EQSIM_TIMED_PARTS];
    int64_t forks[EQSIM_TIMED_PARTS];
    double wait[EQSIM_TIMED_PARTS], whole[EQSIM_TIMED_PARTS];
    double forked;  /* the current fork's time: the first worker's start is measured from it */
    _Alignas(64) double late[EQSIM_TIMED_PARTS];  /* the first worker's, summed */
    eqsim_pool_thread_times thread[2];
} eqsim_pool_timing;
static eqsim_pool_timing eqsim_pool_times;
static int eqsim_pool_timed_part(eqsim_part_fn fn) {
    for (int k = 0; k < EQSIM_TIMED_PARTS; k++) {
        if (eqsim_pool_times.fn[k] == fn) return k;
        if (eqsim_pool_times.fn[k] == NULL) { eqsim_pool_times.fn[k] = fn; return k; }
    }
    return EQSIM_TIMED_PARTS - 1;  /* more parts than that: the last slot sums them */
}
static inline void eqsim_pool_timed_share(eqsim_part_fn fn, const void *args, int tid, int nt,
                                          int part) {
    const double start = eqsim_seconds();
    if (tid == 1) eqsim_pool_times.late[part] += start - eqsim_pool_times.forked;
    fn(args, tid, nt);
    if (tid < 2) eqsim_pool_times.thread[tid].share[part] += eqsim_seconds() - start;
}
#endif

typedef struct {
    _Atomic uint32_t generation;  /* bumped by each fork; workers wait for a change */
    _Atomic int done;             /* workers finished with the current generation */
    _Atomic int sleepers;         /* workers asleep (or about to be) on `generation` */
    _Atomic int stop;
    eqsim_part_fn fn;
    const void *args;
    int nt;                       /* threads of the current part, the caller included */
#ifdef EQSIM_POOL_TIMING
    int timed_part;
#endif
    int started;                  /* workers running (the caller is thread 0) */
    pthread_t threads[EQSIM_POOL_MAX];
} eqsim_pool;

/* `seen`: the generation before the worker's first fork (read by the forking thread: a
 * worker that read it itself after starting could miss that fork) */
typedef struct { eqsim_pool *pool; int tid; uint32_t seen; } eqsim_pool_worker_arg;

static inline void eqsim_pool_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

static __attribute__((unused)) void *eqsim_pool_worker(void *raw) {
    eqsim_pool_worker_arg arg = *(eqsim_pool_worker_arg *)raw;
    eqsim_pool *const p = arg.pool;
    free(raw);
    uint32_t seen = arg.seen;
    for (;;) {
        uint32_t now;
        int spins = 0;
        while ((now = atomic_load_explicit(&p->generation, memory_order_acquire)) == seen) {
            if (atomic_load_explicit(&p->stop, memory_order_relaxed)) return NULL;
            if (++spins < EQSIM_POOL_SPINS) { eqsim_pool_pause(); continue; }
            /* asleep: the forking thread sees `sleepers` after its bump, or this thread
             * sees the bump before sleeping (both seq_cst; the futex compares again) */
            atomic_fetch_add(&p->sleepers, 1);
            if (atomic_load(&p->generation) == seen && !atomic_load(&p->stop))
                syscall(SYS_futex, (uint32_t *)&p->generation, FUTEX_WAIT_PRIVATE, seen,
                        NULL, NULL, 0);
            atomic_fetch_sub(&p->sleepers, 1);
            spins = 0;
        }
        seen = now;
        if (atomic_load_explicit(&p->stop, memory_order_relaxed)) return NULL;
#ifdef EQSIM_POOL_TIMING
        if (arg.tid < p->nt) eqsim_pool_timed_share(p->fn, p->args, arg.tid, p->nt, p->timed_part);
#else
        if (arg.tid < p->nt) p->fn(p->args, arg.tid, p->nt);
#endif
        atomic_fetch_add_explicit(&p->done, 1, memory_order_release);
    }
}

static __attribute__((unused)) void eqsim_pool_wake(eqsim_pool *p) {
    if (atomic_load(&p->sleepers) > 0)
        syscall(SYS_futex, (uint32_t *)&p->generation, FUTEX_WAKE_PRIVATE, INT32_MAX,
                NULL, NULL, 0);
}

/* run fn(args, tid, nt) for tid 0..nt-1, tid 0 on the calling thread; returns when all
 * are done. Fewer threads than asked when workers cannot be started (then the parts
 * still all run: the callers loop over their parts with stride nt). */
static __attribute__((unused)) void eqsim_pool_run(eqsim_pool *p, int nt, eqsim_part_fn fn, const void *args) {
    if (nt > EQSIM_POOL_MAX) nt = EQSIM_POOL_MAX;
    while (p->started < nt - 1) {
        eqsim_pool_worker_arg *arg = malloc(sizeof *arg);
        if (arg == NULL) break;
        arg->pool = p; arg->tid = p->started + 1;
        arg->seen = atomic_load(&p->generation);
        if (pthread_create(&p->threads[p->started], NULL, eqsim_pool_worker, arg) != 0) {
            free(arg);
            break;
        }
        p->started++;
    }
    if (nt > p->started + 1) nt = p->started + 1;
    if (nt <= 1) { fn(args, 0, 1); return; }
    p->fn = fn; p->args = args; p->nt = nt;
#ifdef EQSIM_POOL_TIMING
    const int part = p->timed_part = eqsim_pool_timed_part(fn);
    const double forked = eqsim_pool_times.forked = eqsim_seconds();
#endif
    atomic_store_explicit(&p->done, 0, memory_order_relaxed);
    atomic_fetch_add(&p->generation, 1);  /* seq_cst: publishes fn, args, nt and done */
    eqsim_pool_wake(p);
#ifdef EQSIM_POOL_TIMING
    eqsim_pool_timed_share(fn, args, 0, nt, part);
    const double joining = eqsim_seconds();
#else
    fn(args, 0, nt);
#endif
    /* every started worker counts itself (those beyond nt with nothing to do) */
    int spins = 0;
    while (atomic_load_explicit(&p->done, memory_order_acquire) < p->started) {
        if (++spins < EQSIM_POOL_SPINS) eqsim_pool_pause();
        else { sched_yield(); spins = 0; }
    }
#ifdef EQSIM_POOL_TIMING
    const double joined = eqsim_seconds();
    eqsim_pool_times.forks[part]++;
    eqsim_pool_times.wait[part] += joined - joining;
    eqsim_pool_times.whole[part] += joined - forked;
#endif
}

/* the CPUs this process may run on (its affinity mask; what omp_get_num_procs gave) */
static __attribute__((unused)) int eqsim_pool_cpus(void) {
    unsigned long mask[64] = {0};  /* 4096 CPUs */
    long bytes = syscall(SYS_sched_getaffinity, 0, sizeof mask, mask);
    if (bytes <= 0) {
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        return online > 0 ? (int)online : 1;
    }
    int cpus = 0;
    for (long k = 0; k < bytes / (long)sizeof mask[0]; k++) cpus += __builtin_popcountl(mask[k]);
    return cpus > 0 ? cpus : 1;
}

static __attribute__((unused)) void eqsim_pool_stop(eqsim_pool *p) {
    if (p->started == 0) return;
    atomic_store(&p->stop, 1);
    atomic_fetch_add(&p->generation, 1);
    eqsim_pool_wake(p);
    for (int k = 0; k < p->started; k++) pthread_join(p->threads[k], NULL);
    p->started = 0;
    atomic_store(&p->stop, 0);
}

/* in a child of fork(): the parent's workers do not exist here (the next fork starts new
 * ones); the counters are left as they were, every fork having been joined */
static __attribute__((unused)) void eqsim_pool_forget(eqsim_pool *p) {
    p->started = 0;
    atomic_store(&p->sleepers, 0);
}
#endif
