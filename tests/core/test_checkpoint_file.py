"""The checkpoint file cannot run code: a pickle is refused unread, by restore() and by
store() onto it; damaged, truncated, foreign or newer files are clear errors; several
named states share one file, written atomically."""
import hashlib
import json
import os
import pickle

import numpy as np
import pytest

from eqsim import (CheckpointError, Network, NeuronGroup, SpikeMonitor, Synapses, ms, restore,
                   seed, store)
from eqsim.core.checkpoint import read_checkpoint


class Payload:
    """Unpickling this creates the sentinel file: proof that code ran."""

    def __init__(self, sentinel):
        self.sentinel = sentinel

    def __reduce__(self):
        return os.system, (f"touch {self.sentinel}",)


def small_network():
    seed(2)
    group = NeuronGroup(3, "dv/dt = (1.5 - v)/(5*ms) : 1", threshold="v > 1", reset="v = 0",
                        method="exact", name="cf_group")
    group.v = [0.0, 0.3, 0.6]
    syn = Synapses(group, group, "w : 1", on_pre="v_post += w", delay=2 * ms, name="cf_syn")
    syn.connect(j="(i + 1) % 3")
    syn.w = 0.1
    return Network(group, syn, SpikeMonitor(group, name="cf_spikes"), name="cf_net"), group


@pytest.fixture
def stored(tmp_path):
    """A network run for 8 ms on the NumPy target and stored as 'warm' in a file."""
    from eqsim import prefs
    previous = prefs["codegen.target"]
    prefs["codegen.target"] = "numpy"
    net, group = small_network()
    net.run(8 * ms)
    filename = str(tmp_path / "net.ckpt")
    net.store("warm", filename=filename)
    yield net, group, filename
    prefs["codegen.target"] = previous


def crafted_pickles(tmp_path):
    sentinel = tmp_path / "code_ran"
    for protocol in (0, 2, pickle.HIGHEST_PROTOCOL):
        path = tmp_path / f"crafted_{protocol}.ckpt"
        path.write_bytes(pickle.dumps({"default": Payload(sentinel)}, protocol=protocol))
        yield str(path), sentinel


def test_restore_refuses_a_crafted_pickle_without_running_it(tmp_path):
    net, _ = small_network()
    for path, sentinel in crafted_pickles(tmp_path):
        with pytest.raises(CheckpointError, match="is a pickle.*not loaded"):
            net.restore(filename=path)
        with pytest.raises(CheckpointError, match="is a pickle"):
            restore(filename=path)  # the magic restore too
        assert not sentinel.exists()


def test_store_onto_a_crafted_pickle_refuses_it_unread_and_leaves_it(tmp_path):
    net, _ = small_network()
    for path, sentinel in crafted_pickles(tmp_path):
        before = open(path, "rb").read()
        with pytest.raises(CheckpointError, match="is a pickle"):
            net.store(filename=path)
        with pytest.raises(CheckpointError, match="is a pickle"):
            store(filename=path)
        assert not sentinel.exists()
        assert open(path, "rb").read() == before


def members(filename):
    with np.load(filename, allow_pickle=False) as npz:
        return {key: npz[key] for key in npz.files}


def write_members(filename, arrays, header=None):
    """Write an archive like a checkpoint, with the header re-signed when given."""
    arrays = dict(arrays)
    if header is not None:
        raw = json.dumps(header).encode()
        arrays["checkpoint"] = np.frombuffer(raw, dtype=np.uint8)
        arrays["checkpoint_sha256"] = np.frombuffer(hashlib.sha256(raw).digest(), np.uint8)
    with open(filename, "wb") as f:
        np.savez(f, **arrays)


def header_of(filename):
    return json.loads(members(filename)["checkpoint"].tobytes())


def test_a_pickled_object_array_inside_a_checkpoint_is_refused_unread(stored, tmp_path):
    net, _, filename = stored
    sentinel = tmp_path / "code_ran"
    arrays = members(filename)
    for key in ("a0", "checkpoint"):
        crafted = dict(arrays)
        crafted[key] = np.array([Payload(sentinel)], dtype=object)
        write_members(filename, crafted)
        with pytest.raises(CheckpointError, match="damaged"):
            net.restore("warm", filename=filename)
        assert not sentinel.exists()


def test_checkpoint_is_an_npz_of_numeric_arrays_and_a_json_header(stored):
    _, group, filename = stored
    arrays = members(filename)  # allow_pickle=False: nothing in it needs a pickle
    assert all(a.dtype.kind in "biuf" for a in arrays.values())
    header = header_of(filename)
    assert header["format"] == "eqsim-checkpoint" and header["version"] == 2
    assert header["eqsim_version"]
    state = header["states"]["warm"]
    assert state["t"] == pytest.approx(8e-3)
    assert set(state["objects"]) == {"cf_group", "cf_syn", "cf_spikes"}
    assert state["random"]["seed"] == 2
    v = state["objects"]["cf_group"]["v"]["$array"]
    assert header["arrays"][v]["shape"] == [3] and header["arrays"][v]["dtype"] == "float64"
    np.testing.assert_array_equal(arrays[v], group.v_)


