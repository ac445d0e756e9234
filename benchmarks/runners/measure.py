"""Measurement shared by the runners: the timed protocol, spike and event counts, the JSON line.

Standard library only: the same file runs under eqsim's interpreter and under Brian2's.

The protocol for a simulator that runs interactively (eqsim, Brian2's Cython runtime):

1. ``build(b, scale)`` creates the objects and the connections (timed: ``objects_s``);
2. ``run(warmup)`` (1 ms) builds or loads the compiled code and simulates 10 steps
   (timed: ``first_run_s``);
3. ``run(duration)`` is the timed simulation (``run_s``); spikes are counted in this window
   only (monitor counts after minus before);
4. ``run(dt)``, one step, measures the fixed cost of a ``run()`` call (``fixed_cost_s``).

``build_s`` = ``objects_s + first_run_s`` minus the warm-up's share of simulation time
(``run_s * warmup / duration``): the wall time from object creation to the start of the
simulation loop, including one run call's fixed cost.
"""
import json
import resource
import time
import traceback

RESULT_PREFIX = "BENCHMARK_RESULT "
WARMUP = 0.001  # seconds of simulated time in the build run


def peak_rss_mb():
    """Peak resident memory of this process so far (MB; Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def emit(record):
    """Print the one result line the orchestrator looks for."""
    print(RESULT_PREFIX + json.dumps(record), flush=True)


def spike_counts(model):
    """``{population: spikes recorded so far}``."""
    return {name: int(monitor.num_spikes) for name, (monitor, _) in model.populations.items()}


def event_count(model, spikes, synapse_count):
    """Synaptic events: each source spike reaches ``n_synapses / n_source`` synapses."""
    events = 0.0
    for synapses, population in model.pathways:
        n_source = model.populations[population][1]
        events += spikes[population] * synapse_count(synapses) / max(n_source, 1)
    return int(round(events))


def emit_error(simulator, benchmark, scale, duration, error):
    """Report ``error`` (being handled) as this row's result, so one failing benchmark
    does not stop the suite; returns the runner's exit status."""
    record = base_record(simulator, benchmark, scale, duration)
    record.update(status="error", message=f"{type(error).__name__}: {error}",
                  traceback=traceback.format_exc())
    emit(record)
    return 1


def run_peer(simulator, options, spec, translated, work):
    """A peer runner's main: ``work(duration)`` gives the record when the peer has a
    translation of the spec (``model_of(spec) in translated``); the whole wall time is
    ``total_s``, an exception is this row's error. Returns the exit status."""
    duration = chosen_duration(spec, options)
    if model_of(spec) not in translated:
        return emit_unavailable(simulator, options.benchmark, options.scale, duration,
                                f"no {simulator} translation of this benchmark")
    started = time.perf_counter()
    try:
        record = work(duration)
    except Exception as error:
        return emit_error(simulator, options.benchmark, options.scale, duration, error)
    record["total_s"] = time.perf_counter() - started
    emit(record)
    return 0


def emit_unavailable(simulator, benchmark, scale, duration, message):
    """Report that this simulator cannot run the benchmark; returns the exit status."""
    emit(dict(base_record(simulator, benchmark, scale, duration), status="unavailable",
              message=message))
    return 0


def timed(function, *args, **kwargs):
    """(wall seconds, return value) of one call."""
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - started, value


def base_record(simulator, benchmark, scale, duration):
    return dict(simulator=simulator, benchmark=benchmark, scale=scale, duration=duration,
                warmup=WARMUP, status="ok")


def finish_record(record, model, spikes, synapse_count, bytes_per_synapse, bytes_method):
    """Add counts, rates, events and memory to a record whose times are set."""
    n_synapses = sum(synapse_count(s) for s, _ in model.pathways)
    events = event_count(model, spikes, synapse_count)
    record.update(
        spikes=sum(spikes.values()), spikes_by_population=spikes,
        neurons_by_population={name: n for name, (_, n) in model.populations.items()},
        rates_hz={name: spikes[name] / max(n, 1) / record["duration"]
                  for name, (_, n) in model.populations.items()},
        synapses=n_synapses, events=events,
        events_per_s=events / record["run_s"] if record["run_s"] > 0 else None,
        run_per_sim_s=record["run_s"] / record["duration"],
        bytes_per_synapse=bytes_per_synapse, bytes_method=bytes_method)
    record.setdefault("peak_rss_mb", peak_rss_mb())
    return record


def run_interactive(b, spec, benchmark, scale, duration, simulator, synapse_count,
                    synapse_bytes, describe=None):
    """The protocol above for a simulator with ``Network.run``; returns the record.

    ``synapse_count(S)`` gives the number of synapses of ``S``; ``synapse_bytes(model, net)``
    gives ``(bytes per synapse, how it was measured)``; ``describe(net)``, if given, gives
    more fields for the record (what the built network really used).
    """
    record = base_record(simulator, benchmark, scale, duration)
    objects_s, model = timed(spec.build, b, scale)
    network = b.Network(*model.objects)
    record["objects_s"] = objects_s
    record["first_run_s"], _ = timed(network.run, WARMUP * b.second)
    before = spike_counts(model)
    record["run_s"], _ = timed(network.run, duration * b.second)
    after = spike_counts(model)
    record["fixed_cost_s"], _ = timed(network.run, b.defaultclock.dt)
    record["build_s"] = objects_s + record["first_run_s"] - record["run_s"] * WARMUP / duration
    spikes = {name: after[name] - before[name] for name in after}
    per_synapse, method = synapse_bytes(model, network)
    if describe is not None:
        record.update(describe(network))
    return finish_record(record, model, spikes, synapse_count, per_synapse, method)


def common_arguments(parser):
    parser.add_argument("--benchmark", required=True, help="benchmark name, e.g. coba_x4")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="extra factor on the benchmark's size (tests use 1/20)")
    parser.add_argument("--duration", type=float, default=None,
                        help="simulated seconds (default: the spec's DURATION)")
    parser.add_argument("--quick", action="store_true", help="use the spec's QUICK_DURATION")
    parser.add_argument("--threads", type=int, default=1,
                        help="threads of the simulator (where it has them)")


def model_of(spec):
    """The spec module's short name ('coba' for coba, coba_x4 and coba_x16): what a peer's
    runner translates."""
    return spec.__name__.rsplit(".", 1)[-1]


def chosen_duration(spec, options):
    if options.duration is not None:
        return options.duration
    return spec.QUICK_DURATION if options.quick else spec.DURATION
