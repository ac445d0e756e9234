"""eqsim.plotting: each view draws the monitor's data, in the variable's unit, into the Axes."""
import io

import matplotlib.pyplot as plt
import numpy as np
import pytest

from eqsim import (Network, NeuronGroup, PopulationRateMonitor, SpikeMonitor, StateMonitor,
                   Synapses, mV, ms, prefs, seed)
from eqsim.errors import EqsimError
from eqsim.plotting import (PlotTypeError, connectivity, isi_cv, isi_cv_values, plot, raster,
                            rates, traces, weights)


@pytest.fixture(scope="module")
def recorded():
    previous = prefs.codegen.target
    prefs.codegen.target = "numpy"
    seed(3)
    G = NeuronGroup(20, "dv/dt = (I - v)/(10*ms) : volt\nI : volt", threshold="v > 10*mV",
                    reset="v = 0*mV", method="exact", name="pop")
    G.I = "11*mV + 4*mV*i/20"
    G.v = "rand()*10*mV"
    S = Synapses(G, G, "w : volt", on_pre="v += w", name="syn")
    S.connect(p=0.2)
    S.w = "0.1*mV*rand()"
    spikes, states, rate = SpikeMonitor(G), StateMonitor(G, "v", record=[0, 5]), \
        PopulationRateMonitor(G)
    Network(G, S, spikes, states, rate).run(100 * ms)
    prefs.codegen.target = previous
    yield dict(G=G, S=S, spikes=spikes, states=states, rate=rate)
    plt.close("all")


def rendered(ax):
    """The figure drawn to PNG (the artists must survive a real render), then the Axes."""
    buffer = io.BytesIO()
    ax.figure.savefig(buffer, format="png")
    assert buffer.getvalue()[:4] == b"\x89PNG"
    return ax


def test_raster_dots_are_the_spikes_in_ms_against_index(recorded):
    M = recorded["spikes"]
    ax = rendered(raster(M))
    line, = ax.get_lines()
    assert np.allclose(line.get_xdata(), np.asarray(M.t / ms))
    assert np.array_equal(line.get_ydata(), np.asarray(M.i))
    assert ax.get_xlabel() == "time (ms)" and ax.get_ylabel() == "neuron index"


def test_raster_colours_each_population_and_stacks_several_monitors(recorded):
    M, G = recorded["spikes"], recorded["G"]
    ax = rendered(raster(M, populations={"E": G[:15], "I": G[15:]}))
    exc, inh = ax.get_lines()
    assert exc.get_label() == "E" and inh.get_label() == "I"
    assert exc.get_color() != inh.get_color()
    assert len(exc.get_xdata()) + len(inh.get_xdata()) == M.num_spikes
    assert np.all(np.asarray(inh.get_ydata()) >= 15)
    stacked = raster([M, M])
    first, second = stacked.get_lines()
    assert np.array_equal(np.asarray(second.get_ydata()), np.asarray(M.i) + 20)
    with pytest.raises(EqsimError):
        raster([M, M], populations={"E": G[:15]})


def test_large_rasters_are_binned_into_an_image_with_every_spike(recorded):
    class Big:  # a monitor-like object with many spikes (benchmarks/plotting.py times 1e6)
        source = recorded["G"]
        i = np.arange(200_000) % 20
        t = np.linspace(0, 1000, 200_000) * ms
    ax = rendered(raster(Big()))
    image = ax.get_images()[0].get_array()
    assert image.shape[0] == 20  # fewer neurons than pixel rows: one row per neuron
    assert np.all(image[:, :, 3].max(axis=1) == 1)  # every neuron's row holds spikes
    left, right, bottom, top = ax.get_images()[0].get_extent()
    assert (left, right) == (0, 1000) and (bottom, top) == (-0.5, 19.5)


def test_traces_are_in_millivolt_with_one_line_per_recorded_neuron(recorded):
    M = recorded["states"]
    ax = rendered(traces(M))
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["v[0]", "v[5]"]
    assert np.allclose(lines[1].get_ydata(), np.asarray(M.v[1] / mV))
    assert ax.get_ylabel() == "v (mV)" and ax.get_xlabel() == "time (ms)"
    assert len(traces(M, indices=[5]).get_lines()) == 1
    with pytest.raises(EqsimError, match="not recorded"):
        traces(M, indices=[3])
    with pytest.raises(EqsimError, match="did not record"):
        traces(M, "w")


def test_rates_raw_and_smoothed_in_hertz(recorded):
    R = recorded["rate"]
    ax = rendered(rates(R))
    assert np.allclose(ax.get_lines()[0].get_ydata(), np.asarray(R.rate_))
    smooth = rates(R, smooth=5 * ms).get_lines()[0].get_ydata()
    assert np.allclose(smooth, np.asarray(R.smooth_rate(width=5 * ms)))
    assert ax.get_ylabel() == "rate (Hz)"


def test_connectivity_views_hold_every_synapse(recorded):
    S = recorded["S"]
    dots = rendered(connectivity(S, kind="dots")).get_lines()[0]
    assert np.array_equal(dots.get_xdata(), S.i[:]) and np.array_equal(dots.get_ydata(), S.j[:])
    lines = rendered(connectivity(S))  # 20 neurons: the tutorial's two-column view
    segments = lines.collections[0].get_segments()
    assert [(a[1], b[1]) for a, b in segments] == list(zip(S.i[:], S.j[:]))
    matrix = rendered(connectivity(S, kind="matrix", bins=4))
    assert matrix.get_images()[0].get_array().sum() == len(S)
    with pytest.raises(EqsimError):
        connectivity(S, kind="pie")


def test_weights_histogram_counts_every_synapse_in_its_unit(recorded):
    S = recorded["S"]
    ax = rendered(weights(S))
    assert sum(patch.get_height() for patch in ax.patches) == len(S)
    assert ax.get_xlabel() in ("w (uV)", "w (mV)")
    index = weights(S, kind="index", unit=mV)
    assert np.allclose(index.get_lines()[0].get_ydata(), np.asarray(S.w[:] / mV))
    with pytest.raises(EqsimError, match="no variable"):
        weights(S, "q")


def test_isi_cv_of_regular_firing_is_small_and_matches_numpy(recorded):
    M = recorded["spikes"]
    neurons, cvs = isi_cv_values(M)
    trains = M.spike_trains()
    for k, cv in zip(neurons, cvs):
        gaps = np.diff(np.sort(np.asarray(trains[k] / ms)))
        assert cv == pytest.approx(gaps.std() / gaps.mean())
    ax = rendered(isi_cv(M))
    assert sum(patch.get_height() for patch in ax.patches) == len(cvs)


def test_plot_picks_the_view_and_refuses_other_objects(recorded):
    assert plot(recorded["spikes"]).get_ylabel() == "neuron index"
    assert plot(recorded["states"]).get_ylabel() == "v (mV)"
    assert plot(recorded["rate"]).get_ylabel() == "rate (Hz)"
    assert plot(recorded["S"]).get_title() == "syn"
    with pytest.raises(PlotTypeError, match="no plot for NeuronGroup"):
        plot(recorded["G"])
