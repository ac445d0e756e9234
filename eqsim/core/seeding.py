"""The global seed of the counter-based random number generator."""
import secrets

import numpy as np

# explicit: the script called seed(value) (standalone-style device.run() then repeats
# the same random numbers; otherwise each device.run() draws new ones, as Brian2)
_state = {"seed": None, "evaluations": 0, "objects": 0, "explicit": False}


def seed(value=None):
    """Fix the random numbers of every following run (and NumPy's global generator).

    Parameters
    ----------
    value : int, optional
        The seed; ``None`` picks a fresh random one.
    """
    _state["evaluations"] = 0
    _state["objects"] = 0
    _state["explicit"] = value is not None
    if value is None:
        _state["seed"] = secrets.randbits(63)
        np.random.seed(None)
    else:
        _state["seed"] = int(value)
        np.random.seed(int(value) % 2**32)


def current_seed():
    """The seed in use, choosing a random one the first time if none was set."""
    if _state["seed"] is None:
        _state["seed"] = secrets.randbits(63)
    return _state["seed"]


def next_evaluation_number():
    """Numbers the random draws of string evaluations outside a run; restarts at seed()."""
    _state["evaluations"] += 1
    return _state["evaluations"]


def next_object_number():
    """Numbers objects in creation order since the last seed(): their random streams
    derive from it (not from their names), so a seeded script repeats exactly even
    when auto-generated names differ."""
    _state["objects"] += 1
    return _state["objects"]


def seeded_explicitly():
    """Whether the last call of :func:`seed` gave a value."""
    return _state["explicit"]


def random_state():
    """The generators' state a checkpoint keeps: the seed, the counters, and NumPy's
    global generator (``seed()`` seeds it too)."""
    _, keys, pos, has_gauss, cached = np.random.get_state()
    return {"seed": _state["seed"], "evaluations": _state["evaluations"],
            "objects": _state["objects"],
            "numpy": {"keys": keys.copy(), "pos": int(pos), "has_gauss": int(has_gauss),
                      "cached_gaussian": float(cached)}}


def set_random_state(state):
    """Put back what :func:`random_state` returned (checked by the caller)."""
    _state.update(seed=state["seed"], evaluations=state["evaluations"],
                  objects=state["objects"])
    numpy_state = state["numpy"]
    np.random.set_state(("MT19937", numpy_state["keys"], numpy_state["pos"],
                         numpy_state["has_gauss"], numpy_state["cached_gaussian"]))
