/*
 * eqsim_bernoulli.h -- which positions of a row a Bernoulli(p) sample keeps: the draws of
 * connect(p=...) and of procedural synapses (the C twin of eqsim/runtime/sampling.py).
 *
 * Dense rows (p >= EQSIM_DENSE_P) draw one 32-bit lane per position, with no log:
 *
 *   key       = eqsim_key(seed, stream, EQSIM_SUB_DENSE)
 *   group g   = positions 32g .. 32g+31 of the row whose step is `step` (the source index)
 *   position 32g + 8l + m is kept iff lane l of Philox(key, step, index 8g + m) < threshold
 *   threshold = floor(p * 2^32) (2^32 for p >= 1), lanes l = word0 lo, word0 hi, word1 lo, hi
 *
 * so one Philox call serves 4 positions and 8 calls (one AVX2 vector per lane) give the
 * 32 bits of a group's keep mask (two groups are drawn at once). Any window of a row is
 * drawn from its own groups alone.
 * All of it is integer arithmetic: every target and any compiler gives the same bits.
 * Sparse rows walk geometric gaps (eqsim_geometric, one Philox call and one log per kept
 * position) in blocks of EQSIM_WALK_BLOCK positions, block b using the draws (b << 32) + m.
 */
#ifndef EQSIM_BERNOULLI_H
#define EQSIM_BERNOULLI_H

#include <stdint.h>
#include "eqsim_random.h"

/* measured: a dense group costs ~32 ns, a geometric gap ~40 ns, so the walk is cheaper
 * only below about one kept position per group */
#define EQSIM_DENSE_P 0.04
#define EQSIM_DENSE_GROUP 32
#define EQSIM_SUB_DENSE 3
#define EQSIM_WALK_BLOCK 1024
#define EQSIM_WALK_SHIFT 32

static inline int eqsim_bernoulli_is_dense(double p)
{
    return p >= EQSIM_DENSE_P;
}

/* floor(p * 2^32): exact (a product by a power of two), 2^32 keeps every position */
static inline uint64_t eqsim_bernoulli_threshold(double p)
{
    if (p >= 1.0)
        return UINT64_C(1) << 32;
    if (!(p > 0.0))
        return 0;
    return (uint64_t)(p * 4294967296.0);
}

/* the bits b of a group starting at position `first` with lo <= first + b < hi */
static inline uint32_t eqsim_window_bits(int64_t first, int64_t lo, int64_t hi)
{
    int64_t start = lo - first, stop = hi - first;
    uint64_t upper, lower;
    if (start < 0)
        start = 0;
    if (stop > EQSIM_DENSE_GROUP)
        stop = EQSIM_DENSE_GROUP;
    if (stop <= start)
        return 0;
    upper = (UINT64_C(1) << stop) - 1;
    lower = (UINT64_C(1) << start) - 1;
    return (uint32_t)(upper & ~lower);
}

