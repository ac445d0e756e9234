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
 * spiked R steps ago, and for the few "pending" ones (refractory when the run started, or
 * whose formula did not hold when expected) at every step until it holds. At the first step
 * after every entry into eqsim_run (a run() or its resumption after a network operation,
 * where Python may have changed lastspike, not_refractory, dt or the period) it evaluates the
 * formula for every neuron, as the element loop would, and starts over. Each neuron is in at
 * most one of the two lists (only a flag that is 0 puts it there), so each needs at most n
 * entries. */
#ifndef EQSIM_REFRACTORY_H
#define EQSIM_REFRACTORY_H
#include <stdint.h>
#include <stdlib.h>

/* longer periods (in steps) are evaluated for every neuron at every step: their counts would
 * take more memory than the formula takes time */
#define EQSIM_REFRACTORY_MAX_STEPS (1 << 20)

typedef struct {
    int32_t *spiked;          /* neurons that spiked in the last R steps, oldest first (circular) */
    int64_t spiked_head, spiked_size;
    int32_t *counts;          /* how many of them spiked at each of those steps (circular) */
    int64_t counts_head, counts_size;
    int32_t *pending;         /* refractory neurons whose formula is checked at every step */
    int64_t n_pending;
    int64_t capacity, counts_capacity;  /* allocated entries of spiked and pending, of counts */
    int64_t entry;            /* the eqsim_run entry the lists were started at (-1: none) */
} eqsim_refractory;

/* room for n neurons and R steps (kept from run to run: grown, never shrunk); 0 when the
 * memory is not there, and the kernel then evaluates the formula for every neuron */
static inline int eqsim_refractory_reserve(eqsim_refractory *r, int64_t n, int64_t steps) {
    if (n > r->capacity) {
        int32_t *spiked = (int32_t *)realloc(r->spiked, (size_t)n * sizeof(int32_t));
        if (spiked == NULL) return 0;
        r->spiked = spiked;
        int32_t *pending = (int32_t *)realloc(r->pending, (size_t)n * sizeof(int32_t));
        if (pending == NULL) return 0;
        r->pending = pending;
        r->capacity = n;
    }
    if (steps > r->counts_capacity) {
        int32_t *counts = (int32_t *)realloc(r->counts, (size_t)steps * sizeof(int32_t));
        if (counts == NULL) return 0;
        r->counts = counts;
        r->counts_capacity = steps;
    }
    return 1;
}

/* empty lists, started at eqsim_run entry `entry` */
static inline void eqsim_refractory_start(eqsim_refractory *r, int64_t entry) {
    r->spiked_head = r->spiked_size = r->counts_head = r->counts_size = r->n_pending = 0;
    r->entry = entry;
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
