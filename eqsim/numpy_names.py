"""The names ``from numpy import *`` binds (pylab's first import, so Brian2's too), with the
submodules NumPy 2 imports only for it bound to stand-ins that import them on first use:
``numpy.f2py`` and ``numpy.testing`` took 0.13 s of the 0.86 s of ``import eqsim``,
``numpy.ma`` and ``numpy.polynomial`` 0.02 s more."""
import importlib

import numpy

from .pylab_names import LazyName

#: NumPy submodules in ``numpy.__all__`` that a star import would import at once
LAZY_SUBMODULES = ("f2py", "testing", "ma", "polynomial")


def numpy_star_names():
    """``{name: value}`` of ``from numpy import *``, the lazy submodules as stand-ins."""
    names = {name: getattr(numpy, name) for name in numpy.__all__
             if name not in LAZY_SUBMODULES}
    names.update({name: LazyName(name, lambda module=f"numpy.{name}":
                                 importlib.import_module(module), module=f"numpy.{name}")
                  for name in LAZY_SUBMODULES if name in numpy.__all__})
    return names
