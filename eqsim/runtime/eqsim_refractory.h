/* Refractoriness kept from spike to spike instead of recomputed for every neuron at every step
 * (eqsim/codegen/refractory_release.py says when; the kernel's code is the macro
 * refractory_release of templates/cython/macros.c.j2).
 *
 * Brian2's state update sets not_refractory = timestep(t - lastspike) >= timestep(period) for
 * every neuron at every step: a load of lastspike and a store of the flag per neuron, which
 * with AVX-512 packs eight compare masks into bytes (a sixth of cuba's neuron update). During a
 * run, when only the group's threshold writes lastspike (with not_refractory = 0, and never
 * for a refractory neuron) and the period is one number of R >= 1 steps, the neurons whose
 * flag turns true at step n are those that spiked at step n - R. So the kernel keeps the spikes
 * of the last R steps, in order, and at each step (before the element loop, which then reads
 * the flag): records the previous step's spikes, checks Brian2's formula for the neurons that
 * spiked R steps ago, and for the few "pending" ones (whose lastspike was no step of the last
 * R when the run started, or whose formula did not hold when expected) at every step until it
 * holds. At the first step after every entry into eqsim_run (every run(): Python may have
 * changed lastspike, not_refractory, dt or the period since the last) it evaluates the
 * formula for every neuron, as the element loop would, and starts the lists over from the
 * refractory neurons' lastspike (eqsim_refractory_fill); while that would leave many neurons
 * pending, it evaluates the formula for every neuron at every step instead. Each neuron is in
 * at most one of the two lists (only a flag that is 0 puts it there), so each needs at most
 * n entries. A network with network operations keeps the
 * formula in its element loop (refractory_release.py): the loop returns to Python for them,
 * maybe at every step, and the kernel would start over after each return. */
#ifndef EQSIM_REFRACTORY_H
#define EQSIM_REFRACTORY_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "eqsim_support.h"

/* longer periods (in steps) are evaluated for every neuron at every step: their counts would
 * take more memory than the formula takes time */
#define EQSIM_REFRACTORY_MAX_STEPS (1 << 20)
/* more pending neurons than this share of the group (checked one at a time, ~5 ns each) and
 * the kernel evaluates the formula for every neuron instead (a SIMD pass, ~0.2 ns each) */
#define EQSIM_REFRACTORY_PENDING_SHARE 16

typedef struct {
    int32_t *spiked;          /* neurons that spiked in the last R steps, oldest first (circular) */
    int64_t spiked_head, spiked_size;
    int32_t *counts;          /* how many of them spiked at each of those steps (circular) */
    int64_t counts_head, counts_size;
    int32_t *starts;          /* scratch of eqsim_refractory_fill, one entry per step */
    int32_t *pending;         /* refractory neurons whose formula is checked at every step */
    int64_t n_pending;
    int64_t capacity, counts_capacity;  /* allocated entries of spiked and pending, of counts */
    int64_t entry;            /* the eqsim_run entry the lists were started at (-1: none) */
    int64_t retry_entry, retry_step;  /* lists that started with many pending: not again
                                       * before this step of this entry */
} eqsim_refractory;

/* *list made room for n entries (0: no memory, the list as it was) */
static inline int eqsim_refractory_grow(int32_t **list, int64_t n) {
    int32_t *grown = (int32_t *)realloc(*list, (size_t)n * sizeof(int32_t));
    if (grown == NULL) return 0;
    *list = grown;
    return 1;
}
/* room for n neurons and R steps (kept from run to run: grown, never shrunk); 0 when the
 * memory is not there, and the kernel then evaluates the formula for every neuron */
static inline int eqsim_refractory_reserve(eqsim_refractory *r, int64_t n, int64_t steps) {
    if (n > r->capacity) {
        if (!eqsim_refractory_grow(&r->spiked, n) || !eqsim_refractory_grow(&r->pending, n))
            return 0;
        r->capacity = n;
    }
    if (steps > r->counts_capacity) {
        if (!eqsim_refractory_grow(&r->counts, steps) || !eqsim_refractory_grow(&r->starts, steps))
            return 0;
        r->counts_capacity = steps;
    }
    return 1;
}

/* the neurons of flags[lo:hi] whose flag is 0, ascending, into out; their count (a run's first
 * step lists them: most flags are 1, so eight are checked at a time) */
static inline int64_t eqsim_refractory_zeros(const char *flags, int64_t lo, int64_t hi,
                                             int32_t *out) {
    int64_t n = 0, i = lo;
    for (; i + 8 <= hi; i += 8) {
        uint64_t word;
        memcpy(&word, flags + i, 8);
        if (word == 0x0101010101010101ULL) continue;
        for (int64_t j = i; j < i + 8; j++)
            if (!flags[j]) out[n++] = (int32_t)j;
    }
    for (; i < hi; i++)
        if (!flags[i]) out[n++] = (int32_t)i;
    return n;
}

