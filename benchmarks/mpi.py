"""MPI: one network on K = 1 and K = 2 processes (``mpiexec -n 2``) and on 2 threads in
one process: seconds per simulated second, identical spike counts, memory per process.

Run: ``python benchmarks/mpi.py [--models coba brunel tian] [--duration 0.2] [--rounds 1]
[--bind-to core|none]``
(from the checkout; it starts every run itself, ``mpiexec`` from
:func:`eqsim.distributed.find_mpiexec`). Models: coba x16 (64,000 neurons, ~5 M synapses)
and Brunel 2000 (12,500 neurons, 1000 Poisson inputs each) from ``benchmarks/models``. Each
run is its own process (or processes) and starts with a 1 ms warm-up run (compilation);
the time is that of the measured ``run()`` on process 0, the memory each process's peak
resident set size. Runs of a kind alternate for ``--rounds`` rounds, the fastest counts.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MODELS = {"coba": ("coba", 16.0), "brunel": ("brunel", 1.0), "tian": ("tian", 1.0)}
CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
import eqsim
from eqsim import Network, prefs, second, ms
from eqsim.distributed import rank, num_processes
from benchmarks.models import {module}
prefs["codegen.cython.num_threads"] = {threads}
prefs["distributed.overlap_exchange"] = {overlap}
model = {module}.build(eqsim, scale={scale})
net = Network(*model.objects)
net.run(1 * ms)
start = time.perf_counter()
net.run({duration} * second)
elapsed = time.perf_counter() - start
spikes = [int(m.num_spikes) for m, _ in model.populations.values()]
result = {{"rank": rank(), "processes": num_processes(), "threads": {threads},
          "run_s": elapsed, "spikes": spikes,
          "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}
with open(f"{folder}/{{rank()}}.json", "w") as handle:  # ranks' stdout may interleave
    json.dump(result, handle)
"""


def run(model, processes, threads, duration, bind="core", overlap=True):
    module, scale = MODELS[model]
    folder = tempfile.mkdtemp(prefix="eqsim-mpi-bench-")
    code = CHILD.format(root=ROOT, module=module, threads=threads, scale=scale,
                        duration=duration, folder=folder, overlap=overlap)
    command = [sys.executable, "-c", code]
    if processes > 1:
        sys.path.insert(0, ROOT)
        from eqsim.distributed import mpiexec_command
        command = mpiexec_command(processes, "-c", code)
        if bind != "none":  # one process per core, never moved: its caches stay warm
            command[1:1] = ["-bind-to", bind]
    subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    ranks = []
    for rank in range(processes):
        with open(os.path.join(folder, f"{rank}.json")) as handle:
            ranks.append(json.load(handle))
    shutil.rmtree(folder)
    return {"run_s": ranks[0]["run_s"], "spikes": ranks[0]["spikes"],
            "same_on_every_rank": all(r["spikes"] == ranks[0]["spikes"] for r in ranks),
            "rss_mb": [round(r["rss_mb"]) for r in ranks]}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--models", nargs="+", default=list(MODELS), choices=list(MODELS))
    parser.add_argument("--duration", type=float, default=0.2, help="simulated seconds")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--bind-to", default="core",
                        help="MPICH's process binding for K > 1 ('none': the OS places them)")
    parser.add_argument("--no-overlap-too", action="store_true",
                        help="also K = 2 with prefs.distributed.overlap_exchange = False "
                             "(every exchange waited for where it is sent)")
    args = parser.parse_args()
    kinds = {"K=1": (1, 1, True), "K=2 (mpiexec)": (2, 1, True), "K=1, 2 threads": (1, 2, True)}
    if args.no_overlap_too:
        kinds["K=2, not overlapped"] = (2, 1, False)
    for model in args.models:
        results = {kind: [] for kind in kinds}
        for _ in range(args.rounds):
            for kind, (processes, threads, overlap) in kinds.items():
                results[kind].append(run(model, processes, threads, args.duration,
                                         args.bind_to, overlap))
        best = {kind: min(runs, key=lambda r: r["run_s"]) for kind, runs in results.items()}
        same = len({json.dumps(r["spikes"]) for runs in results.values() for r in runs}) == 1
        print(f"{model}: {args.duration:g} s simulated; identical spike counts: {same}")
        one = best["K=1"]["run_s"]
        for kind, r in best.items():
            print(f"  {kind:20s} {r['run_s'] / args.duration:8.2f} s per simulated s "
                  f"({one / r['run_s']:4.2f}x K=1)   spikes {r['spikes']}   "
                  f"peak memory per process (MB) {r['rss_mb']}")


if __name__ == "__main__":
    main()
