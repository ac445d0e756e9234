"""An exception on one process ends every process of the run with that error, never a hang.

Two mechanisms, because a failing process cannot reach the others once it has stopped:

* **Abort hook** (:func:`install_abort_hook`, installed when the MPI world is made): an
  exception that nothing catches prints ``eqsim: process R of K failed: Type: message`` and
  its traceback, then calls ``MPI_Abort``, which ends every process at once (whatever
  collective they wait in) with a non-zero exit status.
* **Safe points**: the collectives every process reaches together (each spike exchange,
  :meth:`~eqsim.distributed.communicator.Communicator.check_failures` after a chunk of steps
  or around user code, :func:`collective_check`) carry "did this process fail?". When one did,
  it gets its own exception back and every other process raises
  :class:`~eqsim.errors.RankFailedError` naming the rank and the message, so rank 0 (the
  one whose output a user reads) reports the error of rank 1 and code may still clean up.

In a run loop, the safe point is the exchange that ends each communication interval; a
process that fails jumps to it with its exception, so no other collective may lie between
two safe points (it would meet a process that skipped it)::

    for interval in intervals:
        failure = None
        try:
            step_spikes = run_chunk(interval)       # C steps and network operations
        except Exception as error:
            failure, step_spikes = error, []
        spikes = comm.exchange_spikes(step_spikes, failure=failure)   # raises on all if any failed
"""
import sys
import traceback
from contextlib import contextmanager

from ..errors import RankFailedError


def failure_message(error):
    """``'Type: message'`` of an exception, as the other processes will see it."""
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def failures_error(failures, rank):
    """The :class:`RankFailedError` process ``rank`` raises for ``[(rank, message), ...]``."""
    described = "; ".join(f"process {failed} failed with {text}" for failed, text in failures)
    return RankFailedError(
        f"the run stopped on process {rank}: {described}", failures=failures,
        hint="the traceback is in the failed process's own output (stderr)")


@contextmanager
def collective_check(comm):
    """Run the block on every process, then stop all of them if it failed on any.

    Every process must enter and leave the block (it ends in a collective).

    Parameters
    ----------
    comm : Communicator
    """
    try:
        yield
    except Exception as error:  # a BaseException (KeyboardInterrupt) goes to the abort hook
        comm.check_failures(error)
        raise
    comm.check_failures(None)


def install_abort_hook(comm):
    """Make an uncaught exception on this process end every process (see the module doc).

    Parameters
    ----------
    comm : Communicator
        Whose :meth:`~eqsim.distributed.communicator.Communicator.abort` ends the run.

    Returns
    -------
    callable
        The ``sys.excepthook`` it replaced.
    """
    previous = sys.excepthook

    def abort_on_uncaught(kind, value, tb):
        try:
            sys.stdout.flush()
            sys.stderr.write(f"eqsim: process {comm.rank} of {comm.size} failed: "
                             f"{failure_message(value)}\n")
            traceback.print_exception(kind, value, tb)
            sys.stderr.flush()
        finally:
            comm.abort(1)

    sys.excepthook = abort_on_uncaught
    return previous
