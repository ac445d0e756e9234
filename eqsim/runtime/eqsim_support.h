/* Hand-written support for generated kernels: growable record buffers and
 * Brian2's time-step rounding. Kept in C so that kernels never call Python. */
#ifndef EQSIM_SUPPORT_H
#define EQSIM_SUPPORT_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>

/* Monotonic wall-clock seconds: profile=True, the team controller's step timing and the
 * pool's part timing all read this one clock. */
static inline double eqsim_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

/* Vector variants of the elementary functions (glibc's libmvec), so that gcc can
 * vectorise state-update loops that call exp/log/sin/cos/pow. glibc only declares them
 * under -ffast-math, which we avoid (it would flush denormals process-wide).
 *
 * One computation per function, whatever the lane: gcc runs a loop's last elements (its
 * length modulo the vector width) through the scalar function, and libm's scalar exp, log,
 * ... round some results an ulp apart from libmvec's vectors; which elements fall there
 * depends on where a loop's range ends, so a group split among MPI processes got other
 * bits than in one process (AVX-512, 8 lanes: neurons 96-99 of a slice of 100 took the
 * scalar tail, their randn noise through log and cos differed in the last bit). Here every
 * lane is libmvec's 4-lane AVX2 variant: this library's own vector variants (any width,
 * 4 lanes at a time) and its own scalar exp, log, ... (one lane), hidden, so that only its
 * calls reach them. The scalar one is set in the assembler: defined in C, gcc would build
 * vector variants of its own from the body. libmvec's function is reached through its
 * versioned name, as the library defines the plain one. Without AVX2 or libmvec nothing
 * is declared `simd`: scalar libm in every lane, also one computation. */
#if defined(EQSIM_VECTOR_MATH) && defined(EQSIM_HAS_LIBMVEC) && defined(__GNUC__) && \
    !defined(__clang__) && defined(__x86_64__) && defined(__AVX2__)
