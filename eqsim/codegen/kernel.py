"""Turn one IR Operation into the template context of one kernel for a target.

The context lists which arrays the kernel reads into locals, which it writes
back, its temporaries, and its statements printed for the target. Everything
here is target independent except the printer class passed in.
"""
import contextlib
import dataclasses
import functools
from dataclasses import dataclass, field

import numpy as np

from ..errors import CodegenError
from ..parsing.grouping import as_written
from ..runtime.streams import operation_key, operation_stream, synapse_key_text
from ..ir.calls import called_functions, free_names, random_calls
from ..ir.operations import declared_fields
from ..ir.variables import ArrayVariable, ConstantVariable, IndexVariable, LinkedVariable
from .functions import tabulated_helpers
from .conditional_write import with_conditional_writes
from .identifiers import mangle
from .kinds import KIND_CONTEXTS
from .invariants import InvariantHoister
from .links import link_rounds, reads_what_it_writes, row_index, storage_access
from .user_functions import expand_samplers, user_function_calls


@dataclass
class Access:
    """One array a kernel loads into a local and/or stores back: ``c_name[index]``;
    ``via`` names the index array when ``index`` is one lookup at the element
    (``via[element]``, maybe plus an offset), ``q_index`` is then the index at the element
    ``_q`` (pathways prefetch along rows with them)."""
    local: str
    c_name: str
    dtype: str  # NumPy dtype name; each target maps it to its own type
    shared: bool
    index: str = ""
    via: str = None
    q_index: str = None


@dataclass
class ModuleSymbols:
    """Everything a whole module declares: arrays, scalars, record buffers, queues.

    Object names never appear in the generated source: each object gets a short
    alias by order of appearance, so that the same model built under other
    (auto-numbered) names produces the same source and hits the compiled cache.
    Every name is made by :func:`~eqsim.codegen.identifiers.mangle`; registering two
    different things under one name is an error, never a silent overwrite.
    """
    arrays: dict = field(default_factory=dict)      # c_name -> ArrayVariable (or raw array holder)
    constants: dict = field(default_factory=dict)   # c_name -> (value, NumPy dtype)
    buffers: dict = field(default_factory=dict)     # c_name -> dtype string
    queues: list = field(default_factory=list)      # spike queue c names
    aliases: dict = field(default_factory=dict)     # object or operation name -> alias
    queue_aliases: dict = field(default_factory=dict)  # queue name -> c name
    threads: int = 1                                # the team's threads (1: serial code)
    compiled: bool = False                          # the C target (kernels may use its forms)
    support_code: dict = field(default_factory=dict)  # c_name -> module-level code (user functions)
    callbacks: list = field(default_factory=list)   # Functions compiled code calls back
    collective: object = None  # the MPI_Allgather compiled spike exchanges call (K > 1)
    used: set = None  # arrays and scalars registered since :meth:`track` (None: not tracked)
    # the simulation context (eqsim.core.context): caches derived from objects' data live
    # there, keyed by the object, not in the objects; None: this module's own caches
    context: object = None
    _own_caches: dict = field(default_factory=dict)

    def cache(self, owner, kind):
        """The dict of cached data of kind ``kind`` derived from ``owner``."""
        if self.context is not None:
            return self.context.cache(owner, kind)
        return self._own_caches.setdefault((id(owner), kind), {})

    def derived(self, owner, kind, name, source, make):
        """``make()``, made from the array ``source`` (an object's connections) and kept
        for ``owner`` (under ``kind`` and ``name``) while ``source`` is the same object:
        connect() and restore() give connections new arrays (Synapses._resize), and the
        entry holds the array it was made from (an id alone could be a freed array's)."""
        cache = self.cache(owner, kind)
        kept = cache.get(name)
        if kept is None or kept[0] is not source:
            kept = cache[name] = (source, make())
        return kept[1]

    def track(self):
        """Start collecting the names of the arrays and scalars registered from now on
        (the ones a kernel uses); returns the set that collects them."""
        self.used = set()
        return self.used

    @contextlib.contextmanager
    def untracked(self):
        """Registrations inside are not collected (module-level helpers)."""
        saved, self.used = self.used, None
        try:
            yield
        finally:
            self.used = saved

    def alias(self, name):
        if name not in self.aliases:
            self.aliases[name] = f"o{len(self.aliases)}"
        return self.aliases[name]

    def array(self, var):
        name = mangle("a", self.alias(var.owner), var.name)
        known = self.arrays.get(name)
        if known is not None and known is not var and known.array is not var.array:
            raise CodegenError(f"internal error: two arrays named {var.name!r} in {var.owner!r}")
        self.arrays[name] = var
        if self.used is not None:
            self.used.add(name)
        return name

    def constant(self, name, value, dtype=np.float64):
        """Register scalar ``name`` (made by ``mangle``) with its value and NumPy dtype."""
        dtype = np.dtype(dtype)
        known = self.constants.get(name)
        if known is not None and not same_value(known, (value, dtype)):
            raise CodegenError(f"internal error: two values for the scalar {name}")
        self.constants[name] = (value, dtype)
        if self.used is not None:
            self.used.add(name)
        return name

    def buffer(self, name, dtype):
        self.buffers[name] = dtype
        return name

    def buffer_name(self, op_name, suffix):
        """C name of the record buffer ``suffix`` of operation ``op_name``."""
        alias = self.aliases.get(op_name)
        return None if alias is None else mangle("b", alias, suffix)

    def queue(self, name):
        if name not in self.queue_aliases:
            self.queue_aliases[name] = mangle("q", len(self.queue_aliases))
            self.queues.append(self.queue_aliases[name])
        return self.queue_aliases[name]


