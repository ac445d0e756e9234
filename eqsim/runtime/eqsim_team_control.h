/* Threads on a busy machine: the controller of a threaded library's team (its state and
 * function table: eqsim_team.h; compiled once, into the network glue).
 *
 * Every parallel region waits for its slowest thread, and a thread whose core another
 * process has taken makes each region wait for a time slice: 2 threads ran 30-180x slower
 * than 1 next to one busy process (issue 13). The step loop therefore times itself: it runs
 * with the team or with one thread (the encountering thread alone: `if(eqsim_team > 1)`),
 * and from time to time tries the other for EQSIM_PROBE_STEPS steps, keeping it only when
 * it was faster all along. A probe that falls behind ends at once, and a size that keeps
 * losing is tried less and less often (wait doubled up to EQSIM_PROBE_WAIT_MAX seconds), so
 * a lost probe costs little either way. Results do not depend on the team: element blocks
 * and synapse partitions are fixed, and one thread runs every partition in order.
 * The loop starts on one thread: a wrong start then costs a few steps at half speed, where
 * starting with a team that waits for its cores would cost a time slice per step.
 * A probe of the team on a busy machine costs those time slices too (about 35 ms next to
 * one busy process: a third of a short run), so the loop first asks the system whether
 * the team's other threads would find free cores (Linux: the running tasks in
 * /proc/loadavg, a few microseconds, every EQSIM_LOAD_CHECK seconds) and probes only
 * when the last two answers did not both say that another task holds a core the team
 * needs; on the team, two such answers in a row put it on one thread at once. (One answer
 * alone counts kernel threads passing by.) Without /proc the timing alone decides.
 * Two answers in a row that the cores are free let the first probe of the team come after
 * EQSIM_PROBE_STEPS timed steps instead of EQSIM_PROBE_WAIT_MIN seconds: on coba x16 the
 * wait kept ~230 of 5000 steps on one thread and cost the team 5 % of its speed-up. The
 * first EQSIM_PROBE_STEPS steps of a run are not timed (cold caches after Python's work
 * made a one-thread baseline slow and a slower team win). */
#ifndef EQSIM_TEAM_CONTROL_H
#define EQSIM_TEAM_CONTROL_H
#include <stdio.h>
#include "eqsim_team.h"
#define EQSIM_PROBE_STEPS 32
#define EQSIM_PROBE_TIME 2e-3
#define EQSIM_PROBE_WARM 4
#define EQSIM_PROBE_WARM_TIME 2e-3
#define EQSIM_PROBE_WAIT_MAX 2.0
#define EQSIM_LOAD_CHECK 0.005

/* tasks running or waiting for a CPU right now, machine-wide; -1 when unknown */
static int eqsim_running_tasks(const eqsim_team_state *s) {
    if (s->machine_running >= 0) return s->machine_running;
    FILE *f = fopen("/proc/loadavg", "r");
    if (f == NULL) return -1;
    double one, five, fifteen;
    int running = -1, total;
    if (fscanf(f, "%lf %lf %lf %d/%d", &one, &five, &fifteen, &running, &total) != 5)
        running = -1;
    fclose(f);
    return running;
}

/* whether other tasks hold cores the team's threads would need; `ours`: our threads that
 * run now (the caller, and on the team its threads spinning between parallel regions) */
static int eqsim_cores_taken(const eqsim_team_state *s, int ours) {
    const int running = eqsim_running_tasks(s);
    if (running < 0) return 0;
    const int cpus = s->machine_cpus >= 0 ? s->machine_cpus : s->cpus;
    return running - ours > cpus - s->threads;
}

static void eqsim_team_phase(eqsim_team_state *s, double now, int probing) {
    s->probing = probing; s->steps = 0; s->start = now;
}

