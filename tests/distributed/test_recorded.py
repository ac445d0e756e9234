"""Monitor data gathered at the end of a run are read locally; on one process they are the
process's own, in the order it recorded them; gathered to rank 0 only, elsewhere they are an
error at once (see test_mpiexec.py for K = 2, 3)."""
import numpy as np
import pytest

from eqsim.distributed.communicator import SingleProcess
from eqsim.distributed.recorded import Recorded, gather_events, gather_samples
from eqsim.errors import NotGatheredHereError


def test_one_process_events_keep_step_then_index_order():
    record = gather_events(SingleProcess(), "M", [0, 0, 2], {"i": np.array([1, 4, 0])})
    assert record.here
    assert record["step"].tolist() == [0, 0, 2] and record["i"].tolist() == [1, 4, 0]


def test_one_process_samples_are_columns_in_the_record_order():
    values = {"v": np.array([[10.0, 11.0, 12.0]])}
    record = gather_samples(SingleProcess(), "S", values, [0, 1, 2], record=[2, 0])
    assert record["v"].tolist() == [[12.0, 10.0]]


def test_data_held_on_another_process_are_an_error_naming_the_monitor():
    with pytest.raises(NotGatheredHereError, match="'spikes' were gathered to process 0 only") \
            as raised:
        Recorded(None, "spikes")["t"]
    assert raised.value.code == "EQ835" and "rank() == 0" in raised.value.hint


def test_an_unknown_gather_mode_is_refused():
    with pytest.raises(ValueError, match="gather must be one of"):
        gather_events(SingleProcess(), "M", [0], {"i": np.array([0])}, gather="rank0")
