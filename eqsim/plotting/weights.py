"""A synaptic variable: its distribution, or its value against the synapse index."""
import numpy as np

from ..errors import EqsimError
from .axes_units import axes, in_display_unit, with_unit


def weights(synapses, variable="w", kind="hist", ax=None, bins=50, unit=None):
    """Plot a synaptic variable (a weight after STDP, a delay ...).

    Parameters
    ----------
    synapses : Synapses
    variable : str
        The synaptic variable (default ``'w'``).
    kind : {'hist', 'index'}
        A histogram of the values, or each synapse's value against its index.
    ax : matplotlib Axes, optional
    bins : int
        Histogram bins.
    unit : Quantity, optional
        Display unit (default: the one that reads best).

    Returns
    -------
    matplotlib Axes
    """
    try:
        values = getattr(synapses, variable)[:]
    except AttributeError:
        raise EqsimError(f"'{synapses.name}' has no variable '{variable}'",
                         hint="name one of its variables: weights(S, 'w')") from None
    numbers, unit_name = in_display_unit(values, unit)
    numbers = np.asarray(numbers, dtype=float)
    ax = axes(ax)
    if kind == "hist":
        ax.hist(numbers, bins=bins, color="tab:blue")
        ax.set_xlabel(with_unit(variable, unit_name))
        ax.set_ylabel("synapses")
    elif kind == "index":
        ax.plot(np.arange(numbers.size), numbers, ".", markersize=2, linestyle="none")
        ax.set_xlabel("synapse index")
        ax.set_ylabel(with_unit(variable, unit_name))
    else:
        raise EqsimError(f"unknown weights view {kind!r}", hint="use 'hist' or 'index'")
    return ax
