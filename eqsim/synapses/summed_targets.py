"""Brian2's rule for summed variables of one network: no two may write the same variable of
the same neurons (one group, or overlapping subgroups of it), since each operation sets its
targets to its own sum."""
from ..errors import SummedTargetConflictError
from ..ir.operations import SummedOp


def check_summed_targets(items):
    """Raise SummedTargetConflictError if two ``SummedOp`` of ``items`` write one
    variable's overlapping elements."""
    seen = {}  # (owner, name) of the target variable -> [(start, stop, op)]
    for op in items:
        if not isinstance(op, SummedOp):
            continue
        key = (op.target.owner, op.target.name)
        for start, stop, other in seen.get(key, ()):
            if op.target_start < stop and start < op.target_stop:
                same = (start, stop) == (op.target_start, op.target_stop)
                where = "the same neurons" if same else "overlapping subgroups"
                raise SummedTargetConflictError(
                    f"the summed variables of '{other.owner}' and '{op.owner}' both write "
                    f"'{op.target.name}' of '{op.target.owner}' ({where}): each would "
                    f"overwrite the other's sum", obj=op.owner,
                    hint=f"sum into separate variables of '{op.target.owner}', one per "
                         f"Synapses, and add them in its equations (as Brian2 asks)")
        seen.setdefault(key, []).append((op.target_start, op.target_stop, op))
