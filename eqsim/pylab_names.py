"""The pylab names a Brian2 script has after ``from brian2 import *`` (``plt``, ``mpl``,
``rcParams``, ``plot``, ``subplots``, ``Figure`` ...), bound to stand-ins that import
matplotlib only when first used: importing pyplot costs about a second and 50 MB, which a
simulation that never plots should not pay.

A star import copies names, so a module ``__getattr__`` cannot make them lazy: every name
is bound to a stand-in here. Functions become functions that call through; modules,
classes and objects (``rcParams``) become `LazyName` proxies that forward attribute access,
item access, calls, ``isinstance`` and subclassing. The names are the ones Brian2 2.9 binds
from ``matplotlib.pylab`` (tests/reference/brian2_star_names.json), less the few that are
not matplotlib's own (pyplot's ``typing``/``contextlib`` imports) or that are plain values a
stand-in cannot pass for (dateutil's ``DAILY`` ... ``MO`` ...).
"""
import importlib
import sys

# callables Brian2 gets from matplotlib.pyplot / matplotlib.pylab
PYLAB_FUNCTIONS = """
acorr angle_spectrum annotate arrow autoscale autumn axes axhline axhspan axis axline axvline
axvspan bar bar_label barbs barh bone box boxplot broken_barh cla clabel clf clim close cohere
colorbar connect contour contourf cool copper csd cycler date2num datestr2num delaxes detrend
detrend_linear detrend_mean detrend_none disconnect drange draw draw_all draw_if_interactive
ecdf errorbar eventplot figaspect figimage figlegend fignum_exists figtext figure fill
fill_between fill_betweenx findobj flag flatten gca gcf gci get get_backend get_cmap
get_current_fig_manager get_figlabels get_fignums get_plot_commands get_scale_names getp ginput
gray grid grouped_bar hexbin hist hist2d hlines hot hsv imread imsave imshow inferno
install_repl_displayhook interactive ioff ion isinteractive jet legend locator_params loglog
magma magnitude_spectrum margins matshow minorticks_off minorticks_on new_figure_manager
nipy_spectral num2date pause pcolor pcolormesh phase_spectrum pie pie_label pink plasma plot
polar prism psd quiver quiverkey rc rc_context rcdefaults rgrids savefig sca scatter sci
semilogx semilogy set_cmap set_loglevel setp show specgram spring spy stackplot stairs stem step
streamplot subplot subplot2grid subplot_mosaic subplot_tool subplots subplots_adjust summer
suptitle switch_backend table text thetagrids tick_params ticklabel_format tight_layout title
tricontour tricontourf tripcolor triplot twinx twiny uninstall_repl_displayhook violinplot
viridis vlines waitforbuttonpress window_hanning window_none winter xcorr xkcd xlabel xlim
xscale xticks ylabel ylim yscale yticks
""".split()

# classes and objects Brian2 gets from matplotlib.pyplot / matplotlib.pylab
PYLAB_OBJECTS = """
Annotation Arrow Artist AutoLocator AxLine Axes BackendFilter Button Circle Colorizer
ColorizingArtist Colormap DateFormatter DateLocator DayLocator Figure FigureBase
FigureCanvasBase FigureManagerBase FixedFormatter FixedLocator FormatStrFormatter Formatter
FuncFormatter GridSpec HourLocator IndexLocator Line2D LinearLocator Locator LogFormatter
LogFormatterExponent LogFormatterMathtext LogLocator MaxNLocator MinuteLocator MonthLocator
MouseButton MultipleLocator Normalize NullFormatter NullLocator PolarAxes Polygon
RRuleLocator Rectangle ScalarFormatter SecondLocator Slider Subplot SubplotSpec Text
TickHelper WeekdayLocator Widget YearLocator backend_registry color_sequences colormaps
rcParams rcParamsDefault rcParamsOrig relativedelta rrule silent_list
""".split()

