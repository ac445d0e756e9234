"""The intermediate representation: the boundary between models and targets.

Groups, synapses and monitors describe what happens in one time step as operations:
one dataclass per kind (:mod:`eqsim.ir.operations`: ``StateUpdateOp``, ``ThresholdOp``,
``ResetOp``, ``PathwayOp``, ``ProceduralOp``, ``SummedOp``, ``SynapticCodeOp``, the
monitors', the input groups' and ``AssignOp``), each holding ordered
:class:`Assignment` statements over named :class:`Variable` descriptors.

Design (2026-12, issue 9, first step)
-------------------------------------
- An operation's common fields say what it computes (statements, condition, the
  element range ``start:stop``, schedule slot, clock) and how each name is indexed:
  ``var_index`` (name -> ``(index array or template local, offset)``),
  ``index_offset`` (what ``i`` counts from), ``index_exprs`` and ``template_locals``.
- What a kind's template needs beyond that is declared as typed fields: *arrays*
  (``array()``: a variable the template indexes itself), *constants*
  (``constant(dtype)``: a scalar with a NumPy dtype) and record ``buffers`` (class
  level). Targets read the declarations generically (``declared_fields``); the registry
  ``OPERATION_KINDS`` maps a kind to its class, and ``eqsim.codegen.kinds`` maps it to
  its template and to what its context adds (queues, thread partitions, prefetch lists).
- Nothing here knows a target's types: dtypes are NumPy's; the C types live in
  ``eqsim.codegen.c_types`` (and the C printer). Generated code is never read back:
  each kernel's context lists the module arrays and scalars it uses (``uses``), and the
  index of every array access is built together with its structure (``Access.via``).
- Code that groups and synapses run themselves (string assignments, string indices,
  start values) goes through ``eqsim.codegen.run_now``; every random stream comes from
  ``eqsim.runtime.streams``.

Design (2026-12, issue 9, second step: context and backend interface)
---------------------------------------------------------------------
- *Context object* (``eqsim.core.context.SimulationContext``): the seed, whether
  ``seed()`` gave it, the object and evaluation counters that key random streams
  (``runtime.streams``), the Philox implementation NumPy-side draws use ('numpy', 'c'
  or automatic, the default: 'c' once the glue is loaded; the same bits; loading the
  glue only registers it, the context's choice decides), the caches derived from
  objects (thread partitions, link write rounds, integrated and event-driven
  statements: ``context.cache(owner, kind)``, dropped with the owner, never in the
  owner's ``__dict__``) and the slot of a distributed run (``rank=0, size=1``).
  ``seed()`` resets the current context's seed and counters as before; ``start_scope()``
  keeps it. ``NetworkModule(..., context=)`` and ``run_operation(..., context=)`` are
  given it (``ModuleSymbols.cache`` reaches its caches); ``core.seeding`` is the thin
  Brian2-facing layer over the current context.
- Plain state access (``G.v``, ``G.v[:] = values``) looks at no frame; strings and
  subexpressions take ``namespace=`` (``get_values``/``set_values``) and fall back to
  the caller's frame (Brian2's rule) only when none is given.
- *Backend interface* (``eqsim.codegen.backend.Backend``): bind, set_clocks,
  clock_steps, run, stop, profile_time/profile_reset, take_buffer/reserve_buffer,
  queue_reset/queue_contents, each with its contract. ``NumpyBackend`` runs the NumPy
  module (which now holds only kernels, schedule and symbols); the Cython glue's
  ``NetworkLibrary`` is the compiled one (registered). ``core.network`` reaches the
  generated code only through ``NetworkModule.bind`` and ``module.backend``.
- The generated C keeps its state in per-library statics (documented in
  ``network.c.j2``): safe because no state outlives a run (bound before, taken after).

What the remaining design steps should build on
-----------------------------------------------
- *MPI backend*: a third ``Backend`` over the same operations and symbols; the module
  docstring of ``eqsim.codegen.backend`` lists what it adds (the rank's slice, spike
  exchange per communication interval, monitor gather). The communicator belongs in the
  context next to ``rank``/``size``; ``Network`` would pick the backend from it. Nested
  runs of two networks with the same compiled code would need the C state moved into a
  struct (one per backend instance) instead of the library's statics.
- *Global vs local indices*: done (below).

Global identity and local storage (issue 9, second step)
--------------------------------------------------------
- A group has a global size and stores a contiguous slice of it
  (``Group._global_start``, ``Group._global_n``, ``Group.global_size()``;
  :func:`eqsim.groups.partition.local_slice`); in one process the slice is the whole
  group. ``NeuronGroup(..., _partition=(rank, size))`` builds a process's part in one
  process (a private hook; the simulation context's ``rank``/``size`` should feed it).
- Storage positions: ``start``/``stop``, ``source_start``/``source_stop`` (spike-array
  positions), ``target_start``/``target_stop`` of summed variables and the ``var_index``
  offsets stay *local*. ``Operation.global_offset`` is the global index of the owner's
  storage position 0 (None: not partitioned): ``i`` is
  ``element + global_offset - index_offset`` (``index_offset`` the subgroup's global
  start) and neuron draws use ``element + global_offset``; it is a module scalar, so
  every process compiles the same source. Synapses store *global* ``i``/``j``
  (``_synaptic_pre``/``_synaptic_post``); the ``var_index`` offset of a pre/post variable
  is ``subgroup start - _global_start`` of that neuron group (its storage position).
- Draws of stored synapses are keyed by ``Operation.draw_key``
  (:class:`~eqsim.ir.operations.SynapseIdentity`: the pre/post index arrays, the
  multisynaptic rank array or None, the global sizes), printed as
  ``runtime.streams.synapse_key`` (``pre*N_post + post + rank*N_pre*N_post``): the key of
  procedural synapses for rank 0. Ranks are stored only when a pair repeats
  (``synapses.identity``).
- ``connect()`` makes the synapses onto ``target_start:target_stop`` (global; the target
  group's stored slice). Bernoulli sampling (``runtime.sampling``) draws each position of
  a dense row (``p >= DENSE_P``) from a 32-bit Philox lane keyed by the row and the
  position alone, and walks a sparse row's gaps in blocks of ``runtime.sampling.BLOCK`` positions keyed
  ``(row, (block << 32) + m)``; other draws are keyed per candidate pair (or array
  position), so the slices of any partition make the whole call's synapses.
  ``ProceduralOp`` draws the same, restricted to its ``target_start:target_stop``.
  Work that does not fall as 1/K: range arguments are evaluated for every row of a
  ``j='...'`` generator; elements other than the iteration variable (``j='i'``) and
  ``sample(size=)`` make every row's candidates; explicit ``i``/``j`` arrays are
  filtered whole.
- Distributed runs (issue 9, mpi9): under ``mpiexec -n K`` the context carries the
  communicator and every group is built as its process's slice; ``N``/``len()`` are
  global, a subgroup stores the intersection of its range with the slice
  (``Group._first``: its global first index; ``_local_origin``: the storage position of
  its element 0; ``index_offset`` is ``_first`` for operations with a ``global_offset``,
  else ``_local_origin``). Pre pathways of a partitioned group read its *exchanged* event
  array (global indices), filled after the thresholds by
  ``eqsim.distributed.spike_exchange.SpikeExchange`` (scheduled like a network
  operation); post pathways read local spikes. Synaptic code that reads presynaptic
  neuron variables is refused (``synapses.spike_sources``). Monitors gather after each
  run (``distributed.monitor_gather``); state reads are collectives
  (``distributed.state_reads``).
"""
from .variables import Variable, ArrayVariable, ConstantVariable
from .operations import OPERATION_KINDS, Assignment, Operation

__all__ = ["Variable", "ArrayVariable", "ConstantVariable", "Assignment", "Operation",
           "OPERATION_KINDS"]
