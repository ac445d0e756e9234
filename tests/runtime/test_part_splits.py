"""network_glue.part_splits: where each target part of a thread team starts in each row of
synapses (eqsim/codegen/kinds.py thread_partition), in one pass over the synapses."""
import numpy as np
import pytest

from eqsim.codegen.module import network_glue


def _reference(post, ptr, part_of_block, bits, parts):
    out = []
    for s in range(ptr.size - 1):
        row = post[ptr[s]:ptr[s + 1]]
        row_parts = part_of_block[row >> bits]
        if np.any(np.diff(row_parts) < 0):
            return None
        out += [ptr[s] + int(np.searchsorted(row_parts, k, side="left"))
                for k in range(parts)] + [ptr[s + 1]]
    return np.array(out, dtype=np.int64)


@pytest.mark.parametrize("parts", [1, 2, 3, 8])
def test_each_part_starts_at_the_first_synapse_of_its_targets_in_every_row(parts):
    rng = np.random.default_rng(parts)
    n_targets, bits = 3000, 8
    n_blocks = -(-n_targets // (1 << bits))
    cuts = np.sort(rng.choice(np.arange(1, n_blocks), parts - 1, replace=False))
    part_of_block = np.searchsorted(cuts, np.arange(n_blocks), side="right").astype(np.int16)
    rows = [np.sort(rng.choice(n_targets, rng.integers(0, 60), replace=False))
            for _ in range(200)]  # ascending rows, some empty, some parts empty
    post = np.concatenate(rows).astype(np.int32)
    ptr = np.concatenate([[0], np.cumsum([r.size for r in rows])]).astype(np.int64)
    out = np.empty((ptr.size - 1) * (parts + 1), dtype=np.int64)
    assert network_glue().part_splits(post, ptr, part_of_block, bits, parts, out)
    np.testing.assert_array_equal(out, _reference(post, ptr, part_of_block, bits, parts))


def test_a_row_that_goes_back_to_an_earlier_part_is_reported():
    post = np.array([10, 600, 20], dtype=np.int32)  # blocks 0, 2, 0: parts 0, 1, 0
    ptr = np.array([0, 3], dtype=np.int64)
    part_of_block = np.array([0, 0, 1], dtype=np.int16)
    out = np.empty(3, dtype=np.int64)
    assert not network_glue().part_splits(post, ptr, part_of_block, 8, 2, out)


def test_an_output_of_the_wrong_size_is_refused():
    post, ptr = np.array([1, 2], dtype=np.int32), np.array([0, 2], dtype=np.int64)
    with pytest.raises(ValueError, match="parts \\+ 1 entries per row"):
        network_glue().part_splits(post, ptr, np.zeros(1, np.int16), 8, 2,
                                   np.empty(2, dtype=np.int64))
