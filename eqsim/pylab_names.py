"""The pylab plotting names a Brian2 script uses after ``from brian2 import *``
(``plot``, ``xlabel``, ``figure`` ...), imported from matplotlib only when first
called: importing pyplot costs about a second and 50 MB, which a simulation that
never plots should not pay."""

PYPLOT_FUNCTIONS = (
    "annotate", "axhline", "axis", "axvline", "bar", "barh", "boxplot", "cla", "clf", "close",
    "colorbar", "contour", "contourf", "errorbar", "figure", "fill_between", "gca", "gcf",
    "grid", "hist", "hist2d", "imshow", "ioff", "ion", "legend", "loglog", "matshow",
    "pcolormesh", "pie", "plot", "savefig", "scatter", "semilogx", "semilogy", "show", "step",
    "stem", "subplot", "subplots", "subplots_adjust", "suptitle", "text", "tight_layout",
    "title", "twinx", "xlabel", "xlim", "xscale", "xticks", "ylabel", "ylim", "yscale",
    "yticks",
)


def _lazy(name):
    def call(*args, **kwargs):
        import matplotlib.pyplot as plt
        return getattr(plt, name)(*args, **kwargs)
    call.__name__ = name
    call.__qualname__ = name
    call.__doc__ = f"``matplotlib.pyplot.{name}``, imported on first use."
    return call


LAZY_FUNCTIONS = {name: _lazy(name) for name in PYPLOT_FUNCTIONS}