def same_value(a, b):
    """Whether two ``(value, dtype)`` scalars are the same (NaN is NaN)."""
    (x, x_type), (y, y_type) = a, b
    return x_type == y_type and (x is y or x == y or (x != x and y != y))


def _random_key(op):
    """Streams follow the owning object's creation number and the operation's role,
    not the object's (possibly auto-numbered) name."""
    return operation_key(op.name, getattr(op.source, "name", None),
                         getattr(op.source, "_random_id", None))


def kernel_context(op, symbols, printer_cls, *, index_name):
    """Template context for ``op``; registers its arrays/constants in ``symbols``.

    ``context['uses']`` lists the module arrays and scalars the kernel names."""
    uses = symbols.track()
    scalar = [s.as_plain() for s in op.scalar_statements]
    # shared variables are never gated by refractoriness: only the per-element part is
    vector, op = with_conditional_writes(op, [s.as_plain() for s in op.statements])
    statements = [dataclasses.replace(s, expr=expand_samplers(s.expr, op.variables))
                  for s in scalar + vector]
    condition = expand_samplers(op.condition, op.variables)
    exprs = [s.expr for s in statements] + [condition]
    used = free_names(exprs)
    targets = [s.target for s in statements]
    # the scalar part runs once before the element loop: its own loads, stores, temporaries
    parts = {"": (free_names(exprs[len(scalar):]), set(targets[len(scalar):])),
             "scalar_": (free_names(exprs[:len(scalar)]), set(targets[:len(scalar)]))}
    prefix = symbols.alias(op.name)
    names = {}
    lists = {f"{part}{kind}": [] for part in parts for kind in ("reads", "writes", "temps")}
    for name in sorted(used | set(targets)):
        var = op.variables.get(name)
        if isinstance(var, (ArrayVariable, LinkedVariable)):
            names[name] = mangle("v", name)
            access = _access(op, name, var, symbols, index_name)
            access.local = names[name]
            for part, (part_used, part_targets) in parts.items():
                if name in part_used:
                    lists[part + "reads"].append(access)
                if name in part_targets:
                    lists[part + "writes"].append(access)
                    if name not in part_used:  # written only: still needs a local
                        lists[part + "temps"].append(names[name])
        elif isinstance(var, ConstantVariable):
            names[name] = symbols.constant(constant_name(prefix, name), var.value,
                                           np.int64 if var.is_integer else np.float64)
        elif name in op.index_exprs:
            names[name] = printer_cls.as_float(op.index_exprs[name])
        elif isinstance(var, IndexVariable):
            names[name] = printer_cls.as_float(_global_text("_i", op, symbols, prefix)
                                               + f" - {op.index_offset}")
        elif name in ("t", "dt"):
            names[name] = name  # the kernel's arguments
        elif name in op.template_locals:
            if not name.startswith("_"):
                raise CodegenError(f"internal error: template local {name!r} is not internal")
            names[name] = name  # a value the kind's template computes itself
        elif name in targets:
            names[name] = mangle("v", name)
            # a scalar temporary is declared once, outside the loop that reads it
            lists["scalar_temps" if name in parts["scalar_"][1] else "temps"].append(names[name])
        else:
            raise CodegenError(f"internal error: operation {op.name} uses {name!r}, "
                               "which was not resolved")
    reads, writes, temps = lists["reads"], lists["writes"], lists["temps"]
    streams = {}
    random_key = _random_key(op)
    given = getattr(op, "random_streams", ())  # stream ids fixed by the caller (assignments)
    for call in random_calls(exprs):
        key = int(call.args[0])
        number = given[len(streams)] if given else operation_stream(random_key, len(streams))
        streams[key] = symbols.constant(mangle("r", prefix, len(streams)), number, np.uint64)
    with symbols.untracked():  # helpers are module-level functions, not kernel locals
        user_functions, tabulated = tabulated_helpers(op, exprs, symbols, prefix)
        user_functions.update(user_function_calls(op, called_functions(exprs), symbols,
                                                  printer_cls.compiled, symbols.threads))
    draw_index = _draw_index(op, symbols, printer_cls, prefix, index_name) if streams else None
    lines, condition, invariants = _printed(
        printer_cls, tuple((names[s.target], s.expr) for s in statements), condition,
        frozenset(_invariant_names(op, used, targets)), prefix,
        tuple(sorted(names.items())), tuple(sorted(streams.items())), index_name,
        tuple(sorted(user_functions.items())), len(scalar), draw_index)
    start = symbols.constant(mangle("ki", prefix, "start"), op.start, np.int64)
    stop = symbols.constant(mangle("ki", prefix, "stop"), op.stop, np.int64)
    context = dict(
        name=mangle("kernel", prefix), comment=op.kind, kind=op.kind,
        start=start, stop=stop, reads=reads, writes=writes, temps=temps,
        statements=list(lines[len(scalar):]), condition=condition, invariants=list(invariants),
        scalar=dict(reads=lists["scalar_reads"], writes=lists["scalar_writes"],
                    temps=lists["scalar_temps"], statements=list(lines[:len(scalar)])),
        locals=names,  # the text of each name, for templates that read a statement's result
    )
    context["link_rounds"] = link_rounds(op, targets, symbols)
    # elements one after another, on one thread: writes through links, reads of what the
    # kernel writes through links
    context["in_order"] = bool(context["link_rounds"]) or reads_what_it_writes(
        op, used, targets, symbols)
    if op.events is not None:
        events = op.variables[op.events]
        context["events"] = symbols.array(events)
        context["events_size"] = symbols.constant(mangle("ki", prefix, "events_size"),
                                                  events.array.size - 1, np.int64)
    declared_context(op, symbols, context, prefix)
    KIND_CONTEXTS.get(op.kind, _nothing)(op, symbols, context, prefix, index_name)
    context["tabulated"] = tabulated  # helpers rendered before the kernel (module.py)
    symbols.used = None
    context["uses"] = uses
    return context