/* the lists at a run's first step, once the kernel has evaluated the formula for every neuron
 * of [lo, hi) at time t: the spikes of each of the last `steps` - 1 steps are the refractory
 * neurons whose lastspike is that step, each placed one step later than its own so that it is
 * checked a step before its period can end, never after (the check then keeps it pending for
 * that step); pending: those whose lastspike is no such step (set by Python ahead of t, or a
 * new network's t behind it) */
static inline void eqsim_refractory_fill(eqsim_refractory *r, const char *flags,
                                         const double *lastspike, int64_t lo, int64_t hi,
                                         double t, double dt, int64_t steps) {
    const int64_t n = eqsim_refractory_zeros(flags, lo, hi, r->pending);
    /* slot j: the spikes due at the step j + 1 from now; a neuron d steps after its spike is
     * due at steps - d from now, so one step early in slot steps - 2 - d = last - d */
    const int64_t slots = steps - 1, last = steps - 2;
    for (int64_t j = 0; j < slots; j++) r->counts[j] = 0;
    for (int64_t k = 0; k < n; k++) {
        const double d = eqsim_timestep(t - lastspike[r->pending[k]], dt);
        if (d >= 0 && d <= (double)last) r->counts[last - (int64_t)d]++;
    }
    int64_t at = 0;
    for (int64_t j = 0; j < slots; j++) { r->starts[j] = (int32_t)at; at += r->counts[j]; }
    int64_t kept = 0;
    for (int64_t k = 0; k < n; k++) {
        const int32_t i = r->pending[k];
        const double d = eqsim_timestep(t - lastspike[i], dt);
        if (d >= 0 && d <= (double)last) r->spiked[r->starts[last - (int64_t)d]++] = i;
        else r->pending[kept++] = i;
    }
    r->spiked_head = 0;
    r->spiked_size = at;
    r->counts_head = 0;
    r->counts_size = slots;
    r->n_pending = kept;
}

/* after the formula for every neuron of [lo, hi) at step `step` of eqsim_run entry `entry`:
 * the lists from the next step on (1), or not (0: the kernel evaluates the formula for every
 * neuron again), when there is no memory for them or they would start with many neurons
 * pending, which they then do not try again for a period */
static inline int eqsim_refractory_restart(eqsim_refractory *r, const char *flags,
                                           const double *lastspike, int64_t lo, int64_t hi,
                                           double t, double dt, int64_t steps, int64_t step,
                                           int64_t entry) {
    r->entry = -1;
    if (steps <= 0 || (r->retry_entry == entry && step < r->retry_step)
            || !eqsim_refractory_reserve(r, hi - lo, steps))
        return 0;
    eqsim_refractory_fill(r, flags, lastspike, lo, hi, t, dt, steps);
    if (r->n_pending > (hi - lo) / EQSIM_REFRACTORY_PENDING_SHARE) {
        r->retry_entry = entry;
        r->retry_step = step + steps;
        return 0;
    }
    r->entry = entry;
    return 1;
}

/* the `n` neurons of `events` spiked at the step after the last one recorded; 0 when the list
 * would hold more neurons than the group has (a flag written by something else: the kernel
 * then starts over from the formula) */
static inline int eqsim_refractory_record(eqsim_refractory *r, const int32_t *events, int32_t n,
                                          int64_t steps) {
    if (r->spiked_size + r->n_pending + n > r->capacity || r->counts_size >= steps) return 0;
    int64_t at = (r->spiked_head + r->spiked_size) % r->capacity;
    for (int32_t k = 0; k < n; k++) {
        r->spiked[at] = events[k];
        if (++at == r->capacity) at = 0;
    }
    r->spiked_size += n;
    r->counts[(r->counts_head + r->counts_size) % steps] = n;
    r->counts_size++;
    return 1;
}

/* how many neurons spiked at the oldest step recorded, removed from the counts when that step
 * is `steps` ago (else 0); the kernel then takes them with eqsim_refractory_oldest */
static inline int32_t eqsim_refractory_due(eqsim_refractory *r, int64_t steps) {
    if (r->counts_size < steps) return 0;
    const int32_t n = r->counts[r->counts_head];
    r->counts_head = (r->counts_head + 1) % steps;
    r->counts_size--;
    return n;
}

/* the oldest neuron of the spiked list, removed from it */
static inline int32_t eqsim_refractory_oldest(eqsim_refractory *r) {
    const int32_t k = r->spiked[r->spiked_head];
    if (++r->spiked_head == r->capacity) r->spiked_head = 0;
    r->spiked_size--;
    return k;
}
#endif
