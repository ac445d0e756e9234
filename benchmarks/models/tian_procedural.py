"""``tian_procedural``: the ``tian`` network with procedural connectivity (eqsim only).

The same model, seed and connections as ``tian`` (a procedural ``connect(p=...)`` draws the
targets a stored one would store), but no synapse is stored: each spike's targets are
regenerated from the counter-based generator. The point is memory: the issue asks for a
peak under 150 MB where the stored 25 M synapses take about 300 MB. Brian2 has no
procedural connectivity, so only eqsim runs it.
"""
from . import tian

DESCRIPTION = "Tian et al. 2020 E/I net with procedural connectivity (no stored synapses)"
VARIANTS = {"tian_procedural": 1}
DURATION = tian.DURATION
QUICK_DURATION = tian.QUICK_DURATION
REQUIRES = tian.REQUIRES
SIMULATORS = ("eqsim",)
NOT_ON_PEERS = "procedural connectivity: NEST and ANNarchy store every synapse"


def build(b, scale=1.0):
    """``tian`` with ``connect(p=0.25, procedural=True)``."""
    return tian.build(b, scale, procedural=True)
