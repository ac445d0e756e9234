"""`from eqsim import *` gives a Brian2 script the names `from brian2 import *` gives it:
NumPy's functions and random generators (seeded by eqsim's seed()), Python's builtins
unshadowed, pyplot's functions loaded on first use."""
import numpy as np


def test_star_import_provides_brian2s_pylab_names():
    namespace = {}
    exec("from eqsim import *", namespace)  # noqa: S102 - the statement under test
    for name in ("rand", "randn", "randint", "normal", "uniform", "poisson", "choice",
                 "linspace", "exp", "pi", "plot", "xlabel", "seed", "mV"):
        assert name in namespace, name
    assert namespace["max"](3, 5) == 5 and namespace["sum"]([1, 2]) == 3  # builtins
    namespace["seed"](7)
    first = namespace["randn"](3)
    namespace["seed"](7)
    np.testing.assert_array_equal(namespace["randn"](3), first)