def test_truncated_checkpoint_is_an_error_at_every_length(stored):
    net, group, filename = stored
    data = open(filename, "rb").read()
    before = group.v_.copy()
    for length in list(range(0, len(data), max(1, len(data) // 40))) + [len(data) - 1]:
        with open(filename, "wb") as f:
            f.write(data[:length])
        with pytest.raises(CheckpointError):
            net.restore("warm", filename=filename)
    np.testing.assert_array_equal(group.v_, before)


def same_tree(a, b):
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same_tree(a[k], b[k])
                                                                     for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(same_tree, a, b))
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b)
    return type(a) is type(b) and a == b


def test_a_flipped_byte_anywhere_is_an_error_or_changes_nothing(stored):
    _, _, filename = stored
    data = bytearray(open(filename, "rb").read())
    original = read_checkpoint(filename)
    errors, positions = 0, range(0, len(data), len(data) // 150 | 1)
    for position in positions:
        damaged = bytearray(data)
        damaged[position] ^= 0x5A
        with open(filename, "wb") as f:
            f.write(damaged)
        try:
            found = read_checkpoint(filename)
        except CheckpointError:
            errors += 1
            continue
        # zip fields no checksum covers (file times, ...) may change, the state never
        assert same_tree(found, original), f"byte {position} changed the state unnoticed"
    assert errors > 0.5 * len(positions)


def test_unknown_format_version_is_an_error_naming_both_versions(stored):
    net, _, filename = stored
    header = header_of(filename)
    header["version"] = 3
    header["eqsim_version"] = "9.0"
    write_members(filename, members(filename), header)
    with pytest.raises(CheckpointError, match="format version 3.*reads versions 1, 2") as info:
        net.restore("warm", filename=filename)
    assert "9.0" in str(info.value)


def test_header_not_matching_its_checksum_is_damaged(stored):
    net, _, filename = stored
    arrays = members(filename)
    header = header_of(filename)
    header["states"]["warm"]["t"] = 1.0
    arrays["checkpoint"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    write_members(filename, arrays)
    with pytest.raises(CheckpointError, match="checksum"):
        net.restore("warm", filename=filename)


def test_array_not_matching_its_checksum_or_shape_is_damaged(stored):
    net, _, filename = stored
    arrays = members(filename)
    key = header_of(filename)["states"]["warm"]["objects"]["cf_group"]["v"]["$array"]
    for replacement in (arrays[key] + 1, np.zeros(4), arrays[key].astype(np.float32)):
        write_members(filename, dict(arrays, **{key: replacement}))
        with pytest.raises(CheckpointError, match="damaged"):
            net.restore("warm", filename=filename)


def test_files_that_are_not_checkpoints_are_errors(stored, tmp_path):
    net, _, _ = stored
    text = tmp_path / "text.ckpt"
    text.write_text("hello.")
    single = tmp_path / "array.npy"
    np.save(single, np.arange(3))
    other = tmp_path / "other.npz"
    np.savez(other, x=np.arange(3))
    for path in (text, single, other):
        with pytest.raises(CheckpointError, match="not an eqsim checkpoint"):
            net.restore(filename=str(path))
    with pytest.raises(CheckpointError, match="no checkpoint file"):
        net.restore(filename=str(tmp_path / "missing.ckpt"))


def test_one_file_keeps_several_named_states_and_store_replaces_one(stored):
    net, group, filename = stored
    warm = group.v_.copy()
    net.run(3 * ms)
    net.store("later", filename=filename)
    later = group.v_.copy()
    net.run(3 * ms)
    net.store("warm", filename=filename)  # replaces 'warm', keeps 'later'
    replaced = group.v_.copy()
    assert set(read_checkpoint(filename)) == {"warm", "later"}
    net.restore("later", filename=filename)
    np.testing.assert_array_equal(group.v_, later)
    assert net.t_ == pytest.approx(11e-3)
    net.restore("warm", filename=filename)
    np.testing.assert_array_equal(group.v_, replaced)
    assert not np.array_equal(replaced, warm)
    with pytest.raises(CheckpointError, match=r"no state named 'cold'.*\n.*'later', 'warm'"):
        net.restore("cold", filename=filename)


def test_store_writes_atomically_and_a_failed_write_keeps_the_old_file(stored, monkeypatch):
    net, _, filename = stored
    folder = os.path.dirname(filename)
    assert os.listdir(folder) == ["net.ckpt"]  # no temporary file left behind
    umask = os.umask(0)
    os.umask(umask)
    assert os.stat(filename).st_mode & 0o777 == 0o666 & ~umask  # as open() would create it
    before = open(filename, "rb").read()

    def failing_savez(f, **arrays):
        f.write(b"PK\x03\x04 half written")
        raise OSError("disk full")
    monkeypatch.setattr("eqsim.core.checkpoint.np.savez", failing_savez)
    with pytest.raises(OSError, match="disk full"):
        net.store("other", filename=filename)
    assert open(filename, "rb").read() == before
    assert os.listdir(folder) == ["net.ckpt"]


def test_magic_store_and_restore_use_the_same_file_format(tmp_path):
    from eqsim import prefs, run
    previous = prefs["codegen.target"]
    prefs["codegen.target"] = "numpy"
    try:
        _, group = small_network()
        filename = str(tmp_path / "magic.ckpt")
        run(2 * ms)
        store("m", filename=filename)
        run(2 * ms)
        expected = group.v_.copy()
        restore("m", filename=filename)
        run(2 * ms)
    finally:
        prefs["codegen.target"] = previous
    np.testing.assert_array_equal(group.v_, expected)
    assert set(read_checkpoint(filename)) == {"m"}
