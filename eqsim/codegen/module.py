"""Render a whole network's operations into one module for a target and load it as a
:class:`~eqsim.codegen.backend.Backend` (the one interface both targets implement).
"""
import functools
import os

import numpy as np

from ..cpu_count import usable_cpus
from ..errors import CodegenError
from .backend import Backend, NumpyBackend
from .fusion import defer_team_parts, fusable_thresholds
from .c_types import local_bindings
from .kernel import ModuleSymbols, kernel_context
from .refractory_release import release_context, released_state_updates, without_refractoriness
from .kinds import template_name
from .library_parts import MIN_PART_WEIGHT, assign_parts, kernel_weight
from ..ir.operations import SpikeExchangeOp
from ..runtime.glue_source import current_installed_glue
from .printers import CPrinter, NumpyPrinter
from .render_memo import SourceMemo, render_key
from .templates import environment

#: sources rendered in this process (a network run again renders what it rendered before)
_RENDERED = SourceMemo()

TARGETS = {
    # target: (printer, per-element index name, kernel template suffix, module template)
    "cython": (CPrinter, "_i", ".c.j2", "network.c.j2"),
    "numpy": (NumpyPrinter, "_idx", ".py.j2", "network.py.j2"),
}


def network_glue():
    """The hand-written Cython module that drives generated network libraries: built
    at install time, or (source checkout, or an installed one compiled from other source)
    compiled on first use and cached."""
    global _GLUE
    if _GLUE is None:  # found once: a failed import searches sys.path every time
        # an editable install's glue compiled from older source is not used (glue_source.py)
        _GLUE = current_installed_glue() or compiled_network_glue()
    return _GLUE


_GLUE = None


@functools.lru_cache(maxsize=None)
def _dtype_name(dtype):
    """``dtype``'s name ('float64'; NumPy computes it in Python, ~5 us a call)."""
    return np.dtype(dtype).name


def compiled_network_glue():
    """The glue module compiled from this checkout's source into the cache (verified and
    rebuilt like every cached module)."""
    from ..runtime.random import register_compiled_philox
    from .compiler import load_module
    path = os.path.join(runtime_include_dir(), "network_glue.pyx")
    with open(path, encoding="utf-8") as handle:
        glue = load_module(handle.read(), name_hint="eqsim_network_glue",
                           include_dirs=[runtime_include_dir()])
    # available from now on; whether NumPy-side draws use it is the context's choice
    # (an automatic one does: the same bits, ~10x faster)
    register_compiled_philox(glue)
    return glue


def runtime_include_dir():
    """Folder of the hand-written C headers generated kernels include."""
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "runtime")


#: The element count (neurons, synapses, ...) of a network's largest operation below which its
#: library is built for one thread whatever ``num_threads`` says: a team's fork and join cost
#: about a microsecond per kernel, more than a thread saves on 8 blocks of EQSIM_BLOCK (256)
#: elements, a threaded library takes longer to compile (its parallel parts and the thread
#: team's controller), and one ran stdp (1,000 inputs, 1,000 synapses) 30 % slower on one
#: thread.
THREAD_MIN_ELEMENTS = 2048


def worth_a_team(schedule):
    """Whether some operation of ``schedule`` has enough elements for threads to pay."""
    return any(max(op.stop - op.start, 0) >= THREAD_MIN_ELEMENTS
               for op in schedule if not isinstance(op, tuple))


def module_threads(target, num_threads, schedule):
    """The threads a module of ``schedule`` is built for when ``num_threads`` are asked."""
    threads = max(1, int(num_threads)) if target == "cython" else 1
    return threads if threads == 1 or worth_a_team(schedule) else 1


