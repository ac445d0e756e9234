"""Run the benchmark suite on eqsim and, when available, on Brian2; print one table.

Usage::

    python benchmarks/run.py [--quick] [--only NAME[,NAME...]] [--no-brian2] [--peers]
                             [--threads 1,2] [--brian2-python PATH] [--json out.json] [--scale F]

For each benchmark and simulator, the runner script runs in fresh subprocesses: first with an
empty compiled-code cache (cold build), then (``--repeat`` times) with the cache the first
process left (warm build); the rows of a benchmark take turns (every cold process, then
rounds of one warm process per row), so that the rows compared share the machine's minutes.
eqsim runs with ``EQSIM_CACHE_DIR`` set to a temporary directory; Brian2's
Cython runtime with ``prefs.codegen.runtime.cython.cache_dir`` set to one; Brian2's C++
standalone device builds in a temporary project directory, reused for the warm run (``make``
recompiles nothing when the generated files did not change).

Brian2 runs under its own interpreter: ``--brian2-python``, else ``$BRIAN2_PYTHON``, else
``/work/brian2-venv/bin/python`` if it exists; eqsim is never imported there.
``--peers`` adds NEST 3.10 and ANNarchy 5 (``runners/run_nest.py``, ``runners/run_annarchy.py``:
each benchmark translated to the peer's models, with the differences listed there) on the
benchmarks they can express, each under its own interpreter found the same way
(``--nest-python`` / ``$NEST_PYTHON`` / ``/work/nest-venv/bin/python``, ``--annarchy-python`` /
``$ANNARCHY_PYTHON`` / ``/work/annarchy-venv/bin/python``).

``--threads 1,2`` runs every simulator at each thread count in the same invocation (one row
per benchmark, simulator and thread count): eqsim with ``prefs.codegen.cython.num_threads``,
Brian2 standalone with ``prefs.devices.cpp_standalone.openmp_threads`` (1 thread: 0, Brian2's
serial code without OpenMP), NEST with ``local_num_threads``, ANNarchy with ``num_threads``.
Brian2's Cython runtime has no threads: it gets one row, at 1 thread.

The run time reported is the smaller of the two processes' timed runs (both simulate the same
seeded network); spikes and memory come from the warm process. See ``runners/measure.py``
for what each number measures.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_DIR = os.path.dirname(BENCH_DIR)
sys.path.insert(0, BENCH_DIR)

from models import all_benchmarks, spec_for  # noqa: E402
from runners.measure import RESULT_PREFIX  # noqa: E402
from table import PEERS, SINGLE_THREADED, format_table, rate_mismatch  # noqa: E402

DEFAULT_PYTHONS = {"brian2": "/work/brian2-venv/bin/python", "nest": "/work/nest-venv/bin/python",
                   "annarchy": "/work/annarchy-venv/bin/python"}
SIMULATORS = ("eqsim", "brian2-cython", "brian2-standalone", "nest", "annarchy")
CHILD_TIMEOUT = 3600  # seconds; a cold Brian2 build of a big network takes minutes


def parse_result(stdout):
    """The record of the runner's ``BENCHMARK_RESULT`` line, or None."""
    for line in reversed(stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            return json.loads(line[len(RESULT_PREFIX):])
    return None


def run_child(command, env, log):
    """Run one runner process; its record (an error record if it printed none)."""
    log(f"    $ {' '.join(command)}")
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True,
                              timeout=CHILD_TIMEOUT, cwd=REPO_DIR)
    except subprocess.TimeoutExpired:
        return dict(status="error", message=f"timed out after {CHILD_TIMEOUT} s")
    record = parse_result(done.stdout)
    if record is None:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        return dict(status="error", message=f"runner exited {done.returncode} without a "
                                            f"result: {' | '.join(tail)}")
    return record


