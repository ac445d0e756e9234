"""Brian2's device switch, for scripts written for Brian2's standalone mode.

eqsim compiles every network and runs it in C whatever the device, so the results are the
same. What the standalone devices change is *when* runs happen, as in Brian2:

- ``set_device('cpp_standalone')`` (``build_on_run=True``): ``run()`` simulates at once;
  ``device.build()`` has nothing left to do.
- ``set_device('cpp_standalone', build_on_run=False)``: ``run()`` only records the run (and
  the state of the network's objects before its first recorded run); ``device.build()``
  compiles the recorded networks and, unless ``run=False``, simulates them.
- ``device.run(run_args={G.tau: 10*ms})`` (either mode, after the runs were recorded)
  simulates every recorded run again from the recorded starting state, with the values of
  ``run_args`` set first: independent simulations for parameter sweeps, also in the
  processes of a ``multiprocessing.Pool`` (the device and networks can be pickled).

Random numbers drawn during a run differ from one ``device.run()`` to the next unless
``seed()`` was called before the runs were recorded (then every ``device.run()`` draws the
same ones), as in Brian2. What the script sets between two recorded runs (``G.v = ...``,
an external constant, a group's ``namespace``) takes effect between them when they are
repeated. Unlike Brian2, values set by the script (including ``'rand()'`` initialisations,
expressions reading other variables, and random connections) are computed once, when the
script sets them, from the values the objects have then (before any recorded run has
simulated), and are the same in every ``device.run()``.
"""
import copy
import logging

import numpy as np

from ..errors import EqsimError
from ..units import ms

logger = logging.getLogger(__name__)

_KNOWN = ("runtime", "cpp_standalone", "cuda_standalone", "genn")
_replaying = [False]  # a device is simulating its recorded runs: Network.run runs


class DeviceError(EqsimError):
    """``device.run()`` without recorded runs, or ``run_args`` that cannot be applied."""
    default_code = "EQ715"


class Device:
    """What ``device`` offers Brian2 scripts: ``build``, ``run``, ``reinit``, ``activate``.

    Parameters
    ----------
    name : str
        Brian2's device name (``'runtime'``, ``'cpp_standalone'`` ...).
    build_on_run : bool
        With a standalone device: simulate at ``run()`` (True) or record the run for
        ``device.build()`` / ``device.run()`` (False).
    """

    def __init__(self, name="runtime", build_on_run=True):
        self.name = name
        self.build_on_run = build_on_run
        self.build_options = {}  # Brian2's: only 'profile' has a meaning here
        self.has_been_run = False
        # recorded runs: (network, its objects then, duration, keyword arguments)
        self._runs = []
        # id(network) -> (network, state before its first recorded run)
        self._initial = {}
        self._latest = {}  # id(network) -> its state at its last recorded run
        self._seeded = False

    @property
    def records_runs(self):
        return self.name != "runtime" and not _replaying[0]

    @property
    def defers_runs(self):
        return self.records_runs and not self.build_on_run

    def record_run(self, network, duration, namespace, kwargs, explicit_namespace=False):
        """Keep a ``Network.run`` call for :meth:`run` (and :meth:`build`): the network's
        state before its first recorded run; for later runs, what the script changed since
        the one before (``G.v = ...`` between runs), applied at that point when repeating.
        Of a namespace taken from the caller's frame only data is kept (numbers, arrays,
        strings, eqsim objects: what can be pickled); an explicit ``namespace=`` is kept
        whole."""
        from .network_state import take_state
        from .seeding import seeded_explicitly
        state = take_state(network)
        changes = {}
        if id(network) not in self._initial:
            self._initial[id(network)] = (network, state)
        else:
            changes = _changed(self._latest[id(network)]["objects"], state["objects"])
        self._latest[id(network)] = state
        if not self._runs:
            self._seeded = seeded_explicitly()
        # the objects' own namespaces as they are now (a script may change them later)
        namespaces = {obj.name: dict(obj.namespace) for obj in network._all_objects()
                      if isinstance(getattr(obj, "namespace", None), dict)}
        self._runs.append((network, list(network.objects), duration,
                           dict(kwargs, namespace=dict(namespace) if explicit_namespace
                                else _plain_names(namespace)), changes, namespaces))

    def build(self, run=True, **kwargs):
        """Compile the recorded networks and, with ``run=True``, simulate them (Brian2's
        ``directory=``, ``compile=``, ``debug=`` ... have no effect here)."""
        if run and self._runs and not self.has_been_run:
            self.run()
            return
        for network, objects, _, arguments, *_ in self._runs:  # fill the compiled-module cache
            network.objects = list(objects)
            network._build(arguments["namespace"])

    def run(self, directory=None, results_directory=None, with_output=True, run_args=None):
        """Simulate every recorded run again from its starting state.

        Parameters
        ----------
        run_args : dict, optional
            ``{group.variable: values}`` (values for the whole variable, with units) and
            ``{timed_array: values}``, set after the starting state is restored, for this
            simulation only.
        directory, results_directory, with_output
            Brian2's; results stay in the objects (monitors) here.
        """
        if not self._runs:
            raise DeviceError("device.run() found no recorded run",
                              hint="set_device('cpp_standalone', build_on_run=False), then "
                                   "run(...) before device.run()")
        from .network_state import apply_state
        from .seeding import seed
        run_arg_changes = _checked_run_args(run_args)
        for network, state in self._initial.values():
            # the objects of the network's first recorded run, whose state was taken
            network.objects = next(list(objects) for net, objects, *_ in self._runs
                                   if net is network)
            apply_state(network, state, restore_random_state=self._seeded)
        if not self._seeded:
            seed()  # fresh random numbers for each simulation, as Brian2's standalone runs
        _replaying[0] = True
        try:
            for apply, _ in run_arg_changes:
                apply()
            for network, objects, duration, arguments, changes, namespaces in self._runs:
                network.objects = list(objects)
                for name, entries in changes.items():
                    obj = network[name]
                    obj.set_state({**obj.get_state(), **copy.deepcopy(entries)})
                for name, names in namespaces.items():
                    network[name].namespace.clear()
                    network[name].namespace.update(names)
                network.run(duration, **arguments)
        finally:
            _replaying[0] = False
            for _, undo in run_arg_changes:  # run_args hold for this simulation only
                if undo is not None:
                    undo()
        self.has_been_run = True

    def reinit(self):
        """Forget the recorded runs (Brian2: start a new standalone project)."""
        self._runs, self._initial, self._latest, self.has_been_run = [], {}, {}, False

    def activate(self, build_on_run=None, **kwargs):
        if build_on_run is not None:
            self.build_on_run = build_on_run

    def __repr__(self):
        mode = "records runs for device.run()" if self.name != "runtime" else "runs at run()"
        return f"<eqsim device '{self.name}' (compiled, {mode})>"


