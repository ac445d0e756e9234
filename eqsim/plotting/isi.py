"""Regularity of firing: the coefficient of variation of each neuron's inter-spike intervals."""
import numpy as np

from .axes_units import axes


def isi_cv_values(monitor, min_spikes=3):
    """The ISI coefficient of variation (std/mean of the intervals) of every neuron with at
    least ``min_spikes`` spikes; ``(indices, cvs)``."""
    indices, times = np.asarray(monitor.i), np.asarray(monitor.t_)
    order = np.lexsort((times, indices))
    indices, times = indices[order], times[order]
    neurons, starts, counts = np.unique(indices, return_index=True, return_counts=True)
    intervals = np.diff(times)
    same_neuron = np.diff(indices) == 0
    keep = counts >= min_spikes
    cvs = []
    for start, count in zip(starts[keep], counts[keep]):
        gaps = intervals[start:start + count - 1][same_neuron[start:start + count - 1]]
        cvs.append(gaps.std() / gaps.mean() if gaps.mean() > 0 else np.nan)
    return neurons[keep], np.asarray(cvs)


def isi_cv(monitor, ax=None, bins=30, min_spikes=3):
    """Histogram of the neurons' ISI coefficients of variation (Poisson firing: about 1,
    clock-like firing: near 0).

    Parameters
    ----------
    monitor : SpikeMonitor
    ax : matplotlib Axes, optional
    bins : int
    min_spikes : int
        Neurons with fewer spikes are left out.

    Returns
    -------
    matplotlib Axes
    """
    _, cvs = isi_cv_values(monitor, min_spikes)
    ax = axes(ax)
    ax.hist(cvs[np.isfinite(cvs)], bins=bins, color="tab:gray")
    ax.set_xlabel("ISI coefficient of variation")
    ax.set_ylabel("neurons")
    ax.set_title(f"{cvs.size} neurons with at least {min_spikes} spikes")
    return ax
