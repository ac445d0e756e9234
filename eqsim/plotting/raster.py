"""Spike rasters: one dot per spike, time against neuron index."""
import numpy as np

from ..errors import EqsimError
from ..units import ms
from .axes_units import axes, in_display_unit, with_unit

# above this many spikes, the raster is binned into an image at the Axes' pixel resolution
# (a pixel is coloured where it holds a spike): Agg draws a marker per point, which takes
# seconds for a million spikes, while binning is one pass of NumPy
IMAGE_ABOVE = 100_000


def raster(monitors, ax=None, populations=None, time_unit=ms, markersize=None, color=None):
    """Plot the spikes of one or several spike (or event) monitors.

    Parameters
    ----------
    monitors : SpikeMonitor or EventMonitor, or a list of them
        Several monitors are stacked (the second one's neurons above the first one's) with one
        colour each, labelled with their source's name.
    ax : matplotlib Axes, optional
    populations : dict, optional
        Name -> subgroup (``{'E': P[:3200], 'I': P[3200:]}``) or ``(start, stop)`` index range
        of one monitor's source: each drawn in its own colour.
    time_unit : Quantity
        Unit of the time axis (default ms).
    markersize : float, optional
        Dot size in points (default: smaller as there are more spikes).
    color : colour, optional
        One colour for everything (only without several populations).

    Returns
    -------
    matplotlib Axes
    """
    ax = axes(ax)
    monitors = list(monitors) if isinstance(monitors, (list, tuple)) else [monitors]
    if populations is not None and len(monitors) > 1:
        raise EqsimError("populations= splits one monitor's source; with several monitors each "
                         "is already a population", hint="raster([M_exc, M_inh]) or "
                         "raster(M, populations={'E': P[:3200], 'I': P[3200:]})")
    pieces, offset, unit_name = [], 0, ""
    for monitor in monitors:
        times, unit_name = in_display_unit(monitor.t, time_unit)
        indices = np.asarray(monitor.i)
        if populations is not None:
            for name, members in populations.items():
                start, stop = _index_range(members, monitor)
                keep = (indices >= start) & (indices < stop)
                pieces.append((name, times[keep], indices[keep]))
        else:
            pieces.append((monitor.source.name, times, indices + offset))
        offset += len(monitor.source)
    total = sum(len(t) for _, t, _ in pieces)
    colors = [color] if color is not None and len(pieces) == 1 else \
        [f"C{k % 10}" for k in range(len(pieces))]
    if total > IMAGE_ABOVE:
        _draw_image(ax, pieces, colors, offset)
    else:
        size = markersize if markersize is not None else (2 if total > 10_000 else 3)
        for (name, times, indices), shade in zip(pieces, colors):
            ax.plot(times, indices, ".", markersize=size, linestyle="none", label=name,
                    color=shade)
    ax.set_xlabel(with_unit("time", unit_name))
    ax.set_ylabel("neuron index")
    if len(pieces) > 1:
        ax.legend(loc="upper right", markerscale=4, frameon=False)
    return ax


def _draw_image(ax, pieces, colors, n_neurons):
    """One RGBA image: each pixel takes the colour of the (last) population with a spike in it."""
    from matplotlib.colors import to_rgba
    from matplotlib.lines import Line2D
    bbox = ax.get_window_extent()
    width, height = max(int(bbox.width), 1), max(int(bbox.height), 1)
    t_max = max((times.max() for _, times, _ in pieces if len(times)), default=1.0)
    t_min = min((times.min() for _, times, _ in pieces if len(times)), default=0.0)
    if t_max <= t_min:
        t_max = t_min + 1.0
    rows = min(height, max(n_neurons, 1))
    image = np.zeros((rows, width, 4))
    for (name, times, indices), shade in zip(pieces, colors):
        # bin by arithmetic, not np.histogram2d (which sorts: 5x slower on a million spikes)
        row = np.minimum((np.asarray(indices) * (rows / max(n_neurons, 1))).astype(np.intp),
                         rows - 1)
        column = np.minimum(((np.asarray(times) - t_min) * (width / (t_max - t_min)))
                            .astype(np.intp), width - 1)
        image[row, column] = to_rgba(shade)
        ax.add_line(Line2D([], [], marker=".", linestyle="none", color=shade, label=name))
    ax.imshow(image, origin="lower", aspect="auto", interpolation="nearest",
              extent=(t_min, t_max, -0.5, n_neurons - 0.5))


def _index_range(members, monitor):
    if isinstance(members, tuple) and len(members) == 2:
        return int(members[0]), int(members[1])
    start = getattr(members, "start", None)
    if start is None or getattr(members, "source", None) is not monitor.source:
        raise EqsimError(f"populations: {members!r:.60} is not a subgroup of "
                         f"'{monitor.source.name}' nor a (start, stop) range",
                         hint="use subgroups of the monitored group, e.g. P[:3200]")
    return start, members.stop
