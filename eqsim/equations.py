"""Brian2's ``brian2.equations`` path: ``from eqsim.equations import Equations``."""
from eqsim.parsing.equations import Equations

__all__ = ["Equations"]
