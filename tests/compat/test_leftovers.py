"""What a script without monitors leaves behind is recorded (leftovers.py) and compared (compare.py)."""
import sys
import types
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # noqa: E402
import harness  # noqa: E402
import leftovers  # noqa: E402
from eqsim import NeuronGroup, Synapses, mV, ms  # noqa: E402

SCRIPT = '''
import time
from time import time as wall_time, sleep
start_time = wall_time()
t1 = time.time()
tau_values = [5, 6]
def run_sim(tau):
    inner = 3
    return tau
if __name__ == "__main__":
    results = [run_sim(t) for t in tau_values]
    elapsed = wall_time() - start_time
    for k, rate in enumerate(results):
        total = rate
    with open("f") as handle:
        pass
    print(f"Done in {wall_time() - start_time}")
t2 = time.time(); duration = t2 - t1
'''


def test_top_level_names_are_the_assigned_ones_outside_functions_in_order():
    names, _ = leftovers.top_level_names(SCRIPT)
    assert names == ["start_time", "t1", "tau_values", "results", "elapsed", "k", "rate",
                     "total", "handle", "t2", "duration"]


def test_variables_measured_with_a_clock_and_what_is_computed_from_them_are_timings():
    _, timings = leftovers.top_level_names(SCRIPT)
    assert timings == {"start_time", "t1", "elapsed", "t2", "duration"}


def _recorded(namespace, source):
    found = {}
    leftovers.collect_globals(namespace, source, lambda key, values, what: found.update(
        {key: values}))
    return found


def test_numeric_globals_are_recorded_as_plain_si_arrays_and_others_are_not():
    source = "\n".join(f"{name} = 0" for name in (
        "tau", "results", "counts", "flag", "ragged", "label", "table", "function", "mixed",
        "empty"))
    namespace = {
        "tau": 5 * ms, "results": [(np.arange(3.0), np.ones(3) * mV)] * 2,
        "counts": (1, 2, 3), "flag": True, "ragged": [np.zeros(2), np.zeros(3)],
        "label": "x", "table": {"a": 1}, "function": len, "mixed": [1, "a"], "empty": [],
    }
    found = _recorded(namespace, source)
    assert sorted(found) == ["global__counts", "global__empty", "global__flag",
                             "global__results", "global__tau"]
    assert found["global__tau"].dtype == np.float64 and found["global__tau"] == 0.005
    assert found["global__results"].shape == (2, 2, 3)
    assert found["global__results"][0, 1, 0] == pytest.approx(0.001)
    assert found["global__counts"].dtype == np.int64 and found["global__flag"] == 1


def test_a_timing_global_is_not_recorded():
    found = _recorded({"start_time": 1.7e9, "t1": 1.7e9, "tau_values": [5, 6], "results": [5, 6],
                       "elapsed": 2.0, "duration": 0.1}, SCRIPT)
    assert sorted(found) == ["global__results", "global__tau_values"]


def test_group_hooks_keep_neurongroups_and_synapses_in_creation_order_not_subclasses():
    class NeuronGroup:
        def __init__(self, n):
            self.n = n

    class Synapses(NeuronGroup):
        def __init__(self, n):
            super().__init__(n)

    class PoissonGroup(NeuronGroup):
        pass
    module = types.SimpleNamespace(NeuronGroup=NeuronGroup, Synapses=Synapses)
    kept = []
    leftovers.hook_groups(module, kept)
    first, synapses, _, last = NeuronGroup(1), Synapses(2), PoissonGroup(3), NeuronGroup(4)
    assert [type(g).__name__ for g in kept] == ["NeuronGroup", "Synapses", "NeuronGroup"]
    assert kept[0] is first and kept[1] is synapses and kept[2] is last
    more = [NeuronGroup(k) for k in range(2 * leftovers.MAX_GROUPS)]
    assert len(kept) == leftovers.MAX_GROUPS and kept[-1] is more[leftovers.MAX_GROUPS - 4]


