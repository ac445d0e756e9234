"""Plots of monitors and synapses with matplotlib, labelled with units.

``eqsim.plotting`` (not ``eqsim.plot``: ``from eqsim import *`` binds pylab's ``plot`` as
Brian2's star import does). Every function draws into ``ax`` (a new figure's Axes when
omitted) and returns the Axes, in a notebook or a script (Agg)::

    from eqsim.plotting import plot, raster
    plot(spike_monitor)                     # picks the view: raster, traces, rates, synapses
    raster([M_exc, M_inh])                  # one colour per population
"""
from .raster import raster
from .traces import traces
from .rates import rates
from .connectivity import connectivity
from .weights import weights
from .isi import isi_cv, isi_cv_values
from .dispatch import plot, PlotTypeError

__all__ = ["raster", "traces", "rates", "connectivity", "weights", "isi_cv", "isi_cv_values",
           "plot", "PlotTypeError"]
