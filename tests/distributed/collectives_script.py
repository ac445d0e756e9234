"""Run by test_mpiexec.py under ``mpiexec -n K``: every collective of the MPI communicator on
data each process derives from its rank, printed as JSON for the test to compare with what
one process gives. With ``--then-fail-uncaught``, rank 1 then raises in plain Python code
(standing in for a network operation) that nothing catches, while the other ranks wait in the
next spike exchange: the abort hook must end them all. Not a test itself."""
import json
import sys

import numpy as np

from eqsim.distributed import num_processes, rank, world
from eqsim.distributed.failure import collective_check
from eqsim.distributed.recorded import gather_events, gather_samples
from eqsim.errors import NotGatheredHereError, RankFailedError

comm, me, size = world(), rank(), num_processes()
NEURONS = 30
low, high = me * NEURONS // size, (me + 1) * NEURONS // size


def own_spikes(steps, per_step):
    """Spikes of this process's slice; neuron n spikes at step s when (n * 7 + s) % 5 == 0,
    and in a burst of all its neurons at every step when per_step is large (capacity growth)."""
    return [np.array([n for n in range(low, high) if (n * 7 + s) % 5 == 0 or per_step > 5],
                     dtype=np.int32) for s in range(steps)]


out = {"rank": me, "size": size, "type": type(comm).__name__}
comm.barrier()
out["spikes"] = [[d.tolist() for d in comm.exchange_spikes(own_spikes(steps, per_step))]
                   for steps, per_step in ((1, 1), (4, 1), (0, 1), (20, 10))]
# one step (a run's exchange) in which the last rank alone outgrows the slots, then a
# failure in a one-step exchange: both leave the fast path together
burst = np.arange(1000 * me, 1000 * me + (600 if me == size - 1 else 3), dtype=np.int32)
out["one_step_burst"] = comm.exchange_spikes([burst])[0].tolist()
try:
    comm.exchange_spikes([burst[:2]], failure=ValueError("broke") if me == 0 else None)
except RankFailedError as error:
    out["one_step_failure"] = error.failures
except ValueError as error:
    out["one_step_failure"] = str(error)
matrix = np.arange(low, high, dtype=np.float64)[:, None] * [1.0, -1.0]
out["allgather_rows"] = comm.allgather_array(matrix).tolist()
out["allgather_columns"] = comm.allgather_array(matrix.T, axis=1).tolist()
out["allgather_bool"] = comm.allgather_array(np.arange(low, high) % 2 == 0).tolist()
root_copy = comm.gather_array(np.arange(low, high, dtype=np.int64), root=0)
out["gather_root"] = None if root_copy is None else root_copy.tolist()
out["broadcast"] = comm.broadcast({"seed": 1234 + me, "dt": 0.1 * (me + 1)}, root=size - 1)

# monitors: spikes at step (n % 3) of each own neuron, samples of own neurons 0..; rank 0 alone
# reads afterwards (a read that were a collective would hang the test)
own = np.arange(low, high)
events = gather_events(comm, "spikemon", own % 3, {"i": own.astype(np.int32), "v": own * 0.5})
samples = gather_samples(comm, "statemon", {"v": np.arange(2)[:, None] * 100.0 + own},
                         own, record=np.array([7, 2, 29, 11]))
only_root = gather_events(comm, "rootmon", own % 3, {"i": own}, gather="root")
if me == 0:
    out["events"] = {name: events[name].tolist() for name in ("step", "i", "v")}
    out["samples"] = samples["v"].tolist()
    out["root_holds"] = only_root["i"].tolist()
else:
    try:
        only_root["i"]
    except NotGatheredHereError as error:
        out["not_here"] = error.code

# a failure at a safe point: rank 1 fails, every process hears of it and goes on
for where in ("check", "exchange"):
    try:
        if where == "check":
            with collective_check(comm):
                if me == 1:
                    raise ValueError("netop broke at t=5 ms")
        else:
            failure = ValueError("netop broke at t=6 ms") if me == 1 else None
            comm.exchange_spikes(own_spikes(2, 1), failure=failure)
        out[where] = "no error"
    except RankFailedError as error:
        out[where] = [error.code, error.failures, str(error)]
    except ValueError as error:
        out[where] = ["own", str(error)]
print(json.dumps(out), flush=True)
# every rank has printed before rank 1's uncaught failure aborts the job (without this barrier
# a slow rank 0 could be killed before printing: a race CI lost under load)
comm.barrier()


def network_operation(t):
    if me == 1:
        raise RuntimeError(f"netop failed at t={t} ms")


if "--then-fail-uncaught" in sys.argv:
    for step in range(3):
        network_operation(step)
        comm.exchange_spikes([[low]])
    print("not reached", flush=True)