/* Called at the start of every step with the wall time; returns the size for the step. */
static int eqsim_team_control_tick(eqsim_team_state *s, double now) {
    s->used[s->team > 1]++;
    if (s->alternate > 0) {
        if (++s->steps % s->alternate == 0) s->team = s->team > 1 ? 1 : s->threads;
        return s->team;
    }
    if (s->start < 0.0) { eqsim_team_phase(s, now, 0); s->fresh = 1; return s->team; }
    const double elapsed = now - s->start;
    const int current = s->team > 1, other = !current;
    s->steps++;
    if (s->probing > 1) {
        /* the probe's first steps woke the team's threads and moved half of the state
         * into the other core's cache; in a virtual machine the other core itself may
         * have been halted by the host while idle, and its first steps ran at half speed
         * for up to ~2 ms (coba x16: team steps of 250-375 us against 185-220 on one
         * thread, then 125-190). They are not counted: the comparison starts after
         * EQSIM_PROBE_WARM steps and EQSIM_PROBE_WARM_TIME */
        if (s->probing > 2) s->probing--;
        else if (elapsed >= EQSIM_PROBE_WARM_TIME) eqsim_team_phase(s, now, 1);
    } else if (s->probing) {
        /* a probe that falls behind (5 % and 20 us of slack: scheduler noise) ends at
         * once; the others last EQSIM_PROBE_STEPS steps and EQSIM_PROBE_TIME, and are kept
         * only when faster than the baseline all in all. (Keeping a probe within the
         * slack made a team 16 % slower win on cuba: 20 us were an eighth of 32 steps.) */
        const double baseline = s->per_step * s->steps;
        const int done = s->steps >= EQSIM_PROBE_STEPS && elapsed >= EQSIM_PROBE_TIME;
        if (elapsed > 1.05 * baseline + 2e-5 || (done && elapsed > baseline)) {
            s->lost++;
            /* lost by less than 10 %: the machine's noise may have decided it (this VM's
             * cores vary by 2x between seconds), so the wait before the next try stays */
            if (elapsed > 1.1 * baseline) {
                s->wait[current] = s->wait[current] * 2 < EQSIM_PROBE_WAIT_MAX ?
                    s->wait[current] * 2 : EQSIM_PROBE_WAIT_MAX;
                s->lost_per_step = s->per_step;
            }
            s->team = other ? s->threads : 1;
            eqsim_team_phase(s, now, 0);
        } else if (done) {
            s->wait[other] = EQSIM_PROBE_WAIT_MIN;  /* the conditions changed: look again soon */
            eqsim_team_phase(s, now, 0);
        }
    } else if (s->lost_per_step > 0.0 && s->steps >= EQSIM_PROBE_STEPS
               && elapsed >= 2 * EQSIM_PROBE_TIME) {
        /* the steps after a lost probe cost a fifth more or less than the baseline it was
         * compared with: the network's activity changed (brunel's first 15 ms: silent,
         * then a volley of 5,000 spikes in 2 ms, then ~900; its first try of the team,
         * during the volley, lost to the silent baseline by far and the doubled wait kept
         * one thread for 70 ms of a 1.75x faster team). The loss says nothing: try
         * again soon, against this phase's steps. */
        const double per_step = elapsed / s->steps;
        if (per_step > 1.2 * s->lost_per_step || 1.2 * per_step < s->lost_per_step)
            s->wait[other] = EQSIM_PROBE_WAIT_MIN;
        s->lost_per_step = 0.0;
    } else if (s->fresh && s->steps >= EQSIM_PROBE_STEPS) {
        /* the first steps of a run (caches cold after Python's work) are no baseline */
        s->fresh = 0;
        eqsim_team_phase(s, now, 0);
    } else if (now - s->checked >= EQSIM_LOAD_CHECK) {
        /* one look sees passing kernel threads too: only looks in a row count */
        s->checked = now;
        const int taken = eqsim_cores_taken(s, current ? s->threads : 1);
        s->taken = taken ? s->taken + 1 : 0;
        s->free = taken ? 0 : s->free + 1;
        if (current && s->taken >= 2) {  /* another task took a core: one thread */
            s->team = 1;
            eqsim_team_phase(s, now, 0);
            return s->team;
        }
    }
    /* free cores and a team that has not lost since: no wait (see above) */
    const int early = other && s->free >= 2 && s->wait[1] <= EQSIM_PROBE_WAIT_MIN
                      && elapsed >= 2 * EQSIM_PROBE_TIME;  /* a baseline longer than the probe */
    if (!s->probing && s->steps >= EQSIM_PROBE_STEPS
        && (early || elapsed >= s->wait[other])) {
        if (other && s->taken >= 2) {  /* no free core for the team: no probe */
            eqsim_team_phase(s, now, 0);
            return s->team;
        }
        s->per_step = elapsed / s->steps;
        s->team = other ? s->threads : 1;
        s->checked = now;
        eqsim_team_phase(s, now, other ? 1 + EQSIM_PROBE_WARM : 1);
    }
    return s->team;
}

/* tests: switch the size every `steps` steps, untimed (0: timed) */
static void eqsim_team_control_alternate(eqsim_team_state *s, int64_t steps) {
    s->alternate = steps; s->steps = 0; s->team = s->threads;
}

/* the state before a first run (the threads and the CPUs stay) */
static void eqsim_team_control_reset(eqsim_team_state *s) {
    const int threads = s->threads, cpus = s->cpus;
    *s = (eqsim_team_state)EQSIM_TEAM_STATE_INIT(threads);
    s->cpus = cpus;
}

static const eqsim_team_functions eqsim_team_control = {
    eqsim_team_control_tick, eqsim_team_control_alternate, eqsim_team_control_reset};
#endif
