/*
 * eqsim_random.h -- counter-based random numbers for compiled eqsim kernels.
 *
 * The C twin of eqsim/runtime/random.py; read its module docstring for the design.
 * Every draw is a pure function of (seed, stream, step, index), all uint64_t:
 *
 *   counter = (index lo32, index hi32, step lo32, step hi32)
 *   key     = splitmix64(splitmix64(splitmix64(seed) ^ stream) ^ sub)
 *   words   = Philox4x32-10(counter, key)          (two 64-bit words)
 *
 * Uniforms and binomials are bit-identical to the NumPy version; normals,
 * exponentials and geometrics use libm's log/cos and agree to about an ulp.
 * Kernels are compiled with fast-math style flags, so the functions whose
 * results depend on the exact order of floating-point operations (binomial,
 * geometric) are compiled with strict IEEE semantics (EQSIM_STRICT_FP).
 * The uniform conversion is exact and cannot be changed by reassociation.
 * With vector math (eqsim_support.h) log and cos are libmvec's in every lane, vector
 * or scalar: normals may differ from NumPy by a few ulp instead of one.
 *
 * From Cython: paste eqsim.runtime.random.CYTHON_DECLARATIONS and add
 * eqsim.runtime.random.random_header_dir() to the include path.
 */
#ifndef EQSIM_RANDOM_H
#define EQSIM_RANDOM_H

#include <stdint.h>
#include <math.h>
#include <string.h>

#if defined(__GNUC__) && !defined(__clang__)
#define EQSIM_STRICT_FP __attribute__((optimize("no-fast-math", "no-associative-math", \
                                                "no-reciprocal-math", "fp-contract=off")))
#define EQSIM_STRICT_FP_BODY
#elif defined(__clang__)
#define EQSIM_STRICT_FP
#define EQSIM_STRICT_FP_BODY _Pragma("float_control(precise, on)") \
                             _Pragma("clang fp contract(off)")
#else
#define EQSIM_STRICT_FP
#define EQSIM_STRICT_FP_BODY
#endif

#define EQSIM_TWO_PI 6.283185307179586
#define EQSIM_BINOMIAL_CHUNK_MEAN 30.0
#define EQSIM_ATTEMPT_SHIFT 40

typedef struct {
    uint64_t word0;
    uint64_t word1;
} eqsim_words;

