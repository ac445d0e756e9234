/* The thread team's work as a threaded network library hands it over: the pool's forks and
 * joins (eqsim_team_pool.h) and the parts kernels defer to one shared fork. Compiled once,
 * into the network glue at install, which hands the table below to each threaded library
 * when it loads it (eqsim_set_team_functions, thread_team.c.j2): compiled into every threaded
 * library it was ~0.1 s of gcc in each cold build (coba's part 0: 0.33 -> 0.22 s), most of
 * what two threads added to a network's first build. A library built with
 * prefs.codegen.cython.team_timing (EQSIM_POOL_TIMING) compiles its own copy, timed.
 *
 * Parts deferred by kernels that may share one fork (codegen/fusion.py: consecutive kernels
 * that touch disjoint arrays: pathways with their queues' events already pushed, state
 * updates with thresholds): each thread runs its share of every deferred part in order, then
 * they join once, then the calling thread runs each part's `after` (a state update's event
 * list and event statements). tian's four pathways had four forks a step, each ~0.5-1 us of
 * wake-up, first reads and join on this VM, its two updates two more. A kernel that splits
 * its targets into parts (pathways, PoissonInputs, resets: kinds.target_parts) defers
 * `parts(args, lo, hi)`, which does its parts lo up to hi. When every part of a fork is such
 * a kernel, with the same parts, a team of two claims the parts (eqsim_claim_parts: from
 * both ends, the big outer parts first, each claimed range done by every kernel in turn, so
 * each target sees the kernels' work in the serial order, on one thread); otherwise each
 * thread takes its fixed share of every kernel's parts. */
#ifndef EQSIM_TEAM_THREADS_H
#define EQSIM_TEAM_THREADS_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "eqsim_support.h"
#include "eqsim_team_pool.h"

#define EQSIM_DEFER_MAX 8
/* room for a deferred part's arguments (a library's EQSIM_DEFER_ARGS may ask for less:
 * tests, to take the path of arguments too big) */
#define EQSIM_DEFER_ARGS_MAX 256

typedef void (*eqsim_after_fn)(int64_t, double, double);
typedef void (*eqsim_parts_fn)(const void *args, int64_t lo, int64_t hi);
typedef struct {
    eqsim_part_fn fn;
    eqsim_parts_fn parts;  /* or NULL: fn(args, tid, nt) */
    int64_t n_parts;
    int64_t first;  /* parts claimed first (kinds.first_claim) */
    eqsim_after_fn after;
    int64_t step;
    double t, dt;
    const void *at;  /* the arguments: `args` below, or the caller's (a part run at once) */
    _Alignas(16) unsigned char args[EQSIM_DEFER_ARGS_MAX];
} eqsim_deferred_part;

/* one per library */
typedef struct {
    eqsim_pool pool;
    size_t args_room;     /* bytes of arguments a deferred part may copy (<= the maximum) */
    int n_deferred;
    int claimed_fork;
    int64_t unclaimed;    /* the parts not yet claimed in a claimed fork */
    int64_t first_claim;  /* parts a thread claims first: the most any part asks */
    eqsim_deferred_part deferred[EQSIM_DEFER_MAX];
} eqsim_team_threads;
#define EQSIM_TEAM_THREADS_INIT(room) {.args_room = (room)}

static void eqsim_threads_run_deferred(const void *raw, const int tid, const int nt) {
    eqsim_team_threads *const w = (eqsim_team_threads *)raw;
    if (w->claimed_fork && nt == 2) {
        int64_t lo, hi;
        while (eqsim_claim_parts(&w->unclaimed, tid, w->deferred[0].n_parts, w->first_claim, &lo, &hi))
            for (int k = 0; k < w->n_deferred; k++) w->deferred[k].parts(w->deferred[k].at, lo, hi);
        return;
    }
    for (int k = 0; k < w->n_deferred; k++) {
        const eqsim_deferred_part *const d = &w->deferred[k];
        if (d->parts != NULL)
            d->parts(d->at, eqsim_share_start(d->n_parts, tid, nt), eqsim_share_start(d->n_parts, tid + 1, nt));
        else
            d->fn(d->at, tid, nt);
    }
}

