"""Checkpoint files in global order: written by K processes, restored with another K.

Each process's part is built in one process with the private ``_partition=(rank, size)``
hook, from one script; the joining that process 0 does under MPI is the same code
(:func:`~eqsim.distributed.checkpoint_layout.join_pieces`) fed with every part's pieces.
"""
import numpy as np
import pytest

from eqsim import Network, NeuronGroup, SpikeMonitor, Synapses, ms, start_scope
from eqsim.core.checkpoint import read_checkpoint, write_checkpoint
from eqsim.core.network_state import take_state
from eqsim.distributed.checkpoint_layout import canonical_order, join_pieces, state_pieces
from eqsim.errors import CheckpointError, CheckpointLayoutError, CheckpointVersionError
from eqsim.groups.partition import local_slice

from checkpoint_network import MIXED_DELAYS, N, build

@pytest.fixture
def whole(numpy_target, tmp_path):
    """One process ran 4.3 ms (spikes in flight) and stored its state in a file."""
    net = build()
    net.run(4.3 * ms)
    filename = str(tmp_path / "k1.ckpt")
    net.store("warm", filename=filename)
    return net, filename


def _arrays(net):
    state = take_state(net)["objects"]
    return state["G"], state["S"], state["M"]


@pytest.mark.parametrize("size", [2, 3])
def test_parts_restore_the_slices_of_a_file_one_process_wrote(whole, size):
    net, filename = whole
    group, synapses, monitor = _arrays(net)
    order = canonical_order(synapses["_synaptic_pre"], synapses["_synaptic_post"])
    queue = net["S"].pathways[0].queue_state
    assert sum(len(slot) for slot in queue) > 0 and synapses["_N"] > 2 * N
    for rank in range(size):
        start, stop = local_slice(N, rank, size)
        part = build((rank, size))
        part.restore("warm", filename=filename)
        assert part.t_ == net.t_
        mine, syn, mon = _arrays(part)
        for name in ("v", "k", "lastspike", "not_refractory"):
            assert np.array_equal(mine[name], group[name][start:stop]), name
        assert np.array_equal(mine["c"], group["c"])
        spiking = group["_spikespace"][:group["_spikespace"][-1]]
        here = spiking[(spiking >= start) & (spiking < stop)] - start
        assert np.array_equal(mine["_spikespace"][:mine["_spikespace"][-1]], here)
        # the synapses onto this part's neurons, in canonical order
        onto = order[(synapses["_synaptic_post"][order] >= start) &
                     (synapses["_synaptic_post"][order] < stop)]
        assert syn["_N"] == onto.size and onto.size > 0
        for name in ("_synaptic_pre", "_synaptic_post", "w", "delay"):
            assert np.array_equal(syn[name], synapses[name][onto]), name
        # spikes in flight: the same synapses (by identity) in the same slots
        items, sizes = syn["_queues"]["pre"]["items"], syn["_queues"]["pre"]["sizes"]
        slots = np.split(items, np.cumsum(sizes)[:-1])
        for slot, original in zip(slots, queue):
            expected = [(synapses["_synaptic_pre"][s], synapses["_synaptic_post"][s])
                        for s in original if start <= synapses["_synaptic_post"][s] < stop]
            got = [(syn["_synaptic_pre"][s], syn["_synaptic_post"][s]) for s in slot]
            assert sorted(got) == sorted(expected)
        # monitors hold the whole network's records on every process (gathered after
        # each run), as one process holds them
        assert np.array_equal(mon["count"], monitor["count"])
        assert np.array_equal(mon["data"]["i"], monitor["data"]["i"])
        assert np.array_equal(mon["data"]["t"], monitor["data"]["t"])


@pytest.mark.parametrize("size", [1, 2, 3])
def test_the_union_of_parts_writes_the_file_one_process_writes(whole, size, tmp_path):
    net, filename = whole
    parts = []
    for rank in range(size):
        part = build((rank, size))
        part.restore("warm", filename=filename)
        parts.append(part)
    pieces = [state_pieces(part, take_state(part)) for part in parts]
    joined = join_pieces(parts[0], take_state(parts[0]), pieces)
    again = str(tmp_path / f"k{size}.ckpt")
    write_checkpoint(again, "warm", joined)
    _same(read_checkpoint(filename)["warm"], read_checkpoint(again)["warm"])


def test_parts_whose_queues_hold_sources_and_synapses_join_into_the_one_process_file(
        numpy_target, tmp_path):
    net = build(delays=MIXED_DELAYS)
    net.run(4.3 * ms)
    filename = str(tmp_path / "mixed.ckpt")
    net.store("warm", filename=filename)
    assert read_checkpoint(filename)["warm"]["objects"]["S"]["_queues"]["pre"]["mode"] == \
        "synapses"
    parts = []
    for rank in range(2):
        part = build((rank, 2), delays=MIXED_DELAYS)
        part.restore("warm", filename=filename)
        part.run(0 * ms)  # each part's pathway takes the queue in its own mode
        parts.append(part)
    modes = [take_state(p)["objects"]["S"]["_queues"]["pre"]["mode"] for p in parts]
    assert modes == ["sources", "synapses"]
    pieces = [state_pieces(part, take_state(part)) for part in parts]
    again = str(tmp_path / "again.ckpt")
    write_checkpoint(again, "warm", join_pieces(parts[0], take_state(parts[0]), pieces))
    _same(read_checkpoint(filename)["warm"], read_checkpoint(again)["warm"])