# modules Brian2 binds: star-import name -> module
PYLAB_MODULES = {"plt": "matplotlib.pyplot", "mpl": "matplotlib", "matplotlib": "matplotlib",
                 "cbook": "matplotlib.cbook", "mlab": "matplotlib.mlab",
                 "rcsetup": "matplotlib.rcsetup", "style": "matplotlib.style"}


# dunders a script reads (``mpl.__version__``); other private and dunder lookups before
# matplotlib is loaded are tools probing every object (pytest's ``__test__``, eqsim's own
# ``_eqsim_function``), answered without importing it
_USER_DUNDERS = {"__version__", "__file__", "__path__", "__all__", "__name__", "__dict__"}


def _pylab_attribute(name):
    return getattr(importlib.import_module("matplotlib.pylab"), name)


class LazyName:
    """Stands for a matplotlib (or other slow-to-import) module until it is first used
    (:class:`LazyObject`: a class or object).

    Attribute and item access, assignment, ``isinstance``/``issubclass`` and use as a
    base class all go to the real object, imported then. Private and dunder lookups that
    tools make on any object (pytest's ``__test__``, ``copy``'s ``__deepcopy__`` ...) are
    answered without importing matplotlib while it is not loaded.
    """

    def __init__(self, name, load, module="matplotlib"):
        object.__setattr__(self, "_lazy_load", load)
        object.__setattr__(self, "_lazy_name", name)
        object.__setattr__(self, "_lazy_module", module)  # loaded: probes may import

    def _lazy_target(self):
        return object.__getattribute__(self, "_lazy_load")()

    def __getattr__(self, attribute):
        if (attribute.startswith("_") and attribute not in _USER_DUNDERS
                and object.__getattribute__(self, "_lazy_module") not in sys.modules):
            raise AttributeError(attribute)  # a tool probing, not the script asking
        return getattr(self._lazy_target(), attribute)

    def __setattr__(self, attribute, value):
        setattr(self._lazy_target(), attribute, value)

    def __getitem__(self, key):
        return self._lazy_target()[key]

    def __setitem__(self, key, value):
        self._lazy_target()[key] = value

    def __delitem__(self, key):
        del self._lazy_target()[key]

    def __contains__(self, key):
        return key in self._lazy_target()

    def __iter__(self):
        return iter(self._lazy_target())

    def __len__(self):
        return len(self._lazy_target())

    def __eq__(self, other):
        return self._lazy_target() == other

    __hash__ = object.__hash__

    def __instancecheck__(self, instance):
        return isinstance(instance, self._lazy_target())

    def __subclasscheck__(self, subclass):
        return issubclass(subclass, self._lazy_target())

    def __mro_entries__(self, bases):
        return (self._lazy_target(),)

    def __dir__(self):
        return dir(self._lazy_target())

    def __repr__(self):
        return repr(self._lazy_target())


class LazyObject(LazyName):
    """A :class:`LazyName` for a class or object, which may be called (a module's stand-in
    may not: pytest would take `testing`, after ``from eqsim import *`` in a test module, for
    a test function it cannot collect)."""

    def __call__(self, *args, **kwargs):
        return self._lazy_target()(*args, **kwargs)


def _function(name):
    def call(*args, **kwargs):
        return _pylab_attribute(name)(*args, **kwargs)
    call.__name__ = name
    call.__qualname__ = name
    call.__doc__ = f"``matplotlib.pylab.{name}``, imported on first use."
    return call


def lazy_pylab_names():
    """``{name: stand-in}`` for every matplotlib name the star import binds."""
    names = {name: _function(name) for name in PYLAB_FUNCTIONS}
    names.update({name: LazyObject(name, lambda name=name: _pylab_attribute(name))
                  for name in PYLAB_OBJECTS})
    names.update({name: LazyName(module, lambda module=module: importlib.import_module(module))
                  for name, module in PYLAB_MODULES.items()})
    return names
