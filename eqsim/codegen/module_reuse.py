"""Whether a network's next run() can keep the module its last run() built.

Every run() makes the network's operations again (namespaces may have changed, and with
them values and units), and building a module from them costs more than that: kernel
contexts, the render key, loading the library (tian: 2.8 of a 5.3 ms run() call). When
the operations are the same as last time, the module is too, and binding it again gives
the run the current values. "The same" is the :func:`fingerprint` of the schedule: every
field of every operation, recursively, with

* numbers, strings, sympy expressions and statements by value, except the values of
  external constants (``tau`` in ``dv/dt = -v/tau``): those are the module's scalars, given
  their new values when the module is kept,
* NumPy arrays by identity (a kernel holds the array's address: a replaced array is
  another module), shape and dtype,
* variables by their fields (the array of a fresh wrapper made at every run(), such as a
  pathway's row pointers, is the same array),
* clocks by identity and dt, a user Function by identity and its implementations (each
  by identity; a dynamic one, whose code is made for the group at each build, is never
  the same), any other object (a group) by identity,

and the module-wide settings (target, threads, vector math, profiling, CPUs, the
procedural row budget). The fingerprint keeps every object it names by identity alive, so
that an identity cannot be taken by a new object while it is compared.

A missing field would let a run use a stale module, so the test suite builds the module
anew whenever one is kept (``EQSIM_CHECK_MODULE_REUSE=1``, tests/conftest.py) and
:func:`check_same_module` compares the two: source, array identities, scalar values.
"""
import dataclasses
import os
from collections.abc import Mapping

import numpy as np
import sympy

from ..errors import CodegenError
from ..ir.operations import Assignment, Operation, SynapseIdentity
from ..ir.variables import ConstantVariable, Variable

#: build the module anyway and compare it with the kept one (the test suite sets it)
CHECK = os.environ.get("EQSIM_CHECK_MODULE_REUSE") == "1"

_PLAIN = (str, int, float, bool, type(None), np.integer, np.floating, np.bool_)
_PLAIN_TYPES = {str, int, float, bool, type(None)}  # grows by the NumPy scalar types met
_HANDLERS = {}  # class -> how its values enter a fingerprint (:func:`_handler_for`)
_FIELDS = {}  # class -> names of its dataclass fields that the fingerprint reads
#: fields that never reach generated code: a variable's physical dimension and a
#: function's dimension rule (units are checked when the operations are made)
_SKIPPED = frozenset({"dim", "rule"})


def _fields(obj):
    cls = type(obj)
    names = _FIELDS.get(cls)
    if names is None:
        # an external constant's value is a scalar of the module, bound at every run()
        # (:func:`refresh_constants`), not its structure
        skipped = _SKIPPED | ({"value"} if issubclass(cls, ConstantVariable) else set())
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls)
                                     if f.name not in skipped)
    return names


def refresh_constants(module, schedule):
    """Give ``module``'s scalars the values of the constants of ``schedule``'s operations
    (what kernel contexts register for them: :func:`eqsim.codegen.kernel.kernel_context`)."""
    from .kernel import constant_name
    from .refractory_release import refractoriness_name
    constants, aliases = module.symbols.constants, module.symbols.aliases
    for op in schedule:
        if isinstance(op, tuple):
            continue
        # a state update's refractoriness has a kernel context of its own, with some of
        # the state update's constants (refractory='tau_ref')
        for prefix in (aliases.get(op.name), aliases.get(refractoriness_name(op.name))):
            if prefix is None:
                continue
            for name, var in op.variables.items():
                if isinstance(var, ConstantVariable):
                    c_name = constant_name(prefix, name)
                    known = constants.get(c_name)
                    if known is not None:
                        constants[c_name] = (var.value, known[1])


class Fingerprint:
    """What a module was built from (compare with ``==``); holds the objects it names by
    identity."""
    __slots__ = ("key", "_kept")

    def __init__(self, key, kept):
        self.key, self._kept = key, kept

    def __eq__(self, other):
        return isinstance(other, Fingerprint) and self.key == other.key

    __hash__ = None


def fingerprint(schedule, clock_indices, settings):
    """The :class:`Fingerprint` of a module built from ``schedule`` (operations and
    network-operation tuples) with ``clock_indices`` (each entry's clock) and
    ``settings`` (a tuple of the module's arguments, objects among them by identity)."""
    kept, memo = [], {}
    parts = [_value(settings, kept, memo), tuple(clock_indices)]
    for entry in schedule:
        parts.append(entry if isinstance(entry, tuple) else _operation(entry, kept, memo))
    return Fingerprint(tuple(parts), kept)


def _operation(op, kept, memo):
    # the source's name and creation number key the kernel's random streams (restore()
    # may set the number)
    source = op.source
    return (type(op), getattr(source, "name", None), getattr(source, "_random_id", None)) + \
        tuple(_value(getattr(op, name), kept, memo) for name in _fields(op))


def _value(x, kept, memo):
    kind = type(x)
    if kind in _PLAIN_TYPES:
        return (kind, x)
    handler = _HANDLERS.get(kind)
    if handler is None:
        handler = _HANDLERS[kind] = _handler_for(kind)
    return handler(x, kept, memo)


