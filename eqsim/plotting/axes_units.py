"""What every plot shares: an Axes to draw into, and the unit a quantity is shown in."""
import numpy as np

from ..groups.variable_view import VariableView
from ..units import Quantity
from ..units.unit_class import get_unit, readable_unit


def axes(ax):
    """``ax``, or the Axes of a new figure (pyplot is imported only when a plot is made)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt
    return plt.subplots()[1]


def in_display_unit(values, unit=None):
    """``(numbers, unit name)``: ``values`` (a Quantity or plain numbers) in ``unit``, or in
    the registered unit that reads best (``mV`` for millivolts); plain numbers stay as they are
    with no unit name."""
    if isinstance(values, VariableView):  # G.v, M.t: the values they view
        values = values[:]
    if not isinstance(values, Quantity) or values.dim.is_dimensionless:
        return np.asarray(values), ""
    raw = np.asarray(values.view(np.ndarray) if hasattr(values, "view") else values, dtype=float)
    if unit is None:
        unit = readable_unit(values.dim, raw) or get_unit(values.dim)
    return raw / float(np.asarray(unit)), str(unit)


def with_unit(label, unit_name):
    return f"{label} ({unit_name})" if unit_name else label
