"""Reading and writing a group's state: ``G.v``, ``G.v[item] = value``, the names and
values ``get_states`` and ``set_states`` (:mod:`eqsim.core.state_dicts`) use, with
Brian2's rules (units, strings evaluated in the caller's namespace, integer checks,
refractory-aware string assignments, collective reads under ``mpiexec``)."""
import numpy as np

from ..core.namespace import caller_namespace
from ..core.state_dicts import StateDicts
from .shared_subexpressions import is_shared_subexpression
from ..errors import EqsimError, DimensionMismatchError, SharedIndexError
from ..ir.scalar import check_shared_value
from ..ir.variables import ArrayVariable, IndexVariable, LinkedVariable, check_index_values
from ..parsing.expressions import parse_expression
from ..units import Quantity, DIMENSIONLESS, get_dimensions
from ..units.display_names import symbol_text
from .element_index import as_index
from .expression_eval import evaluate
from .indices import GroupIndices
from .values import as_values, element_values, plain_sequence, storage_indices, storage_of
from .variable_view import VariableView
from .zero_values import zero_list_hint, zero_of_any_dimension


class StateError(EqsimError):
    """Reading or writing a group's state in a way that cannot work."""
    default_code = "EQ800"


class ReadOnlyVariableError(StateError, TypeError):
    """``G.N = 20``, ``G.i = ...``, ``G.I = ...`` (a subexpression), ``G.t = ...``: a name
    that is computed or read-only. Brian2 raises TypeError; this is one too."""
    default_code = "EQ266"


class UnknownVariableError(StateError, AttributeError):
    """``G.unknown = 42`` for a name that is neither a variable of the group nor an
    attribute: Brian2 raises AttributeError (a typo must not create a new attribute)."""
    default_code = "EQ267"


class ValueCountError(StateError, ValueError):
    """Values that do not fit the elements they are set into (3 values for 4 elements, an
    array of the wrong shape) or NaN/out-of-range values for an integer variable. Brian2
    raises ValueError; this is one too."""
    default_code = "EQ268"


def _checked_integers(values, var, name, obj):
    """``values`` for integer variable ``name``, refused when one has no integer
    value in its type (NaN, infinite, beyond the bounds); fractions truncate towards zero
    as in NumPy and Brian2."""
    values = np.asarray(values, dtype=np.float64)
    info = np.iinfo(var.array.dtype)
    bad = ~((values > info.min - 1.0) & (values < info.max + 1.0))  # NaN is bad too
    if bad.any():
        raise ValueCountError(f"cannot set integer variable '{name}' to "
                              f"{float(values[bad].flat[0])!r}: its values must lie in "
                              f"[{info.min}, {info.max}]", obj=obj,
                              hint=f"'{name}' is stored as {var.array.dtype}; declare it as "
                                   "a float (unit 1) for larger values")
    return np.trunc(values)