typedef double eqsim_v2d __attribute__((vector_size(16)));
typedef double eqsim_v4d __attribute__((vector_size(32)));
typedef double eqsim_v8d __attribute__((vector_size(64)));
#if defined(__AVX512F__)  /* the one computation: libmvec's 8-lane AVX-512 variant */
typedef eqsim_v8d eqsim_vm;
#define EQSIM_VM_ISA "e"
#define EQSIM_VM_LANES "8"
#define EQSIM_VM_FROM2(x) ((eqsim_vm){x[0], x[1], x[1], x[1], x[1], x[1], x[1], x[1]})
#define EQSIM_VM_FROM4(x) ((eqsim_vm){x[0], x[1], x[2], x[3], x[3], x[3], x[3], x[3]})
#define EQSIM_VM_ALL(x) ((eqsim_vm){x, x, x, x, x, x, x, x})
#else                     /* ... or its 4-lane AVX2 variant */
typedef eqsim_v4d eqsim_vm;
#define EQSIM_VM_ISA "d"
#define EQSIM_VM_LANES "4"
#define EQSIM_VM_FROM2(x) ((eqsim_vm){x[0], x[1], x[1], x[1]})
#define EQSIM_VM_FROM4(x) (x)
#define EQSIM_VM_ALL(x) ((eqsim_vm){x, x, x, x})
#endif
#define EQSIM_LANES __attribute__((weak, visibility("hidden")))
#define EQSIM_SCALAR_IS(name) \
    __asm__(".weak " #name "\n.hidden " #name "\n.set " #name ", eqsim_one_" #name);
#define EQSIM_LIBMVEC(name, args)                                                          \
    __asm__(".symver eqsim_libmvec_" #name ", _ZGV" EQSIM_VM_ISA "N" EQSIM_VM_LANES args   \
            "_" #name "@GLIBC_2.22");
static inline eqsim_v2d eqsim_vm_to2(const eqsim_vm r) { return (eqsim_v2d){r[0], r[1]}; }
static inline eqsim_v4d eqsim_vm_to4(const eqsim_vm r) { return (eqsim_v4d){r[0], r[1], r[2], r[3]}; }
/* 8 lanes as the one computation takes them: at once, or as two halves (an AVX-512 loop
 * in a library built without AVX-512 is never taken, but its variant must exist) */
#if defined(__AVX512F__)
#define EQSIM_VM_8(f, ...) f(__VA_ARGS__)
#else
static inline eqsim_v8d eqsim_join8(const eqsim_v4d lo, const eqsim_v4d hi) {
    return (eqsim_v8d){lo[0], lo[1], lo[2], lo[3], hi[0], hi[1], hi[2], hi[3]};
}
#define EQSIM_VM_8(f, ...) eqsim_join8(f##_half(0, __VA_ARGS__), f##_half(4, __VA_ARGS__))
#endif
#define EQSIM_HALF(x, k) ((eqsim_v4d){x[k], x[(k) + 1], x[(k) + 2], x[(k) + 3]})
/* one argument: exp, log, sin, cos */
#define EQSIM_ONE_COMPUTATION(name)                                                        \
    eqsim_vm eqsim_libmvec_##name(eqsim_vm);                                                \
    EQSIM_LIBMVEC(name, "v")                                                               \
    EQSIM_LANES __attribute__((used)) double eqsim_one_##name(double x) {                  \
        return eqsim_libmvec_##name(EQSIM_VM_ALL(x))[0];                                    \
    }                                                                                      \
    EQSIM_SCALAR_IS(name)                                                                  \
    static inline eqsim_v4d eqsim_libmvec_##name##_half(int k, eqsim_v8d x) {              \
        return eqsim_vm_to4(eqsim_libmvec_##name(EQSIM_VM_FROM4(EQSIM_HALF(x, k))));        \
    }                                                                                      \
    EQSIM_LANES eqsim_v2d _ZGVbN2v_##name(eqsim_v2d x) {                                    \
        return eqsim_vm_to2(eqsim_libmvec_##name(EQSIM_VM_FROM2(x)));                       \
    }                                                                                      \
    EQSIM_LANES eqsim_v4d _ZGVcN4v_##name(eqsim_v4d x) {                                    \
        return eqsim_vm_to4(eqsim_libmvec_##name(EQSIM_VM_FROM4(x)));                       \
    }                                                                                      \
    EQSIM_LANES eqsim_v4d _ZGVdN4v_##name(eqsim_v4d x) {                                    \
        return eqsim_vm_to4(eqsim_libmvec_##name(EQSIM_VM_FROM4(x)));                       \
    }                                                                                      \
    EQSIM_LANES __attribute__((target("avx512f"))) eqsim_v8d _ZGVeN8v_##name(eqsim_v8d x) { \
        return EQSIM_VM_8(eqsim_libmvec_##name, x);                                         \
    }
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
/* defined once per library: in its first part when it is compiled in parts (its other parts'
 * calls reach them at the link; each part defining them cost ~0.04 s of gcc) */
#if !defined(EQSIM_PART) || EQSIM_PART == 0
EQSIM_ONE_COMPUTATION(exp)
EQSIM_ONE_COMPUTATION(log)
EQSIM_ONE_COMPUTATION(sin)
EQSIM_ONE_COMPUTATION(cos)
eqsim_vm eqsim_libmvec_pow(eqsim_vm, eqsim_vm);
EQSIM_LIBMVEC(pow, "vv")
EQSIM_LANES __attribute__((used)) double eqsim_one_pow(double x, double y) {
    return eqsim_libmvec_pow(EQSIM_VM_ALL(x), EQSIM_VM_ALL(y))[0];
}
EQSIM_SCALAR_IS(pow)
static inline eqsim_v4d eqsim_libmvec_pow_half(int k, eqsim_v8d x, eqsim_v8d y) {
    return eqsim_vm_to4(eqsim_libmvec_pow(EQSIM_VM_FROM4(EQSIM_HALF(x, k)),
                                          EQSIM_VM_FROM4(EQSIM_HALF(y, k))));
}
EQSIM_LANES eqsim_v2d _ZGVbN2vv_pow(eqsim_v2d x, eqsim_v2d y) {
    return eqsim_vm_to2(eqsim_libmvec_pow(EQSIM_VM_FROM2(x), EQSIM_VM_FROM2(y)));
}
EQSIM_LANES eqsim_v4d _ZGVcN4vv_pow(eqsim_v4d x, eqsim_v4d y) {
    return eqsim_vm_to4(eqsim_libmvec_pow(EQSIM_VM_FROM4(x), EQSIM_VM_FROM4(y)));
}
EQSIM_LANES eqsim_v4d _ZGVdN4vv_pow(eqsim_v4d x, eqsim_v4d y) {
    return eqsim_vm_to4(eqsim_libmvec_pow(EQSIM_VM_FROM4(x), EQSIM_VM_FROM4(y)));
}
EQSIM_LANES __attribute__((target("avx512f"))) eqsim_v8d _ZGVeN8vv_pow(eqsim_v8d x, eqsim_v8d y) {
    return EQSIM_VM_8(eqsim_libmvec_pow, x, y);
}
#endif
#endif

/* Rows of synapses up to this length have their targets' values prefetched (longer rows
 * keep enough loads in flight by themselves). */
#define EQSIM_PREFETCH_ROW 256

/* Elements per block of a state-update loop: the unit threads share out. */
#define EQSIM_BLOCK 256

/* NumPy's semantics for the functions the printers emit (the NumPy target is the
 * reference): NaN in any argument propagates (fmin/fmax would drop it), as numpy.maximum,
 * numpy.minimum, numpy.clip and numpy.sign do; the remainder takes the sign of the divisor,
 * computed as numpy.mod does. Built with -fno-finite-math-only, so x != x finds NaN. */
static inline double eqsim_max(double a, double b) { return (a >= b || a != a) ? a : b; }
static inline double eqsim_min(double a, double b) { return (a <= b || a != a) ? a : b; }
static inline double eqsim_clip(double x, double low, double high) {
    return eqsim_min(eqsim_max(x, low), high);
}
static inline double eqsim_sign(double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : x); }
/* a // b as Python and numpy.floor_divide (Brian2's NumPy target): the quotient of
 * a - fmod(a, b), which b divides, snapped to its integer, so that a // b and a % b
 * (eqsim_mod) are one divmod: 7.0 // -0.7 is -11, as 7.0 % -0.7 is -0.6999999999999995
 * (floor(7.0 / -0.7) is -10); inf // 2 is NaN; b == 0 gives a / b. The library is built
 * with -freciprocal-math, under which gcc turns a / 98.0 into a * (1 / 98.0) (98 // 98
 * was 0), and without signed zeros: the attribute keeps this function exact (gcc then
 * calls it, it is not inlined into kernels built with other options). */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-reciprocal-math", "no-associative-math", "signed-zeros")))