static inline uint64_t eqsim_splitmix64(uint64_t x)
{
    uint64_t z = x + UINT64_C(0x9E3779B97F4A7C15);
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static inline uint64_t eqsim_key_base(uint64_t seed, uint64_t stream)
{
    return eqsim_splitmix64(eqsim_splitmix64(seed) ^ stream);
}

static inline uint64_t eqsim_key(uint64_t seed, uint64_t stream, uint64_t sub)
{
    return eqsim_splitmix64(eqsim_key_base(seed, stream) ^ sub);
}

/* Philox4x32-10 (Salmon et al., SC'11), Random123's round and key schedule. The 32-bit
   words live in 64-bit variables so that a SIMD loop multiplies them with one widening
   32x32->64 instruction (vpmuludq) instead of widening and multiplying 64-bit lanes. */
static inline eqsim_words eqsim_philox(uint64_t key, uint64_t step, uint64_t index)
{
    const uint64_t low = UINT64_C(0xFFFFFFFF);
    uint64_t c0 = index & low, c1 = index >> 32, c2 = step & low, c3 = step >> 32;
    uint64_t k0 = key & low, k1 = key >> 32;
    eqsim_words out;
    int round;
    for (round = 0; round < 10; round++) {
        uint64_t p0, p1, n0, n2;
        if (round) {
            k0 = (k0 + UINT64_C(0x9E3779B9)) & low;
            k1 = (k1 + UINT64_C(0xBB67AE85)) & low;
        }
        p0 = UINT64_C(0xD2511F53) * c0;
        p1 = UINT64_C(0xCD9E8D57) * c2;
        n0 = (p1 >> 32) ^ c1 ^ k0;
        n2 = (p0 >> 32) ^ c3 ^ k1;
        c1 = p1 & low;
        c3 = p0 & low;
        c0 = n0;
        c2 = n2;
    }
    out.word0 = c0 | (c1 << 32);
    out.word1 = c2 | (c3 << 32);
    return out;
}

/* 52 bits + 0.5: exact, in (0, 1), smallest 2^-53, largest 1 - 2^-53. */
static inline double eqsim_bits_to_uniform(uint64_t bits)
{
    return ((double)(int64_t)(bits >> 12) + 0.5) * 0x1p-52;
}

/* eqsim_bits_to_uniform(eqsim_philox(key, step, first + m).word0) into out[m] for m < n,
 * eight draws at a time with AVX2. gcc vectorises eqsim_philox in a SIMD loop with
 * emulated 64x64-bit multiplies (no faster than scalar code: ~10 ns per draw); here each
 * round is one 32x32->64 multiply per lane (vpmuludq). The same bits: word0 >> 12 is put
 * into the mantissa of 2^52 and 2^52 subtracted, which is exact, as is the int-to-double
 * conversion it replaces (AVX2 has none for 64-bit lanes). Written with gcc's vector types
 * and one builtin, not <immintrin.h>: that header took 0.3-0.5 s of every network
 * library's compile (a cuba library: 0.74 s with it, see eqsim_bernoulli.h). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
/* gcc's vector types for AVX2 registers (here and in eqsim_bernoulli.h) */
typedef int eqsim_i32x8 __attribute__((vector_size(32)));
typedef long long eqsim_i64x4 __attribute__((vector_size(32)));
#if defined(__AVX2__)
#define EQSIM_UNIFORMS_AVX2 1
typedef unsigned long long eqsim_u64x4 __attribute__((vector_size(32)));
typedef double eqsim_f64x4 __attribute__((vector_size(32)));

/* the products of the low 32 bits of each lane (vpmuludq) */
static inline eqsim_u64x4 eqsim_mul32x4(eqsim_u64x4 a, eqsim_u64x4 b)
{
    return (eqsim_u64x4)__builtin_ia32_pmuludq256((eqsim_i32x8)a, (eqsim_i32x8)b);
}
#endif
#endif

static __attribute__((noinline, unused)) void eqsim_uniforms(uint64_t key, uint64_t step,
                                                              uint64_t first, int64_t n,
                                                              double *out)
{
    int64_t m = 0;
#if defined(EQSIM_UNIFORMS_AVX2)
    const eqsim_u64x4 low = {0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu};
    const eqsim_u64x4 mul0 = {0xD2511F53u, 0xD2511F53u, 0xD2511F53u, 0xD2511F53u};
    const eqsim_u64x4 mul1 = {0xCD9E8D57u, 0xCD9E8D57u, 0xCD9E8D57u, 0xCD9E8D57u};
    const unsigned long long s0 = step & 0xFFFFFFFFu, s1 = step >> 32;
    const eqsim_u64x4 step_lo = {s0, s0, s0, s0}, step_hi = {s1, s1, s1, s1};
    const unsigned long long e = 0x4330000000000000u;
    const eqsim_u64x4 exponent = {e, e, e, e};
    const eqsim_f64x4 two52 = {0x1p52, 0x1p52, 0x1p52, 0x1p52};
    const eqsim_f64x4 half = {0.5, 0.5, 0.5, 0.5};
    const eqsim_f64x4 scale = {0x1p-52, 0x1p-52, 0x1p-52, 0x1p-52};
    for (; m + 8 <= n; m += 8) {  /* two vectors of four, interleaved: rounds overlap */
        eqsim_u64x4 c0[2], c1[2], c2[2], c3[2];
        uint32_t k0 = (uint32_t)key, k1 = (uint32_t)(key >> 32);
        for (int h = 0; h < 2; h++) {
            const unsigned long long base = first + (uint64_t)(m + 4 * h);
            const eqsim_u64x4 index = {base, base + 1, base + 2, base + 3};
            c0[h] = index & low;
            c1[h] = index >> 32;
            c2[h] = step_lo;
            c3[h] = step_hi;
        }
        for (int round = 0; round < 10; round++) {
            if (round) {
                k0 += UINT32_C(0x9E3779B9);
                k1 += UINT32_C(0xBB67AE85);
            }
            const eqsim_u64x4 key0 = {k0, k0, k0, k0}, key1 = {k1, k1, k1, k1};
            for (int h = 0; h < 2; h++) {
                const eqsim_u64x4 p0 = eqsim_mul32x4(c0[h], mul0);
                const eqsim_u64x4 p1 = eqsim_mul32x4(c2[h], mul1);
                c0[h] = (p1 >> 32) ^ c1[h] ^ key0;
                c2[h] = (p0 >> 32) ^ c3[h] ^ key1;
                c1[h] = p1 & low;
                c3[h] = p0 & low;
            }
        }
        for (int h = 0; h < 2; h++) {
            /* word0 >> 12 = (c0 >> 12) | (c1 << 20): 52 bits */
            const eqsim_u64x4 bits = (c0[h] >> 12) | (c1[h] << 20);
            const eqsim_f64x4 value = (eqsim_f64x4)(bits | exponent) - two52;
            const eqsim_f64x4 uniform = (value + half) * scale;
            memcpy(out + m + 4 * h, &uniform, sizeof uniform);
        }
    }
#endif
    for (; m < n; m++)
        out[m] = eqsim_bits_to_uniform(eqsim_philox(key, step, first + (uint64_t)m).word0);
}

static inline uint64_t eqsim_bits(uint64_t seed, uint64_t stream, uint64_t step, uint64_t index)
{
    return eqsim_philox(eqsim_key(seed, stream, 0), step, index).word0;
}

static inline double eqsim_uniform_sub(uint64_t seed, uint64_t stream, uint64_t step,
                                       uint64_t index, uint64_t sub)
{
    return eqsim_bits_to_uniform(eqsim_philox(eqsim_key(seed, stream, sub), step, index).word0);
}

static inline double eqsim_uniform(uint64_t seed, uint64_t stream, uint64_t step, uint64_t index)
{
    return eqsim_uniform_sub(seed, stream, step, index, 0);
}

/* Box-Muller, cosine branch: one key, one normal. */
static inline double eqsim_normal(uint64_t seed, uint64_t stream, uint64_t step, uint64_t index)
{
    eqsim_words w = eqsim_philox(eqsim_key(seed, stream, 0), step, index);
    double radius = sqrt(-2.0 * log(eqsim_bits_to_uniform(w.word0)));
    return radius * cos(EQSIM_TWO_PI * eqsim_bits_to_uniform(w.word1));
}

static inline double eqsim_exponential(uint64_t seed, uint64_t stream, uint64_t step,
                                       uint64_t index)
{
    return -log(eqsim_uniform(seed, stream, step, index));
}

/* Failures before the first success; p <= 0 gives UINT64_MAX (never). */
static inline EQSIM_STRICT_FP uint64_t eqsim_geometric(double p, uint64_t seed, uint64_t stream,
                                                       uint64_t step, uint64_t index)
{
    EQSIM_STRICT_FP_BODY
    double skips;
    if (p >= 1.0)
        return 0;
    if (!(p > 0.0))
        return UINT64_MAX;
    skips = floor(log(eqsim_uniform(seed, stream, step, index)) / log1p(-p));
    if (!(skips < 18446744073709551616.0))
        return UINT64_MAX;
    return (uint64_t)skips;
}

static inline EQSIM_STRICT_FP double eqsim_power(double base, uint64_t exponent)
{
    EQSIM_STRICT_FP_BODY
    double result = 1.0;
    while (exponent) {
        if (exponent & 1)
            result *= base;
        base *= base;
        exponent >>= 1;
    }
    return result;
}

/* Inversion by sequential search of Binomial(trials, p): the first k whose cumulative
   probability reaches u; first_pmf = (1-p)^trials, ratio = p/(1-p). Returns trials + 1
   when rounding or underflow leaves u uncovered (the caller draws again). */
static inline EQSIM_STRICT_FP uint64_t eqsim_binomial_search(double u, uint64_t trials,
                                                             double first_pmf, double ratio)
{
    EQSIM_STRICT_FP_BODY
    uint64_t k = 0;
    double pmf = first_pmf, cdf = first_pmf;
    while (u > cdf) {
        k++;
        if (k > trials)
            return trials + 1;
        pmf *= ((double)(int64_t)(trials - k + 1) * ratio) / (double)(int64_t)k;
        if (pmf == 0.0)
            return trials + 1;
        cdf += pmf;
    }
    return k;
}

/* Poisson(lam); the algorithm is documented in random_discrete.py:poisson. Inversion
   by sequential search from exp(-mean); UINT64_MAX when rounding or underflow leaves u
   uncovered (the caller draws again). */
#define EQSIM_POISSON_MAX_K 1000
static inline EQSIM_STRICT_FP uint64_t eqsim_poisson_search(double u, double first_pmf,
                                                            double mean)
{
    EQSIM_STRICT_FP_BODY
    uint64_t k = 0;
    double pmf = first_pmf, cdf = first_pmf;
    while (u > cdf) {
        k++;
        pmf = pmf * mean / (double)(int64_t)k;
        if (pmf == 0.0 || k > EQSIM_POISSON_MAX_K)
            return UINT64_MAX;
        cdf += pmf;
    }
    return k;
}

static inline EQSIM_STRICT_FP double eqsim_poisson(double lam, uint64_t seed, uint64_t stream,
                                                   uint64_t step, uint64_t index)
{
    EQSIM_STRICT_FP_BODY
    double chunks, mean, first;
    uint64_t n_chunks, chunk, attempt, k, base, total = 0;
    if (!(lam > 0.0))
        return 0.0;  /* 0, a negative mean or NaN: no events */
    if (!(lam <= 1e12))
        return NAN;  /* a draw would take lam / 30 uniforms */
    chunks = ceil(lam / EQSIM_BINOMIAL_CHUNK_MEAN);
    n_chunks = (uint64_t)chunks;
    mean = lam / chunks;
    first = exp(-mean);
    base = eqsim_key_base(seed, stream);
    for (chunk = 0; chunk < n_chunks; chunk++) {
        for (attempt = 0;; attempt++) {
            uint64_t key = eqsim_splitmix64(base ^ (chunk | (attempt << EQSIM_ATTEMPT_SHIFT)));
            double u = eqsim_bits_to_uniform(eqsim_philox(key, step, index).word0);
            k = eqsim_poisson_search(u, first, mean);
            if (k != UINT64_MAX)
                break;
        }
        total += k;
    }
    return (double)total;
}

/* Exact Binomial(n, p); the algorithm is documented in random.py:binomial.
   Split in two so that kernels drawing many binomials with the same n and p (PoissonInput)
   prepare the per-(n, p) constants once per step; the arithmetic is that of one call. */
#define EQSIM_BINOMIAL_TABLE 64
/* entries a SIMD loop compares each uniform with (PoissonInput) */
#define EQSIM_BINOMIAL_FAST 16
typedef struct {
    int trivial, flip;
    uint64_t n, trivial_value, chunk_trials, full_chunks, remainder, n_chunks, base;
    double ratio, full_pmf, remainder_pmf;
    /* the cumulative probabilities eqsim_binomial_search computes for a full chunk, kept:
       table_len entries; then either the search ends (table_end set: return trials + 1)
       or it goes on from entry table_len - 1 with its pmf (last_pmf) */
    double cdf[EQSIM_BINOMIAL_TABLE];
    double last_pmf;
    int table_len, table_end;
} eqsim_binomial_plan;

static inline EQSIM_STRICT_FP void eqsim_binomial_table(eqsim_binomial_plan *plan)
{
    EQSIM_STRICT_FP_BODY
    uint64_t k, trials = plan->chunk_trials;
    double pmf = plan->full_pmf, cdf = plan->full_pmf;
    plan->cdf[0] = cdf;
    plan->table_len = 1;
    plan->table_end = 0;
    for (k = 1; k < EQSIM_BINOMIAL_TABLE; k++) {
        if (k > trials) { plan->table_end = 1; break; }
        pmf *= ((double)(int64_t)(trials - k + 1) * plan->ratio) / (double)(int64_t)k;
        if (pmf == 0.0) { plan->table_end = 1; break; }
        cdf += pmf;
        plan->cdf[plan->table_len++] = cdf;
    }
    plan->last_pmf = pmf;
}

/* eqsim_binomial_search(u, chunk_trials, full_pmf, ratio), read off the table */
static inline EQSIM_STRICT_FP uint64_t eqsim_binomial_search_full(const eqsim_binomial_plan *plan,
                                                                  double u)
{
    EQSIM_STRICT_FP_BODY
    uint64_t k, trials = plan->chunk_trials;
    double pmf, cdf;
    for (k = 0; k < (uint64_t)plan->table_len; k++)
        if (!(u > plan->cdf[k]))
            return k;
    if (plan->table_end)
        return trials + 1;
    k = plan->table_len - 1;
    pmf = plan->last_pmf;
    cdf = plan->cdf[k];
    while (u > cdf) {
        k++;
        if (k > trials)
            return trials + 1;
        pmf *= ((double)(int64_t)(trials - k + 1) * plan->ratio) / (double)(int64_t)k;
        if (pmf == 0.0)
            return trials + 1;
        cdf += pmf;
    }
    return k;
}

static inline EQSIM_STRICT_FP eqsim_binomial_plan eqsim_binomial_prepare(uint64_t n, double p,
                                                                        uint64_t seed,
                                                                        uint64_t stream)
{
    EQSIM_STRICT_FP_BODY
    eqsim_binomial_plan plan = {0};
    double prob, q;
    plan.n = n;
    if (n == 0 || !(p > 0.0)) {
        plan.trivial = 1;
        plan.trivial_value = 0;
        return plan;
    }
    if (p >= 1.0) {
        plan.trivial = 1;
        plan.trivial_value = n;
        return plan;
    }
    plan.flip = p > 0.5;
    prob = plan.flip ? 1.0 - p : p;
    q = 1.0 - prob;
    plan.ratio = prob / q;
    plan.chunk_trials = n;
    if ((double)n * prob >= EQSIM_BINOMIAL_CHUNK_MEAN) {
        plan.chunk_trials = (uint64_t)(EQSIM_BINOMIAL_CHUNK_MEAN / prob);
        if (plan.chunk_trials > n)
            plan.chunk_trials = n;
    }
    plan.full_chunks = n / plan.chunk_trials;
    plan.remainder = n % plan.chunk_trials;
    plan.n_chunks = plan.full_chunks + (plan.remainder > 0);
    plan.full_pmf = eqsim_power(q, plan.chunk_trials);
    plan.remainder_pmf = eqsim_power(q, plan.remainder);
    plan.base = eqsim_key_base(seed, stream);
    eqsim_binomial_table(&plan);
    return plan;
}

static inline EQSIM_STRICT_FP uint64_t eqsim_binomial_draw(const eqsim_binomial_plan *plan,
                                                           uint64_t step, uint64_t index)
{
    EQSIM_STRICT_FP_BODY
    uint64_t chunk, total = 0;
    if (plan->trivial)
        return plan->trivial_value;
    for (chunk = 0; chunk < plan->n_chunks; chunk++) {
        uint64_t trials = chunk < plan->full_chunks ? plan->chunk_trials : plan->remainder;
        double first_pmf = chunk < plan->full_chunks ? plan->full_pmf : plan->remainder_pmf;
        uint64_t attempt, k = 0;
        for (attempt = 0;; attempt++) {
            uint64_t key = eqsim_splitmix64(plan->base ^ (chunk | (attempt << EQSIM_ATTEMPT_SHIFT)));
            double u = eqsim_bits_to_uniform(eqsim_philox(key, step, index).word0);
            k = chunk < plan->full_chunks ? eqsim_binomial_search_full(plan, u)
                                          : eqsim_binomial_search(u, trials, first_pmf, plan->ratio);
            if (k <= trials)
                break;
        }
        total += k;
    }
    return plan->flip ? plan->n - total : total;
}

/* the binomial sampler's functions as network libraries call them (eqsim_binomial_lent.h) */
typedef struct {
    eqsim_binomial_plan (*prepare)(uint64_t n, double p, uint64_t seed, uint64_t stream);
    uint64_t (*search_full)(const eqsim_binomial_plan *plan, double u);
    uint64_t (*draw)(const eqsim_binomial_plan *plan, uint64_t step, uint64_t index);
} eqsim_binomial_functions;

static inline uint64_t eqsim_binomial(uint64_t n, double p, uint64_t seed, uint64_t stream,
                                      uint64_t step, uint64_t index)
{
    eqsim_binomial_plan plan = eqsim_binomial_prepare(n, p, seed, stream);
    return eqsim_binomial_draw(&plan, step, index);
}

#endif /* EQSIM_RANDOM_H */
