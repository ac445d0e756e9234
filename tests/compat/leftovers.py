"""What a script leaves behind besides its monitors: the state of its groups, its numeric globals.

Scripts that keep no monitor (``synapses/state_variables.py`` sets weights and plots them; the
multiprocessing examples collect ``results = p.map(run_sim, ...)`` from their workers) still
end with results: the state variables of the ``NeuronGroup`` and ``Synapses`` objects they
created, and the numbers their top-level variables hold. The harness records both, in Brian2
and in eqsim alike, under keys of their own:

- ``gNN_<Kind>__<variable>``: object ``NN`` in creation order (its constructor is hooked, as the
  monitors' are; the first ``MAX_GROUPS``); ``i`` and ``j`` of a ``Synapses``, then every variable its equations define
  as a differential equation or a parameter (event-driven ones included), sorted by name;
- ``global__<name>``: a name the script assigns at its top level (conditional blocks and loops
  included, function bodies not) whose value at the end is numeric: a number, a Quantity or
  array, or a list/tuple of numbers or of arrays of one shape, as plain SI floats (integers
  and booleans as integers).

Timings are not results: a variable assigned from a clock call (``time.time()``,
``wall_time()`` ...) or from an expression using such a variable (``t2 - t1``) is left out.
This file imports neither simulator (it runs under both Pythons).
"""
import ast

import numpy as np

GROUP_CLASSES = ("NeuronGroup", "Synapses")
# Only the first MAX_GROUPS objects are kept: synapses/efficient_gaussian_connectivity.py
# builds 2,220 throw-away groups in its timing loops, whose statistics would make Brian2's
# stored results megabytes long (every array is cut the same way: harness.MAX_VALUES).
MAX_GROUPS = 20
# Functions that read a clock, as called (``time.time()``, ``perf_counter()``) or imported
# under another name (``from time import time as wall_time``).
CLOCK_FUNCTIONS = {"time", "perf_counter", "monotonic", "process_time", "time_ns",
                   "perf_counter_ns", "monotonic_ns", "process_time_ns"}
# Brian2 adds these to a refractory group's equations, eqsim keeps them elsewhere; they are
# bookkeeping, not model state, and neither script sets them.
_BOOKKEEPING = {"lastspike", "not_refractory"}


def hook_constructors(module, names, keep):
    """Make each class ``names`` of ``module`` (that defines its own ``__init__``) hand its
    new instances to ``keep(instance)``."""
    for name in names:
        cls = getattr(module, name, None)
        if cls is None or "__init__" not in vars(cls):
            continue
        original = cls.__init__

        def init(self, *args, __original=original, **kwargs):
            __original(self, *args, **kwargs)
            keep(self)
        cls.__init__ = init


def hook_groups(module, kept):
    """Make ``module``'s NeuronGroup and Synapses append their new instances to ``kept``."""
    def keep(group):
        # subclasses (a simulator's own groups built on NeuronGroup) are not the script's
        if type(group).__name__ in GROUP_CLASSES and len(kept) < MAX_GROUPS and \
                not any(g is group for g in kept):
            kept.append(group)
    hook_constructors(module, GROUP_CLASSES, keep)


def _model_variables(group):
    """Names of the variables ``group``'s equations define by a differential equation or as
    a parameter; Brian2 (``varname``/``type``, event-driven ones apart) and eqsim
    (``name``/``kind``) spell them differently."""
    names = set()
    for equations in (getattr(group, "equations", None), getattr(group, "event_driven", None)):
        for equation in (equations.values() if equations is not None else ()):
            name = getattr(equation, "varname", None) or equation.name
            kind = str(getattr(equation, "type", None) or equation.kind)
            if kind.startswith(("differential", "parameter")):
                names.add(name)
    return sorted(n for n in names - _BOOKKEEPING if not n.startswith("_"))


