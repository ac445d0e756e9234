"""Brian2's device switch, for scripts written for Brian2's standalone mode.

eqsim always compiles the whole network and runs it when ``run()`` is called, so
``set_device('cpp_standalone', ...)`` changes nothing about the results: the simulation
happens at ``run()`` instead of at ``device.build()``, and ``device.build()`` has nothing
left to do. The thread count of ``prefs.devices.cpp_standalone.openmp_threads`` is honoured
(see preferences).
"""
import logging

from ..errors import EqsimError

logger = logging.getLogger(__name__)

_KNOWN = ("runtime", "cpp_standalone", "cuda_standalone", "genn")


class Device:
    """What ``device`` offers Brian2 scripts: ``build``, ``reinit``, ``activate``."""

    def __init__(self, name="runtime", build_on_run=True):
        self.name = name
        self.build_on_run = build_on_run
        self.build_options = {}  # Brian2's: only 'profile' has a meaning here

    def build(self, **kwargs):
        """Nothing to do: every ``run()`` already compiled and ran its network."""
        logger.info("device.build(): the runs already happened at run() in eqsim")

    def reinit(self):
        """Nothing to reset: networks keep no device state in eqsim."""

    def activate(self, build_on_run=None, **kwargs):
        if build_on_run is not None:
            self.build_on_run = build_on_run

    def __repr__(self):
        return f"<eqsim device '{self.name}' (compiled, runs at run())>"


device = Device()


def set_device(name, build_on_run=True, **kwargs):
    """Accept Brian2's device selection.

    Parameters
    ----------
    name : str
        ``'runtime'``, ``'cpp_standalone'`` (also ``'cuda_standalone'``, ``'genn'``): all run
        the same compiled code here, at ``run()``.
    build_on_run : bool
        Kept for ``device.build_on_run``; runs happen at ``run()`` either way.
    **kwargs
        Brian2's device options (``directory=``, ``debug=`` ...), which have no effect here.
    """
    name = getattr(name, "name", name)
    if name not in _KNOWN:
        raise EqsimError(f"unknown device '{name}'", hint=f"Brian2 devices: {', '.join(_KNOWN)}")
    if name != "runtime":
        logger.info("set_device('%s'): eqsim compiles every network and runs it at run(); "
                    "device.build() has nothing left to do", name)
    device.name, device.build_on_run = name, build_on_run
    return device


def get_device():
    return device


def reset_device(device=None):
    set_device("runtime")
