/* How much two CPUs of this machine slow each other: the ceiling of a 2-thread speed-up.
 *
 * Build and run (Linux):
 *     gcc -O3 -march=native -fopenmp-simd -pthread benchmarks/machine_contention.c -o /tmp/mc
 *     /tmp/mc
 * A loop streaming over private arrays (load, multiply-add, store, as a state update does)
 * runs on CPU 0 alone, on CPU 1 alone, then on both at once, for arrays the size of an L1,
 * an L2 and an L3 cache share. A slowdown of 1.3 together means that a kernel of that kind
 * cannot run more than 2 / 1.3 = 1.54x faster on two threads, whatever the code does. On our
 * 2-vCPU VM (2026-12-03) the L2 and L3 rows were 1.25-1.3 in some minutes and 1.0 in
 * others (the host shares what the guest sees as two cores). The L1 row, 1.0 while the loop
 * summed its values (latency-bound, see run()), reads 1.2-1.8 since it does not (evening of
 * 2026-12-03, another VM of the same kind, whose CPUs also ran the same loop 2x slower in
 * some seconds than in others: alone 0.026 or 0.057 s).
 * Run it next to benchmarks/team_parts.py or threads.py when their figures surprise. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct { int cpu; long n, passes; double seconds; pthread_barrier_t *start; } job;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static void *run(void *raw) {
    job *j = raw;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(j->cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
    double *a = aligned_alloc(64, (size_t)j->n * sizeof *a + 64);
    for (long i = 0; i < j->n; i++) a[i] = 1.0;  /* in this thread's caches */
    pthread_barrier_wait(j->start);
    const double started = now();
    /* no sum inside the timed loop: a reduction chains every vector add to the one before,
     * and a loop bound by that latency leaves the core's load and store units half idle,
     * so that two CPUs sharing them (hyper-threads, a host's turbo budget) never showed it
     * (its L1 row read 1.00 where this one reads 1.22-1.26 on the same VM) */
    for (long r = 0; r < j->passes; r++) {
        #pragma omp simd
        for (long i = 0; i < j->n; i++)
            a[i] = a[i] * 0.999 + 1e-3;
    }
    j->seconds = now() - started;
    double sum = 0.0;
    for (long i = 0; i < j->n; i++) sum += a[i];
    if (sum == 42.0) printf(" ");  /* keeps the loop */
    free(a);
    return NULL;
}

/* the slowest of `count` jobs started together on cpus[0..count) */
static double together(const int *cpus, int count, long n, long passes) {
    pthread_t threads[2];
    job jobs[2];
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, (unsigned)count);
    for (int k = 0; k < count; k++) {
        jobs[k] = (job){cpus[k], n, passes, 0.0, &start};
        pthread_create(&threads[k], NULL, run, &jobs[k]);
    }
    double slowest = 0.0;
    for (int k = 0; k < count; k++) {
        pthread_join(threads[k], NULL);
        if (jobs[k].seconds > slowest) slowest = jobs[k].seconds;
    }
    pthread_barrier_destroy(&start);
    return slowest;
}

int main(void) {
    cpu_set_t mine;
    sched_getaffinity(0, sizeof mine, &mine);
    int cpus[2], found = 0;
    for (int c = 0; c < CPU_SETSIZE && found < 2; c++)
        if (CPU_ISSET(c, &mine)) cpus[found++] = c;
    if (found < 2) {
        printf("this process may use one CPU only: nothing to compare\n");
        return 1;
    }
    const struct { const char *name; long n, passes; } sizes[] = {
        {"L1 (24 kB)", 3000, 100000}, {"L2 (120 kB)", 15000, 20000}, {"L3 (2 MB)", 250000, 1200}};
    printf("| array | CPU %d alone s | CPU %d alone s | both at once s | slowdown together |\n",
           cpus[0], cpus[1]);
    printf("| ----- | --- | --- | --- | --- |\n");
    for (int s = 0; s < 3; s++) {
        double alone[2] = {1e9, 1e9}, both = 1e9;
        /* the fastest of seven of each, in turns: this VM's CPUs switch between two speeds
         * (2x apart) from one second to the next, and fewer turns compared the two */
        for (int r = 0; r < 7; r++) {
            for (int k = 0; k < 2; k++) {
                const double t = together(&cpus[k], 1, sizes[s].n, sizes[s].passes);
                if (t < alone[k]) alone[k] = t;
            }
            const double t = together(cpus, 2, sizes[s].n, sizes[s].passes);
            if (t < both) both = t;
        }
        const double worse = alone[0] > alone[1] ? alone[0] : alone[1];
        printf("| %s | %.3f | %.3f | %.3f | %.2f |\n", sizes[s].name, alone[0], alone[1], both,
               both / worse);
    }
    return 0;
}