#endif
static double eqsim_floordiv(double a, double b) {
#if defined(__clang__)
#pragma clang fp reciprocal(off)
#endif
    if (b == 0) return a / b;
    const double mod = fmod(a, b);
    double div = (a - mod) / b;
    if (mod != 0 && ((b < 0) != (mod < 0))) div -= 1.0;
    if (div != 0) {
        double whole = floor(div);
        if (div - whole > 0.5) whole += 1.0;
        return whole;
    }
    return copysign(0.0, a / b);
}
static inline double eqsim_mod(double a, double b) {
    double m = fmod(a, b);
    if (m != 0) {
        if ((b < 0) != (m < 0)) m += b;
    } else {
        m = copysign(0.0, b);
    }
    return m;
}

/* An integer variable stores a kernel's double truncated towards zero, saturated at the
 * type's bounds, NaN as 0 (a plain cast of an out-of-range double is undefined behaviour;
 * the NumPy target's _to_integer gives the same). */
static inline int32_t eqsim_to_int32(double x) {
    return x != x ? 0 : x >= 2147483647.0 ? INT32_MAX : x <= -2147483648.0 ? INT32_MIN : (int32_t)x;
}
static inline int64_t eqsim_to_int64(double x) {
    return x != x ? 0 : x >= 9223372036854775807.0 ? INT64_MAX
         : x <= -9223372036854775808.0 ? INT64_MIN : (int64_t)x;
}

/* Integer time step of time t: rounding tolerates float error in t, as Brian2's timestep().
 * A whole number held in a double (the int64 cast's value below 2**53): a conversion to
 * int64 has no AVX2 instruction, and the refractoriness test (timestep(t - lastspike, dt)
 * >= ...) in a state update kept gcc from vectorising the whole loop (coba's update ran
 * at 30 ns a neuron instead of ~4). */