def collect_groups(kept, store):
    """Record every variable of every kept group with ``store(key, values, what)``; a group
    that cannot be read (a standalone device before its run) gets a ``...__error`` entry."""
    errors = {}
    for number, group in enumerate(kept):
        prefix = f"g{number:02d}_{type(group).__name__}"
        variables = (["i", "j"] if type(group).__name__ == "Synapses" else []) + \
            _model_variables(group)
        try:
            values = {name: np.asarray(getattr(group, name)[:]) for name in variables}
        except Exception as error:
            errors[f"{prefix}__error"] = {"what": f"{type(error).__name__}: {error}"[:500]}
            continue
        for name, array in values.items():
            store(f"{prefix}__{name}", plain(array), f"{name} of {type(group).__name__} "
                  f"number {number} (SI units)")
    return errors


def plain(values):
    """``values`` as a plain array: floats in SI units, integers and booleans as int64."""
    array = np.asarray(values)
    if array.dtype.kind in "biu":
        return array.astype(np.int64)
    return np.array(array, dtype=np.float64)


def _numeric(value):
    """``value`` as a plain numeric array, or None when it does not hold numbers."""
    if isinstance(value, (str, bytes, dict, type)) or callable(value):
        return None
    if isinstance(value, (list, tuple)):
        try:
            parts = [_numeric(item) for item in value]
            if any(part is None for part in parts):
                return None
            array = np.array(parts) if parts else np.zeros(0)
        except ValueError:  # arrays of different shapes
            return None
    elif isinstance(value, (bool, int, float, np.number, np.bool_, np.ndarray)) or \
            hasattr(type(value), "__array__"):   # Brian2's VariableView is no ndarray
        try:
            array = np.asarray(value)
        except Exception:
            return None
    else:
        return None
    return plain(array) if array.dtype.kind in "biuf" else None


def top_level_names(source):
    """``(names, timings)``: the names ``source`` assigns at its top level, in order of first
    assignment, and those among them that hold timings."""
    tree = ast.parse(source)
    clocks = set()
    assigned = {}           # name -> the expressions assigned to it
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "time":
            clocks.update(a.asname or a.name for a in node.names if a.name in CLOCK_FUNCTIONS)

    def targets_of(target):
        return [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]

    def visit(statements):
        for node in statements:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            pairs = []
            if isinstance(node, ast.Assign):
                pairs = [(t, node.value) for t in node.targets]
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)) and node.value is not None:
                pairs = [(node.target, node.value)]
            elif isinstance(node, (ast.For, ast.AsyncFor)):
                pairs = [(node.target, node.iter)]
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                pairs = [(item.optional_vars, item.context_expr) for item in node.items
                         if item.optional_vars is not None]
            for target, value in pairs:
                for name in targets_of(target):
                    assigned.setdefault(name, []).append(value)
            for field in ("body", "orelse", "finalbody"):
                visit(getattr(node, field, None) or [])
            for handler in getattr(node, "handlers", None) or []:
                visit(handler.body)
    visit(tree.body)

    def reads_clock(expression, timings):
        for node in ast.walk(expression):
            if isinstance(node, ast.Call):
                called = node.func
                if isinstance(called, ast.Name) and called.id in clocks or \
                        isinstance(called, ast.Attribute) and called.attr in CLOCK_FUNCTIONS \
                        and isinstance(called.value, ast.Name) and called.value.id == "time":
                    return True
            if isinstance(node, ast.Name) and node.id in timings:
                return True
        return False
    timings = set()
    while True:   # ``elapsed = t2 - t1`` is a timing once t1 and t2 are
        more = {name for name, values in assigned.items()
                if name not in timings and any(reads_clock(v, timings) for v in values)}
        if not more:
            break
        timings |= more
    return [n for n in assigned if not n.startswith("__")], timings


def collect_globals(namespace, source, store):
    """Record the numeric top-level variables of the script ``source`` (run in
    ``namespace``) with ``store``; timings are left out."""
    names, timings = top_level_names(source)
    for name in names:
        if name in timings or name not in namespace:
            continue
        array = _numeric(namespace[name])
        if array is not None:
            store(f"global__{name}", array, f"the script's variable {name} (SI units)")