def runner_command(simulator, benchmark, options, python, cache, threads=1):
    common = ["--benchmark", benchmark, "--scale", str(options.scale)]
    if options.quick:
        common.append("--quick")
    if simulator not in SINGLE_THREADED:
        common += ["--threads", str(threads)]
    if simulator == "eqsim":
        return [python, os.path.join(BENCH_DIR, "runners", "run_eqsim.py"), *common]
    if simulator == "nest":
        return [python, os.path.join(BENCH_DIR, "runners", "run_nest.py"), *common]
    if simulator == "annarchy":
        return [python, os.path.join(BENCH_DIR, "runners", "run_annarchy.py"), *common,
                "--build-dir", cache]
    script = os.path.join(BENCH_DIR, "runners", "run_brian2.py")
    if simulator == "brian2-cython":
        return [python, script, *common, "--device", "cython", "--cache-dir", cache]
    return [python, script, *common, "--device", "cpp_standalone", "--build-dir", cache]


def child_environment(simulator, cache):
    env = dict(os.environ)
    if simulator == "eqsim":
        env["PYTHONPATH"] = os.pathsep.join(p for p in (REPO_DIR, env.get("PYTHONPATH")) if p)
        env["EQSIM_CACHE_DIR"] = cache
    else:
        env.pop("PYTHONPATH", None)  # another simulator's interpreter must not see the checkout
    return env


def peer_environment(env, python):
    """The environment of a peer's venv as if activated: ANNarchy's build runs ``cmake``,
    which must find the venv's Python (with nanobind), not the system's."""
    return dict(env, PATH=os.pathsep.join((os.path.dirname(python), env.get("PATH", ""))))


_GLUE_DIR = []


def add_eqsim_glue(cache, env, log):
    """Put eqsim's compiled Cython glue and compiled templates into the empty cache, and its
    modules' bytecode beside them, as an installed eqsim ships them: from the checkout they
    would otherwise be compiled (~2.5 s and ~0.2 s, once per machine) inside the first
    network's build. Compiled once per invocation; network libraries are not."""
    if not _GLUE_DIR:
        _GLUE_DIR.append(tempfile.mkdtemp(prefix="eqsim-bench-glue-"))
        glue_env = dict(env, EQSIM_CACHE_DIR=_GLUE_DIR[0])
        subprocess.run([sys.executable, "-c", PACKAGE_BUILD], env=glue_env, check=True)
        log("    (eqsim's Cython glue and templates compiled once, outside the timed builds)")
    for entry in os.listdir(_GLUE_DIR[0]):
        if entry.startswith("eqsim_network_glue"):
            shutil.copy2(os.path.join(_GLUE_DIR[0], entry), cache)
    shutil.copytree(os.path.join(_GLUE_DIR[0], "templates"), os.path.join(cache, "templates"),
                    dirs_exist_ok=True)


#: what installing eqsim compiles (setup.py; pip also writes every module's bytecode, which
#: Python writes on first import, unless PYTHONDONTWRITEBYTECODE is set, as on the machine
#: these figures come from: a build then compiled each module it imports lazily, ~0.1 s):
#: into the cache folder, and the bytecode beside the checkout's modules
PACKAGE_BUILD = """
import compileall, os
import eqsim
from eqsim.codegen.module import network_glue
from eqsim.codegen.template_code import compile_all
from eqsim.codegen.templates import template_root
network_glue()
compile_all(template_root(), os.path.join(os.environ["EQSIM_CACHE_DIR"], "templates"))
compileall.compile_dir(os.path.dirname(eqsim.__file__), quiet=1)
"""