static inline double eqsim_timestep(double t, double dt) {
    return trunc((t + 1e-3 * dt) / dt);
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
/* Dense pathways (eqsim/codegen/dense_rows.py): a row is 64-bit masks over the targets, and
 * each 4 targets of a word get table[their 4 bits]: the step's value where a bit is set,
 * -0.0 (which changes no value) where not. */
typedef double eqsim_dense_v4 __attribute__((vector_size(32)));

static inline void eqsim_dense_table(eqsim_dense_v4 table[16], double value) {
    /* -0.0 from its bits: under -fno-signed-zeros gcc may write the literal as +0.0, and
     * -0.0 + +0.0 is +0.0 */
    const uint64_t negative_zero_bits = 0x8000000000000000ull;
    double negative_zero;
    memcpy(&negative_zero, &negative_zero_bits, sizeof negative_zero);
    for (int m = 0; m < 16; m++)
        for (int lane = 0; lane < 4; lane++)
            table[m][lane] = (m >> lane & 1) ? value : negative_zero;
}

/* The first of `n` blocks in share `part` of `parts` (the team's shares of a state update,
 * of a pathway's targets: codegen/kinds.py thread_bounds is the same rule). When the blocks
 * do not divide evenly the first shares take one more: share 0 is the calling thread's,
 * which starts at once while a worker first sees the fork (brunel's 49 blocks gave the
 * worker 25 and the caller 24, and the caller waited at every join). */
static inline int64_t eqsim_share_start(int64_t n, int64_t part, int64_t parts) {
    const int64_t extra = n % parts;
    return n / parts * part + (part < extra ? part : extra);
}

/* The first of `n` blocks in target part `part` of `parts` (a pathway's, PoissonInput's or
 * reset's parts of the same targets: codegen/kinds.py part_starts is the same rule). A team
 * of two (EQSIM_TAPERED_PARTS) claims its parts from both ends (eqsim_claim_parts), so the
 * parts halve in size towards the middle, which is claimed last: the thread that finishes first
 * waits at the join for at most the last part (brunel: 2 of 49 blocks, against 6 of equal
 * parts), while the big outer parts keep the claims, each a pass over the step's arriving
 * rows, few. Every part has at least one block; a team of 3+ has one equal part each. */
#ifndef EQSIM_TAPERED_PARTS
#define EQSIM_TAPERED_PARTS 0
#endif
static inline int64_t eqsim_part_weight(int64_t part, int64_t parts) {
    const int64_t from_end = part < parts - 1 - part ? part : parts - 1 - part;
    const int64_t shift = (parts + 1) / 2 - 1 - from_end;
    return (int64_t)1 << (shift < 20 ? shift : 20);
}
static inline int64_t eqsim_part_start(int64_t n, int64_t part, int64_t parts) {
    if (!EQSIM_TAPERED_PARTS || parts <= 2 || n <= parts) return eqsim_share_start(n, part, parts);
    int64_t before = 0, total = 0;
    for (int64_t k = 0; k < parts; k++) {
        if (k < part) before += eqsim_part_weight(k, parts);
        total += eqsim_part_weight(k, parts);
    }
    return part + (n - parts) * before / total;
}

/* Claimed shares of a team of two: the blocks still unclaimed are [lo, hi), packed into one
 * word (hi << 32 | lo) that both threads update by compare-and-swap. The calling thread
 * claims from the bottom, the worker from the top, so each thread's blocks stay one
 * contiguous range (its event list one run, in order) that meets the other's wherever the
 * slower thread got to. Fixed halves made the faster thread wait at every join: on this VM
 * one vCPU's share of coba x16's state update often took 10-20 % longer than the other's
 * (13 us of a 95 us fork). Each thread's first claim is three quarters of a half (the
 * blocks it would have had: the pathways' fixed shares of the same targets start there),
 * the rest goes a quarter of what is left at a time, at least `least` blocks (a claim
 * moves the word's cache line between the cores, ~0.1-0.2 us: EQSIM_CLAIM_MIN element
 * blocks). A fork's target parts are claimed by eqsim_claim_parts below. */
#define EQSIM_CLAIM_MIN 2
static inline int64_t eqsim_claims_of(int64_t n_blocks) { return n_blocks << 32; }
/* the claim itself: `first` at the thread's first claim, then `divisor`th of what is left
 * (0: none), at least `least` */
static inline int eqsim_claim_sized(int64_t *const unclaimed, const int top, const int64_t n,
                                    const int64_t first, const int64_t divisor,
                                    const int64_t least, int64_t *const lo, int64_t *const hi) {
    int64_t old = __atomic_load_n(unclaimed, __ATOMIC_RELAXED);
    for (;;) {
        const int64_t a = old & 0xffffffff, b = old >> 32;
        if (a >= b) return 0;
        int64_t c = (top ? b == n : a == 0) ? first : divisor ? (b - a) / divisor : 0;
        if (c < least) c = least;
        if (c > b - a) c = b - a;
        const int64_t next = top ? (b - c) << 32 | a : b << 32 | (a + c);
        if (__atomic_compare_exchange_n(unclaimed, &old, next, 1, __ATOMIC_RELAXED,
                                        __ATOMIC_RELAXED)) {
            *lo = top ? b - c : a;
            *hi = top ? b : a + c;
            return 1;
        }
    }
}
static inline int eqsim_claim(int64_t *const unclaimed, const int top, const int64_t n_blocks,
                              const int64_t least, int64_t *const lo, int64_t *const hi) {
    return eqsim_claim_sized(unclaimed, top, n_blocks, (n_blocks * 3 + 7) / 8, 4, least, lo, hi);
}

/* Target parts of a team of two (eqsim_part_start), claimed from the thread's end (bottom
 * for the calling thread, top for the worker): `first` parts at the first claim, then one
 * at a time. Each claim is a pass over the step's arriving rows: where a row's part is a
 * few synapses (coba x16: ~10) a pass costs more than the tail it balances (4 passes
 * instead of 2 added ~40 % to coba x16's pathway fork), so such forks claim all but the
 * innermost part of their side first (kinds.first_claim). */
static inline int eqsim_claim_parts(int64_t *const unclaimed, const int top, const int64_t n,
                                    const int64_t first, int64_t *const lo, int64_t *const hi) {
    return eqsim_claim_sized(unclaimed, top, n, first, 0, 1, lo, hi);
}

/* The first word of part `part` of `parts` of a row of `words` words: whole element blocks
 * (EQSIM_BLOCK targets, EQSIM_BLOCK / 64 words), split as a state update splits its blocks
 * among the team, so that each thread adds to the targets it updates (a target updated on
 * one core and added to on the other moves between their caches twice a step). */
static inline int64_t eqsim_dense_split(int64_t words, int64_t part, int64_t parts) {
    const int64_t per_block = EQSIM_BLOCK / 64, blocks = (words + per_block - 1) / per_block;
    const int64_t first = eqsim_part_start(blocks, part, parts) * per_block;
    return first < words ? first : words;
}

/* the n (<= 64) targets y[0..n) of one word of a row: groups of 4 through the table, the
 * rest of a last, partial word one by one (no load or store past the targets) */
static inline void eqsim_dense_word(double *y, uint64_t bits, const eqsim_dense_v4 table[16],
                                    double value, int n) {
    const int groups = n >> 2;
    for (int g = 0; g < groups; g++) {
        eqsim_dense_v4 v;
        memcpy(&v, y + 4 * g, sizeof v);
        v += table[(bits >> (4 * g)) & 15];
        memcpy(y + 4 * g, &v, sizeof v);
    }
    for (int b = 4 * groups; b < n; b++)
        if (bits >> b & 1) y[b] += value;
}

/* The words w_lo up to w_hi of each arriving source's row (bits + source * words: a mask
 * over targets[0 .. n_targets)) added to the targets, row after row. One copy per library
 * part, whatever number of dense pathways call it: as one copy per pathway, the loop was
 * most of the gcc time of a library with several (tian: 4, ~0.3 s of a part's 0.9 s on
 * two threads). */
static __attribute__((noinline, unused)) void eqsim_dense_rows(
    double *const targets, const uint64_t *const bits, const int64_t words,
    const int64_t n_targets, const int64_t w_lo, const int64_t w_hi,
    const int32_t *const arriving, const int64_t n_arriving, const double value) {
    eqsim_dense_v4 table[16];
    eqsim_dense_table(table, value);
    for (int64_t a = 0; a < n_arriving; a++) {
        if (a + 2 < n_arriving) {
            const uint64_t *const ahead = bits + (int64_t)arriving[a + 2] * words;
            for (int64_t w = w_lo; w < w_hi; w += 8) __builtin_prefetch(&ahead[w]);
        }
        const uint64_t *const row = bits + (int64_t)arriving[a] * words;
        for (int64_t w = w_lo; w < w_hi; w++) {
            if (64 * w + 64 <= n_targets)
                eqsim_dense_word(targets + 64 * w, row[w], table, value, 64);
            else
                eqsim_dense_word(targets + 64 * w, row[w], table, value,
                                 (int)(n_targets - 64 * w));
        }
    }
}
#endif
