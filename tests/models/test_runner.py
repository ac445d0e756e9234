"""BrainPy's DSRunner with brainpy-largescale's spike and voltage callbacks."""
import numpy as np
import pytest

from eqsim import Network, ms, nA
from eqsim.errors import RunCallbackError
from eqsim.models import LIF, DSRunner, Normal


def _populations():
    a = LIF(30, V_rest=-60., V_th=-50., V_reset=-60., tau=20., V_initializer=Normal(-55., 3.),
            name="a")
    b = LIF(10, V_rest=-60., V_th=-50., V_reset=-60., tau=20., V_initializer=-60., name="b")
    a.I = 25 * nA
    b.I = 30 * nA
    return a, b


def test_dsrunner_callbacks_get_what_its_monitors_record(numpy_target):
    a, b = _populations()
    spikes, volts = [], []
    runner = DSRunner(Network(a, b), monitors=["a.spike", "b.spike", "a.V"],
                      spike_callback=spikes.extend, volt_callback=volts.extend,
                      callback_period=2 * ms)
    runner.run(15.)  # ms, as BrainPy
    raster_a, raster_b = runner.mon["a.spike"], runner.mon["b.spike"]
    assert raster_a.shape == (150, 30) and raster_b.shape == (150, 10)
    assert raster_a.sum() > 0 and raster_b.sum() > 0
    # the callback gets both groups' spikes, each group's once per period
    expected = sorted([(int(i), round(s * 0.1, 1)) for s, i in zip(*np.nonzero(raster_a))] +
                      [(int(i), round(s * 0.1, 1)) for s, i in zip(*np.nonzero(raster_b))])
    assert sorted((i, round(t / 1e-3, 1)) for i, t in spikes) == expected
    assert runner.mon.ts == pytest.approx(np.arange(150) * 0.1)
    v = runner.mon["a.V"]
    assert v.shape == (150, 30)
    index, time, value = map(np.array, zip(*volts))
    assert np.array_equal(value, np.asarray(v).ravel())  # plain numbers in volt
    assert np.array_equal(index, np.tile(np.arange(30), 150))


def test_dsrunner_names_a_monitor_it_cannot_make_and_refuses_inputs(numpy_target):
    a, _ = _populations()
    for monitors, message in ((["c.spike"], "no object named 'c'"), (["a-V"], "<group name>")):
        with pytest.raises(RunCallbackError, match=message) as error:
            DSRunner(Network(a), monitors=monitors)
        assert error.value.code == "EQ811"
    with pytest.raises(RunCallbackError, match="(?s)inputs=.*not supported.*E.I = 20\\*nA"):
        DSRunner(Network(a), monitors=["a.spike"], inputs=[("a.I", 20.)])
