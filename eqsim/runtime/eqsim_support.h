/* Hand-written support for generated kernels: growable record buffers and
 * Brian2's time-step rounding. Kept in C so that kernels never call Python. */
#ifndef EQSIM_SUPPORT_H
#define EQSIM_SUPPORT_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

/* Vector variants of the elementary functions (glibc's libmvec), so that gcc can
 * vectorise state-update loops that call exp/log. glibc only declares them under
 * -ffast-math, which we avoid (it would flush denormals process-wide). Results
 * differ from the scalar functions by at most a few ulp. */
#if defined(EQSIM_VECTOR_MATH) && defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#pragma omp declare simd notinbranch
double exp(double);
#pragma omp declare simd notinbranch
double log(double);
#pragma omp declare simd notinbranch
double pow(double, double);
#pragma omp declare simd notinbranch
double sin(double);
#pragma omp declare simd notinbranch
double cos(double);
#endif

/* Rows of synapses up to this length have their targets' values prefetched (longer rows
 * keep enough loads in flight by themselves). */
#define EQSIM_PREFETCH_ROW 256

/* Elements per block of a state-update loop: the unit threads share out. */
#define EQSIM_BLOCK 256

/* Integer time step of time t: rounding tolerates float error in t, as Brian2's timestep(). */
static inline int64_t eqsim_timestep(double t, double dt) {
    return (int64_t)((t + 1e-3 * dt) / dt);
}

/* A growable array of fixed-size items that monitors append to during a run. */
typedef struct {
    char *data;
    int64_t size;      /* items stored */
    int64_t capacity;  /* items allocated */
    int64_t itemsize;  /* bytes per item */
} eqsim_buffer;

static inline int eqsim_buffer_reserve(eqsim_buffer *b, int64_t extra) {
    if (b->size + extra <= b->capacity) return 0;
    int64_t cap = b->capacity ? b->capacity : 1024;
    while (cap < b->size + extra) cap *= 2;
    char *p = (char *)realloc(b->data, (size_t)(cap * b->itemsize));
    if (!p) return -1;
    b->data = p;
    b->capacity = cap;
    return 0;
}

static inline void eqsim_push_double(eqsim_buffer *b, double x) {
    if (b->size == b->capacity && eqsim_buffer_reserve(b, 1)) abort();
    ((double *)b->data)[b->size++] = x;
}

static inline void eqsim_push_int32(eqsim_buffer *b, int32_t x) {
    if (b->size == b->capacity && eqsim_buffer_reserve(b, 1)) abort();
    ((int32_t *)b->data)[b->size++] = x;
}

static inline void eqsim_buffer_clear(eqsim_buffer *b) { b->size = 0; }

static inline void eqsim_buffer_free(eqsim_buffer *b) {
    free(b->data);
    b->data = NULL;
    b->size = b->capacity = 0;
}
#endif