class NetworkModule:
    """The generated code of one network for one target, loaded as a backend.

    Code above ``codegen/`` runs it through :attr:`backend` (the
    :class:`~eqsim.codegen.backend.Backend` protocol) and :meth:`bind`; the methods
    here translate operation names to the module's symbol names.

    Parameters
    ----------
    target : {'cython', 'numpy'}
    name : str
        Network name (appears in the generated source).
    schedule : list
        In execution order: ``Operation`` objects, or ``(clock_index, netop_index)``
        tuples for network operations.
    clock_of : callable
        Maps an Operation to its clock index.
    n_clocks : int
    vector_math : bool
        Let compiled loops call vectorised exp/log (a few ulp from the scalar ones).
    num_threads : int
        Threads of the compiled target (the library's own team, eqsim_team_pool.h).
        Threaded kernels give
        the same results as single-threaded ones, bit for bit. A network whose largest
        operation has fewer than :data:`THREAD_MIN_ELEMENTS` elements gets one thread.
    profile : bool
        Time every kernel call (wall clock; see :meth:`profile_times`).
    team_timing : bool
        Time each thread's share of each parallel part (a threaded library only; its
        ``eqsim_team_part_times``, read by benchmarks/team_parts.py).
    context : SimulationContext
        The simulation context (:mod:`eqsim.core.context`): the seed :meth:`bind`
        passes, the caches of data derived from objects, the Philox choice.
    """

    def __init__(self, target, name, schedule, clock_of, n_clocks, *, context,
                 vector_math=True, num_threads=1, profile=False, team_timing=False):
        if target not in TARGETS:
            raise CodegenError(f"unknown code generation target '{target}'",
                               hint=f"choose one of {sorted(TARGETS)}")
        printer, index_name, suffix, module_template = TARGETS[target]
        self.target = target
        self.context = context
        self.threads = module_threads(target, num_threads, schedule)
        self.team_timing = bool(team_timing)
        self.symbols = ModuleSymbols(threads=self.threads, context=context,
                                     compiled=target == "cython")
        kernels, slots, max_size = [], [], 1  # kernels: (helpers, template, context)
        # per kernel slot of the loop, the operations it computes (a fused kernel: two)
        self.profiled = []
        fused = fusable_thresholds(schedule, clock_of) if target == "cython" else {}
        released = released_state_updates(schedule, clock_of) if target == "cython" else {}
        moved = set(fused.values())
        for position, entry in enumerate(schedule):
            if isinstance(entry, tuple):
                slots.append(dict(clock=entry[0], netop=entry[1], kernel=None, halts=False))
                continue
            if position in moved:
                continue  # computed by the fused kernel at its state update's slot
            ops = [entry] + ([schedule[fused[position]]] if position in fused else [])
            if position in released:
                ops[0] = without_refractoriness(entry)
            contexts = [kernel_context(op, self.symbols, printer, index_name=index_name)
                        for op in ops]
            if entry.kind == "stateupdate":  # its templates ask whether it has lists
                release = None if position not in released else release_context(
                    entry, released[position], self.symbols,
                    lambda op: kernel_context(op, self.symbols, printer, index_name=index_name))
                contexts[0]["refractory_release"] = release
                if release is not None:
                    contexts[0]["uses"] = set(contexts[0]["uses"]) | release["uses"]
            helpers = [h for c in contexts for h in c.get("tabulated", ())]
            if len(contexts) == 2:
                kind = "stateupdate_threshold"
                context = dict(name=contexts[0]["name"], comment="stateupdate + threshold",
                               state_update=contexts[0], threshold=contexts[1])
            else:
                kind, context = entry.kind, contexts[0]
            context["clock"] = clock_of(entry)  # the index of its clock in the loop's arrays
            # the C kernels start by copying the module's arrays and scalars they use into
            # local constants (network.c.j2)
            context["bindings"] = local_bindings(set().union(*(c["uses"] for c in contexts)),
                                                 self.symbols) if target == "cython" else ""
            kernels.append((helpers, template_name(kind) + suffix, context))
            slots.append(dict(clock=clock_of(entry), netop=None, kernel=context["name"],
                              profiled=len(self.profiled), halts=kind == "spikeexchange"))
            self.profiled.append([op.name for op in ops])
            max_size = max(max_size, *(op.stop for op in ops))
        self.n_clocks = max(n_clocks, 1)
        defers = defer_team_parts(slots, kernels, allowed=self.threads > 1 and not profile)
        module = dict(
            schedule=slots, n_clocks=self.n_clocks, max_size=max_size,
            queues=self.symbols.queues, vector_math=vector_math, profile=profile,
            n_profiled=max(1, len(self.profiled)), threads=self.threads, defers=defers,
            max_interval=SpikeExchangeOp.MAX_INTERVAL,
            # dtypes by name: the render key is the repr of all this, and a NumPy dtype's
            # repr is ~7 us (a tenth of a run() call's fixed cost on tian)
            arrays=[dict(c_name=n, dtype=_dtype_name(v.dtype))
                    for n, v in self.symbols.arrays.items()],
            constants=[dict(c_name=n, dtype=_dtype_name(t))
                       for n, (_, t) in self.symbols.constants.items()],
            buffers=[dict(c_name=n, dtype=d, itemsize=8 if d == "float64" else 4)
                     for n, d in self.symbols.buffers.items()])
        # user functions' code (C implementations, Python trampolines), once, before the kernels
        support = list(self.symbols.support_code.values())
        collective = self.symbols.collective
        # several gcc runs at once (library_parts) unless a part could not keep its own
        # copy of something: user C code may hold static state, and each exchange kernel's
        # MPI tag is the order of its definition in the file (__COUNTER__)
        cpus = usable_cpus() if target == "cython" and collective is None and not support else 1
        key = None if collective is not None else render_key(
            (module_template, kernels, support, module, cpus, MIN_PART_WEIGHT))
        self.source, self.parts = _RENDERED.source(key, lambda: _render(
            environment(target), suffix, module_template, kernels, support, module, collective,
            cpus))
        self.library_path = None  # the compiled library (cython target)
        self.backend = self._load()

    def _load(self):
        if self.target == "numpy":
            return NumpyBackend(self.source)
        from .compiler import build_library
        glue, symbols = network_glue(), self.symbols
        Backend.register(glue.NetworkLibrary)

        def open_library(path):  # OSError when the library lacks an expected symbol
            self.library_path = path  # tests and benchmarks reach its test entries (ctypes)
            return glue.NetworkLibrary(
                path, list(symbols.arrays), list(symbols.constants),
                [t == np.uint64 for _, t in symbols.constants.values()],
                list(symbols.buffers), list(symbols.buffers.values()), list(symbols.queues),
                self.n_clocks)
        flags = []
        if self.threads > 1:
            flags = ["-pthread"] + (["-DEQSIM_POOL_TIMING"] if self.team_timing else [])
        return build_library(self.source, name_hint="eqsim_net",
                             include_dirs=[runtime_include_dir()], extra_compile_args=flags,
                             parts=self.parts, load=open_library)

    def bind(self):
        """Pass current array addresses, scalar values and the context's seed to the
        backend."""
        arrays = {n: v.array for n, v in self.symbols.arrays.items()}
        constants = {n: value for n, (value, _) in self.symbols.constants.items()}
        if self.target == "numpy":
            constants = {n: _numpy_scalar(value, self.symbols.constants[n][1])
                         for n, value in constants.items()}
        self.backend.bind(arrays, constants, int(self.context.run_seed) & 0xFFFFFFFFFFFFFFFF)
        collective = self.symbols.collective
        if collective is not None:
            self.backend.set_exchange(collective.address, collective.isend, collective.irecv,
                                      collective.waitall, collective.int32_type,
                                      collective.comm, collective.size, collective.rank)

    def profile_times(self):
        """``[(operation names, seconds)]`` per kernel slot since the last reset: the wall
        time of the kernel calls (a fused state update + threshold kernel is one slot)."""
        return [(names, self.backend.profile_time(k)) for k, names in enumerate(self.profiled)]

    def profile_reset(self):
        self.backend.profile_reset()

    def raise_callback_errors(self):
        """Raise what a Python function called back from compiled code raised in the run."""
        for function in self.symbols.callbacks:
            function.raise_callback_error()

    def has_queue(self, name):
        return name in self.symbols.queue_aliases

    def queue_contents(self, name):
        """Spikes in flight in a pathway's queue: entry k arrives in k steps."""
        return self.backend.queue_contents(self.symbols.queue_aliases[name])

    def queue_reset(self, name, n_slots, contents):
        self.backend.queue_reset(self.symbols.queue_aliases[name], n_slots, contents)

    def has_buffer(self, op_name, suffix):
        return self.symbols.buffer_name(op_name, suffix) in self.symbols.buffers

    def reserve_buffer(self, op_name, suffix, extra):
        """Room for ``extra`` more items in record buffer ``suffix`` of ``op_name``, made
        before a run (MemoryError when it cannot be had)."""
        self.backend.reserve_buffer(self.symbols.buffer_name(op_name, suffix), extra)

    def take_buffer(self, op_name, suffix):
        """Copy out and empty the record buffer ``suffix`` of operation ``op_name``."""
        return self.backend.take_buffer(self.symbols.buffer_name(op_name, suffix))


