/*
 * eqsim_bernoulli.h -- which positions of a row a Bernoulli(p) sample keeps: the draws of
 * connect(p=...) and of procedural synapses (the C twin of eqsim/runtime/sampling.py).
 *
 * Dense rows (p >= EQSIM_DENSE_P) draw one byte per position, and 24 more bits for the few
 * whose byte decides nothing (no log):
 *
 *   threshold = floor(p * 2^32) (2^32 for p >= 1: every position kept)
 *   batch g   = positions 128g .. 128g+127 of the row whose step is `step` (the source)
 *   position 128g + 32l + 4m + j: b = byte j of 32-bit lane l of
 *             Philox(eqsim_key(seed, stream, EQSIM_SUB_DENSE), step, 8g + m)
 *             (lanes l = word0 lo, word0 hi, word1 lo, word1 hi; bytes little-endian)
 *   kept iff  b < threshold >> 24, or b == threshold >> 24 and the low 24 bits of
 *             word0 of Philox(eqsim_key(seed, stream, EQSIM_SUB_DENSE_TAIL), step, position)
 *             are below threshold & 0xFFFFFF
 *
 * that is, kept iff the 32-bit number (b, tail) is below threshold: exactly p (to 2^-32),
 * independently per position, with a tail drawn for 1 position in 256. One Philox call
 * serves 16 positions, 8 calls (one AVX2 vector per lane) a batch: ~0.4 ns per position
 * against ~1 ns with a 32-bit lane each. Any window of a row is drawn from its own batches.
 * All of it is integer arithmetic: every target and any compiler gives the same bits.
 * Sparse rows walk geometric gaps (eqsim_geometric, one Philox call and one log per kept
 * position) in blocks of EQSIM_WALK_BLOCK positions, block b using the draws (b << 32) + m.
 */
#ifndef EQSIM_BERNOULLI_H
#define EQSIM_BERNOULLI_H

#include <stdint.h>
#include "eqsim_random.h"

/* measured: a geometric gap costs ~40 ns, a dense position ~1 ns with 32-bit lanes (now
 * ~0.4): the walk is cheaper below about p = 0.01; kept at 0.04, where sparse rows have
 * always been walked (the same connections as before for them) */
#define EQSIM_DENSE_P 0.04
#define EQSIM_DENSE_BATCH 128
#define EQSIM_SUB_DENSE 3
#define EQSIM_SUB_DENSE_TAIL 4
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

/* The positions of a batch whose byte equals threshold >> 24 (bit b of ties[k]: position
 * 128 g + 64 k + b): kept or not by their tails. */
static inline void eqsim_dense_tails(uint64_t tail_key, uint64_t step, uint64_t batch,
                                     uint64_t threshold, const uint64_t ties[2],
                                     uint64_t masks[2])
{
    const uint64_t low = threshold & UINT64_C(0xFFFFFF);
    int k;
    if (low == 0)
        return; /* no tail is below 0 */
    for (k = 0; k < 2; k++) {
        uint64_t tied = ties[k];
        while (tied) {
            const int b = __builtin_ctzll(tied);
            const uint64_t position = EQSIM_DENSE_BATCH * batch + 64 * (uint64_t)k + (uint64_t)b;
            tied &= tied - 1;
            if ((eqsim_philox(tail_key, step, position).word0 & UINT64_C(0xFFFFFF)) < low)
                masks[k] |= UINT64_C(1) << b;
        }
    }
}

/* The keep masks of batch `batch` of row `step` (one Philox call after another): masks[k]
 * bit b is position 128 batch + 64 k + b. */
