"""``BinomialFunction``: binomially distributed random numbers in model strings (Brian2's
``brian2.input.binomial``)."""
import numpy as np

from ..ir.functions import UserFunction
from ..core.functions import Function
from ..core.names import Nameable
from ..errors import UserFunctionError
from ..units import DIMENSIONLESS


class BinomialFunction(Function, Nameable):
    """A function of no arguments, ``f()``, that draws from Binomial(n, p) in model strings.

    As Brian2: with ``approximate=True`` and ``n*p > 5`` and ``n*(1-p) > 5`` the draw is
    from the normal distribution of the same mean and variance (``n*p + sqrt(n*p*(1-p))
    * randn()``, not rounded), otherwise it is an exact binomial draw. The draws come
    from eqsim's counter-based generator (each call site of a statement a stream of its
    own), so a seeded run gives the same numbers on both targets; they are not Brian2's
    numbers, which come from another generator, but have the same distribution. Two calls
    in one expression are one draw (``b() + b()`` is ``2*b()``); calls in different
    statements are independent draws.

    Parameters
    ----------
    n : int
        Number of trials (>= 0).
    p : float
        Success probability, in [0, 1].
    approximate : bool, optional
        Whether to use the normal approximation where it applies (default True).
    name : str, optional
        Name of the object (default ``'binomial*'``).
    """
    _base_name = "binomial"

    def __init__(self, n, p, approximate=True, name="binomial*"):
        n_value, p_value = _trials(n), _probability(p)
        use_normal = bool(approximate and n_value * p_value > 5 and n_value * (1 - p_value) > 5)
        Nameable.__init__(self, name)
        self.n, self.p, self.use_normal = n_value, p_value, use_normal
        if use_normal:
            loc, scale = n_value * p_value, float(np.sqrt(n_value * p_value * (1 - p_value)))
            self._sampler = ("normal", loc, scale)
            draw = lambda: np.random.normal(loc, scale)  # noqa: E731 - Python-level call
        else:
            self._sampler = ("binomial", n_value, p_value)
            draw = lambda: np.random.binomial(n_value, p_value)  # noqa: E731
        draw.__name__ = self.name
        Function.__init__(self, draw, arg_units=[], return_unit=1, stateless=False,
                          return_type="float" if use_normal else "integer")

    def _eqsim_function(self, name):
        return UserFunction(name, self.name, DIMENSIONLESS, function=self, n_args=0,
                            rule=lambda dims: self.result_dimension(dims, name),
                            sampler=self._sampler)

    def __repr__(self):
        return f"BinomialFunction({self.n}, {self.p}, approximate={self.use_normal}, " \
               f"name={self.name!r})"


def _trials(n):
    value = np.asarray(n)
    if value.shape != () or value.dtype.kind not in "iuf" or value != np.floor(value) or value < 0:
        raise UserFunctionError(f"the number of trials of a BinomialFunction must be a whole "
                                f"number >= 0, got {n!r:.40}", code="EQ171")
    return int(value)


def _probability(p):
    value = np.asarray(p)
    if value.shape != () or value.dtype.kind not in "iuf" or not 0 <= value <= 1:
        raise UserFunctionError(f"the probability of a BinomialFunction must be a number in "
                                f"[0, 1], got {p!r:.40}", code="EQ171")
    return float(value)
