"""``seed()`` and the seed-related questions the rest of eqsim asks of the current
simulation context (:mod:`eqsim.core.context`, which holds the seed and counters)."""
import numpy as np

from .context import current_context, numpy_random_state


def seed(value=None):
    """Fix the random numbers of every following run (and NumPy's global generator).

    Parameters
    ----------
    value : int, optional
        The seed; ``None`` picks a fresh random one.
    """
    current_context().reseed(value)
    np.random.seed(None if value is None else int(value) % 2**32)


def current_seed():
    """The seed in use, choosing a random one the first time if none was set."""
    return current_context().seed


def run_seed():
    """The seed of draws made during runs (:attr:`SimulationContext.run_seed`)."""
    return current_context().run_seed


def next_evaluation_number():
    """Numbers the random draws of string evaluations outside a run; restarts at seed()."""
    return current_context().next_evaluation_number()


def next_object_number():
    """Numbers objects in creation order since the last seed() (see
    :meth:`~eqsim.core.context.SimulationContext.next_object_number`)."""
    return current_context().next_object_number()


def seeded_explicitly():
    """Whether the last call of :func:`seed` gave a value."""
    return current_context().explicit


def random_state():
    """The generators' state a checkpoint keeps: the seed, the counters, and NumPy's
    global generator (``seed()`` seeds it too)."""
    return dict(current_context().random_state(), numpy=numpy_random_state())


def set_random_state(state):
    """Put back what :func:`random_state` returned (checked by the caller)."""
    current_context().set_random_state(state)
    numpy_state = state["numpy"]
    np.random.set_state(("MT19937", numpy_state["keys"], numpy_state["pos"],
                         numpy_state["has_gauss"], numpy_state["cached_gaussian"]))