def _plain_names(namespace):
    """The part of a script's namespace a recorded run can keep (and pickle): numbers,
    arrays, quantities, strings and eqsim objects; not modules, classes or functions."""
    if namespace is None:
        return None
    keep = {}
    for name, value in namespace.items():
        module = type(value).__module__ or ""
        if isinstance(value, (int, float, complex, str, np.ndarray, np.generic)) or \
                module.startswith("eqsim."):
            if not isinstance(value, type):
                keep[name] = value
    return keep


def _changed(before, after):
    """``{object: {entry: value}}`` of the top-level state entries that differ."""
    return {name: {key: value for key, value in state.items()
                   if key not in before.get(name, {}) or not _same(before[name][key], value)}
            for name, state in after.items()
            if name not in before or not _same(before[name], state)}


def _same(a, b):
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys() and \
            all(_same(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        return a.shape == b.shape and a.dtype == b.dtype and \
            np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
    return a == b


def _checked_run_args(run_args):
    """``[(apply, undo)]`` for ``run_args``, every key and value checked before anything is
    set. Keys are whatever offers ``_run_arg(value)`` (a group's variable, a TimedArray)."""
    if run_args is None:
        return []
    if not isinstance(run_args, dict):
        raise DeviceError(f"run_args must be a dict, not {type(run_args).__name__}",
                          hint="device.run(run_args={group.tau: 10*ms})")
    for key in run_args:
        if not callable(getattr(key, "_run_arg", None)):
            raise DeviceError(f"the keys of run_args must be variables of groups "
                              f"(group.tau) or TimedArrays, not {type(key).__name__}",
                              hint="device.run(run_args={group.tau: 10*ms})")
    return [key._run_arg(value) for key, value in run_args.items()]


device = Device()
# Brian2's ``device_module.active_device``: what get_device() returns (a worker process of
# a multiprocessing.Pool can set it to the device it received)
active_device = device


def set_device(name, build_on_run=True, **kwargs):
    """Accept Brian2's device selection.

    Parameters
    ----------
    name : str
        ``'runtime'``, ``'cpp_standalone'`` (also ``'cuda_standalone'``, ``'genn'``): all run
        the same compiled code; the standalone ones also record runs for ``device.run()``.
    build_on_run : bool
        With a standalone device: simulate at ``run()`` (True), or only at
        ``device.build()`` / ``device.run()`` (False).
    **kwargs
        Brian2's device options (``directory=``, ``debug=`` ...), which have no effect here.
    """
    global active_device
    name = getattr(name, "name", name)
    if name not in _KNOWN:
        raise EqsimError(f"unknown device '{name}'", hint=f"Brian2 devices: {', '.join(_KNOWN)}")
    if name != "runtime":
        logger.info("set_device('%s'): eqsim compiles every network; runs are recorded for "
                    "device.run()", name)
    device.name, device.build_on_run = name, build_on_run
    device.reinit()
    active_device = device
    return device


def get_device():
    """The active device (``device`` unless ``active_device`` was set)."""
    return active_device


def reset_device(device=None):
    set_device("runtime")


def reinit_devices():
    """Brian2's ``reinit_devices()``: forget every device's recorded runs, keep the active
    device, and return the default clock and the magic network to their state at import
    (dt 0.1 ms, t = 0), as a new script would find them."""
    from .base import start_scope
    from .clock import defaultclock
    for each in {id(device): device, id(active_device): active_device}.values():
        each.reinit()
    start_scope()
    defaultclock.dt = 0.1 * ms
