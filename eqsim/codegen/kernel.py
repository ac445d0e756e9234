"""Turn one IR Operation into the template context of one kernel for a target.

The context lists which arrays the kernel reads into locals, which it writes
back, its temporaries, and its statements printed for the target. Everything
here is target independent except the printer class passed in.
"""
import dataclasses
import functools
import hashlib
import re
from dataclasses import dataclass, field

import numpy as np

from ..errors import CodegenError
from ..ir.variables import ArrayVariable, ConstantVariable, IndexVariable, LinkedVariable
from .functions import called_functions, tabulated_helpers
from .conditional_write import with_conditional_writes
from .identifiers import mangle
from .invariants import InvariantHoister
from .links import link_rounds, storage_access
from .printers import random_calls
from .user_functions import expand_samplers, user_function_calls


@dataclass
class Access:
    local: str
    c_name: str
    c_type: str
    shared: bool
    index: str = ""


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
    constants: dict = field(default_factory=dict)   # c_name -> (value, c_type)
    buffers: dict = field(default_factory=dict)     # c_name -> dtype string
    queues: list = field(default_factory=list)      # spike queue c names
    aliases: dict = field(default_factory=dict)     # object or operation name -> alias
    queue_aliases: dict = field(default_factory=dict)  # queue name -> c name
    threads: int = 1                                # OpenMP threads (1: serial code)
    support_code: dict = field(default_factory=dict)  # c_name -> module-level code (user functions)
    callbacks: list = field(default_factory=list)   # Functions compiled code calls back

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
        return name

    def constant(self, name, value, c_type="double"):
        """Register scalar ``name`` (made by ``mangle``) with its value."""
        known = self.constants.get(name)
        if known is not None and not _same_value(known, (value, c_type)):
            raise CodegenError(f"internal error: two values for the scalar {name}")
        self.constants[name] = (value, c_type)
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


def _same_value(a, b):
    (x, x_type), (y, y_type) = a, b
    return x_type == y_type and (x is y or x == y or (x != x and y != y))


