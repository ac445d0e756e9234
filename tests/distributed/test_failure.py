"""An uncaught exception prints the process and the message, then aborts every process;
a failure inside a collective check reaches the check."""
import sys

import pytest

from eqsim.distributed.communicator import SingleProcess
from eqsim.distributed.failure import (collective_check, failure_message, failures_error,
                                       install_abort_hook)


class RecordingWorld(SingleProcess):
    rank, size = 1, 3
    aborted = None

    def abort(self, code=1):
        self.aborted = code


def test_uncaught_exception_prints_rank_and_message_then_aborts_all(monkeypatch, capsys):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    comm = RecordingWorld()
    install_abort_hook(comm)
    try:
        raise RuntimeError("netop failed at t=2 ms")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    err = capsys.readouterr().err
    assert "eqsim: process 1 of 3 failed: RuntimeError: netop failed at t=2 ms" in err
    assert "Traceback" in err and comm.aborted == 1


def test_the_error_on_other_processes_names_each_failed_rank_and_message():
    error = failures_error([(1, "ValueError: bad"), (2, "KeyError")], rank=0)
    assert error.code == "EQ834" and error.failures == [(1, "ValueError: bad"), (2, "KeyError")]
    assert "process 1 failed with ValueError: bad; process 2 failed with KeyError" in str(error)
    assert failure_message(KeyError()) == "KeyError"


def test_collective_check_on_one_process_passes_the_original_error_through():
    with pytest.raises(ZeroDivisionError):
        with collective_check(SingleProcess()):
            1 / 0
    with collective_check(SingleProcess()):
        pass
