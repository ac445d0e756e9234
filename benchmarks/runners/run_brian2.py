"""Run one benchmark on Brian2 (Cython runtime or C++ standalone); print one JSON result line.

Runs under Brian2's own interpreter (never imports eqsim). Usage::

    /work/brian2-venv/bin/python benchmarks/runners/run_brian2.py --benchmark coba \
        --device cython --cache-dir DIR [--quick | --duration S] [--scale F]
    /work/brian2-venv/bin/python benchmarks/runners/run_brian2.py --benchmark coba \
        --device cpp_standalone --build-dir DIR [--threads T]

``cython``: the measurement protocol of ``measure.py``; compiled extensions go to
``--cache-dir`` (``prefs.codegen.runtime.cython.cache_dir``), so an empty directory is a cold
build and a reused one a warm build.

``cpp_standalone``: objects are created, ``run(warmup)`` and ``run(duration)`` are recorded
(``build_on_run=False``), then ``device.build`` generates, compiles (``make``, which skips
unchanged files when ``--build-dir`` is reused) and runs the binary. ``run_s`` is the
binary's own timing of its last ``run`` (``device._last_run_time``, the simulation loop only);
``build_s`` is the total wall time minus the two simulation loops (the warm-up loop estimated
as ``run_s * warmup / duration``), so it includes code generation, compilation, the
binary's start and its synapse creation, and writing the results. Peak memory is the
binary's (``child_rss.py``), not the compiler's. There is no interactive ``run()``, so no
fixed cost per call is reported. ``--threads T`` sets
``prefs.devices.cpp_standalone.openmp_threads`` to T, or to 0 for one thread (Brian2's
default: serial code, no OpenMP). The Cython runtime has no threads: it refuses ``--threads``
above 1.

Bytes per synapse: the per-synapse arrays Brian2 declares for each ``Synapses``
(``_synaptic_pre``, ``_synaptic_post``, ``N_incoming``, ``N_outgoing``, per-synapse delays,
state variables), from their dtypes, divided by the number of synapses. Brian2's spike queue
keeps its own copy of the synapse order per source, not counted here.
"""
import argparse
import os
import sys
import time

import numpy as np

BENCH_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, BENCH_DIR)

from models import spec_for  # noqa: E402
from runners.measure import (WARMUP, base_record, chosen_duration, common_arguments,  # noqa: E402
                             emit, emit_error, finish_record, run_interactive, timed)


def synapse_count(synapses):
    return len(synapses)


def synapse_bytes(model, network=None):
    """Bytes per synapse of the per-synapse arrays the model's Synapses declare."""
    from brian2.core.variables import DynamicArrayVariable
    total, n_synapses = 0, 0
    for synapses, _ in model.pathways:
        n = len(synapses)
        n_synapses += n
        seen = set()
        for var in synapses.variables.values():
            if (isinstance(var, DynamicArrayVariable) and not var.scalar and var.ndim == 1
                    and id(var) not in seen):
                seen.add(id(var))
                total += np.dtype(var.dtype).itemsize * n
    return (total / n_synapses if n_synapses else None), "arrays"


def run_standalone(b, spec, benchmark, scale, duration, build_dir, threads=1):
    """The standalone protocol described in the module docstring."""
    b.set_device("cpp_standalone", directory=build_dir, build_on_run=False)
    b.prefs.devices.cpp_standalone.openmp_threads = threads if threads > 1 else 0
    rss_file = os.path.join(build_dir, "binary_maxrss_kib.txt")
    b.prefs.devices.cpp_standalone.run_cmd_unix = [
        sys.executable, os.path.join(BENCH_DIR, "runners", "child_rss.py"), rss_file, "./main"]
    record = base_record("brian2-standalone", benchmark, scale, duration)
    record.update(threads=threads, openmp_threads=b.prefs.devices.cpp_standalone.openmp_threads)
    started = time.perf_counter()
    record["objects_s"], model = timed(spec.build, b, scale)
    network = b.Network(*model.objects)
    network.run(WARMUP * b.second)
    network.run(duration * b.second)
    b.device.build(directory=build_dir, compile=True, run=True, with_output=False)
    total = time.perf_counter() - started
    record["run_s"] = b.device._last_run_time
    record["build_s"] = total - record["run_s"] * (1 + WARMUP / duration)
    record["fixed_cost_s"] = None
    record["timers"] = {"make_s": b.device.timers["compile"]["make"],
                        "run_binary_s": b.device.timers["run_binary"]}
    spikes = {}
    for name, (monitor, _) in model.populations.items():
        # spikes of the timed run only: the first WARMUP seconds belong to the build run
        times = monitor.t_[:]
        spikes[name] = int((times >= WARMUP - 1e-9).sum())
    from runners.measure import peak_rss_mb
    record["python_peak_rss_mb"] = peak_rss_mb()
    with open(rss_file) as f:
        record["peak_rss_mb"] = int(f.read()) / 1024
    per_synapse, method = synapse_bytes(model)
    return finish_record(record, model, spikes, synapse_count, per_synapse, method)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    common_arguments(parser)
    parser.add_argument("--device", choices=["cython", "cpp_standalone"], default="cython")
    parser.add_argument("--cache-dir", help="Cython runtime: compiled extension cache")
    parser.add_argument("--build-dir", help="cpp_standalone: project directory")
    options = parser.parse_args(argv)
    spec, base_scale = spec_for(options.benchmark)
    scale = base_scale * options.scale
    duration = chosen_duration(spec, options)
    simulator = "brian2-cython" if options.device == "cython" else "brian2-standalone"
    if options.device == "cython" and options.threads != 1:
        parser.error("Brian2's Cython runtime has no threads: use --threads 1")
    started = time.perf_counter()
    import brian2
    import_s = time.perf_counter() - started
    brian2.prefs.logging.file_log = False
    missing = [name for name in spec.REQUIRES if not hasattr(brian2, name)]
    try:
        if missing:
            raise RuntimeError(f"brian2 does not export {missing}")
        if options.device == "cython":
            brian2.prefs.codegen.target = "cython"  # no silent fallback to numpy
            if options.cache_dir:
                brian2.prefs.codegen.runtime.cython.cache_dir = options.cache_dir
            record = run_interactive(brian2, spec, options.benchmark, scale, duration,
                                     simulator, synapse_count, synapse_bytes)
        else:
            if not options.build_dir:
                parser.error("--build-dir is required with --device cpp_standalone")
            record = run_standalone(brian2, spec, options.benchmark, scale, duration,
                                    options.build_dir, options.threads)
    except Exception as error:
        return emit_error(simulator, options.benchmark, scale, duration, error)
    record.update(import_s=import_s, brian2_version=brian2.__version__)
    emit(record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
