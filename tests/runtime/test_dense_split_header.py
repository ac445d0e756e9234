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
    bounds = thread_bounds(n_blocks * ELEMENT_BLOCK, parts, False) // ELEMENT_BLOCK
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
    bounds = thread_bounds(targets, parts, False)
    assert bounds[0] == 0 and bounds[-1] == targets
    words = -(-targets // 64)
    for first, word in zip(bounds[1:-1], module.split(words, parts)[1:-1]):
        assert first == min(word * 64, targets)


TAPERED_SOURCE = '''
# cython: language_level=3
from libc.stdint cimport int64_t
cdef extern from *:
    """
    #define EQSIM_TAPERED_PARTS 1
    """
cdef extern from "eqsim_support.h" nogil:
    int64_t eqsim_part_start(int64_t n, int64_t part, int64_t parts)
    int64_t eqsim_dense_split(int64_t words, int64_t part, int64_t parts)

def starts(int64_t n, int64_t parts):
    return [eqsim_part_start(n, p, parts) for p in range(parts + 1)]

def split(int64_t words, int64_t parts):
    return [eqsim_dense_split(words, p, parts) for p in range(parts + 1)]
'''


@pytest.fixture(scope="module")
def tapered(header_module):
    return header_module(TAPERED_SOURCE, "test_tapered_parts_h")


@pytest.mark.parametrize("n_blocks", [1, 2, 3, 8, 9, 16, 49, 100, 391, 4001])
@pytest.mark.parametrize("parts", [1, 2, 3, 4, 8, 16])
def test_tapered_parts_are_the_same_in_c_and_python_and_shrink_towards_the_middle(
        tapered, n_blocks, parts):
    """A team of two claims its target parts one at a time from both ends: every part has
    a block, the outer parts are the big ones, the middle ones (claimed last) small."""
    from eqsim.codegen.kinds import part_starts
    parts = min(parts, n_blocks)
    starts = tapered.starts(n_blocks, parts)
    assert starts == part_starts(n_blocks, parts, True)
    sizes = [b - a for a, b in zip(starts, starts[1:])]
    assert starts[0] == 0 and starts[-1] == n_blocks and min(sizes) >= 1
    if parts > 2 and n_blocks > parts:  # each one block and its share of the rest by weight
        weights = [2 ** ((parts + 1) // 2 - 1 - min(k, parts - 1 - k)) for k in range(parts)]
        for size, weight in zip(sizes, weights):
            assert abs(size - 1 - (n_blocks - parts) * weight / sum(weights)) < 1
        if parts % 2 == 0:  # even halves
            assert abs(sum(sizes[:parts // 2]) - sum(sizes[parts // 2:])) <= 1
    else:
        assert max(sizes) - min(sizes) <= 1
    if parts == 8 and n_blocks == 49:  # brunel: the last claimed part is 2 blocks, not 6
        assert sizes == [11, 7, 4, 2, 2, 4, 7, 12]


@pytest.mark.parametrize("targets", [300, 4000, 12_500, 100_003])
def test_dense_rows_split_their_words_at_the_tapered_parts_of_synapse_lists(tapered, targets):
    from eqsim.codegen.kinds import thread_bounds
    bounds = thread_bounds(targets, 8, True)
    words = -(-targets // 64)
    for first, word in zip(bounds[1:-1], tapered.split(words, 8)[1:-1]):
        assert first == min(word * 64, targets)
