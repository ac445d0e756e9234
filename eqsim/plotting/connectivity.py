"""Who connects to whom: lines for small synapse sets, dots or a count matrix for large ones."""
import numpy as np

from ..errors import EqsimError
from .axes_units import axes

LINES_UP_TO = 50  # neurons per side for the two-column view of Brian2's synapse tutorial
DOTS_UP_TO = 200_000  # synapses; more are binned into a matrix image


def connectivity(synapses, kind="auto", ax=None, bins=100):
    """Plot the synapses' source and target indices.

    Parameters
    ----------
    synapses : Synapses
    kind : {'auto', 'lines', 'dots', 'matrix'}
        ``'lines'``: sources in a column on the left, targets on the right, one line per synapse
        (the synapse tutorial's ``visualise_connectivity``); ``'dots'``: one dot per synapse,
        source index against target index; ``'matrix'``: synapse counts in ``bins`` x ``bins``
        blocks of indices, as an image. ``'auto'`` picks lines for up to 50 neurons per side,
        dots for up to 200,000 synapses, else the matrix.
    ax : matplotlib Axes, optional
    bins : int
        Blocks per side of the matrix view.

    Returns
    -------
    matplotlib Axes
    """
    sources, targets = np.asarray(synapses.i), np.asarray(synapses.j)
    n_pre, n_post = len(synapses.source), len(synapses.target)
    if kind == "auto":
        kind = "lines" if max(n_pre, n_post) <= LINES_UP_TO else \
            "dots" if sources.size <= DOTS_UP_TO else "matrix"
    ax = axes(ax)
    if kind == "lines":
        ax.plot(np.zeros(n_pre), np.arange(n_pre), "ok", markersize=6)
        ax.plot(np.ones(n_post), np.arange(n_post), "ok", markersize=6)
        from matplotlib.collections import LineCollection
        segments = np.stack([np.stack([np.zeros(sources.size), sources], axis=1),
                             np.stack([np.ones(targets.size), targets], axis=1)], axis=1)
        ax.add_collection(LineCollection(segments, colors="k", linewidths=0.8))
        ax.set_xticks([0, 1], ["source", "target"])
        ax.set_ylabel("neuron index")
        ax.set_xlim(-0.1, 1.1)
        ax.set_ylim(-1, max(n_pre, n_post))
    elif kind == "dots":
        ax.plot(sources, targets, ".k", markersize=2 if sources.size > 10_000 else 4,
                linestyle="none")
        ax.set_xlim(-1, n_pre)
        ax.set_ylim(-1, n_post)
        ax.set_xlabel("source neuron index")
        ax.set_ylabel("target neuron index")
    elif kind == "matrix":
        counts, _, _ = np.histogram2d(sources, targets, bins=(min(bins, n_pre), min(bins, n_post)),
                                      range=((0, n_pre), (0, n_post)))
        image = ax.imshow(counts.T, origin="lower", aspect="auto", interpolation="nearest",
                          extent=(0, n_pre, 0, n_post), cmap="viridis")
        ax.figure.colorbar(image, ax=ax, label="synapses per block")
        ax.set_xlabel("source neuron index")
        ax.set_ylabel("target neuron index")
    else:
        raise EqsimError(f"unknown connectivity view {kind!r}",
                         hint="use 'auto', 'lines', 'dots' or 'matrix'")
    ax.set_title(synapses.name)
    return ax