def _same(a, b, path="state"):
    if isinstance(a, dict):
        assert set(a) == set(b), path
        for key in a:
            _same(a[key], b[key], f"{path}.{key}")
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and np.array_equal(a, b), path
    else:
        assert a == b, path


def test_a_part_restored_from_a_file_continues_as_one_process_does(whole):
    """Restoring the file into one process gives the run the original continues with."""
    net, filename = whole
    net.run(3 * ms)
    expected = _arrays(net)[2]["data"]
    again = build()
    again.restore("warm", filename=filename)
    again.run(3 * ms)
    got = _arrays(again)[2]["data"]
    assert np.array_equal(got["i"], expected["i"]) and np.array_equal(got["t"], expected["t"])
    assert np.array_equal(_arrays(again)[0]["v"], _arrays(net)[0]["v"])


def test_a_file_of_another_global_size_is_refused_naming_the_group(whole, tmp_path):
    _, filename = whole
    start_scope()
    small = NeuronGroup(N - 2, "v : 1", name="G", _partition=(0, 2))
    other = Network(small, name="net")
    state = read_checkpoint(filename)["warm"]
    state["objects"] = {"G": state["objects"]["G"]}
    state["clocks"] = {small.clock.name: state["clocks"][small.clock.name]}
    smaller = str(tmp_path / "small.ckpt")
    write_checkpoint(smaller, "warm", state)
    with pytest.raises(CheckpointLayoutError, match="12 values of 'v'.*'G', which has 10") \
            as error:
        other.restore("warm", filename=smaller)
    assert error.value.code == "EQ812"


@pytest.fixture
def version_1(whole, monkeypatch, tmp_path):
    """A file as store() wrote it before (version 1: the state as objects hold it)."""
    import eqsim.core.checkpoint as checkpoint
    net, _ = whole
    monkeypatch.setattr(checkpoint, "VERSION", 1)
    old = str(tmp_path / "v1.ckpt")
    write_checkpoint(old, "warm", take_state(net))
    monkeypatch.undo()
    return net, old


def test_a_version_1_file_restores_on_one_process(version_1):
    net, old = version_1
    again = build()
    again.restore("warm", filename=old)
    assert np.array_equal(_arrays(again)[0]["v"], _arrays(net)[0]["v"])


def test_a_version_1_file_is_refused_by_a_part_and_kept_from_new_states(version_1, tmp_path):
    _, old = version_1
    part = build((0, 2))
    with pytest.raises(CheckpointVersionError, match="format version 1.*one process") as error:
        part.restore("warm", filename=old)
    assert error.value.code == "EQ813" and "store it again" in str(error.value)
    with pytest.raises(CheckpointVersionError, match="format version 1"):
        build().store("other", filename=old)
    build().store("warm", filename=old)  # replacing its only state makes it a version-2 file
    assert read_checkpoint(old).keys() == {"warm"}


def test_a_state_without_the_parts_a_slice_needs_is_refused_without_changes(whole, tmp_path):
    _, filename = whole
    state = read_checkpoint(filename)["warm"]
    queue = state["objects"]["S"]["_queues"]["pre"]
    first, queue["items"][0] = queue["items"][0], 10**6  # a synapse the state does not have
    broken = str(tmp_path / "broken.ckpt")
    write_checkpoint(broken, "warm", state)
    queue["items"][0] = first
    del state["objects"]["S"]["_delays_per_synapse"]
    incomplete = str(tmp_path / "incomplete.ckpt")
    write_checkpoint(incomplete, "warm", state)
    part = build((1, 2))
    before = _arrays(part)[0]["v"].copy()
    with pytest.raises(CheckpointLayoutError, match="does not have the layout") as error:
        part.restore("warm", filename=broken)
    assert error.value.code == "EQ812"
    with pytest.raises(CheckpointError, match="_delays_per_synapse"):
        part.restore("warm", filename=incomplete)
    assert np.array_equal(_arrays(part)[0]["v"], before)


def test_one_process_restores_its_synapses_in_the_order_it_made_them(numpy_target, tmp_path):
    """The file holds synapses in canonical order, and where each one was stored: a
    restored network reads S.i[:] as before and continues bit for bit."""
    def network():
        start_scope()
        group = NeuronGroup(5, "dv/dt = (2 - v)/(4*ms) : 1", threshold="v > 1",
                            reset="v = 0", method="exact", name="G")
        group.v = "i*0.2"
        synapses = Synapses(group, group, "w : 1", on_pre="v_post += w", name="S")
        synapses.connect(i=[3, 1, 4], j=[0, 2, 0])
        synapses.connect(i=[0, 2, 1, 3], j=[4, 4, 0, 0])
        synapses.w = "0.1 + 0.01*i + 0.001*j"
        synapses.delay = "i*0.5*ms"
        return Network(group, synapses, SpikeMonitor(group, name="M"), name="net"), synapses
    net, synapses = network()
    net.run(3.1 * ms)
    filename = str(tmp_path / "order.ckpt")
    net.store("warm", filename=filename)
    assert read_checkpoint(filename)["warm"]["objects"]["S"]["_synaptic_pre"].tolist() == \
        [0, 1, 1, 2, 3, 3, 4]  # canonical in the file
    net.run(4 * ms)
    again, restored = network()
    again.restore("warm", filename=filename)
    assert restored.i[:].tolist() == [3, 1, 4, 0, 2, 1, 3]
    again.run(4 * ms)
    assert np.array_equal(again["M"].i, net["M"].i) and len(net["M"]) > 10
    assert np.array_equal(again["M"].t_, net["M"].t_)
    assert np.array_equal(again["G"].v[:], net["G"].v[:])