def test_group_state_is_every_differential_and_parameter_variable_plus_synapse_indices(numpy_target):
    group = NeuronGroup(3, """dv/dt = -v/(10*ms) : volt (unless refractory)
                              x = 2*v : volt
                              n : integer
                              p : 1 (shared)""", threshold="v > 1*volt", refractory=1 * ms)
    group.v = [1, 2, 3] * mV
    group.n = [4, 5, 6]
    synapses = Synapses(group, group, """w : 1
                                         dq/dt = -q/(5*ms) : 1 (event-driven)""",
                        on_pre="q += 1")
    synapses.connect(j="i")
    found = {}
    errors = leftovers.collect_groups([group, synapses], lambda key, values, what: found.update(
        {key: values}))
    assert errors == {}
    assert list(found) == ["g00_NeuronGroup__n", "g00_NeuronGroup__p", "g00_NeuronGroup__v",
                           "g01_Synapses__i", "g01_Synapses__j", "g01_Synapses__q",
                           "g01_Synapses__w"]
    assert found["g00_NeuronGroup__v"] == pytest.approx([0.001, 0.002, 0.003])
    assert found["g00_NeuronGroup__n"].dtype == np.int64
    assert list(found["g01_Synapses__j"]) == [0, 1, 2]


def _run(arrays, leftovers_recorded=True):
    described, stored = {}, {}
    for key, values in arrays.items():
        harness._store(stored, described, key, np.asarray(values), "")
    return {"status": "ok", "arrays": described, "leftovers": leftovers_recorded}, stored


def _sort(ours, ours_arrays, theirs, theirs_arrays, tmp_path):
    np.savez(tmp_path / "ref.npz", **theirs_arrays)
    reference = {"status": "ok", "deterministic": True, "run0": theirs}
    return compare.sort_example("x.py", ours, ours_arrays, reference, tmp_path / "ref.npz")


def test_a_script_without_monitors_is_compared_by_its_group_state_and_variables(tmp_path):
    theirs = _run({"g00_NeuronGroup__v": [0.1, 0.2], "global__results": [[1.0, 2.0]]})
    same = _run({"g00_NeuronGroup__v": [0.1, 0.2], "global__results": [[1.0, 2.0]]})
    other = _run({"g00_NeuronGroup__v": [0.1, 0.2], "global__results": [[1.0, 2.5]]})
    assert _sort(*same, *theirs, tmp_path)["category"] == "matches"
    entry = _sort(*other, *theirs, tmp_path)
    assert entry["category"] == "differs" and "global__results" in entry["figures"][0]


def test_where_the_script_keeps_a_monitor_only_the_monitors_are_compared(tmp_path):
    # the Brian2 results of examples with monitors were made before group state was recorded
    theirs = _run({"m00_SpikeMonitor__t": [0.001]}, leftovers_recorded=False)
    ours = _run({"m00_SpikeMonitor__t": [0.001], "g00_NeuronGroup__v": [0.1],
                 "global__x": [3.0]})
    assert _sort(*ours, *theirs, tmp_path) == {"category": "matches", "comparison": "exact",
                                               "arrays": 1}


def test_objects_brian2_cannot_read_before_a_standalone_run_are_left_out_on_both_sides(tmp_path):
    theirs, theirs_arrays = _run({"global__output_rates": [3.0, 4.0]})
    theirs["arrays"]["m00_SpikeMonitor__error"] = {"what": "NotImplementedError: Cannot "
                                                   "retrieve ... before the simulation has been run."}
    ours = _run({"m00_SpikeMonitor__count": [7], "global__output_rates": [3.0, 4.0]})
    assert _sort(*ours, theirs, theirs_arrays, tmp_path)["category"] == "matches"
    wrong = _run({"m00_SpikeMonitor__count": [7], "global__output_rates": [3.0, 9.0]})
    assert _sort(*wrong, theirs, theirs_arrays, tmp_path)["category"] == "differs"


def test_a_brian2_result_made_before_leftovers_were_recorded_leaves_the_example_as_runs(tmp_path):
    theirs = _run({}, leftovers_recorded=False)
    ours = _run({"global__x": [1.0]})
    entry = _sort(*ours, *theirs, tmp_path)
    assert entry["category"] == "runs" and "keeps no monitor" in entry["reason"]


def test_an_example_whose_results_are_timings_stays_runs_with_that_reason(tmp_path):
    theirs = _run({"global__results": [0.5]})
    ours = _run({"global__results": [0.7]})
    np.savez(tmp_path / "ref.npz", **theirs[1])
    entry = compare.sort_example("advanced/float_32_64_benchmark.py", *ours,
                                 {"status": "ok", "deterministic": True, "run0": theirs[0]},
                                 tmp_path / "ref.npz")
    assert entry["category"] == "runs" and "run times" in entry["reason"]