static inline uint32_t eqsim_dense_mask_scalar(uint64_t key, uint64_t step, uint64_t group,
                                               uint64_t threshold)
{
    uint32_t mask = 0;
    int m;
    for (m = 0; m < 8; m++) {
        eqsim_words w = eqsim_philox(key, step, 8 * group + (uint64_t)m);
        mask |= (uint32_t)((w.word0 & UINT64_C(0xFFFFFFFF)) < threshold) << m;
        mask |= (uint32_t)((w.word0 >> 32) < threshold) << (8 + m);
        mask |= (uint32_t)((w.word1 & UINT64_C(0xFFFFFFFF)) < threshold) << (16 + m);
        mask |= (uint32_t)((w.word1 >> 32) < threshold) << (24 + m);
    }
    return mask;
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define EQSIM_DENSE_AVX2 1
/* gcc's AVX2 builtins (what <immintrin.h> wraps) on its vector types: that header takes
 * ~0.7 s to compile, which every network library would pay */
typedef float eqsim_f32x8 __attribute__((vector_size(32)));
#define EQSIM_AVX2 __attribute__((target("avx2")))

/* the high and low 32 bits of the products of eight 32-bit lanes with `factor` */
static inline EQSIM_AVX2 eqsim_i32x8 eqsim_mulhilo8(eqsim_i32x8 a, eqsim_i32x8 factor,
                                                    eqsim_i32x8 *low)
{
    eqsim_i32x8 even = (eqsim_i32x8)__builtin_ia32_pmuludq256(a, factor);
    eqsim_i32x8 odd = (eqsim_i32x8)__builtin_ia32_pmuludq256(
        (eqsim_i32x8)__builtin_ia32_psrlqi256((eqsim_i64x4)a, 32), factor);
    *low = __builtin_ia32_pblendd256(even,
                                     (eqsim_i32x8)__builtin_ia32_psllqi256((eqsim_i64x4)odd, 32),
                                     0xAA);
    return __builtin_ia32_pblendd256(
        (eqsim_i32x8)__builtin_ia32_psrlqi256((eqsim_i64x4)even, 32), odd, 0xAA);
}

static inline EQSIM_AVX2 uint32_t eqsim_lane_bits(eqsim_i32x8 lane, eqsim_i32x8 limit)
{
    const eqsim_i32x8 flip = {INT32_MIN, INT32_MIN, INT32_MIN, INT32_MIN,
                              INT32_MIN, INT32_MIN, INT32_MIN, INT32_MIN};
    /* unsigned lane < threshold, as a signed comparison of both with the top bit flipped */
    return (uint32_t)__builtin_ia32_movmskps256((eqsim_f32x8)(limit > (lane ^ flip)));
}

/* Eight Philox rounds' worth of state: the four 32-bit words of eight counters. */
typedef struct {
    eqsim_i32x8 c0, c1, c2, c3;
} eqsim_philox8;

static inline EQSIM_AVX2 eqsim_philox8 eqsim_philox8_start(uint64_t first, uint64_t step)
{
    const int32_t base = (int32_t)(uint32_t)first, high = (int32_t)(uint32_t)(first >> 32);
    const int32_t s0 = (int32_t)(uint32_t)step, s1 = (int32_t)(uint32_t)(step >> 32);
    eqsim_philox8 x;
    x.c0 = (eqsim_i32x8){base, base + 1, base + 2, base + 3, base + 4, base + 5, base + 6,
                         base + 7};
    x.c1 = (eqsim_i32x8){high, high, high, high, high, high, high, high};
    x.c2 = (eqsim_i32x8){s0, s0, s0, s0, s0, s0, s0, s0};
    x.c3 = (eqsim_i32x8){s1, s1, s1, s1, s1, s1, s1, s1};
    return x;
}

static inline EQSIM_AVX2 void eqsim_philox8_round(eqsim_philox8 *x, int32_t k0, int32_t k1)
{
    const eqsim_i32x8 m0 = {(int32_t)0xD2511F53, 0, (int32_t)0xD2511F53, 0,
                            (int32_t)0xD2511F53, 0, (int32_t)0xD2511F53, 0};
    const eqsim_i32x8 m1 = {(int32_t)0xCD9E8D57, 0, (int32_t)0xCD9E8D57, 0,
                            (int32_t)0xCD9E8D57, 0, (int32_t)0xCD9E8D57, 0};
    eqsim_i32x8 low0, low1;
    eqsim_i32x8 high0 = eqsim_mulhilo8(x->c0, m0, &low0);
    eqsim_i32x8 high1 = eqsim_mulhilo8(x->c2, m1, &low1);
    x->c0 = high1 ^ x->c1 ^ k0;
    x->c2 = high0 ^ x->c3 ^ k1;
    x->c1 = low1;
    x->c3 = low0;
}

static inline EQSIM_AVX2 uint32_t eqsim_philox8_bits(const eqsim_philox8 *x, eqsim_i32x8 limit)
{
    return eqsim_lane_bits(x->c0, limit) | eqsim_lane_bits(x->c1, limit) << 8
           | eqsim_lane_bits(x->c2, limit) << 16 | eqsim_lane_bits(x->c3, limit) << 24;
}

/* eqsim_dense_mask_scalar of groups `group` (low 32 bits) and `group` + 1 (high), eight
 * Philox counters per vector (the same rounds as eqsim_philox), the two groups' rounds
 * interleaved (independent chains: ~25 % faster than one after the other). A group's
 * counters 8g .. 8g+7 share their high word (8g is a multiple of 8). */
static inline EQSIM_AVX2 uint64_t eqsim_dense_pair_avx2(uint64_t key, uint64_t step,
                                                        uint64_t group, uint64_t threshold)
{
    eqsim_philox8 a = eqsim_philox8_start(8 * group, step);
    eqsim_philox8 b = eqsim_philox8_start(8 * group + 8, step);
    eqsim_i32x8 limit;
    uint32_t k0 = (uint32_t)key, k1 = (uint32_t)(key >> 32);
    int32_t flipped;
    int round;
    for (round = 0; round < 10; round++) {
        eqsim_philox8_round(&a, (int32_t)k0, (int32_t)k1);
        eqsim_philox8_round(&b, (int32_t)k0, (int32_t)k1);
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
    if (threshold > UINT64_C(0xFFFFFFFF))
        return UINT64_MAX;
    flipped = (int32_t)((uint32_t)threshold ^ 0x80000000u);
    limit = (eqsim_i32x8){flipped, flipped, flipped, flipped, flipped, flipped, flipped, flipped};
    return (uint64_t)eqsim_philox8_bits(&a, limit) | (uint64_t)eqsim_philox8_bits(&b, limit) << 32;
}
#endif

/* The keep masks of groups `group` (low 32 bits; bit b: position 32 * group + b) and
 * `group` + 1 (high 32 bits) of the row `step`. */
static inline uint64_t eqsim_dense_pair(uint64_t key, uint64_t step, uint64_t group,
                                        uint64_t threshold)
{
#if defined(EQSIM_DENSE_AVX2) && defined(__AVX2__)
    return eqsim_dense_pair_avx2(key, step, group, threshold);
#else
#if defined(EQSIM_DENSE_AVX2)
    /* built without -mavx2 (the installed glue): ask the CPU once */
    static int has_avx2 = -1;
    if (has_avx2 < 0)
        has_avx2 = __builtin_cpu_supports("avx2") ? 1 : 0;
    if (has_avx2)
        return eqsim_dense_pair_avx2(key, step, group, threshold);
#endif
    return (uint64_t)eqsim_dense_mask_scalar(key, step, group, threshold)
           | (uint64_t)eqsim_dense_mask_scalar(key, step, group + 1, threshold) << 32;
#endif
}

/* What one Bernoulli(p) sample (one connect(p=...) call, one procedural pathway) draws
 * with, prepared once. */
typedef struct {
    double p, log_q;
    uint64_t walk_key, dense_key, threshold;
    int dense;
} eqsim_bernoulli;

static inline EQSIM_STRICT_FP eqsim_bernoulli eqsim_bernoulli_prepare(double p, uint64_t seed,
                                                                      uint64_t stream)
{
    EQSIM_STRICT_FP_BODY
    eqsim_bernoulli sampler;
    sampler.p = p;
    sampler.log_q = p > 0.0 && p < 1.0 ? log1p(-p) : 0.0;
    sampler.walk_key = eqsim_key(seed, stream, 0);
    sampler.dense = p > 0.0 && eqsim_bernoulli_is_dense(p);
    sampler.dense_key = eqsim_key(seed, stream, EQSIM_SUB_DENSE);
    sampler.threshold = eqsim_bernoulli_threshold(p);
    return sampler;
}

/* eqsim_geometric(p, seed, stream, step, index) for 0 < p < 1, with the key and
 * log1p(-p) prepared once: the same arithmetic, so the same gaps */
static inline EQSIM_STRICT_FP uint64_t eqsim_bernoulli_gap(const eqsim_bernoulli *sampler,
                                                           uint64_t step, uint64_t index)
{
    EQSIM_STRICT_FP_BODY
    double u = eqsim_bits_to_uniform(eqsim_philox(sampler->walk_key, step, index).word0);
    double skips = floor(log(u) / sampler->log_q);
    if (!(skips < 18446744073709551616.0))
        return UINT64_MAX;
    return (uint64_t)skips;
}

/* The positions in lo:hi that row `step` (of `length` positions) keeps within its block
 * `block` (positions block * EQSIM_WALK_BLOCK onwards): their offsets from the block's
 * first position, ascending, written to `out` (room for EQSIM_WALK_BLOCK); returns how
 * many. Not inlined: a library holds one copy, whatever number of kernels call it. */
static __attribute__((noinline, unused)) int eqsim_bernoulli_block(
    const eqsim_bernoulli *sampler, uint64_t step, int64_t length, int64_t block, int64_t lo,
    int64_t hi, int32_t *out)
{
    const int64_t first = block * EQSIM_WALK_BLOCK;
    int64_t from = lo - first, to = hi - first, size = length - first, position, group;
    int n = 0;
    if (size > EQSIM_WALK_BLOCK)
        size = EQSIM_WALK_BLOCK;
    if (from < 0)
        from = 0;
    if (to > size)
        to = size;
    if (to <= from || !(sampler->p > 0.0))
        return 0;
    if (sampler->dense) {
        /* a block is a whole number of groups: offsets are group * 32 + bit; two groups
         * per draw (a group past the window has no window bits) */
        for (group = from / EQSIM_DENSE_GROUP; group * EQSIM_DENSE_GROUP < to; group += 2) {
            uint64_t masks = eqsim_dense_pair(sampler->dense_key, step,
                                              (uint64_t)(first / EQSIM_DENSE_GROUP + group),
                                              sampler->threshold);
            uint64_t mask = (masks & eqsim_window_bits(group * EQSIM_DENSE_GROUP, from, to))
                | (masks & (uint64_t)eqsim_window_bits((group + 1) * EQSIM_DENSE_GROUP, from,
                                                       to) << 32);
            while (mask) {
                out[n++] = (int32_t)(group * EQSIM_DENSE_GROUP + __builtin_ctzll(mask));
                mask &= mask - 1;
            }
        }
        return n;
    }
    /* the geometric walk of the block from its start, draws (block << 32) + m */
    position = -1;
    for (uint64_t draw = (uint64_t)block << EQSIM_WALK_SHIFT;; draw++) {
        uint64_t skip = eqsim_bernoulli_gap(sampler, step, draw);
        if (skip >= (uint64_t)(size - 1 - position))
            break;
        position += 1 + (int64_t)skip;
        if (position >= to)
            break;
        if (position >= from)
            out[n++] = (int32_t)position;
    }
    return n;
}

/* the bits b of a word starting at position `first` with lo <= first + b < hi */
static inline uint64_t eqsim_window_word(int64_t first, int64_t lo, int64_t hi)
{
    int64_t start = lo - first, stop = hi - first;
    uint64_t upper;
    if (start < 0)
        start = 0;
    if (stop > 64)
        stop = 64;
    if (stop <= start)
        return 0;
    upper = stop == 64 ? UINT64_MAX : (UINT64_C(1) << stop) - 1;
    return upper & ~((UINT64_C(1) << start) - 1);
}

/* A dense sampler's keep masks of row `step` over the words w_lo .. w_lo + words - 1
 * (bit b of word w: position 64 w + b; word w is groups 2w and 2w + 1), only the
 * positions lo <= position < hi: the positions eqsim_bernoulli_block keeps, in the same
 * order. Not inlined: one copy per library. */
static __attribute__((noinline, unused)) void eqsim_bernoulli_row_masks(
    const eqsim_bernoulli *sampler, uint64_t step, int64_t w_lo, int64_t words, int64_t lo,
    int64_t hi, uint64_t *out)
{
    for (int64_t k = 0; k < words; k++) {
        const int64_t first = 64 * (w_lo + k);
        uint64_t mask = eqsim_dense_pair(sampler->dense_key, step, (uint64_t)(2 * (w_lo + k)),
                                         sampler->threshold);
        if (first < lo || first + 64 > hi)
            mask &= eqsim_window_word(first, lo, hi);
        out[k] = mask;
    }
}

/* Procedural rows kept as masks (eqsim/codegen/procedural_rows.py): the masks of row
 * `row` of a dense sampler, drawn on first use into the next free one of `capacity` kept
 * rows (slots[row]: its place, -1 none; slots[n_rows]: places taken) or, all taken, into
 * `scratch` at each use. The kept masks are the draws, so results do not depend on which
 * rows are kept. */
static inline const uint64_t *eqsim_procedural_row(
    const eqsim_bernoulli *sampler, int64_t row, int64_t *slots, int64_t n_rows,
    uint64_t *kept, int64_t capacity, uint64_t *scratch, int64_t w_lo, int64_t words,
    int64_t lo, int64_t hi)
{
    uint64_t *masks;
    if (slots[row] >= 0)
        return kept + slots[row] * words;
    if (slots[n_rows] < capacity) {
        slots[row] = slots[n_rows]++;
        masks = kept + slots[row] * words;
    } else {
        masks = scratch;
    }
    eqsim_bernoulli_row_masks(sampler, (uint64_t)row, w_lo, words, lo, hi, masks);
    return masks;
}

#endif /* EQSIM_BERNOULLI_H */
