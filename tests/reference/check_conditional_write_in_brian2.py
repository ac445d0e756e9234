"""Run the tests of ``tests/codegen/test_conditional_write.py`` in Brian2, to show that the
numbers they expect are Brian2's (Brian2 environment only)::

    /work/brian2-venv/bin/python tests/reference/check_conditional_write_in_brian2.py

The test module is imported with ``eqsim`` standing for ``brian2``; each test runs on
Brian2's numpy target (one on its cython target, see ``CYTHON``). Prints one line per test
and exits non-zero if any fails.
"""
import sys
import types
from pathlib import Path

import brian2

sys.modules["eqsim"] = brian2

class _Mark:
    """``pytest.mark.parametrize`` without pytest: keeps the cases on the test."""
    def parametrize(self, names, cases):
        def keep(test):
            test.pytestmark = [types.SimpleNamespace(args=(names, cases))]
            return test
        return keep


sys.modules.setdefault("pytest", types.SimpleNamespace(mark=_Mark()))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "codegen"))
import test_conditional_write as tests  # noqa: E402

# eqsim extensions Brian2 does not have
EQSIM_ONLY = {"test_procedural_synapses_onto_refractory_neuron_are_dropped"}
# run on Brian2's cython target: its numpy target applies a synaptic '=' assignment that does
# not read the target (v_post = 0.7) to refractory neurons too, unlike its other targets
CYTHON = {"test_every_assignment_form_onto_refractory_neuron_is_dropped"}


def main():
    failed = 0
    for name in sorted(n for n in dir(tests) if n.startswith("test_")
                       and n not in EQSIM_ONLY):
        brian2.start_scope()
        brian2.defaultclock.dt = 0.1 * brian2.ms
        brian2.prefs.codegen.target = "cython" if name in CYTHON else "numpy"
        test = getattr(tests, name)
        cases = [("numpy",)]
        marks = getattr(test, "pytestmark", [])
        if marks:  # the one parametrize mark: run every case
            cases = [("numpy",) + tuple(case) for case in marks[0].args[1]]
        try:
            for case in cases:
                test(*case)
            print("ok    ", name)
        except AssertionError as error:
            failed += 1
            print("FAILED", name, error)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
