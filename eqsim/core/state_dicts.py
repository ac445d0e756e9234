"""``get_states`` and ``set_states`` of every object with state variables (groups,
synapses, monitors), in Brian2's ``'dict'`` format: which names an object offers, copies
of their values with or without units, and checked writes.

An object takes part by giving ``_state_entries(subexpressions)``, its names in order as
``(name, read_only)`` pairs (``read_only``: ``set_states`` refuses it; subexpressions
only when asked for), ``_state_names()``, every name ``get_states`` can read, and
``_state_value(name, namespace)``, the current value of one with units.
"""
import numpy as np

from ..errors import EqsimError
from .namespace import caller_namespace


class StateNameError(EqsimError, KeyError):
    """``get_states`` or ``set_states`` names a variable the object does not have (a
    ``KeyError``, as in Brian2)."""
    default_code = "EQ214"

    def __str__(self):  # KeyError would show the message quoted
        return EqsimError.__str__(self)


class ReadOnlyStateError(EqsimError, TypeError):
    """``set_states`` of a variable that cannot be set: ``N``, ``i``, the time, a
    subexpression, what a monitor recorded (a ``TypeError``, as in Brian2)."""
    default_code = "EQ215"


class StateFormatError(EqsimError, NotImplementedError):
    """``get_states``/``set_states`` in a format other than ``'dict'`` (a
    ``NotImplementedError``, as in Brian2 for an unknown format)."""
    default_code = "EQ216"


def _check_format(obj, format, what):
    if format != "dict":
        raise StateFormatError(f"{what} format {format!r:.40} is not supported", obj=obj.name,
                               hint="use format='dict' (a pandas DataFrame can be made from "
                                    "the dict: pandas.DataFrame(G.get_states(units=False)))")


def export_states(obj, vars, units, format, subexpressions, read_only_variables, namespace):
    """``obj.get_states(...)``: ``{name: copy of its values}``, arrays (0-d for one
    value) with units, or plain arrays in SI base units with ``units=False``."""
    _check_format(obj, format, "get_states")
    if vars is None:
        vars = [name for name, read_only in obj._state_entries(subexpressions)
                if read_only_variables or not read_only]
    else:
        vars = [vars] if isinstance(vars, str) else list(vars)
        known = obj._state_names()
        for name in vars:
            if name not in known:
                raise StateNameError(f"'{obj.name}' has no variable {name!r:.60}",
                                     obj=obj.name, hint=f"variables: {sorted(known)}")
    out = {}
    for name in vars:
        value = obj._state_value(name, namespace)
        if not units:
            value = np.asarray(value)  # a quantity's SI values
        out[name] = np.array(value, copy=True, subok=True)
    return out


def import_states(obj, values, units, format, level):
    """``obj.set_states(values, ...)``: every name is checked before any is set."""
    _check_format(obj, format, "set_states")
    known = obj._state_names()
    writable = {name for name, read_only in obj._state_entries(False) if not read_only}
    for name in values:
        if name not in known:
            raise StateNameError(f"'{obj.name}' has no variable {name!r:.60}", obj=obj.name,
                                 hint=f"variables: {sorted(known)}")
        if name not in writable:
            raise ReadOnlyStateError(f"'{name}' of '{obj.name}' is read-only", obj=obj.name,
                                     hint=f"set_states can set {sorted(writable)}; "
                                          "get_states(read_only_variables=False) gives those")
    for name, value in values.items():  # as G.x[:] = ...: a linked variable writes through
        obj.set_values(name, value, slice(None), level=level + 1, raw=not units)


class StateDicts:
    """``get_states`` and ``set_states`` for an object giving the three methods above
    (a mixin)."""

    def get_states(self, vars=None, units=True, format="dict", subexpressions=False,
                   read_only_variables=True, level=0):
        """Copies of several variables at once, as Brian2's ``get_states``.

        Parameters
        ----------
        vars : str or list of str, optional
            Names to read (default: every variable, as Brian2: ``N``, ``i``, the clock's
            ``t``, ``dt`` and ``t_in_timesteps`` and each state variable; for a monitor
            what it recorded).
        units : bool
            Values as quantities (True) or as plain arrays in SI base units (False).
        format : {'dict'}
            A dict ``{name: values}``; each value is an array (0-d for one value, e.g.
            ``N``, ``t`` or a shared variable).
        subexpressions : bool
            Also evaluate the subexpressions when ``vars`` is not given.
        read_only_variables : bool
            Include ``N``, ``i``, the time and other read-only variables when ``vars``
            is not given; ``False`` gives what :meth:`set_states` accepts
            (``(constant)`` variables can be set between runs: they are included).
        level : int
            Frames above the caller whose names the subexpressions use.

        Returns
        -------
        dict
        """
        return export_states(self, vars, units, format, subexpressions, read_only_variables,
                             caller_namespace(level))

    def set_states(self, values, units=True, format="dict", level=0):
        """Set several variables at once from ``{name: values}`` (Brian2's
        ``set_states``); nothing is set when a name is unknown or read-only.

        Parameters
        ----------
        values : dict
            ``{name: values}``; values as for ``G.x = ...`` (a quantity in the variable's
            unit, a string expression, one value per element or one for all).
        units : bool
            ``False``: the values are plain numbers in SI base units (volt, second ...).
        format : {'dict'}
        level : int
            Frames above the caller whose names string values use.
        """
        import_states(self, values, units, format, level + 1)
