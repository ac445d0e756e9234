"""Where a thread team's time goes, part by part, in one process.

Run: ``python benchmarks/team_parts.py [--model tian] [--duration 0.1] [--rounds 6]
[--scale 1] [--parts-per-thread 1] [--no-timing]`` (from the checkout). The model is built
twice, on one thread and on a team of two that runs every step (the step loop's controller
bypassed), and the two networks run in turns, ``--rounds`` times each; the fastest run of
each counts. ``--parts-per-thread N`` adds a third, a team whose shared forks split their
targets into N parts per thread (``kinds.PARTS_PER_THREAD``; 1: fixed halves). On a shared VM whose speed
drifts from minute to minute this is the comparison that holds: both see the same minutes,
where separate processes (``benchmarks/run.py --threads 1,2``) can differ by 50 %.

Then, for each parallel part of the team's steps (``prefs.codegen.cython.team_timing``; in
the order of their first fork: a state update, a pathway or the pathways that share a fork,
...): forks per step, and per fork the calling thread's share, the first worker's share,
the caller's wait at the join, the time from fork to join and the time from the fork to the
first worker's start, in microseconds. A worker's share longer than the caller's, or a join
wait longer than their difference, is time the team loses.
"""
import argparse
import ctypes
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from models import all_benchmarks, spec_for  # noqa: E402

FIELDS = ("forks", "caller share", "worker share", "join wait", "fork to join",
          "worker start")


def build(b, benchmark, scale, threads, timing):
    spec, variant_scale = spec_for(benchmark)
    b.prefs["codegen.cython.num_threads"] = threads
    b.prefs["codegen.cython.team_timing"] = timing
    b.start_scope()
    model = spec.build(b, scale * variant_scale)
    network = b.Network(*model.objects)
    network.run(20 * b.ms)  # builds or loads the library, and the first steps' transients
    return network


def part_times(library):
    """[(forks, caller s, worker s, wait s, whole s)] of each part forked so far"""
    library.eqsim_team_part_times.restype = ctypes.c_int
    out, parts = (ctypes.c_double * len(FIELDS))(), []
    while library.eqsim_team_part_times(len(parts), out):
        parts.append(tuple(out))
    return parts


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="tian", help=f"one of {', '.join(all_benchmarks())}")
    parser.add_argument("--duration", type=float, default=0.1, help="seconds simulated a run")
    parser.add_argument("--rounds", type=int, default=6, help="runs of each network")
    parser.add_argument("--scale", type=float, default=1.0, help="extra size factor")
    parser.add_argument("--parts-per-thread", type=int, default=None,
                        help="also a team whose shared forks split their targets into this "
                             "many parts per thread (kinds.PARTS_PER_THREAD; 1: fixed "
                             "halves), in the same turns")
    parser.add_argument("--no-timing", action="store_true",
                        help="the team's library without the timing of its parts (two clock "
                             "reads a share): the speed-up alone")
    options = parser.parse_args(argv)
    import eqsim as b
    b.prefs["codegen.target"] = "cython"
    one = build(b, options.model, options.scale, 1, False)
    timing = not options.no_timing
    team = build(b, options.model, options.scale, 2, timing)
    teams = {2: team}
    if options.parts_per_thread is not None:
        from eqsim.codegen import kinds
        default, kinds.PARTS_PER_THREAD = kinds.PARTS_PER_THREAD, options.parts_per_thread
        try:
            teams[f"2, {options.parts_per_thread} parts per thread"] = build(
                b, options.model, options.scale, 2, timing)
        finally:
            kinds.PARTS_PER_THREAD = default
    if team._module.threads < 2:
        print(f"{options.model} at scale {options.scale} is built for one thread "
              "(too small for a team)")
        return 1
    libraries = {name: ctypes.CDLL(net._module.library_path) for name, net in teams.items()}
    for lib in libraries.values():
        lib.eqsim_team_alternate.argtypes = [ctypes.c_int64]
        lib.eqsim_team_alternate(2 ** 62)  # the team on every step
    library = libraries[2]
    if timing:
        library.eqsim_team_part_times_reset()
    walls = {name: [] for name in [1, *teams]}
    try:
        for _ in range(options.rounds):
            for name, network in ((1, one), *teams.items()):
                b.prefs["codegen.cython.num_threads"] = 1 if name == 1 else 2
                started = time.perf_counter()
                network.run(options.duration * b.second)
                walls[name].append(time.perf_counter() - started)
    finally:
        for lib in libraries.values():
            lib.eqsim_team_reset()
    steps = options.rounds * round(options.duration / float(b.defaultclock.dt))
    fastest = {name: min(w) for name, w in walls.items()}
    for name in teams:
        # each round's pair shares its minutes: the median of their ratios is the typical
        # speed-up, where the fastest of each shows the best minute's
        ratios = sorted(one / team for one, team in zip(walls[1], walls[name]))
        label = "team of 2" if name == 2 else f"team of {name}"
        print(f"{options.model}, {options.duration} s simulated, fastest of {options.rounds} "
              f"in turns: 1 thread {fastest[1]:.4f} s, {label} {fastest[name]:.4f} s, "
              f"speed-up {fastest[1] / fastest[name]:.2f}x (median of the rounds' ratios "
              f"{ratios[len(ratios) // 2]:.2f}x)")
    if not timing:
        return 0
    print("| part | forks per step | " + " | ".join(f"{f} us" for f in FIELDS[1:]) + " |")
    print("| ---- | -------------- |" + " --- |" * (len(FIELDS) - 1))
    for k, (forks, *seconds) in enumerate(part_times(library)):
        per_fork = [f"{s / max(forks, 1) * 1e6:.2f}" for s in seconds]
        print(f"| {k} | {forks / steps:.2f} | " + " | ".join(per_fork) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
