"""The simulation context: the state a simulation shares, in one explicit object.

Brian2 scripts never see it: ``seed()``, object creation, ``run()`` and string
assignments use the *current* context (:func:`current_context`), so the public API is
unchanged. Code that builds or runs generated code is handed the context explicitly
(``NetworkModule(..., context=...)``, ``run_operation(..., context=...)``) and reads
nothing process-wide.

What it holds
-------------
- the seed of the counter-based generator, whether the script gave it (``seed(42)``)
  and the two counters that key random streams: objects numbered in creation order
  and string evaluations outside a run (both restart at ``seed()``, as today);
- which implementation of the Philox rounds NumPy code draws with (``'numpy'``,
  ``'c'`` or automatic, the default: 'c' once the compiled glue is loaded; the same
  bits: :meth:`SimulationContext.use_philox`);
- caches derived from an object's data that live as long as the object (thread
  partitions of a pathway's targets, link write rounds, integrated statements): kept
  here, keyed by the object, instead of in the object's ``__dict__``;
- the processes of the run: ``comm`` (:class:`eqsim.distributed.communicator.
  Communicator`), ``rank`` and ``size`` (this process's number and the number of
  processes; 0 and 1 without MPI). The current context, when made by
  :func:`current_context`, takes the world of the process (:func:`eqsim.distributed.
  world`: MPI under ``mpiexec``, nothing imported without it); then every group is built
  as this process's slice (:mod:`eqsim.groups.partition`).
"""
import secrets
import weakref

import numpy as np

from ..errors import ContextError
from ..runtime import random as _random

__all__ = ["SimulationContext", "current_context", "set_current_context"]