def _render(env, suffix, module_template, kernels, support, module, collective, cpus):
    """The module's source from its kernels' contexts and the module-level inputs, and the
    number of parts it is compiled as (:mod:`.library_parts`)."""
    texts = [env.get_template(template).render(k=_as_obj(context), threads=module["threads"])
             for _, template, context in kernels]
    # a kernel's tabulated functions (static inline) go with it into its part
    tabulated = ["".join(env.get_template("tabulated" + suffix).render(f=_Obj(h))
                         for h in helpers) for helpers, _, _ in kernels]
    names = [context["name"] for _, _, context in kernels]

    def source(parts, owner):
        entries = [dict(name=None, part=None, text=text) for text in support] + [
            dict(name=name, part=part, text=helpers + text)
            for name, part, helpers, text in zip(names, owner, tabulated, texts)]
        return env.get_template(module_template).render(
            kernels=[_Obj(e) for e in entries], collective=collective, parts=parts, **{
                name: [_Obj(item) for item in value]
                if name in ("arrays", "constants", "buffers") else value
                for name, value in module.items()})

    whole = source(1, [0] * len(texts))
    if cpus < 2:
        return whole, 1
    # part 0's own share: what the file holds besides the kernels (the step loop, bindings)
    own = len(whole) - sum(map(len, texts)) - sum(map(len, tabulated))
    parts, owner = assign_parts([kernel_weight(t) for t in texts], cpus, own_text=own)
    return (whole, 1) if parts == 1 else (source(parts, owner), parts)


def _as_obj(context):
    """A kernel context with attribute access (a fused kernel's two parts too)."""
    out = _Obj(context)
    for part in ("state_update", "threshold"):
        if isinstance(out.get(part), dict):
            out[part] = _Obj(out[part])
    return out


def _numpy_scalar(value, dtype):
    """A constant as the NumPy scalar of its dtype, so that arithmetic on it gives inf or
    nan as arrays (and C) do, where Python numbers raise ZeroDivisionError/OverflowError."""
    if dtype == np.float64:
        return np.float64(value)
    if dtype == np.int64 and not isinstance(value, bool):
        return np.int64(value)
    return value


class _Obj(dict):
    """Dict with attribute access, for template contexts."""
    __getattr__ = dict.__getitem__
