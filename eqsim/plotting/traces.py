"""State traces: a recorded variable against time, one line per recorded element."""
import numpy as np

from ..errors import EqsimError
from ..units import Quantity, ms
from .axes_units import axes, in_display_unit, with_unit


def traces(monitor, variable=None, indices=None, ax=None, time_unit=ms, unit=None, **line_options):
    """Plot what a StateMonitor recorded.

    Parameters
    ----------
    monitor : StateMonitor
    variable : str, optional
        A recorded variable (default: the first one).
    indices : sequence of int, optional
        Elements to draw (default: every recorded one).
    ax : matplotlib Axes, optional
    time_unit : Quantity
        Unit of the time axis (default ms).
    unit : Quantity, optional
        Unit of the value axis (default: the one that reads best, ``mV`` for millivolts).
    **line_options
        Passed to ``Axes.plot`` (``color``, ``alpha``, ``linewidth`` ...).

    Returns
    -------
    matplotlib Axes
    """
    variables = list(monitor.record_variables)
    if variable is None:
        variable = variables[0]
    if variable not in variables:
        raise EqsimError(f"'{monitor.name}' did not record '{variable}'",
                         hint=f"recorded: {', '.join(variables)}")
    recorded = np.asarray(monitor.record)
    if indices is None:
        rows = np.arange(recorded.size)
    else:
        rows = []
        for index in np.atleast_1d(indices):
            found = np.flatnonzero(recorded == int(index))
            if not found.size:
                raise EqsimError(f"element {index} was not recorded by '{monitor.name}'",
                                 hint=f"recorded: {recorded.tolist()[:10]}")
            rows.append(found[0])
    ax = axes(ax)
    times, time_name = in_display_unit(monitor.t, time_unit)
    values = getattr(monitor, variable)
    values = values[np.asarray(rows, dtype=int)] if len(rows) else values[:0]
    numbers, value_name = in_display_unit(values, unit)
    for k, row in enumerate(numbers):
        ax.plot(times, row, label=f"{variable}[{recorded[rows[k]]}]", **line_options)
    ax.set_xlabel(with_unit("time", time_name))
    ax.set_ylabel(with_unit(variable, value_name if isinstance(values, Quantity) else ""))
    return ax