class Row:
    """One row of the table: a simulator at a thread count, its cache kept from the cold run
    to the last warm one. The rows of a benchmark run their warm processes in turn (1, 2,
    1, 2, ... threads; eqsim, Brian2, eqsim, ...): on a shared machine whose speed drifts
    from minute to minute, rows run one after another had compared different minutes."""

    def __init__(self, simulator, benchmark, options, python, log, threads=1):
        self.simulator, self.benchmark, self.threads, self.log = simulator, benchmark, threads, log
        self.cache = tempfile.mkdtemp(prefix=f"eqsim-bench-{simulator}-{benchmark}-")
        self.failed, self.cold, self.warms = None, None, []
        self.env = child_environment(simulator, self.cache)
        if simulator in PEERS:
            self.env = peer_environment(self.env, python)
        if simulator == "eqsim":
            add_eqsim_glue(self.cache, self.env, log)
        self.command = runner_command(simulator, benchmark, options, python, self.cache, threads)

    def _run(self):
        result = run_child(self.command, self.env, self.log)
        if result.get("status") != "ok":
            self.failed = dict(result, simulator=self.simulator, benchmark=self.benchmark,
                               threads=self.threads)
        return result

    def run_cold(self):
        """The first process, with an empty cache (the cold build)."""
        self.cold = self._run()

    def run_warm(self):
        """One more process with the cache the cold one filled."""
        if self.failed is None:
            warm = self._run()
            if self.failed is None:
                self.warms.append(warm)

    def remove_cache(self):
        shutil.rmtree(self.cache, ignore_errors=True)

    def result(self):
        """The row: the fastest run of all processes, the fastest warm build."""
        if self.failed is not None:
            return self.failed
        cold, warms = self.cold, self.warms
        row = dict(warms[-1], threads=self.threads)
        row["cold_build_s"] = cold["build_s"]
        row["warm_build_s"] = min(w["build_s"] for w in warms)
        row["run_s"] = min([cold["run_s"]] + [w["run_s"] for w in warms])
        row["run_s_all"] = [cold["run_s"]] + [w["run_s"] for w in warms]
        row["run_per_sim_s"] = row["run_s"] / row["duration"]
        if row.get("events") is not None and row["run_s"] > 0:
            row["events_per_s"] = row["events"] / row["run_s"]
        row["cold"], row["warm"] = cold, warms
        return row


def run_rows(name, planned, options, pythons, log):
    """The rows of benchmark ``name`` (``(simulator, threads)`` each): every cold run, then
    ``options.repeat`` rounds of one warm run per row (at least one)."""
    rows = [Row(simulator, name, options, pythons[simulator], log, threads)
            for simulator, threads in planned]
    try:
        for row in rows:
            log(f"[{datetime.datetime.now():%H:%M:%S}] {name} on {row.simulator}, "
                f"{row.threads} thread{'s' if row.threads > 1 else ''}, cold "
                f"(load average {os.getloadavg()[0]:.1f})")
            row.run_cold()
        for round_ in range(max(1, options.repeat)):
            log(f"[{datetime.datetime.now():%H:%M:%S}] {name}: warm round {round_ + 1} "
                f"(load average {os.getloadavg()[0]:.1f})")
            for row in rows:
                row.run_warm()
    finally:
        for row in rows:
            row.remove_cache()
    results = [row.result() for row in rows]
    for result in results:
        result["load_average"] = os.getloadavg()[0]
        log(f"    {name} on {result['simulator']}, {result['threads']} thread(s) -> "
            f"{result.get('status')}" + (f": {result.get('message')}"
                                         if result.get("status") != "ok"
                                         else f", run {result['run_s']:.3g} s"))
    return results


def simulator_python(name, given):
    """The interpreter of simulator ``name`` ('brian2', 'nest', 'annarchy'): the option,
    else ``$<NAME>_PYTHON``, else its default venv; None if none exists."""
    candidate = given or os.environ.get(f"{name.upper()}_PYTHON") or DEFAULT_PYTHONS[name]
    return candidate if candidate and os.path.exists(candidate) else None


def brian2_python(options):
    return simulator_python("brian2", options.brian2_python)


