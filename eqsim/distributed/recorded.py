"""Monitor data of a run on K processes, readable on any one process without waiting.

Design
------
Each process records only its own neurons (and the synapses onto them). If reading ``M.t``
gathered the data from the other processes, the read would be a collective: a script that
reads only on rank 0 (``if rank() == 0: plot(M.t)``) would leave rank 0 waiting for processes
that never call it, a hang. So reading is never a collective. Instead, at the end of every
``run()`` (a point every process reaches together, in the same order of monitors: the
network's, which is the same script on every process) each monitor's new data are gathered
once, collectively, with :func:`gather_events` / :func:`gather_samples`, and kept in a
:class:`Recorded`; a later read, on any process or only on some, is then local.

* ``gather='all'`` (the default): every process holds the whole network's data, in the order
  one process (K = 1) gives: events by time step, then ascending index (processes own
  ascending, contiguous slices, so a stable sort by step of the rank-ordered data is that
  order); samples with the columns in the order of the monitor's ``record`` list.
* ``gather='root'``: only rank 0 holds them (memory of one copy); reading them elsewhere raises
  :class:`~eqsim.errors.NotGatheredHereError` at once instead of waiting.
* Monitors too large to gather at all write one file per process (planned; not here).

The cost is one ``Allgatherv`` (or ``Gatherv``) per recorded array per ``run()``, which is
small next to a run; the memory is the whole network's record on each process that holds it.
"""
import numpy as np

from ..errors import NotGatheredHereError

GATHER_MODES = ("all", "root")


class Recorded:
    """A monitor's gathered arrays, read locally.

    Parameters
    ----------
    arrays : dict of str to numpy.ndarray, or None
        The whole network's data, or None on a process that does not hold them.
    owner : str
        The monitor's name, for messages.
    """

    def __init__(self, arrays, owner):
        self._arrays = arrays
        self.owner = owner

    @property
    def here(self):
        """Whether this process holds the data."""
        return self._arrays is not None

    def __getitem__(self, name):
        if self._arrays is None:
            raise NotGatheredHereError(
                f"the data of '{self.owner}' were gathered to process 0 only", obj=self.owner,
                hint="read them under `if rank() == 0:`, or record with gather='all'")
        return self._arrays[name]


def _root(gather):
    if gather not in GATHER_MODES:
        raise ValueError(f"gather must be one of {GATHER_MODES}, not {gather!r}")
    return None if gather == "all" else 0


def _join(comm, array, root, axis=0):
    if root is None:
        return comm.allgather_array(array, axis=axis)
    return comm.gather_array(array, root=root, axis=axis)


def gather_events(comm, owner, step, columns, gather="all"):
    """Collective: the whole network's events (spikes) in the order of one process.

    Parameters
    ----------
    comm : Communicator
    owner : str
        The monitor's name.
    step : int array
        This process's time step of each event, ascending.
    columns : dict of str to numpy.ndarray
        Per event arrays (``i``, recorded variables), each as long as ``step``.
    gather : {'all', 'root'}

    Returns
    -------
    Recorded
        With ``'step'`` and every column.
    """
    root = _root(gather)
    names = sorted(columns)  # the same order on every process
    joined = {name: _join(comm, np.asarray(columns[name]), root) for name in names}
    steps = _join(comm, np.asarray(step, dtype=np.int64), root)
    if steps is None:
        return Recorded(None, owner)
    order = np.argsort(steps, kind="stable")
    arrays = {name: values[order] for name, values in joined.items()}
    arrays["step"] = steps[order]
    return Recorded(arrays, owner)


def gather_samples(comm, owner, values, indices, record, gather="all"):
    """Collective: a state monitor's samples of the whole network, columns in ``record`` order.

    Parameters
    ----------
    comm : Communicator
    owner : str
        The monitor's name.
    values : dict of str to numpy.ndarray
        Per variable, shape (time points, this process's recorded neurons).
    indices : int array
        The global index of each of this process's columns.
    record : int array
        The global indices the monitor records, in the user's order.
    gather : {'all', 'root'}

    Returns
    -------
    Recorded
        Each variable with shape (time points, ``len(record)``).
    """
    root = _root(gather)
    held = _join(comm, np.asarray(indices, dtype=np.int64), root)
    joined = {name: _join(comm, np.asarray(values[name]), root, axis=1) for name in sorted(values)}
    if held is None:
        return Recorded(None, owner)
    position = {int(index): column for column, index in enumerate(held)}
    columns = np.array([position[int(index)] for index in record], dtype=np.intp)
    return Recorded({name: array[:, columns] for name, array in joined.items()}, owner)
