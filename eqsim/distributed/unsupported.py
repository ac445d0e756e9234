"""What a run on several processes does not do yet: refused at once, before anything runs."""
from ..core.context import current_context
from ..errors import NotDistributableError


def refuse_with_several_processes(what, obj, hint):
    """Raise :class:`~eqsim.errors.NotDistributableError` (EQ837) about ``what`` when this
    run has more than one process (``mpiexec -n K``, K > 1)."""
    size = current_context().size
    if size > 1:
        raise NotDistributableError(f"{what} is not available in a run on {size} processes",
                                    obj=obj, hint=hint)


def refuse_split_monitor(source, name):
    """Under ``mpiexec -n K`` (K > 1) monitors record neurons: no monitors of synapses
    (yet)."""
    if hasattr(source, "pathways"):
        refuse_with_several_processes(f"a monitor of the synapses '{source.name}'", name,
                                      "monitor the neurons, or read S.w[:] after the run")
