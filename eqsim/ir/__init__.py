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

What the remaining design steps should build on
-----------------------------------------------
- *Context object*: object numbers (``_random_id``), the seed and the evaluation
  counter (``eqsim.core.seeding``) are the inputs of ``runtime.streams``; a simulation
  context should own them and be passed to ``run_now`` and ``NetworkModule`` instead of
  the module globals, and the per-variable caches (thread partitions, link rounds in
  ``__dict__``) should move into it.
- *Backend interface*: a backend consumes a schedule of these operations plus the
  module symbols (arrays, constants with dtypes, buffers, queues); ``NetworkModule``,
  the NumPy module and the Cython glue should implement one protocol over that, so an
  MPI backend is a new implementation that reads the same declarations.
- *Global vs local indices*: ``start``/``stop``, ``source_start``/``source_stop``,
  ``target_start``/``target_stop`` and ``var_index`` offsets are storage positions
  today; the split into a global size and a local slice belongs in these fields (and in
  ``index_offset`` for ``i``). Draws are keyed by element index (neurons: already the
  global one) and, for stored synapses, by storage position: that key must become the
  canonical synapse identity (pre, post, multisynaptic rank), as procedural synapses
  already do (``_src * n_post + _tgt``); the printers take the index text from the
  kernel context, so it is one change there and in ``runtime.streams``.
"""
from .variables import Variable, ArrayVariable, ConstantVariable
from .operations import OPERATION_KINDS, Assignment, Operation

__all__ = ["Variable", "ArrayVariable", "ConstantVariable", "Assignment", "Operation",
           "OPERATION_KINDS"]