def stream_id(*names):
    """A stable 64-bit random stream number for a named draw (not Python's salted hash)."""
    digest = hashlib.blake2b("\0".join(names).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") & ((1 << 52) - 1)  # exact as a double


def _random_key(op):
    """Streams follow the owning object's creation number and the operation's role,
    not the object's (possibly auto-numbered) name."""
    source = op.source
    number = getattr(source, "_random_id", None)
    if number is None:
        return op.name
    role = op.name[len(source.name):] if op.name.startswith(source.name) else op.name
    return f"{number}{role}"


def _free_names(exprs):
    names = set()
    for e in exprs:
        if e is not None and hasattr(e, "free_symbols"):
            names |= {s.name for s in e.free_symbols}
    return names


def kernel_context(op, symbols, printer_cls, *, index_name):
    """Template context for ``op``; registers its arrays/constants in ``symbols``."""
    scalar = [s.as_plain() for s in op.scalar_statements]
    # shared variables are never gated by refractoriness: only the per-element part is
    vector, op = with_conditional_writes(op, [s.as_plain() for s in op.statements])
    statements = [dataclasses.replace(s, expr=expand_samplers(s.expr, op.variables))
                  for s in scalar + vector]
    condition = expand_samplers(op.condition, op.variables)
    exprs = [s.expr for s in statements] + [condition]
    used = _free_names(exprs)
    targets = [s.target for s in statements]
    # the scalar part runs once before the element loop: its own loads, stores, temporaries
    parts = {"": (_free_names(exprs[len(scalar):]), set(targets[len(scalar):])),
             "scalar_": (_free_names(exprs[:len(scalar)]), set(targets[:len(scalar)]))}
    prefix = symbols.alias(op.name)
    names = {}
    lists = {f"{part}{kind}": [] for part in parts for kind in ("reads", "writes", "temps")}
    for name in sorted(used | set(targets)):
        var = op.variables.get(name)
        if isinstance(var, (ArrayVariable, LinkedVariable)):
            storage, index = storage_access(var, _index_text(op, name, var, symbols, index_name),
                                            symbols)
            names[name] = mangle("v", name)
            access = Access(names[name], symbols.array(storage), storage.c_type,
                            storage.shared, index)
            for part, (part_used, part_targets) in parts.items():
                if name in part_used:
                    lists[part + "reads"].append(access)
                if name in part_targets:
                    lists[part + "writes"].append(access)
                    if name not in part_used:  # written only: still needs a local
                        lists[part + "temps"].append(names[name])
        elif isinstance(var, ConstantVariable):
            c_type = "int64_t" if var.is_integer else "double"
            names[name] = symbols.constant(mangle("k", prefix, name), var.value, c_type)
        elif name in op.extra.get("index_exprs", {}):
            expr = op.extra["index_exprs"][name]
            names[name] = printer_cls.as_float(expr)
        elif isinstance(var, IndexVariable):
            offset = op.extra.get("index_offset", 0)
            names[name] = printer_cls.as_float(f"_i - {offset}")
        elif name in ("t", "dt"):
            names[name] = name  # the kernel's arguments
        elif name in op.extra.get("template_locals", ()):
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
    given = op.extra.get("random_streams")  # stream ids fixed by the caller (assignments)
    for call in random_calls(exprs):
        key = int(call.args[0])
        number = given[len(streams)] if given else stream_id(random_key, str(len(streams)))
        streams[key] = symbols.constant(mangle("r", prefix, len(streams)), number, "uint64_t")
    user_functions, tabulated = tabulated_helpers(op, exprs, symbols, prefix)
    user_functions.update(op.extra.get("user_functions", {}))
    user_functions.update(user_function_calls(op, called_functions(exprs), symbols,
                                              printer_cls.compiled, symbols.threads))
    lines, condition, invariants = _printed(
        printer_cls, tuple((names[s.target], s.expr) for s in statements), condition,
        frozenset(_invariant_names(op, used, targets)), prefix,
        tuple(sorted(names.items())), tuple(sorted(streams.items())), index_name,
        tuple(sorted(user_functions.items())), len(scalar))
    start = symbols.constant(mangle("ki", prefix, "start"), op.start, "int64_t")
    stop = symbols.constant(mangle("ki", prefix, "stop"), op.stop, "int64_t")
    context = dict(
        name=mangle("kernel", prefix), comment=op.kind, kind=op.kind,
        start=start, stop=stop, reads=reads, writes=writes, temps=temps,
        statements=list(lines[len(scalar):]), condition=condition, invariants=list(invariants),
        scalar=dict(reads=lists["scalar_reads"], writes=lists["scalar_writes"],
                    temps=lists["scalar_temps"], statements=list(lines[:len(scalar)])),
        locals=names,  # the text of each name, for templates that read a statement's result
    )
    context["link_rounds"] = link_rounds(op, targets, symbols)
    context["flags"] = (symbols.array(op.variables[op.extra["flags"]])
                        if "flags" in op.extra else None)
    if "time" in op.extra:  # a kernel run outside the step loop, at a given time
        context["time"] = symbols.constant(mangle("ki", prefix, "time"), op.extra["time"],
                                           "double")
    if op.events is not None:
        events = op.variables[op.events]
        context["events"] = symbols.array(events)
        context["events_size"] = symbols.constant(mangle("ki", prefix, "events_size"),
                                                  events.array.size - 1, "int64_t")
    _monitor_context(op, symbols, context, prefix)
    _synapse_context(op, symbols, context, prefix, index_name)
    if op.kind == "pathway":
        context["prefetch_rows"], context["prefetch_targets"] = _prefetch_lists(
            reads + writes, index_name, symbols)
    _input_context(op, symbols, context, prefix)
    context["tabulated"] = tabulated  # helpers rendered before the kernel (module.py)
    return context


@functools.lru_cache(maxsize=1024)
def _printed(printer_cls, statements, condition, invariant_names, prefix, names, streams,
             index_name, user_functions, n_scalar=0):
    """Statement lines, condition text and hoisted invariant lines of one kernel. A pure
    function of its (hashable) arguments, memoised: every run() regenerates the network's
    source, and printing is most of what that costs. ``statements`` are (printed target,
    expression) pairs, the first ``n_scalar`` of them scalar code; ``names`` maps every
    symbol to its text."""
    hoister = InvariantHoister(invariant_names, name=lambda n: mangle("lio", prefix, n))
    rewritten = [(target, hoister.rewrite(expr)) for target, expr in statements]
    condition = hoister.rewrite(condition)
    names = dict(names)
    names.update((symbol.name, symbol.name) for symbol, _ in hoister.hoisted)
    printer = printer_cls(names=names, random_streams=dict(streams), index=index_name,
                          user_functions=dict(user_functions))
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


def _invariant_names(op, used, targets):
    """Names that keep their value during one call of the kernel."""
    names = {name for name in used if isinstance(op.variables.get(name), ConstantVariable)}
    names |= {name for name in ("t", "dt") if not isinstance(op.variables.get(name),
                                                              (ArrayVariable, LinkedVariable))
              and name not in op.extra.get("template_locals", ())}
    return names - set(targets)


def _index_text(op, name, var, symbols, element):
    """How the kernel indexes ``name``: its own element, a mapped index (synapses'
    pre/post neuron), or slot 0 for shared variables."""
    if var.shared:
        return "0"
    mapped = op.extra.get("var_index", {}).get(name)
    if mapped is None:
        return element
    index_var, offset = mapped
    # an index array (stored synapses) or an index expression (procedural synapses)
    text = index_var if isinstance(index_var, str) else f"{symbols.array(index_var)}[{element}]"
    return f"({text} + {offset})" if offset else text


def thread_partition(post, ptr, order, threads):
    """Per-thread share of a pathway: thread k gets the synapses onto targets in its
    share of the target range, in the serial (presynaptic, then storage) order.

    Returns ``(ptr, syn)``. When storage is in presynaptic order and each row's targets
    are in thread order (connect() makes ascending rows), every thread's part of a row is
    a contiguous range of storage and ``syn`` is None: thread k's synapses of source s are
    ``ptr[k*n + s] : ptr[(k+1)*n + s]`` (n sources). Otherwise they are
    ``syn[ptr[k*(n+1) + s] : ptr[k*(n+1) + s + 1]]``.
    """
    n_sources = ptr.size - 1
    serial = np.arange(post.size, dtype=np.int64) if order is None else order.astype(np.int64)
    source_of = np.repeat(np.arange(n_sources), np.diff(ptr))
    bounds = np.linspace(0, post.max(initial=-1) + 1, threads + 1).astype(np.int64)
    thread_of = np.searchsorted(bounds, post[serial], side="right") - 1
    counts = [np.bincount(source_of[thread_of == k], minlength=n_sources) for k in range(threads)]
    descents = np.flatnonzero(np.diff(thread_of) < 0) + 1
    if order is None and np.isin(descents, ptr).all():
        splits = [ptr[:-1].astype(np.int64)]
        for k in range(threads):
            splits.append(splits[-1] + counts[k])
        return np.concatenate(splits).astype(np.int64), None
    ptrs, syns, offset = [], [], 0
    for k in range(threads):
        mine = thread_of == k
        ptrs.append(offset + np.concatenate([[0], np.cumsum(counts[k])]))
        syns.append(serial[mine])
        offset += int(mine.sum())
    return (np.concatenate(ptrs).astype(np.int64),
            np.concatenate(syns).astype(np.int32) if syns else np.empty(0, np.int32))


_MAPPED_INDEX = re.compile(r"\(?(\w+)\[(\w+)\](?: \+ \w+)?\)?")
# target arrays smaller than this stay in the core's caches: prefetching them costs more
# than it saves
PREFETCH_TARGET_BYTES = 256 * 1024


def _prefetch_lists(accesses, element, symbols):
    """What a pathway can fetch ahead for a row of synapses: the arrays read along the
    row (per-synapse values, the target index) and, through the target index, the
    target neurons' values (C text with ``_q`` as the synapse index) when they do not
    fit in the core's caches."""
    rows, targets = {}, {}
    for access in accesses:
        if access.index == element:
            rows[access.c_name] = None
            continue
        mapped = _MAPPED_INDEX.fullmatch(access.index)
        if mapped and mapped.group(2) == element:
            rows[mapped.group(1)] = None
            array = getattr(symbols.arrays.get(access.c_name), "array", None)
            if array is not None and array.nbytes >= PREFETCH_TARGET_BYTES:
                targets[access.c_name] = access.index.replace(f"[{element}]", "[_q]")
    return list(rows), sorted(targets.items())


def _monitor_context(op, symbols, context, prefix):
    extra = op.extra
    if "recorded" in extra:  # name of local holding the value -> buffer
        context["recorded"] = [(symbols.buffer(mangle("b", prefix, var), "float64"),
                                mangle("v", local))
                               for var, local in extra["recorded"]]
        context["value_buffers"] = [b for b, _ in context["recorded"]]
    if "indices" in extra:
        context["indices"] = symbols.array(op.variables[extra["indices"]])
        context["n_indices"] = symbols.constant(mangle("ki", prefix, "n_indices"),
                                                op.variables[extra["indices"]].array.size, "int64_t")
    if extra.get("time_buffer"):
        context["time_buffer"] = symbols.buffer(mangle("b", prefix, "t"), "float64")
    if extra.get("index_buffer"):
        context["index_buffer"] = symbols.buffer(mangle("b", prefix, "i"), "int32")
    if extra.get("rate_buffer"):
        context["rate_buffer"] = symbols.buffer(mangle("b", prefix, "rate"), "float64")
    if "count" in extra:
        context["count"] = symbols.array(op.variables[extra["count"]])


def _synapse_context(op, symbols, context, prefix, element):
    extra = op.extra
    if op.kind == "pathway":
        context["queue"] = symbols.queue(extra["queue"])
        context["homogeneous"] = extra["homogeneous"]
        if extra["homogeneous"]:
            context["delay"] = symbols.constant(mangle("ki", prefix, "delay"), extra["delay"],
                                                 "int64_t")
        else:
            context["delay"] = symbols.array(op.variables[extra["delay"]])
        context["csr_ptr"] = symbols.array(op.variables[extra["csr_ptr"]])
        context["csr_order"] = (symbols.array(op.variables[extra["csr_order"]])
                                if extra["csr_order"] else None)
        for key in ("source_start", "source_stop"):
            context[key] = symbols.constant(mangle("ki", prefix, key), extra[key], "int64_t")
        context["rounds_by"] = [symbols.array(op.variables[n]) for n in extra["rounds_by"]]
        # threads split the synapses by target neuron, so no two threads write one neuron
        # and each neuron sees its synapses in the serial order
        context["threaded"] = (symbols.threads > 1 and extra["homogeneous"]
                               and all(n == "_synaptic_post" for n in extra["rounds_by"])
                               and extra.get("post_index") is not None)
        if context["threaded"]:
            post = op.variables[extra["post_index"]]
            key = (id(post.array), post.array.size, symbols.threads, op.name)
            cache = post.__dict__.setdefault("_thread_partitions", {})
            if key not in cache:  # computed once per connectivity, not at every run()
                for stale in [k for k in cache if k[:2] != key[:2]]:
                    del cache[stale]
                cache[key] = thread_partition(post.array, op.variables[extra["csr_ptr"]].array,
                                              None if not extra["csr_order"]
                                              else op.variables[extra["csr_order"]].array,
                                              symbols.threads)
            ptr, syn = cache[key]
            n_sources = op.variables[extra["csr_ptr"]].array.size - 1
            context["thread_ptr"] = symbols.array(ArrayVariable(
                f"_tptr_{prefix}", op.owner, None, array=ptr))
            context["thread_syn"] = None if syn is None else symbols.array(ArrayVariable(
                f"_tsyn_{prefix}", op.owner, None, array=syn))
            context["n_sources"] = symbols.constant(mangle("ki", prefix, "n_sources"), n_sources,
                                                    "int64_t")
    elif op.kind == "synapticcode":
        context["rounds_by"] = [symbols.array(op.variables[n]) for n in extra["rounds_by"]]
    elif op.kind == "procedural":
        context["queue"] = symbols.queue(extra["queue"])
        for key in ("delay", "source_start", "source_stop", "n_post"):
            context[key] = symbols.constant(mangle("ki", prefix, key), extra[key], "int64_t")
        context["p"] = symbols.constant(mangle("ki", prefix, "p"), extra["p"], "double")
        context["conn_seed"] = symbols.constant(mangle("ki", prefix, "conn_seed"), extra["seed"],
                                                "uint64_t")
        context["conn_stream"] = symbols.constant(mangle("ki", prefix, "conn_stream"),
                                                  extra["stream"], "uint64_t")
    elif op.kind == "summed":
        context["target"] = symbols.array(extra["target"])
        for key in ("target_start", "target_stop"):
            context[key] = symbols.constant(mangle("ki", prefix, key), extra[key], "int64_t")
        index_var, offset = extra["target_index"]
        text = f"{symbols.array(index_var)}[{element}]"
        context["target_index"] = f"({text} + {offset})" if offset else text


def _input_context(op, symbols, context, prefix):
    """Arrays and scalars that a kind's template names directly (``op.extra['arrays']``:
    context key -> variable name; ``op.extra['constants']``: key -> (value, C type)),
    as the input groups' kernels need."""
    for key, name in op.extra.get("arrays", {}).items():
        context[key] = symbols.array(op.variables[name])
    for key, (value, c_type) in op.extra.get("constants", {}).items():
        context[key] = symbols.constant(mangle("ki", prefix, key), value, c_type)
