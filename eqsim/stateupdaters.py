"""Brian2's ``brian2.stateupdaters``: integration methods as objects (``method=euler``).

``UnsupportedEquationsException`` is eqsim's :class:`~eqsim.errors.IntegrationError`:
what a method raises when it cannot integrate the equations.
"""
from .errors import IntegrationError as UnsupportedEquationsException
from .stateupdate.explicit import ExplicitStateUpdater
from .stateupdate.methods import (StateUpdateMethod, euler, exact, exponential_euler, heun,
                                  independent, linear, milstein, rk2, rk4)

__all__ = ["StateUpdateMethod", "ExplicitStateUpdater", "UnsupportedEquationsException",
           "euler", "rk2", "rk4", "exact", "linear", "exponential_euler", "heun", "milstein",
           "independent"]
