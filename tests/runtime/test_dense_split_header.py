"""eqsim_dense_split (eqsim_support.h): the words of a dense pathway's row are split among the
team as the state update splits its element blocks, so each thread adds to the targets it
updates, and the parts cover the row once."""
import pytest

C_SOURCE = '''
# cython: language_level=3
from libc.stdint cimport int64_t
cdef extern from "eqsim_support.h" nogil:
    int64_t eqsim_dense_split(int64_t words, int64_t part, int64_t parts)
    int EQSIM_BLOCK

def split(int64_t words, int64_t parts):
    return [eqsim_dense_split(words, p, parts) for p in range(parts + 1)]

def block():
    return EQSIM_BLOCK
'''


@pytest.fixture(scope="module")
def module(header_module):
    return header_module(C_SOURCE, "test_dense_split_h")


@pytest.mark.parametrize("targets", [1, 63, 300, 2000, 4000, 8000, 12_500, 100_003])
@pytest.mark.parametrize("parts", [1, 2, 3, 4, 7])
def test_each_part_starts_at_the_first_target_of_the_same_threads_state_update_blocks(
        module, targets, parts):
    words = -(-targets // 64)
    firsts = module.split(words, parts)
    assert firsts[0] == 0 and firsts[-1] == words
    assert all(a <= b for a, b in zip(firsts, firsts[1:]))
    block = module.block()
    n_blocks = -(-targets // block)  # the state update's blocks of the same targets
    each, extra = divmod(n_blocks, parts)
    starts = [each * part + min(part, extra) for part in range(parts + 1)]
    for part in range(1, parts):
        assert firsts[part] == min(starts[part] * block // 64, words)


@pytest.mark.parametrize("n_blocks", [1, 3, 49, 250, 1001])
@pytest.mark.parametrize("parts", [2, 3, 4, 7])
def test_uneven_blocks_go_to_the_first_shares_the_calling_threads_first(n_blocks, parts):
    """Share 0 runs on the thread that forks, at once; a worker starts later. With 49
    blocks on two threads the caller takes 25, the worker 24 (not the other way round)."""
    from eqsim.codegen.kinds import ELEMENT_BLOCK, thread_bounds
    bounds = thread_bounds(n_blocks * ELEMENT_BLOCK, parts) // ELEMENT_BLOCK
    sizes = list(bounds[1:] - bounds[:-1])
    assert sum(sizes) == n_blocks and max(sizes) - min(sizes) <= 1
    assert sizes == sorted(sizes, reverse=True)


@pytest.mark.parametrize("targets", [1, 300, 4000, 12_500])
@pytest.mark.parametrize("parts", [1, 2, 3])
def test_synapse_lists_split_their_targets_where_dense_rows_split_their_words(
        module, targets, parts):
    """kinds.thread_bounds (a sparse pathway's thread shares) and eqsim_dense_split give
    each thread the same targets: those of its state update blocks."""
    from eqsim.codegen.kinds import ELEMENT_BLOCK, thread_bounds
    assert ELEMENT_BLOCK == module.block()
    bounds = thread_bounds(targets, parts)
    assert bounds[0] == 0 and bounds[-1] == targets
    words = -(-targets // 64)
    for first, word in zip(bounds[1:-1], module.split(words, parts)[1:-1]):
        assert first == min(word * 64, targets)
