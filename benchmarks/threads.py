"""Threads: the same network with 1 and N threads, run time and identical spikes.

Run: ``python benchmarks/threads.py [--scale 16] [--threads 2] [--duration 1.0] [--rounds 3]
[--load]`` (from the checkout; each run is its own process, after a warm-up run). ``--load``
keeps one busy process running next to every run (a user's machine is never idle): the
compiled loop then has to notice that its team waits for a core and use one thread. The thread counts
alternate for several rounds and the fastest run of each counts, because on a shared
machine a neighbour's load slows threaded runs most (every step waits at barriers).
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})
import eqsim
from eqsim import Network, prefs, second, ms
from benchmarks.models import coba
prefs["codegen.cython.num_threads"] = {threads}
model = coba.build(eqsim, scale={scale})
net = Network(*model.objects)
net.run(1 * ms)
start = time.perf_counter()
net.run({duration} * second)
elapsed = time.perf_counter() - start
spikes = [int(m.num_spikes) for m, _ in model.populations.values()]
team = {{}}
if {threads} > 1:  # how often the loop ran on the team (it times itself: eqsim/runtime/eqsim_team_control.h)
    import ctypes
    lib = ctypes.CDLL(net._module.library_path)
    lib.eqsim_team_used.restype = ctypes.c_int64
    team = {{"team_steps": lib.eqsim_team_used(1), "one_thread_steps": lib.eqsim_team_used(0),
             "probes_lost": lib.eqsim_team_used(-1)}}
print(json.dumps({{"threads": {threads}, "run_s": elapsed, "spikes": spikes, **team}}))
"""


def run(threads, scale, duration, load=False):
    code = CHILD.format(root=os.path.dirname(HERE), threads=threads, scale=scale,
                        duration=duration)
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if load else None
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True)
    finally:
        if busy is not None:
            busy.kill()
            busy.wait()
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=16.0, help="coba scale (16: coba_x16)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--duration", type=float, default=1.0, help="simulated seconds")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each thread count")
    parser.add_argument("--load", action="store_true",
                        help="a busy process next to every run (a machine in use)")
    args = parser.parse_args()
    ones, manys = [], []
    for _ in range(args.rounds):
        ones.append(run(1, args.scale, args.duration, args.load))
        manys.append(run(args.threads, args.scale, args.duration, args.load))
    one = min(r["run_s"] for r in ones)
    many = min(r["run_s"] for r in manys)
    same = all(r["spikes"] == ones[0]["spikes"] for r in ones + manys)
    print(f"coba x{args.scale:g}, {args.duration:g} s simulated"
          f"{' next to a busy process' if args.load else ''}, fastest of {args.rounds}: "
          f"1 thread {one:.3f} s, {args.threads} threads {many:.3f} s, speed-up "
          f"{one / many:.2f}x, same spikes: {same}")
    print("all runs (s): 1 thread " + " ".join(f"{r['run_s']:.3f}" for r in ones)
          + f"; {args.threads} threads " + " ".join(f"{r['run_s']:.3f}" for r in manys))
    print("steps on the team / on one thread / probes lost: " + "; ".join(
        f"{r['team_steps']} / {r['one_thread_steps']} / {r['probes_lost']}" for r in manys))


if __name__ == "__main__":
    main()