def cpu_model():
    """The CPU's model name (Linux), else what ``platform`` knows."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_description():
    return dict(platform=platform.platform(), processor=cpu_model(),
                cpus=os.cpu_count(), python=platform.python_version(),
                load_average_at_start=os.getloadavg())


def thread_counts(text):
    """``"1,2"`` -> ``[1, 2]`` (the ``--threads`` option)."""
    try:
        counts = [int(part) for part in text.split(",")]
    except ValueError:
        counts = []
    if not counts or min(counts) < 1 or len(set(counts)) != len(counts):
        raise argparse.ArgumentTypeError(f"{text!r}: expected distinct positive integers "
                                         "separated by commas, e.g. 1,2")
    return counts


def plan(names, thread_list, pythons):
    """``(benchmark, simulator, threads)`` of every row to run, grouped by benchmark and
    thread count. ``pythons[simulator]`` is its interpreter, None if absent; a peer runs only
    the benchmarks its spec lists in ``PEERS``, and a single-threaded simulator only at the
    first thread count."""
    rows = []
    for name in names:
        spec, _ = spec_for(name)
        for threads in thread_list:
            for simulator in SIMULATORS:
                if pythons.get(simulator) is None:
                    continue
                if simulator in PEERS and name not in getattr(spec, "PEERS", {}).get(simulator, ()):
                    continue
                if simulator not in getattr(spec, "SIMULATORS", SIMULATORS):
                    continue
                if simulator in SINGLE_THREADED and threads != thread_list[0]:
                    continue
                rows.append((name, simulator, 1 if simulator in SINGLE_THREADED else threads))
    return rows


def untranslated(name, pythons):
    """A row saying so for each peer (with an interpreter) that cannot express benchmark
    ``name``: nothing is run; the README says why."""
    spec, _ = spec_for(name)
    why = getattr(spec, "NOT_ON_PEERS", "no translation in runners/run_nest.py, run_annarchy.py")
    return [dict(simulator=peer, benchmark=name, threads=1, status="untranslated", message=why)
            for peer in PEERS if pythons.get(peer) is not None
            and name not in getattr(spec, "PEERS", {}).get(peer, ())]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="shorter simulated durations (each spec's QUICK_DURATION)")
    parser.add_argument("--only", help="comma-separated benchmark names "
                                       f"({', '.join(all_benchmarks())})")
    parser.add_argument("--no-brian2", action="store_true", help="run eqsim only")
    parser.add_argument("--brian2-python", help="interpreter with Brian2 installed")
    parser.add_argument("--peers", action="store_true",
                        help="also run NEST and ANNarchy where they can express the benchmark")
    parser.add_argument("--nest-python", help="interpreter with NEST installed")
    parser.add_argument("--annarchy-python", help="interpreter with ANNarchy installed")
    parser.add_argument("--json", help="write all results to this file")
    parser.add_argument("--repeat", type=int, default=1,
                        help="warm-cache processes per row, in rounds over the benchmark's rows "
                             "(run time: the fastest of all processes, the same number for "
                             "every simulator)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="extra size factor for every benchmark (debugging)")
    parser.add_argument("--threads", type=thread_counts, default=[1],
                        help="comma-separated thread counts, e.g. 1,2: every simulator at each "
                             "(Brian2's Cython runtime: one row, it has no threads)")
    options = parser.parse_args(argv)
    names = options.only.split(",") if options.only else all_benchmarks()
    for name in names:
        spec_for(name)  # unknown names fail before anything runs
    b2_python = None if options.no_brian2 else brian2_python(options)
    if not options.no_brian2 and b2_python is None:
        print("Brian2 interpreter not found (use --brian2-python or BRIAN2_PYTHON); "
              "running eqsim only", file=sys.stderr)

    peer_pythons = {}
    if options.peers:
        for peer in PEERS:
            peer_pythons[peer] = simulator_python(peer, getattr(options, f"{peer}_python"))
            if peer_pythons[peer] is None:
                print(f"{peer} interpreter not found (use --{peer}-python or "
                      f"{peer.upper()}_PYTHON); skipping it", file=sys.stderr)

    def log(message):
        print(message, file=sys.stderr, flush=True)

    started = datetime.datetime.now()
    machine = machine_description()
    pythons = dict(peer_pythons, eqsim=sys.executable)
    pythons["brian2-cython"] = pythons["brian2-standalone"] = b2_python
    rows = []
    command = "python benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:])

    def save():
        """Write the rows so far: a long run stopped early keeps what it measured."""
        if options.json:
            with open(options.json, "w") as f:
                json.dump(dict(command=command.strip(), started=started.isoformat(),
                               machine=machine, results=rows), f, indent=1)
    for name in names:
        planned = [(simulator, threads)
                   for _, simulator, threads in plan([name], options.threads, pythons)]
        rows += run_rows(name, planned, options, pythons, log)
        rows += untranslated(name, pythons)
        save()
    for row in rows:
        row["rate_mismatch"] = rate_mismatch(row, rows)
    print(f"# {command.strip()}  ({started:%Y-%m-%d %H:%M} to {datetime.datetime.now():%H:%M}, "
          f"{machine['cpus']} cores, {machine['processor']}, load average at start "
          f"{machine['load_average_at_start'][0]:.1f}, at the end {os.getloadavg()[0]:.1f})")
    print(format_table(rows))
    save()
    return 0 if all(r.get("status") in ("ok", "unavailable", "untranslated") for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
