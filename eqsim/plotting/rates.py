"""Population rates against time, raw or smoothed."""
from ..units import Hz, ms
from .axes_units import axes, in_display_unit, with_unit


def rates(monitor, smooth=None, window="gaussian", ax=None, time_unit=ms, **line_options):
    """Plot a PopulationRateMonitor's rate.

    Parameters
    ----------
    monitor : PopulationRateMonitor
    smooth : Quantity, optional
        Width of the smoothing window (second); raw rates when omitted.
    window : {'gaussian', 'flat'}
        Smoothing window (as ``smooth_rate``).
    ax : matplotlib Axes, optional
    time_unit : Quantity
        Unit of the time axis (default ms).
    **line_options
        Passed to ``Axes.plot``.

    Returns
    -------
    matplotlib Axes
    """
    ax = axes(ax)
    values = monitor.rate if smooth is None else monitor.smooth_rate(window=window, width=smooth)
    times, time_name = in_display_unit(monitor.t, time_unit)
    numbers, rate_name = in_display_unit(values, Hz)
    ax.plot(times, numbers, label=monitor.source.name, **line_options)
    ax.set_xlabel(with_unit("time", time_name))
    ax.set_ylabel(with_unit("rate" if smooth is None else f"rate, smoothed over {smooth}",
                            rate_name))
    return ax
