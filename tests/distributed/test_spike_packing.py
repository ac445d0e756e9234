"""The spike exchange's wire format: processes' buffers, in rank order, unpack to each step's
spikes in the order one process produces (ascending index), whatever K and the padding."""
import numpy as np
import pytest

from eqsim.distributed.spike_packing import pack, packed_length, unpack


def one_process_spikes(steps, neurons=40, seed=3):
    rng = np.random.default_rng(seed)
    return [np.flatnonzero(rng.random(neurons) < 0.2) for _ in range(steps)]


def split_by_process(step_spikes, bounds):
    return [[s[(s >= low) & (s < high)] for s in step_spikes] for low, high in bounds]


@pytest.mark.parametrize("bounds", [[(0, 40)], [(0, 20), (20, 40)], [(0, 13), (13, 13), (13, 40)],
                                    [(0, 10), (10, 20), (20, 30), (30, 40)]])
def test_buffers_of_any_number_of_processes_unpack_to_the_one_process_spikes(bounds):
    spikes = one_process_spikes(7)
    buffers = [pack(part) for part in split_by_process(spikes, bounds)]
    padding = 3  # fixed-size slots leave unused words after each buffer
    received = np.concatenate([np.concatenate([b, np.full(padding, -9)]) for b in buffers])
    starts = np.cumsum([0] + [len(b) + padding for b in buffers[:-1]])
    unpacked = unpack(received, starts, 7)
    assert [u.tolist() for u in unpacked] == [s.tolist() for s in spikes]
    assert all(u.dtype == np.int32 for u in unpacked)


def test_a_buffer_is_the_counts_of_each_step_then_the_indices():
    step_spikes = [[4, 9], [], [5]]
    assert pack(step_spikes).tolist() == [2, 0, 1, 4, 9, 5]
    assert packed_length(step_spikes) == 6


def test_an_interval_of_no_steps_or_no_spikes_unpacks_to_empty_steps():
    assert unpack(np.concatenate([pack([]), pack([])]), [0, 0], 0) == []
    empty = unpack(np.concatenate([pack([[], []]), pack([[], []])]), [0, 2], 2)
    assert [e.tolist() for e in empty] == [[], []]