def _handler_for(kind):
    """How values of class ``kind`` enter a fingerprint (found once per class)."""
    if issubclass(kind, _PLAIN):
        _PLAIN_TYPES.add(kind)
        return lambda x, kept, memo: (kind, x)
    if issubclass(kind, (sympy.Basic, Assignment)):
        # compared by structure (Float(2.0) != Integer(2) in sympy >= 1.7)
        return lambda x, kept, memo: x
    if issubclass(kind, (list, tuple)):
        return lambda x, kept, memo: (kind,) + tuple(_value(item, kept, memo) for item in x)
    if issubclass(kind, dict):
        return lambda x, kept, memo: (dict,) + tuple((key, _value(item, kept, memo))
                                                      for key, item in x.items())
    if issubclass(kind, Variable):
        return _memoised_variable
    if issubclass(kind, np.ndarray):
        return _array
    if issubclass(kind, np.dtype):
        return lambda x, kept, memo: ("dtype", x.str)
    if issubclass(kind, SynapseIdentity):  # its rank is made from pre and post when asked
        return lambda x, kept, memo: ("identity", _value(x.pre, kept, memo),
                                      _value(x.post, kept, memo), x.n_pre, x.n_post)
    if issubclass(kind, Operation):
        return _operation
    return _object


def _array(x, kept, memo):
    kept.append(x)
    return ("array", id(x), x.shape, x.dtype.str)


def _object(x, kept, memo):
    kept.append(x)
    dt = getattr(x, "dt_", None)  # a clock: kernels get dt at every step, but a table's
    key = ("object", id(x), dt if isinstance(dt, float) else None)  # sampling follows it
    implementations = getattr(x, "implementations", None)
    if isinstance(implementations, Mapping):  # a user Function: its code per target
        found = tuple(implementations.items())
        kept.extend(found)
        # a dynamic implementation's code is made for the group at every build: never kept
        key += tuple((target, id(impl), object() if getattr(impl, "dynamic", False) else None)
                     for target, impl in found)
    return key


def _memoised_variable(var, kept, memo):
    found = memo.get(id(var))
    if found is None:
        found = memo[id(var)] = _variable(var, kept, memo)
        kept.append(var)
    return found


def _variable(var, kept, memo):
    arrays = getattr(var, "fingerprint_arrays", None)
    if arrays is not None:  # a variable whose array is made when read
        held = arrays()
        kept.extend(held)
        return (type(var), var.name, var.owner,
                tuple(None if a is None else (id(a), a.shape, a.dtype.str) for a in held))
    return (type(var),) + tuple(_value(getattr(var, name), kept, memo)
                                for name in _fields(var))


def check_same_module(kept, fresh):
    """Raise CodegenError unless the kept module ``kept`` is what building it anew gave
    (``fresh``): the same source and symbols, each array the same object."""
    from .kernel import same_value
    a, b = kept.symbols, fresh.symbols
    problems = []
    if kept.source != fresh.source or kept.parts != fresh.parts:
        problems.append("the source differs")
    if kept.threads != fresh.threads:
        problems.append(f"threads {kept.threads} != {fresh.threads}")
    if list(a.arrays) != list(b.arrays):
        problems.append(f"arrays {sorted(set(a.arrays) ^ set(b.arrays))}")
    else:
        problems += [f"array {name} is another object" for name, var in a.arrays.items()
                     if var is not b.arrays[name] and var.array is not b.arrays[name].array]
    if a.constants.keys() != b.constants.keys():
        problems.append(f"scalars {sorted(set(a.constants) ^ set(b.constants))}")
    else:
        problems += [f"scalar {name}: {value!r} != {b.constants[name]!r}"
                     for name, value in a.constants.items()
                     if not same_value(value, b.constants[name])]
    for field in ("buffers", "queues", "aliases", "queue_aliases"):
        if getattr(a, field) != getattr(b, field):
            problems.append(f"{field} differ")
    if list(a.support_code) != list(b.support_code) or \
            [id(f) for f in a.callbacks] != [id(f) for f in b.callbacks]:
        problems.append("user functions differ")
    if problems:
        raise CodegenError("internal error: a run() kept a module that building it anew "
                           "does not give: " + "; ".join(problems),
                           hint="a field the fingerprint misses (eqsim/codegen/module_reuse.py)")


def network_module(previous, target, name, schedule, clock_of, n_clocks, *, context,
                   vector_math, num_threads, profile, team_timing):
    """``previous`` (the module of the network's last run, or None) when ``schedule``
    builds the same module, else a new :class:`~eqsim.codegen.module.NetworkModule` of
    these arguments; the module returned carries its :class:`Fingerprint`."""
    from ..core.preferences import prefs
    from ..cpu_count import usable_cpus
    from .module import NetworkModule, module_threads

    def build():
        return NetworkModule(target, name, schedule, clock_of, n_clocks, context=context,
                             vector_math=vector_math, num_threads=num_threads,
                             profile=profile, team_timing=team_timing)
    if any(getattr(op, "kind", None) == "spikeexchange" for op in schedule):
        return build()  # its collective and MPI tags are the communicator's
    settings = (target, bool(vector_math), bool(team_timing), bool(profile), n_clocks,
                module_threads(target, num_threads, schedule),
                usable_cpus() if target == "cython" else 1,
                prefs["codegen.cython.procedural_cache_mb"], context)
    found = fingerprint(schedule, [None if isinstance(e, tuple) else clock_of(e)
                                   for e in schedule], settings)
    if previous is not None and getattr(previous, "fingerprint", None) == found:
        refresh_constants(previous, schedule)
        if CHECK:
            check_same_module(previous, build())
        previous.run_failed = False  # a failed run's flag (monitors read it)
        previous.fingerprint = found  # holds this run's objects
        return previous
    module = build()
    module.fingerprint = found
    return module
