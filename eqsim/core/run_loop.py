"""What Python does while a run's compiled loop runs: network operations called when due
(with stop() carried to every process on K processes), the loop run up to a time, and the
inactive groups kept silent."""
import time

from ..distributed.spike_exchange import raise_halted
from .clock import steps_for
from .context import current_context


def netop_callbacks(network, module, netops, clocks, seconds):
    """One callable per network operation (spike exchanges and stop agreements in Python
    among them), for ``module``'s loop: each shows the clocks' current time, calls the
    operation, adds its wall time to ``seconds[k]`` and applies a stop() it made or saw."""
    python_exchanges = any(any(op is x for x in network._exchanges) for op in netops)

    def caller(k, op):
        def call():
            # every clock shows the current time (defaultclock.t in a netop on its own clock)
            for clock, step in zip(clocks, module.backend.clock_steps()):
                clock.step = step
            started = time.perf_counter()
            op.call()
            seconds[k] += time.perf_counter() - started
            if getattr(op, "stopped", False):  # a process's stop(), seen by every one
                op.stopped = False
                network._stopped = True
                module.backend.stop(agreed=True)
            elif network._stopped or type(network)._globally_stopped:
                # every process stops at the next exchange or stop agreement
                current_context().comm.stop_requested = True
                if not python_exchanges:  # compiled exchanges carry it themselves
                    module.backend.stop()
        return call
    return [caller(k, op) for k, op in enumerate(netops)]


def run_until(module, clocks, t_end, callbacks, exchanges=()):
    """Run ``module``'s loop until every clock reaches ``t_end`` (second) or a stop();
    the clocks then show where it ended. A failure on this process reaches the others
    through the first spike exchange (``exchanges``)."""
    module.backend.set_clocks([c.dt_ for c in clocks], [c.step for c in clocks],
                             [steps_for(t_end, c.dt_) for c in clocks])
    try:
        halted = module.backend.run(callbacks)
        if halted is not None and halted < -1:
            raise_halted(halted, exchanges)
    except Exception as error:
        if exchanges:  # split over processes: the others stop at their next exchange
            exchanges[0].fail(error)
        raise
    for clock, step in zip(clocks, module.backend.clock_steps()):
        clock.step = step
    module.raise_callback_errors()


def silence_inactive(objects):
    """An inactive group emits nothing: the events its threshold listed in its last active
    step (already read by everything in that step) are not read again at every step of
    this run (a SpikeMonitor counted them once a step; Brian2 counts none)."""
    for obj in objects:
        if obj.active or not hasattr(obj, "event_array_name"):
            continue
        for event in getattr(obj, "events", ()):
            events = obj.variables.get(obj.event_array_name(event))
            if events is not None and events.array.size:
                events.array[-1] = 0