def constant_name(prefix, name):
    """The module scalar of the external constant ``name`` in the kernel ``prefix``."""
    return mangle("k", prefix, name)


def _nothing(*args):
    pass


def declared_context(op, symbols, context, prefix):
    """The arrays, scalars and record buffers ``op``'s kind declares, by field name."""
    for key, role, dtype, value in declared_fields(op):
        if value is None:
            context[key] = None
        elif role == "array":
            context[key] = symbols.array(op.variables[value])
        else:
            context[key] = symbols.constant(mangle("ki", prefix, key), value, dtype)
    for key, (suffix, dtype) in op.buffers.items():
        context[key] = symbols.buffer(mangle("b", prefix, suffix), dtype)


def _access(op, name, var, symbols, element):
    """How the kernel reads and writes array ``name``: at its own element, at a mapped
    index (synapses' pre/post neuron), through a link, or at slot 0 when shared."""
    text, via = _index_text(op, name, var, symbols, element)
    storage, index = storage_access(var, text, symbols)
    if isinstance(var, LinkedVariable):
        via = row_index(var, symbols) if op.var_index.get(name) is None else None
    access = Access(None, symbols.array(storage), storage.dtype.name, storage.shared, index,
                    via=via)
    if via is not None:
        access.q_index = storage_access(var, _index_text(op, name, var, symbols, "_q")[0],
                                        symbols)[1]
    return access