static inline void eqsim_dense_batch_scalar(uint64_t key, uint64_t tail_key, uint64_t step,
                                            uint64_t batch, uint64_t threshold,
                                            uint64_t masks[2])
{
    const uint64_t high = threshold >> 24;
    uint64_t ties[2] = {0, 0};
    int m, l, j;
    masks[0] = masks[1] = 0;
    for (m = 0; m < 8; m++) {
        eqsim_words w = eqsim_philox(key, step, 8 * batch + (uint64_t)m);
        const uint64_t lane[4] = {w.word0 & UINT64_C(0xFFFFFFFF), w.word0 >> 32,
                                  w.word1 & UINT64_C(0xFFFFFFFF), w.word1 >> 32};
        for (l = 0; l < 4; l++)
            for (j = 0; j < 4; j++) {
                const uint64_t b = lane[l] >> (8 * j) & 0xFF;
                const int bit = 32 * (l & 1) + 4 * m + j;
                masks[l >> 1] |= (uint64_t)(b < high) << bit;
                ties[l >> 1] |= (uint64_t)(b == high) << bit;
            }
    }
    eqsim_dense_tails(tail_key, step, batch, threshold, ties, masks);
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define EQSIM_DENSE_AVX2 1
/* gcc's AVX2 builtins (what <immintrin.h> wraps) on its vector types: that header takes
 * ~0.7 s to compile, which every network library would pay */
typedef char eqsim_i8x32 __attribute__((vector_size(32)));
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

/* eqsim_dense_batch_scalar with the eight counters in one vector per lane (the same
 * rounds as eqsim_philox): lane l of the eight counters is 32 bytes, byte 4m + j that of
 * counter 8g + m, so one byte comparison and one movemask give the 32 positions
 * 128g + 32l .. 128g + 32l + 31. The counters 8g .. 8g+7 share their high word. */
static inline EQSIM_AVX2 void eqsim_dense_batch_avx2(uint64_t key, uint64_t tail_key,
                                                     uint64_t step, uint64_t batch,
                                                     uint64_t threshold, uint64_t masks[2])
{
    eqsim_philox8 x = eqsim_philox8_start(8 * batch, step);
    uint32_t k0 = (uint32_t)key, k1 = (uint32_t)(key >> 32);
    const char high = (char)(threshold >> 24), flipped = (char)((threshold >> 24) ^ 0x80);
    const eqsim_i8x32 below = {flipped, flipped, flipped, flipped, flipped, flipped, flipped,
                               flipped, flipped, flipped, flipped, flipped, flipped, flipped,
                               flipped, flipped, flipped, flipped, flipped, flipped, flipped,
                               flipped, flipped, flipped, flipped, flipped, flipped, flipped,
                               flipped, flipped, flipped, flipped};
    const eqsim_i8x32 tie = {high, high, high, high, high, high, high, high, high, high, high,
                             high, high, high, high, high, high, high, high, high, high, high,
                             high, high, high, high, high, high, high, high, high, high};
    uint32_t lt[4], eq[4];
    uint64_t ties[2];
    int round, l;
    for (round = 0; round < 10; round++) {
        eqsim_philox8_round(&x, (int32_t)k0, (int32_t)k1);
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
    if (threshold > UINT64_C(0xFFFFFFFF)) {
        masks[0] = masks[1] = UINT64_MAX;
        return;
    }
    {
        const eqsim_i32x8 lanes[4] = {x.c0, x.c1, x.c2, x.c3};
        for (l = 0; l < 4; l++) {
            const eqsim_i8x32 b = (eqsim_i8x32)lanes[l];
            /* unsigned b < high, as a signed comparison of both with the top bit flipped */
            const eqsim_i8x32 top = {-128, -128, -128, -128, -128, -128, -128, -128, -128,
                                     -128, -128, -128, -128, -128, -128, -128, -128, -128,
                                     -128, -128, -128, -128, -128, -128, -128, -128, -128,
                                     -128, -128, -128, -128, -128};
            lt[l] = (uint32_t)__builtin_ia32_pmovmskb256((eqsim_i8x32)(below > (b ^ top)));
            eq[l] = (uint32_t)__builtin_ia32_pmovmskb256((eqsim_i8x32)(b == tie));
        }
    }
    masks[0] = lt[0] | (uint64_t)lt[1] << 32;
    masks[1] = lt[2] | (uint64_t)lt[3] << 32;
    ties[0] = eq[0] | (uint64_t)eq[1] << 32;
    ties[1] = eq[2] | (uint64_t)eq[3] << 32;
    eqsim_dense_tails(tail_key, step, batch, threshold, ties, masks);
}
#endif

/* The keep masks of batch `batch` of row `step`: masks[k] bit b is position
 * 128 batch + 64 k + b. */
static inline void eqsim_dense_batch(uint64_t key, uint64_t tail_key, uint64_t step,
                                     uint64_t batch, uint64_t threshold, uint64_t masks[2])
{
#if defined(EQSIM_DENSE_AVX2) && defined(__AVX2__)
    eqsim_dense_batch_avx2(key, tail_key, step, batch, threshold, masks);
#else
#if defined(EQSIM_DENSE_AVX2)
    /* built without -mavx2 (the installed glue): ask the CPU once */
    static int has_avx2 = -1;
    if (has_avx2 < 0)
        has_avx2 = __builtin_cpu_supports("avx2") ? 1 : 0;
    if (has_avx2) {
        eqsim_dense_batch_avx2(key, tail_key, step, batch, threshold, masks);
        return;
    }
#endif
    eqsim_dense_batch_scalar(key, tail_key, step, batch, threshold, masks);
#endif
}

/* What one Bernoulli(p) sample (one connect(p=...) call, one procedural pathway) draws
 * with, prepared once. */
typedef struct {
    double p, log_q;
    uint64_t walk_key, dense_key, tail_key, threshold;
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
    sampler.tail_key = eqsim_key(seed, stream, EQSIM_SUB_DENSE_TAIL);
    sampler.threshold = eqsim_bernoulli_threshold(p);
    return sampler;
}

/* A dense sampler's keep masks of row `step` over the words w_lo .. w_lo + words - 1
 * (bit b of word w: position 64 w + b; word w is half w % 2 of batch w / 2), only the
 * positions lo <= position < hi. Not inlined: one copy per library. */
static __attribute__((noinline, unused)) void eqsim_bernoulli_row_masks(
    const eqsim_bernoulli *sampler, uint64_t step, int64_t w_lo, int64_t words, int64_t lo,
    int64_t hi, uint64_t *out)
{
    const int64_t w_hi = w_lo + words;
    for (int64_t batch = w_lo / 2; 2 * batch < w_hi; batch++) {
        uint64_t masks[2];
        eqsim_dense_batch(sampler->dense_key, sampler->tail_key, step, (uint64_t)batch,
                          sampler->threshold, masks);
        for (int k = 0; k < 2; k++) {
            const int64_t w = 2 * batch + k, first = 64 * w;
            if (w < w_lo || w >= w_hi)
                continue;
            if (first < lo || first + 64 > hi)
                masks[k] &= eqsim_window_word(first, lo, hi);
            out[w - w_lo] = masks[k];
        }
    }
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
    int64_t from = lo - first, to = hi - first, size = length - first, position;
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
        /* a block is a whole number of batches: the masks of the words that overlap the
         * window, then their positions as offsets from the block's start */
        uint64_t masks[EQSIM_WALK_BLOCK / 64];
        const int64_t w_lo = from / 64, w_hi = (to + 63) / 64;
        eqsim_bernoulli_row_masks(sampler, step, first / 64 + w_lo, w_hi - w_lo, first + from,
                                  first + to, masks);
        for (int64_t w = w_lo; w < w_hi; w++) {
            uint64_t mask = masks[w - w_lo];
            while (mask) {
                out[n++] = (int32_t)(64 * w + __builtin_ctzll(mask));
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

/* Procedural rows kept as masks (eqsim/codegen/procedural_rows.py). slots[row] is the
 * place of a row among the `capacity` kept rows (-1: none; slots[n_rows]: places taken).
 * Before a step's rows are read, each arriving row without a place gets the next free one,
 * marked -(place + 2) until its masks are drawn; after, the marks are cleared. The kept
 * masks are the draws, so results do not depend on which rows are kept. */
static inline void eqsim_procedural_place(int64_t *slots, int64_t n_rows, int64_t capacity,
                                          const int32_t *arriving, int64_t n_arriving)
{
    for (int64_t a = 0; a < n_arriving; a++) {
        int64_t *const slot = &slots[arriving[a]];
        if (*slot < 0 && slots[n_rows] < capacity)
            *slot = -(slots[n_rows]++) - 2;
    }
}

static inline void eqsim_procedural_settle(int64_t *slots, const int32_t *arriving,
                                           int64_t n_arriving)
{
    for (int64_t a = 0; a < n_arriving; a++) {
        int64_t *const slot = &slots[arriving[a]];
        if (*slot <= -2)
            *slot = -*slot - 2;
    }
}

/* The masks of row `row` (relative words 0 .. words; words w_lo .. w_hi meaningful): its
 * kept masks; drawn first into its new place (these words only: each thread of a team
 * draws its own) or, without a place, into `own` (a scratch row). */
static inline const uint64_t *eqsim_procedural_masks(
    const eqsim_bernoulli *sampler, int64_t row, const int64_t *slots, uint64_t *kept,
    int64_t words, int64_t first_word, int64_t lo, int64_t hi, int64_t w_lo, int64_t w_hi,
    uint64_t *own)
{
    const int64_t place = slots[row];
    uint64_t *into;
    if (place >= 0)
        return kept + place * words;
    into = place == -1 ? own : kept + (-place - 2) * words;
    eqsim_bernoulli_row_masks(sampler, (uint64_t)row, first_word + w_lo, w_hi - w_lo, lo, hi,
                              into + w_lo);
    return into;
}

/* Procedural rows whose on_pre adds `value` to a target variable (targets: its storage,
 * indexed by the global target): the words w_lo up to w_hi (relative to the window's first
 * word first_word) of each arriving source's row (eqsim_procedural_masks), added to the
 * targets lo:hi. Whole words are added 4 targets at a time, a word at the ends of lo:hi
 * bit by bit (no load or store outside the targets). Not inlined: one copy per library
 * part. Needs eqsim_support.h. */
#ifdef EQSIM_SUPPORT_H
static __attribute__((noinline, unused)) void eqsim_procedural_rows(
    const eqsim_bernoulli *sampler, const int64_t *slots, uint64_t *kept, int64_t words,
    int64_t first_word, int64_t lo, int64_t hi, int64_t w_lo, int64_t w_hi, uint64_t *own,
    double *targets, const int32_t *arriving, int64_t n_arriving, double value)
{
    eqsim_dense_v4 table[16];
    eqsim_dense_table(table, value);
    for (int64_t a = 0; a < n_arriving; a++) {
        const uint64_t *const row = eqsim_procedural_masks(
            sampler, arriving[a], slots, kept, words, first_word, lo, hi, w_lo, w_hi, own);
        for (int64_t w = w_lo; w < w_hi; w++) {
            const int64_t first = 64 * (first_word + w);
            uint64_t mask = row[w];
            if (first >= lo && first + 64 <= hi) {
                eqsim_dense_word(targets + first, mask, table, value, 64);
                continue;
            }
            while (mask) {
                targets[first + __builtin_ctzll(mask)] += value;
                mask &= mask - 1;
            }
        }
    }
}
#endif

#endif /* EQSIM_BERNOULLI_H */
