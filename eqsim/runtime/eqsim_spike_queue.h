/* Ring buffer of spikes in flight: slot k holds what arrives k steps from now.
 * Homogeneous delays queue presynaptic neuron indices (cheap); heterogeneous
 * delays queue synapse indices, each in the slot of its own delay. */
#ifndef EQSIM_SPIKE_QUEUE_H
#define EQSIM_SPIKE_QUEUE_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int32_t **items;
    int64_t *size;
    int64_t *capacity;
    int64_t n_slots;
    int64_t current;
} eqsim_queue;

static inline void eqsim_queue_free(eqsim_queue *q) {
    for (int64_t k = 0; k < q->n_slots; k++) free(q->items[k]);
    free(q->items); free(q->size); free(q->capacity);
    q->items = NULL; q->size = q->capacity = NULL; q->n_slots = 0; q->current = 0;
}

/* Empty the queue and give it n_slots slots (max delay in steps + 1). */
static inline void eqsim_queue_reset(eqsim_queue *q, int64_t n_slots) {
    eqsim_queue_free(q);
    if (n_slots < 1) n_slots = 1;
    q->items = (int32_t **)calloc((size_t)n_slots, sizeof(int32_t *));
    q->size = (int64_t *)calloc((size_t)n_slots, sizeof(int64_t));
    q->capacity = (int64_t *)calloc((size_t)n_slots, sizeof(int64_t));
    q->n_slots = n_slots;
    q->current = 0;
}

static inline void eqsim_queue_push(eqsim_queue *q, int64_t delay, int32_t value) {
    int64_t slot = (q->current + delay) % q->n_slots;
    if (q->size[slot] == q->capacity[slot]) {
        int64_t cap = q->capacity[slot] ? 2 * q->capacity[slot] : 256;
        int32_t *p = (int32_t *)realloc(q->items[slot], (size_t)cap * sizeof(int32_t));
        if (!p) abort();
        q->items[slot] = p;
        q->capacity[slot] = cap;
    }
    q->items[slot][q->size[slot]++] = value;
}

/* Items arriving now; their count in *n. */
static inline int32_t *eqsim_queue_peek(eqsim_queue *q, int64_t *n) {
    *n = q->size[q->current];
    return q->items[q->current];
}

static inline void eqsim_queue_advance(eqsim_queue *q) {
    q->size[q->current] = 0;
    q->current = (q->current + 1) % q->n_slots;
}

/* Items of the slot `offset` steps from now (for saving the queue between runs). */
static inline int32_t *eqsim_queue_slot(eqsim_queue *q, int64_t offset, int64_t *n) {
    int64_t slot = (q->current + offset) % q->n_slots;
    *n = q->size[slot];
    return q->items[slot];
}
#endif
