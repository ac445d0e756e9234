"""The fixed cost of a ``run()`` call: what a loop of short runs pays per call.

Run: ``python benchmarks/fixed_cost.py [--models cuba,tian] [--calls 30] [--scale 1]``
(from the checkout). Each model is built and run once (compiling or loading its library),
then ``run(defaultclock.dt)`` is called ``--calls`` times with Python's garbage collector
paused (a full collection costs ~50 ms on our VM and falls on one call in 30 to 300: it
would decide the maximum, not the typical call) and once more with it running. Prints the
median, fastest and slowest call in ms. To compare two checkouts, run this script from each
(``PYTHONPATH=<checkout> python <checkout>/benchmarks/fixed_cost.py``), alternating, on a
quiet machine: the figures move by 10-20 % from minute to minute on a shared VM.
``--phases`` also prints, per model, the mean ms per call of the phases of a run() call
(wrapped while the calls with the GC paused are timed): building the operations, their
fingerprint (a run() that builds what the last one built keeps its module:
eqsim/codegen/module_reuse.py), the network module (its kernel contexts, render key and
library load: zero when kept), binding. ``--sweep``: each call sets the models' constants
to other values (1 or 1.01 times the first), restores the state stored after the first run
and runs for dt: the loop of a parameter sweep.
"""
import argparse
import collections
import contextlib
import functools
import gc
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from models import all_benchmarks, spec_for  # noqa: E402


def call_times(network, dt, calls, sweep=None):
    """Seconds of each of ``calls`` calls of ``network.run(dt)``; with ``sweep`` (a
    callable taking the call's number), each call is ``sweep(k)``, ``restore()`` and
    ``run(dt)``."""
    times = []
    for k in range(calls):
        started = time.perf_counter()
        if sweep is not None:
            sweep(k)
            network.restore()
        network.run(dt)
        times.append(time.perf_counter() - started)
    return times


def parameter_sweep(objects):
    """A function of the call's number that sets every number in the objects' namespaces
    to its first value times 1, 1.01, 1, 1.01, ... (what a sweep over parameters does
    between runs)."""
    import numbers
    first = [(namespace, key, value) for namespace in
             {id(ns): ns for ns in (getattr(o, "namespace", None) for o in objects)
              if isinstance(ns, dict)}.values()
             for key, value in namespace.items() if isinstance(value, numbers.Number) or
             getattr(value, "shape", None) == ()]

    if not first:
        raise SystemExit("--sweep: the model's objects have no constants in a namespace")

    def sweep(k):
        for namespace, key, value in first:
            namespace[key] = value * (1.0 + 0.01 * (k % 2))
    return sweep


#: (module, object name or None for a module function, attribute, label) of each phase
PHASES = (("eqsim.core.network", "Network", "_build", "build (all below)"),
          ("eqsim.core.network", "Network", "_scheduled", "  operations()"),
          ("eqsim.codegen.module_reuse", None, "fingerprint", "  module fingerprint"),
          ("eqsim.codegen.module", "NetworkModule", "__init__", "  network module"),
          ("eqsim.codegen.module", None, "kernel_context", "    kernel contexts"),
          ("eqsim.codegen.module", None, "render_key", "    render key"),
          ("eqsim.codegen.module", "NetworkModule", "_load", "    library load"),
          ("eqsim.codegen.module", "NetworkModule", "bind", "bind"))


@contextlib.contextmanager
def timed_phases(seconds):
    """Add each phase's wall time to ``seconds[label]`` while inside."""
    import importlib
    patched = []
    for module_name, owner_name, attribute, label in PHASES:
        module = importlib.import_module(module_name)
        owner = module if owner_name is None else getattr(module, owner_name)
        original = getattr(owner, attribute)

        def timed(*args, _original=original, _label=label, **kwargs):
            started = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                seconds[_label] += time.perf_counter() - started
        patched.append((owner, attribute, original))
        setattr(owner, attribute, functools.wraps(original)(timed))
    try:
        yield seconds
    finally:
        for owner, attribute, original in reversed(patched):
            setattr(owner, attribute, original)


def measure(b, benchmark, calls, scale, phases=None, sweep=False):
    """(median, fastest, slowest) ms of run(dt) with the GC paused, and the median with it
    running, for ``benchmark`` at ``scale`` times its size; ``phases``: a Counter that gets
    the seconds of each phase of the paused calls; ``sweep``: each call changes the
    constants and restores the state stored after the first run (:func:`parameter_sweep`)."""
    spec, variant_scale = spec_for(benchmark)
    b.start_scope()
    model = spec.build(b, scale * variant_scale)
    network = b.Network(*model.objects)
    network.run(b.defaultclock.dt)  # builds or loads the library
    dt = b.defaultclock.dt
    changes = None
    if sweep:
        network.store()
        changes = parameter_sweep(network._all_objects())
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        with timed_phases(phases) if phases is not None else contextlib.nullcontext():
            paused = call_times(network, dt, calls, changes)
    finally:
        if was_enabled:
            gc.enable()
    running = call_times(network, dt, calls, changes)
    ms = [t * 1e3 for t in paused]
    return statistics.median(ms), min(ms), max(ms), statistics.median(running) * 1e3


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", default="cuba,tian",
                        help=f"comma-separated benchmarks, of: {', '.join(all_benchmarks())}")
    parser.add_argument("--calls", type=int, default=30, help="timed calls per model")
    parser.add_argument("--scale", type=float, default=1.0, help="size factor of each model")
    parser.add_argument("--phases", action="store_true",
                        help="also the mean ms per call of each phase of run()")
    parser.add_argument("--sweep", action="store_true",
                        help="each call: other constants, restore(), run(dt) (a parameter "
                             "sweep)")
    options = parser.parse_args(argv)
    import eqsim as b
    b.prefs["codegen.target"] = "cython"
    print(f"{'benchmark':24s} {'median ms':>10s} {'min':>8s} {'max':>8s} {'median, gc on':>14s}")
    for benchmark in options.models.split(","):
        phases = collections.Counter() if options.phases else None
        median, fastest, slowest, with_gc = measure(b, benchmark, options.calls, options.scale,
                                                    phases, options.sweep)
        print(f"{benchmark:24s} {median:10.2f} {fastest:8.2f} {slowest:8.2f} {with_gc:14.2f}")
        for _, _, _, label in PHASES if phases is not None else ():
            print(f"  {label:22s} {1e3 * phases[label] / options.calls:10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
