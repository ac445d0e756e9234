"""Synapses connected procedurally (``connect(p=..., procedural=True)``): checked, keyed,
and counted or listed on demand, never stored."""
import numpy as np

from ..core.seeding import current_seed
from ..errors import ConnectError
from ..ir.variables import ArrayVariable
from ..runtime.streams import connect_stream
from .procedural_values import per_synapse_constants


class ProceduralConnections:
    """The procedural side of :class:`~eqsim.synapses.synapses.Synapses` (a mixin)."""

    def _connect_procedural(self, condition, i, j, p, n, procedural):
        if self._procedural is not None or (procedural and self.N):
            raise ConnectError("procedural connections cannot be combined with other connect() "
                               "calls on the same Synapses", obj=self.name,
                               hint="use one Synapses object per procedural connect(p=...)")
        if condition is not None or i is not None or j is not None or n != 1 or \
                isinstance(p, str) or not 0 <= float(p) <= 1:
            raise ConnectError("procedural=True supports only connect(p=<number in [0, 1]>)",
                               obj=self.name, hint="store the synapses for other forms")
        expressions = per_synapse_constants(self)  # given as expressions, not stored
        stored = [name for name, var in self.variables.items()
                  if isinstance(var, ArrayVariable) and var.dynamic and not var.shared
                  and not name.startswith("_synaptic") and name not in ("i", "j")
                  and name not in expressions]
        if stored or any(p.role == "post" for p in self.pathways):
            raise ConnectError("procedural synapses cannot have per-synapse variables or an "
                               f"on_post pathway (found {stored or 'on_post'})", obj=self.name,
                               hint="declare synaptic values (shared), or per-synapse "
                                    "'(constant)' ones given by an expression (S.w = "
                                    "'w_low + (w_high - w_low)*rand()')")
        draw_seed, key = self.draw_key()
        self._procedural = {"p": float(p), "seed": draw_seed, "values": {},
                            "stream": connect_stream(key, 0)}

    def draw_key(self):
        """``(seed, key)`` of this object's connection and per-synapse value draws: the
        global seed and the object's number, or with ``connect(seed=s)`` ``s`` and a fixed
        key (the same draws whatever else the script creates)."""
        if self._connection_seed is None:
            return current_seed(), self._random_id
        return self._connection_seed, "seeded"

    def _procedural_count(self, block=64):
        """Number of connections, counted row block by row block (memory stays small)."""
        from ..runtime.sampling import bernoulli_window
        spec, n_pre, n_post = self._procedural, len(self.source), len(self.target)
        total = 0
        for start in range(0, n_pre, block):
            rows = np.arange(start, min(start + block, n_pre))
            found, _ = bernoulli_window(rows, np.full(rows.size, n_post), 0, n_post, spec["p"],
                                          seed=spec["seed"], stream=spec["stream"])
            total += found.size
        return total

    def _procedural_pairs(self):
        """The (i, j) pairs procedural connections stand for (computed, not stored)."""
        from .connect import connection_pairs
        spec = self._procedural
        return connection_pairs(n_pre=len(self.source), n_post=len(self.target), p=spec["p"],
                                seed=spec["seed"], stream=spec["stream"], evaluate=None,
                                obj=self.name)