class SimulationContext:
    """Seed, random-stream counters, Philox choice, derived caches and the process slot.

    Parameters
    ----------
    seed : int, optional
        The seed of every random draw; ``None`` picks a random one when first needed.
    philox : {'numpy', 'c'}, optional
        Philox rounds of NumPy-side draws; default (None): automatic, ``'c'`` whenever
        the compiled rounds are available, else ``'numpy'``.
    rank, size : int
        This process's number among ``size`` processes (ignored when ``comm`` is given).
    comm : Communicator, optional
        The processes of the run (default: one process, no MPI).
    """

    def __init__(self, seed=None, *, philox=None, rank=0, size=1, comm=None):
        self.seed_value = None if seed is None else int(seed)
        self.explicit = seed is not None
        self.evaluations = 0
        self.objects = 0
        self.restores = 0
        self.simulated_until = 0.0  # seconds: the latest time a run reached since the seed
        self._philox = None
        self.use_philox(philox)
        if comm is None:
            from ..distributed.communicator import SingleProcess
            comm = SingleProcess()
        else:
            rank, size = comm.rank, comm.size
        self.comm = comm
        self.rank, self.size = int(rank), int(size)
        self._caches = {}

    # --- seed and counters (reset by seed()) -------------------------------------------
    def reseed(self, value=None):
        """What :func:`eqsim.seed` does to the context: a new seed (random for ``None``)
        and both counters back to zero."""
        self.evaluations = 0
        self.objects = 0
        self.restores = 0
        self.simulated_until = 0.0
        self.explicit = value is not None
        self.seed_value = secrets.randbits(63) if value is None else int(value)

    @property
    def seed(self):
        """The seed in use, choosing a random one the first time if none was set."""
        if self.seed_value is None:
            self.seed_value = secrets.randbits(63)
        return self.seed_value

    @property
    def run_seed(self):
        """The seed of the draws made during runs (noise, Poisson spikes, ``rand()`` in
        statements). Draws are keyed by time step, so a run after restore() to a time
        already simulated would repeat those of the first; as Brian2's generator, which
        goes on, such a restore() without ``restore_random_state`` moves to new ones (a
        deterministic function of the seed and the number of such restores: see
        :meth:`restored_to`). Connections keep :attr:`seed`."""
        if not self.restores:
            return self.seed
        mixed = _random._key_base(np.uint64(self.seed), np.uint64(self.restores))
        return int(mixed) & 0x7FFFFFFFFFFFFFFF  # the generator's own mixing (splitmix64)

    def ran_until(self, t):
        """A run reached ``t`` (second)."""
        self.simulated_until = max(self.simulated_until, float(t))

    def restored_to(self, t):
        """restore() without the random state put a network back to ``t`` (second): if
        runs since the seed have simulated beyond it, the steps from ``t`` on would draw
        what they drew then, so later runs draw new numbers (trials from one stored state
        get new noise, as in Brian2); a state restored where nothing ran yet (a checkpoint
        file in a new process) continues as the stored run would have."""
        if float(t) < self.simulated_until:
            self.restores += 1
        self.simulated_until = float(t)

    def next_object_number(self):
        """Numbers objects in creation order since the last seed(): their random streams
        derive from it (not from their names), so a seeded script repeats exactly even
        when auto-generated names differ."""
        self.objects += 1
        return self.objects

    def next_evaluation_number(self):
        """Numbers the random draws of string evaluations outside a run."""
        self.evaluations += 1
        return self.evaluations

    def random_state(self):
        """Seed and counters, as a checkpoint keeps them."""
        return {"seed": self.seed_value, "evaluations": self.evaluations,
                "objects": self.objects, "restores": self.restores}

    def set_random_state(self, state):
        self.seed_value = state["seed"]
        self.evaluations = state["evaluations"]
        self.objects = state["objects"]
        self.restores = state.get("restores", 0)  # checkpoints written before it: 0

    # --- Philox rounds -----------------------------------------------------------------
    def use_philox(self, name):
        """Draw NumPy-side random numbers (connect(), string assignments, the NumPy
        target) with the Philox rounds ``name``: ``'numpy'``, ``'c'`` (the compiled
        glue's, available once it is loaded) or ``None``, automatic: 'c' whenever it is
        available, else 'numpy'. All give the same bits; 'c' is ~10x faster for the
        millions of draws of connect()."""
        available = _random.philox_implementations()
        if name is not None and name not in available:
            raise ContextError(f"no Philox implementation '{name}'",
                               hint=f"available now: {sorted(available)}; or None (automatic)")
        self._philox = name
        if current_context(create=False) is self:
            _random.select_philox(name)

    @property
    def philox(self):
        """The Philox implementation draws use now (an automatic choice resolved)."""
        return self._philox or _random.automatic_philox()

    @property
    def philox_automatic(self):
        """Whether the choice is automatic (the compiled rounds once they are loaded)."""
        return self._philox is None

    # --- caches derived from objects ----------------------------------------------------
    def cache(self, owner, kind):
        """A dict for cached data of kind ``kind`` derived from ``owner``; it lives while
        ``owner`` does (then it is dropped) and is never shared with another context."""
        key = (id(owner), kind)
        found = self._caches.get(key)
        if found is None:
            found = self._caches[key] = {}
            weakref.finalize(owner, self._caches.pop, key, None)
        return found


_current = None


def current_context(create=True):
    """The context that ``seed()``, object creation and ``run()`` use."""
    global _current
    if _current is None and create:
        # the process's MPI world under mpiexec (imported only then), else one process
        from ..distributed.process_world import world
        set_current_context(SimulationContext(comm=world()))
    return _current


def set_current_context(context):
    """Make ``context`` current (its Philox choice applies to NumPy-side draws)."""
    global _current
    _current = context
    _random.select_philox(context._philox)
    return context


def numpy_random_state():
    """NumPy's global generator state (``seed()`` seeds it too), as checkpoints keep it."""
    _, keys, pos, has_gauss, cached = np.random.get_state()
    return {"keys": keys.copy(), "pos": int(pos), "has_gauss": int(has_gauss),
            "cached_gaussian": float(cached)}
