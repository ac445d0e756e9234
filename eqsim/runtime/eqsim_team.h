/* The thread team's controller as a threaded network library sees it: its state (one per
 * library, in the library) and the table of its functions. The functions themselves
 * (eqsim_team_control.h) are compiled once, into the network glue at install: compiled into
 * every threaded library they were ~0.1 s of gcc per build, a third of what threads added
 * to a cold build. The glue hands the table to a library when it loads it
 * (eqsim_set_team_functions). */
#ifndef EQSIM_TEAM_H
#define EQSIM_TEAM_H
#include <stdint.h>

typedef struct {
    int threads;        /* the team's size (the library's threads) */
    int team;           /* the size for the next step: 1 or threads */
    int cpus;           /* the machine's CPUs (set by the library: eqsim_pool_cpus) */
    int machine_cpus, machine_running;  /* tests: the machine the controller sees; < 0: real */
    int probing;        /* the other size is being tried (> 1: its first, untimed steps) */
    int64_t steps;      /* steps of the current phase */
    double start;       /* wall time at its start (< 0: no step timed yet in this run) */
    double per_step;    /* seconds per step of the size the probe competes with */
    double wait[2];     /* seconds of a phase before trying [one thread, the team] again */
    int64_t alternate;  /* tests: > 0 switches the size every `alternate` steps, untimed */
    int64_t used[2];    /* steps run with [one thread, the team] */
    int64_t lost;       /* probes lost */
    double checked;     /* wall time of the last look at the machine's load (on the team) */
    int taken;          /* looks in a row that found a core taken */
    int free;           /* looks in a row that found the team's cores free */
    int fresh;          /* the phase started with the run: its first steps are not timed */
    double lost_per_step;  /* the baseline of the last probe lost by more than 10 % (0: none
                            * to check): the next phase, if its steps cost another amount,
                            * shows that the network's activity changed, not the team */
} eqsim_team_state;

/* the shortest wait before a probe (eqsim_team_control.h) */
#define EQSIM_PROBE_WAIT_MIN 0.05
/* a library's state before its first run: one thread, nothing measured */
#define EQSIM_TEAM_STATE_INIT(threads) {(threads), 1, 0, -1, -1, 0, 0, -1.0, 0.0, \
    {EQSIM_PROBE_WAIT_MIN, EQSIM_PROBE_WAIT_MIN}, 0, {0, 0}, 0, 0.0, 0, 0, 0, 0.0}

typedef struct {
    int (*tick)(eqsim_team_state *s, double now);  /* the size for the step starting now */
    void (*alternate)(eqsim_team_state *s, int64_t steps);
    void (*reset)(eqsim_team_state *s);
} eqsim_team_functions;
#endif
