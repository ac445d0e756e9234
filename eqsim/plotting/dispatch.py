"""``plot(obj)``: the view that suits a monitor or a synapses object (as brian2tools' brian_plot)."""
from ..errors import EqsimError
from .connectivity import connectivity
from .raster import raster
from .rates import rates
from .traces import traces


class PlotTypeError(EqsimError):
    """``plot()`` got something it has no view for."""
    default_code = "EQ731"


def plot(obj, ax=None, **options):
    """Plot a monitor or synapses with the view that suits it.

    SpikeMonitor / EventMonitor (or a list of them): :func:`raster`; StateMonitor:
    :func:`traces`; PopulationRateMonitor: :func:`rates`; Synapses: :func:`connectivity`.
    ``options`` go to that function. Returns the matplotlib Axes.
    """
    from ..monitors import EventMonitor, PopulationRateMonitor, StateMonitor
    from ..synapses import Synapses
    items = obj if isinstance(obj, (list, tuple)) else [obj]
    if items and all(isinstance(item, EventMonitor) for item in items):
        return raster(obj, ax=ax, **options)
    if isinstance(obj, StateMonitor):
        return traces(obj, ax=ax, **options)
    if isinstance(obj, PopulationRateMonitor):
        return rates(obj, ax=ax, **options)
    if isinstance(obj, Synapses):
        return connectivity(obj, ax=ax, **options)
    raise PlotTypeError(f"no plot for {type(obj).__name__} objects",
                        hint="plot() draws SpikeMonitor, EventMonitor, StateMonitor, "
                             "PopulationRateMonitor and Synapses objects")
