"""What monitors give for their one-dimensional records (``M.t``, ``spikes.i``,
``spikes.t``, ``spikes.v``, ``rate.rate`` and the ``_`` forms): read-only views that
act as the recorded array and, as Brian2's, can be indexed with a condition on the
record (``spikes.t['i == 1']``, ``spikes.i['t > 1.5*ms']``, ``rate.rate['t > 1*ms']``);
and the monitors' ``get_states`` (:mod:`eqsim.core.state_dicts`): every record, read-only.
"""
import numpy as np

from ..core.namespace import caller_namespace, resolve_external
from ..errors import EqsimError
from ..core.state_dicts import ReadOnlyStateError, StateDicts
from ..groups.expression_eval import evaluate_parsed
from ..groups.variable_view import VariableView
from ..ir.calls import called_functions
from ..parsing.expressions import parse_expression
from ..units import DIMENSIONLESS, Quantity


class RecordedView(VariableView):
    """``M.t``, ``spikes.i`` ...: the record, as a quantity (or plain array) that can also
    be indexed with a condition string on the monitor's columns of the same length
    (a SpikeMonitor's ``i``, ``t`` and recorded variables; a StateMonitor's ``t``; a
    PopulationRateMonitor's ``t`` and ``rate``)."""

    @property
    def variable(self):
        return None

    @property
    def dim(self):
        """The record's dimension (dimensionless for ``M.t_``)."""
        return DIMENSIONLESS if self._raw else self._group._dimension(self._name)

    def values(self):
        """The whole record: a quantity, or for ``M.t_`` the record itself (read-only;
        of a recording to file, read lazily from it)."""
        return self._group.get_values(self._name, raw=self._raw)

    def __getitem__(self, item):
        if isinstance(item, tuple) and any(x is None or x is Ellipsis for x in item):
            return self.values()[item]
        return self._group.get_values(self._name, item, raw=self._raw,
                                      namespace=caller_namespace(0) if isinstance(item, str)
                                      else None)

    def __setitem__(self, item, value):
        raise ReadOnlyStateError(f"'{self._name}' of '{self._group.name}' is a record and "
                                 "cannot be written", obj=self._group.name,
                                 hint=f"copy it first: values = {self._group.name}."
                                      f"{self._name}[:]")


class MonitorAttributeError(EqsimError, AttributeError):
    """``M.add_attribute(name)`` for a name the monitor has already (Brian2 raises
    AttributeError; this is one too)."""
    default_code = "EQ279"


class RecordedColumns(StateDicts):
    """Views, string indexing and ``get_states`` of a monitor (a mixin). The monitor gives
    ``_column(name)`` (a record, plain numbers in SI units), ``_dimension(name)``,
    ``_condition_names()`` (the records a condition can use, all of one length) and
    ``_recorded_state_names()`` (what ``get_states`` lists)."""

    def _view(self, name, raw=False):
        return RecordedView(self, name, raw=raw)

    def add_attribute(self, name):
        """Declare a new attribute ``name`` of the monitor (Brian2's ``add_attribute``,
        which its monitors have as groups), e.g. to keep a run's wall time with its record.

        Raises
        ------
        MonitorAttributeError
            If ``name`` is a record or an attribute of the monitor already.
        """
        if hasattr(self, name):
            raise MonitorAttributeError(
                f"cannot add an attribute '{name}': it is a record or an attribute of "
                f"'{self.name}' already", obj=self.name,
                hint="pick another name; the monitor's records keep theirs")
        object.__setattr__(self, name, None)

    def get_values(self, name, item=slice(None), namespace=None, raw=False):
        """The record ``name`` at ``item``: an index, slice, index array, mask, or a
        condition string whose external names resolve in ``namespace`` (default: the
        caller's caller, where ``M.t[...]`` is written); ``raw``: plain numbers."""
        values = self._column(name)
        if isinstance(item, str):
            if namespace is None:
                namespace = caller_namespace(1)
            item = self._condition_mask(item, namespace)
        values = values[item]
        return values if raw else with_dimension(values, self._dimension(name))

    def _condition_mask(self, text, namespace):
        """Which rows of the record satisfy the condition ``text``."""
        columns = {name: self._column(name) for name in self._condition_names()}
        expr = parse_expression(text, obj=self.name)
        values = {}
        for name in {s.name for s in expr.free_symbols} | called_functions([expr]):
            if name in columns:
                values[name] = (np.asarray(columns[name]), self._dimension(name))
            else:
                values[name] = resolve_external(name, None, namespace, obj=self.name,
                                                model_names=list(columns))
        rows = np.arange(len(next(iter(columns.values()))) if columns else 0)
        mask = evaluate_parsed(expr, values, rows, obj=self.name, text=text,
                               expected_dim=DIMENSIONLESS, what="condition")
        return np.broadcast_to(np.asarray(mask, dtype=bool), rows.shape)

    # --- get_states: every record, read-only (Brian2) ---------------------------------------
    def _state_entries(self, subexpressions):
        return [(name, True) for name in self._recorded_state_names()]

    def _state_names(self):
        return set(self._recorded_state_names())

    def _state_value(self, name, namespace):
        """The record ``name``; a StateMonitor's values as Brian2 stores them, one row per
        recording time (``M.v`` has one row per element)."""
        value = getattr(self, name)
        if isinstance(value, VariableView):
            return value[:]
        return value.T if np.ndim(value) == 2 else value


def with_dimension(values, dim):
    """``values`` as a quantity of dimension ``dim`` (as they are when dimensionless)."""
    return values if dim.is_dimensionless else Quantity(values, dim=dim)