class StateAccess(StateDicts):
    """The state access of :class:`~eqsim.groups.group.Group` (a mixin)."""

    # --- get_states / set_states (eqsim.core.state_dicts) ---------------------------------
    def _state_entries(self, subexpressions):
        """``(name, read_only)`` of what ``get_states()`` gives, as Brian2: ``N``, ``i``,
        the clock's ``t``, ``dt`` and ``t_in_timesteps``, the state variables
        (``(constant)`` ones can be set between runs: not read-only), the subexpressions
        when asked for."""
        entries = [(name, True) for name in ("N", "i", "t", "dt", "t_in_timesteps")]
        entries += [(name, bool(self.variables[name].read_only)) for name in self.state_names()]
        if subexpressions:
            entries += [(name, True) for name in sorted(self._subexpressions)]
        return entries

    def _state_names(self):
        return {name for name, _ in self._state_entries(True)}

    def _state_value(self, name, namespace):
        """The value of ``name`` for ``get_states``, with units."""
        if name in ("t", "dt"):
            return getattr(self.clock, name)
        if name == "t_in_timesteps":
            return np.int64(self.clock.step)
        return self.get_values(name, namespace=namespace)

    @property
    def indices(self):
        """``G.indices[...]``: the indices (int32) of the elements an index selects, e.g.
        ``G.indices['v > 10*mV']`` (see :class:`~eqsim.groups.indices.GroupIndices`)."""
        return GroupIndices(self)

    def _indices(self, item, level=1, namespace=None):
        """Absolute indices (in the owner's arrays) for an index expression; a string's
        names resolve in ``namespace`` (default: the frame ``level`` above the caller).
        Of a partitioned group: the elements of ``item`` stored here."""
        return self._selection(item, level + 1, namespace)[0]

    def _selection(self, item, level=1, namespace=None):
        """``(storage positions, kept)``: the elements ``item`` selects that are stored
        here, and which of the selected elements they are (None: all of them)."""
        if isinstance(item, str):
            all_idx = np.arange(self._start, self._stop)
            if namespace is None:
                namespace = caller_namespace(level + 1)
            mask = evaluate(self, item, all_idx, namespace,
                            expected_dim=DIMENSIONLESS, what="condition")
            return all_idx[np.asarray(mask, dtype=bool)], None
        if not self._partitioned:  # (len(S) of synapses split over processes is global)
            return as_index(item, self._stop - self._start) + self._start, None
        selected = as_index(item, len(self))  # indices i, whole group
        first, stop = self._stored_range()
        kept = (selected >= first) & (selected < stop)
        return selected[kept] + self._local_origin, kept

    def _whole(self, values, item):
        """Collective of a partitioned group under ``mpiexec``: the values of every
        process's stored elements of ``item`` (this process's are ``values``) in index
        order; every process must read (see :mod:`eqsim.distributed.state_reads`)."""
        from ..core.context import current_context
        comm = current_context().comm
        if not self._partitioned or comm.size == 1:
            return values
        from ..distributed.state_reads import whole_values
        return whole_values(comm, self, values, item)

    def _is_shared(self, name):
        """Whether ``name`` is a ``(shared)`` variable: one value for all elements (a link
        to a shared variable is one too, once it is set)."""
        if name in self._subexpressions:
            return is_shared_subexpression(self, name)
        var = self.variables.get(name)
        if isinstance(var, LinkedVariable):
            return var.target is not None and var.shared
        return isinstance(var, ArrayVariable) and var.shared

    def _refuse_shared_index(self, name, item, writing):
        """Brian2's rule: a shared variable is read with ``[:]`` only, and written with
        ``[:]`` or ``['True']``; any other index would pick elements it does not have."""
        if isinstance(item, slice) and item == slice(None) or \
                writing and isinstance(item, str) and item == "True" or not self._is_shared(name):
            return
        raise SharedIndexError(
            f"'{name}' of '{self.name}' is shared (one value for all elements) and cannot be "
            f"{'set' if writing else 'read'} with the index {item!r:.60}", obj=self.name,
            hint=f"{'set' if writing else 'read'} it whole: "
                 f"{self.name}.{name}{' = value' if writing else '[:]'}")

    def get_values(self, name, item=slice(None), namespace=None):
        """Values of ``name`` at ``item``. Plain reads touch no frame; the names of a
        subexpression or a string index resolve in ``namespace``, by default the
        caller's (Brian2: the namespace where ``G.x`` is read). Of a group split over
        the processes of an ``mpiexec`` run, a read is a collective: every process reads
        and gets the whole group's values."""
        # a Synapses' `i` is its stored presynaptic index, not the element index
        if name == "i" and isinstance(self.variables.get("i"), IndexVariable):
            if isinstance(item, str):  # G.i['v > 0']: the indices where it holds
                if namespace is None:
                    namespace = caller_namespace(1)
                idx = self._indices(item, namespace=namespace) - self._local_origin
                return self._whole(idx.astype(np.int32), item)
            return np.arange(len(self), dtype=np.int32)[item]  # int32, as Brian2's
        if name == "N":
            return len(self)
        self._refuse_shared_index(name, item, writing=False)
        read = item if isinstance(item, str) or not self._partitioned else slice(None)
        if name in self._subexpressions:
            if namespace is None:
                namespace = caller_namespace(1)
            _, dim = self._subexpressions[name]
            if is_shared_subexpression(self, name):  # one value, as a shared variable
                values = evaluate(self, name, np.arange(self._start, self._start + 1),
                                  namespace)[0]
                return Quantity(values, dim=dim) if not dim.is_dimensionless else values
            idx = self._indices(read, namespace=namespace)
            values = self._whole(evaluate(self, name, idx, namespace), item)
            if isinstance(item, (int, np.integer)) and np.ndim(values):
                values = values[0]
            return Quantity(values, dim=dim) if not dim.is_dimensionless else values
        var = self.variables[name]
        if var.shared:
            values = storage_of(var).array[0]
        else:
            idx = self._indices(read, level=1, namespace=namespace)
            values = self._whole(element_values(var, idx), item)
            if isinstance(item, (int, np.integer)) and np.ndim(values):
                values = values[0]
        if storage_of(var).array.dtype == np.bool_ or var.dim.is_dimensionless:
            return np.asarray(values) if not np.isscalar(values) else values
        return Quantity(values, dim=var.dim)

    def set_values(self, name, value, item=slice(None), level=0, raw=False, namespace=None):
        """Set ``name`` at ``item`` to ``value``. Plain values touch no frame; the names
        of a string value or index resolve in ``namespace``, by default the frame
        ``level`` above the caller's (Brian2: where ``G.x = '...'`` is written)."""
        if name in self._subexpressions or name not in self.variables or \
                not isinstance(self.variables[name], (ArrayVariable, LinkedVariable)):
            raise ReadOnlyVariableError(f"'{name}' of '{self.name}' cannot be assigned",
                                        hint="subexpressions and built-in variables are "
                                             "computed, not set")
        var = self.variables[name]
        if var.read_only:
            raise ReadOnlyVariableError(f"'{name}' of '{self.name}' is read-only")
        self._refuse_shared_index(name, item, writing=True)
        if var.shared:
            idx, kept = np.array([0]), None
        elif self._partitioned:  # of the selected elements, those stored here
            idx, kept = self._selection(item, level=level, namespace=namespace)
        else:
            idx, kept = self._indices(item, level=level, namespace=namespace), None
        # before a range becomes an array; G.v['i>0'] = 0 is code 'v = 0' in Brian2
        any_dim_zero = zero_of_any_dimension(value) and not isinstance(item, str)
        value = plain_sequence(value, name, self.name)
        if isinstance(value, str):
            if var.shared:  # Brian2: one value for all elements
                check_shared_value(name, self.substitute_subexpressions(
                    parse_expression(value, obj=self.name)), self.variables, text=value,
                    obj=self.name)
            if var.conditional_write is not None and not var.shared:
                # Brian2: a string assignment is generated code, so it skips refractory
                # neurons like every other writer (a value assignment does not)
                idx = idx[element_values(var.conditional_write, idx).astype(bool)]
            values = evaluate(self, value, idx if not var.shared else np.arange(self._start, self._start + 1),
                              namespace if namespace is not None else caller_namespace(level),
                              expected_dim=None if raw else var.dim,  # G.v_ = '...': SI
                              what=f"value for '{name}'")
        else:
            if isinstance(value, VariableView):
                value = value.values()
            if not raw:
                found = get_dimensions(value)
                if found != var.dim and not any_dim_zero:
                    raise DimensionMismatchError(
                        f"cannot set '{name}' (dimension {symbol_text(var.dim)}) of "
                        f"'{self.name}' to a value with "
                        f"dimension {found}", found, var.dim, obj=self.name,
                        hint=zero_list_hint(value, var.dim, item))
            values = as_values(value, storage_of(var).dtype == np.bool_, name, self.name)
            if kept is not None and np.ndim(values) == 1 and values.size == kept.size:
                values = values[kept]  # one per selected element: those stored here
        storage = storage_of(var)
        if storage.array.dtype.kind in "iu":
            values = _checked_integers(values, storage, name, self.name)
            check_index_values(storage, values)
        if var.shared:
            if np.size(values) != 1:  # Brian2: ValueError; [3, 1] must not become 3
                raise ValueCountError(f"cannot set {np.size(values)} values into the shared "
                                      f"'{name}' of '{self.name}'",
                                      hint="give one value: it is one for all elements")
            storage.array[0] = np.asarray(values).reshape(-1)[0]
        else:
            if np.ndim(values) > 1:  # NumPy would broadcast [[1, 2]] into two elements
                raise ValueCountError(f"cannot set '{name}' of '{self.name}' to an array of "
                                      f"shape {np.shape(values)}", obj=self.name,
                                      hint="give one value, or a flat sequence with one per "
                                           "element")
            try:
                storage.array[storage_indices(var, idx)] = values
            except ValueError:
                raise ValueCountError(f"cannot set {np.size(values)} values into {idx.size} "
                                      f"elements of '{name}' of '{self.name}'",
                                      hint="give one value, or one per element") from None