@functools.lru_cache(maxsize=1024)
def _printed(printer_cls, statements, condition, invariant_names, prefix, names, streams,
             index_name, user_functions, n_scalar=0, draw_index=None):
    """Statement lines, condition text and hoisted invariant lines of one kernel. A pure
    function of its (hashable) arguments, memoised: every run() regenerates the network's
    source, and printing is most of what that costs. ``statements`` are (printed target,
    expression) pairs, the first ``n_scalar`` of them scalar code; ``names`` maps every
    symbol to its text."""
    hoister = InvariantHoister(invariant_names, name=lambda n: mangle("lio", prefix, n))
    with as_written():  # rebuilt products keep the user's grouping, as parsed
        rewritten = [(target, hoister.rewrite(expr)) for target, expr in statements]
        condition = hoister.rewrite(condition)
    names = dict(names)
    names.update((symbol.name, symbol.name) for symbol, _ in hoister.hoisted)
    printer = printer_cls(names=names, random_streams=dict(streams), index=index_name,
                          user_functions=dict(user_functions), draw_index=draw_index)
    # Scalar code runs once per call, outside the element loop: its random draws are one
    # draw per call (Brian2's scalar rand()), taken at element 0 of their stream.
    scalar_printer = printer_cls(names=names, random_streams=dict(streams), index="0",
                                 user_functions=dict(user_functions))
    end = printer_cls.statement_end
    lines = tuple(f"{target} = {(scalar_printer if n < n_scalar else printer).doprint(expr)}{end}"
                  for n, (target, expr) in enumerate(rewritten))
    condition = printer.doprint(condition) if condition is not None else None
    invariants = tuple(f"{symbol} = {printer.doprint(expr)}{end}"
                       for symbol, expr in hoister.hoisted)
    return lines, condition, invariants


def _global_text(element, op, symbols, prefix):
    """The global index of ``element`` (a scalar of the module, so that every process's
    slice compiles to the same source)."""
    if op.global_offset is None:
        return element
    offset = symbols.constant(mangle("ki", prefix, "global_offset"), op.global_offset,
                              np.int64)
    return f"{element} + {offset}"


def _draw_index(op, symbols, printer_cls, prefix, element):
    """The text of what keys the element's draws (:mod:`eqsim.runtime.streams`): the global
    element index, or a stored synapse's canonical identity read from its index arrays."""
    identity = op.draw_key
    if identity is None:
        if op.global_offset is None:
            return None
        return f"({_global_text(element, op, symbols, prefix)})"
    pre = f"{symbols.array(identity.pre)}[{element}]"
    post = f"{symbols.array(identity.post)}[{element}]"
    rank = None if identity.rank is None else f"{symbols.array(identity.rank)}[{element}]"
    n_post = symbols.constant(mangle("ki", prefix, "key_n_post"), identity.n_post, np.uint64)
    n_pairs = symbols.constant(mangle("ki", prefix, "key_n_pairs"),
                               identity.n_pre * identity.n_post % 2**64, np.uint64)
    return synapse_key_text(pre, post, rank, n_post, n_pairs, printer_cls.as_u64)


def _invariant_names(op, used, targets):
    """Names that keep their value during one call of the kernel."""
    names = {name for name in used if isinstance(op.variables.get(name), ConstantVariable)}
    names |= {name for name in ("t", "dt") if not isinstance(op.variables.get(name),
                                                              (ArrayVariable, LinkedVariable))
              and name not in op.template_locals}
    return names - set(targets)


def _index_text(op, name, var, symbols, element):
    """``(text, via)``: how the kernel indexes ``name``: its own element, a mapped index
    (synapses' pre/post neuron: ``via`` is the index array's name), or slot 0 for shared
    variables."""
    if var.shared:
        return "0", None
    mapped = op.var_index.get(name)
    if mapped is None:
        return element, None
    index_var, offset = mapped
    # an index array (stored synapses) or an index expression (procedural synapses)
    via = None if isinstance(index_var, str) else symbols.array(index_var)
    text = index_var if via is None else f"{via}[{element}]"
    return (f"({text} + {offset})" if offset else text), via