/* fn(args, tid, nt) on `team` threads now */
static void eqsim_threads_run(eqsim_team_threads *w, int team, eqsim_part_fn fn, const void *args) {
    eqsim_pool_run(&w->pool, team, fn, args);
}

/* run every deferred part (the step loop calls it before whatever may read their work) */
static void eqsim_threads_flush(eqsim_team_threads *w, int team) {
    if (w->n_deferred == 0) return;
    w->claimed_fork = 1;
    w->first_claim = 1;
    for (int k = 0; k < w->n_deferred; k++) {
        w->claimed_fork &= w->deferred[k].parts != NULL && w->deferred[k].n_parts == w->deferred[0].n_parts;
        if (w->deferred[k].first > w->first_claim) w->first_claim = w->deferred[k].first;
    }
    w->unclaimed = eqsim_claims_of(w->deferred[0].n_parts);
    if (w->n_deferred == 1 && w->deferred[0].parts == NULL)
        eqsim_pool_run(&w->pool, team, w->deferred[0].fn, w->deferred[0].at);
    else
        eqsim_pool_run(&w->pool, team, eqsim_threads_run_deferred, w);
    const int n = w->n_deferred;
    w->n_deferred = 0;
    for (int k = 0; k < n; k++)
        if (w->deferred[k].after != NULL)
            w->deferred[k].after(w->deferred[k].step, w->deferred[k].t, w->deferred[k].dt);
}

/* fn(args, tid, nt), or parts(args, lo, hi) over n_parts parts, at the next flush with a
 * copy of `size` bytes of args, then (if not NULL) after(step, t, dt) on the calling
 * thread; arguments too big for a copy: after the parts deferred before, at once */
static void eqsim_threads_defer(eqsim_team_threads *w, int team, eqsim_part_fn fn,
                                eqsim_parts_fn parts, int64_t n_parts, int64_t first,
                                const void *args, size_t size, eqsim_after_fn after,
                                int64_t step, double t, double dt) {
    const int now = size > w->args_room || size > EQSIM_DEFER_ARGS_MAX;
    if (now || w->n_deferred == EQSIM_DEFER_MAX) eqsim_threads_flush(w, team);
    eqsim_deferred_part *const part = &w->deferred[w->n_deferred];
    part->fn = fn;
    part->parts = parts;
    part->n_parts = n_parts;
    part->first = first;
    part->after = after;
    part->step = step; part->t = t; part->dt = dt;
    if (!now) memcpy(part->args, args, size);
    part->at = now ? args : part->args;
    w->n_deferred++;
    if (now) eqsim_threads_flush(w, team);
}

/* the library's destructor (its threads end before its code goes) and a child of fork()
 * (none of the parent's threads exist there) */
static void eqsim_threads_stop(eqsim_team_threads *w) { eqsim_pool_stop(&w->pool); }
static void eqsim_threads_forget(eqsim_team_threads *w) { eqsim_pool_forget(&w->pool); }

typedef struct {
    void (*run)(eqsim_team_threads *w, int team, eqsim_part_fn fn, const void *args);
    void (*flush)(eqsim_team_threads *w, int team);
    void (*defer)(eqsim_team_threads *w, int team, eqsim_part_fn fn, eqsim_parts_fn parts,
                  int64_t n_parts, int64_t first, const void *args, size_t size,
                  eqsim_after_fn after, int64_t step, double t, double dt);
    void (*stop)(eqsim_team_threads *w);
    void (*forget)(eqsim_team_threads *w);
} eqsim_team_thread_functions;

static const eqsim_team_thread_functions eqsim_team_threads_lent = {
    eqsim_threads_run, eqsim_threads_flush, eqsim_threads_defer, eqsim_threads_stop,
    eqsim_threads_forget};
#endif
