"""Group: the common base of everything with named per-element state."""
import numpy as np
import sympy

from ..ir.calls import called_functions
from ..core.base import EqsimObject
from ..core.namespace import caller_namespace, resolve_external
from ..core.preferences import prefs
from ..core.state_check import check_event_space, check_like
from ..errors import EqsimError, DimensionMismatchError
from ..ir.scalar import check_shared_value
from ..ir.variables import (ArrayVariable, ConstantVariable, IndexVariable, LinkedVariable,
                            check_index_values)
from ..parsing.expressions import parse_expression
from ..units import Quantity, DIMENSIONLESS, get_dimensions, second
from .expression_eval import evaluate
from .linked import LinkTarget, link_variable, is_linked
from .zero_values import zero_list_hint, zero_of_any_dimension
from .values import as_values, element_values, plain_sequence, storage_indices, storage_of
from .variable_view import VariableView
from .partition import process_slice


class StateError(EqsimError):
    """Reading or writing a group's state in a way that cannot work."""
    default_code = "EQ800"


def float_dtype(dtype, name):
    """The floating-point dtype of variable ``name`` from Brian2's ``dtype=`` argument
    (one dtype for all, or a dict by variable name); otherwise
    ``prefs.core.default_float_dtype`` (float64 unless changed)."""
    chosen = dtype.get(name) if isinstance(dtype, dict) else dtype
    if chosen is None:
        return prefs["core.default_float_dtype"]
    try:
        chosen = np.dtype(chosen)
    except (TypeError, ValueError):
        raise StateError(f"dtype {chosen!r:.60} of '{name}' is not a NumPy data type",
                         hint="use float32 or float64") from None
    if chosen not in (np.dtype(np.float32), np.dtype(np.float64)):
        raise StateError(f"dtype {chosen} is not supported for '{name}'",
                         hint="use float32 or float64")
    return chosen.type


def _as_index(item, size):
    """Normalise ``G.v[item]`` indices (int, slice, array, bool mask) to an index array."""
    if isinstance(item, (int, np.integer)):
        if not -size <= item < size:
            raise StateError(f"index {item} is out of range for {size} elements")
        return np.array([item % size])
    arr = np.arange(size)[item]
    return np.atleast_1d(arr)


def _checked_integers(values, var, name, obj):
    """``values`` for integer variable ``name``, refused when one has no integer
    value in its type (NaN, infinite, beyond the bounds); fractions truncate towards zero
    as in NumPy and Brian2."""
    values = np.asarray(values, dtype=np.float64)
    info = np.iinfo(var.array.dtype)
    bad = ~((values > info.min - 1.0) & (values < info.max + 1.0))  # NaN is bad too
    if bad.any():
        raise StateError(f"cannot set integer variable '{name}' to {float(values[bad].flat[0])!r}: "
                         f"its values must lie in [{info.min}, {info.max}]", obj=obj,
                         hint=f"'{name}' is stored as {var.array.dtype}; declare it as a "
                              "float (unit 1) for larger values")
    return np.trunc(values)


class Group(EqsimObject):
    """Base of NeuronGroup and the input groups: owns ArrayVariables and gives
    attribute access to them with units."""

    _start = 0
    #: global index of the owner's storage position 0 and the owner's global size (None:
    #: its length): a group built as one process's part of a distributed network stores
    #: the elements ``_global_start:_global_start + N`` of ``_global_n`` (groups.partition)
    _global_start = 0
    _global_n = None

    def _init_state(self, N, partition=None, split=True):
        """``N`` elements (the whole group's number); a partitioned group (``partition``
        ``(rank, size)``, by default the current context's under ``mpiexec``) stores only
        its process's slice of them (:mod:`eqsim.groups.partition`); with ``split=False``
        (synapses: stored where their target is) all of them."""
        object.__setattr__(self, "variables", {})
        object.__setattr__(self, "_subexpressions", {})
        start, stop, split = process_slice(int(N), partition) if split else (0, int(N), False)
        self.N = int(N)  # the whole group's, as in the user's script
        self._stop = stop - start  # the elements stored here
        if split:
            object.__setattr__(self, "_global_start", start)
            object.__setattr__(self, "_global_n", self.N)
        self.variables["i"] = IndexVariable("i", self.name, DIMENSIONLESS)
        self.variables["N"] = ConstantVariable("N", self.name, DIMENSIONLESS, value=self.N,
                                               is_integer=True)

    @property
    def _first(self):
        """Global index (in the owner's numbering) of this (sub)group's element 0: 0 for
        a group, ``a`` for ``G[a:b]``, whichever process stores it."""
        return 0

    @property
    def _local_origin(self):
        """Storage position of this (sub)group's element 0 (may lie outside the slice
        stored here): ``i`` of storage position ``e`` is ``e - _local_origin``."""
        return self._first - self._owner._global_start

    def _stored_range(self):
        """``(first, stop)``: the indices ``i`` of this (sub)group (0 to ``len - 1``)
        whose elements this process stores."""
        return self._start - self._local_origin, self._stop - self._local_origin

    @property
    def _partitioned(self):
        """Whether the owner stores only a slice of its elements (K > 1 processes)."""
        return self._owner._global_n is not None

    def add_array(self, name, dim, dtype=np.float64, *, shared=False, size=None, **flags):
        size = 1 if shared else (self._stop if size is None else size)
        var = ArrayVariable(name, self.name, dim, array=np.zeros(size, dtype=dtype),
                            shared=shared, **flags)
        self.variables[name] = var
        return var

    def draw_identity(self):
        """What keys the random draws of kernels over this group's elements: None for the
        element's global index (:mod:`eqsim.runtime.streams`); Synapses override it."""
        return None

    def draw_keys(self, indices):
        """The draw index of the elements at ``indices`` (storage positions, in the
        owner): their global index."""
        return indices + self._owner._global_start

    def global_size(self):
        """Number of elements in the whole (distributed) (sub)group, as ``len()``; the
        number stored here is ``_stop - _start``."""
        return len(self)

    # --- reading and writing state --------------------------------------------------------
    @property
    def _owner(self):
        return self

    def __len__(self):
        return self.N

    def __getattr__(self, name):
        if name.startswith("__") or "variables" not in self.__dict__:
            raise AttributeError(name)
        raw = name.endswith("_") and name[:-1] in self.variables
        base = name[:-1] if raw else name
        if isinstance(self.variables.get(base), (ArrayVariable, LinkedVariable)):
            if raw:
                return np.asarray(self.get_values(base))
            return VariableView(self, base)
        if base in self._subexpressions:
            values = self.get_values(base)
            return np.asarray(values) if raw else values
        if base in ("i", "N"):
            return self.get_values(base)
        if name in ("t", "dt", "t_", "dt_"):  # the group's clock, as Brian2's G.t
            return getattr(self.clock, name)
        raise AttributeError(f"'{type(self).__name__}' object '{self.name}' has no attribute "
                             f"'{name}'")

    def __setattr__(self, name, value):
        variables = self.__dict__.get("variables")
        if variables is not None and not name.startswith("_"):
            base = name[:-1] if name.endswith("_") and name[:-1] in variables else name
            if isinstance(variables.get(base), LinkedVariable) or isinstance(value, LinkTarget):
                link_variable(self, base, value)
                return
            if base in variables or base in self._subexpressions:
                self.set_values(base, value, slice(None), level=1, raw=(base != name))
                return
            # attributes the object has already (active, when, order...) stay settable,
            # as in Brian2; a new name is a typo of a variable
            known = name in self.__dict__ or hasattr(type(self), name)
            if self.__dict__.get("_locked") and not known:
                raise StateError(f"'{self.name}' has no variable '{name}'",
                                 hint=f"its variables are {self.state_names()}")
        object.__setattr__(self, name, value)

    def state_names(self):
        return sorted(n for n, v in self.variables.items()
                      if not n.startswith("_") and (isinstance(v, ArrayVariable) or
                                                    is_linked(v)))

    def get_states(self, vars=None, units=True, format="dict", subexpressions=False,
                   read_only_variables=True, level=0):
        """Several variables at once, as Brian2's ``get_states``.

        Parameters
        ----------
        vars : list of str, optional
            Names to read (default: ``N``, ``i`` and every state variable).
        units : bool
            Values as quantities (True) or as plain floats in SI base units.
        format : {'dict'}
            A dict ``{name: values}`` (copies).
        subexpressions : bool
            Also evaluate the subexpressions when ``vars`` is not given.
        read_only_variables : bool
            Include ``N``, ``i`` and other read-only variables when ``vars`` is not given
            (``(constant)`` ones are not read-only: they can be set between runs).
        """
        if format != "dict":
            raise EqsimError(f"get_states format '{format}' is not supported",
                             obj=self.name, hint="use format='dict'")
        if vars is None:
            vars = [n for n in self.state_names()
                    # (constant) variables can be set between runs: not read-only (Brian2)
                    if read_only_variables or not self.variables[n].read_only]
            vars = (["N", "i"] if read_only_variables else []) + vars
            if subexpressions:
                vars += sorted(self._subexpressions)
        out = {}
        known = set(self.state_names()) | set(self._subexpressions) | {"N", "i"}
        for name in vars:
            if name not in known:
                raise StateError(f"'{self.name}' has no variable {name!r:.60}", obj=self.name,
                                 hint=f"variables: {sorted(known)}")
            value = getattr(self, name if units or name in ("N", "i") else name + "_")
            out[name] = value.copy() if hasattr(value, "copy") else value
        return out

    def set_states(self, values, units=True, format="dict", level=0):
        """Set several variables at once from ``{name: values}`` (Brian2's ``set_states``);
        with ``units=False`` the values are plain floats in SI base units."""
        if format != "dict":
            raise EqsimError(f"set_states format '{format}' is not supported",
                             obj=self.name, hint="use format='dict'")
        for name, value in values.items():  # as G.x[:] = ...: a linked variable writes through
            self.set_values(name, value, slice(None), level=level + 1, raw=not units)

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
            return _as_index(item, self._stop - self._start) + self._start, None
        selected = _as_index(item, len(self))  # indices i, whole group
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

    def get_values(self, name, item=slice(None), namespace=None):
        """Values of ``name`` at ``item``. Plain reads touch no frame; the names of a
        subexpression or a string index resolve in ``namespace``, by default the
        caller's (Brian2: the namespace where ``G.x`` is read). Of a group split over
        the processes of an ``mpiexec`` run, a read is a collective: every process reads
        and gets the whole group's values."""
        # a Synapses' `i` is its stored presynaptic index, not the element index
        if name == "i" and isinstance(self.variables.get("i"), IndexVariable):
            return np.arange(len(self))[item]
        if name == "N":
            return len(self)
        read = item if isinstance(item, str) or not self._partitioned else slice(None)
        if name in self._subexpressions:
            if namespace is None:
                namespace = caller_namespace(1)
            idx = self._indices(read, namespace=namespace)
            _, dim = self._subexpressions[name]
            values = self._whole(evaluate(self, name, idx, namespace), item)
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
            raise StateError(f"'{name}' of '{self.name}' cannot be assigned",
                             hint="subexpressions and built-in variables are computed, not set")
        var = self.variables[name]
        if var.read_only:
            raise StateError(f"'{name}' of '{self.name}' is read-only")
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
                              expected_dim=var.dim,
                              what=f"value for '{name}'")
        else:
            if isinstance(value, VariableView):
                value = value.values()
            if not raw:
                found = get_dimensions(value)
                if found != var.dim and not any_dim_zero:
                    raise DimensionMismatchError(
                        f"cannot set '{name}' (dimension {var.dim}) of '{self.name}' to a value with "
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
            storage.array[0] = np.asarray(values).reshape(-1)[0]
        else:
            if np.ndim(values) > 1:  # NumPy would broadcast [[1, 2]] into two elements
                raise StateError(f"cannot set '{name}' of '{self.name}' to an array of shape "
                                 f"{np.shape(values)}", obj=self.name,
                                 hint="give one value, or a flat sequence with one per element")
            try:
                storage.array[storage_indices(var, idx)] = values
            except ValueError:
                raise StateError(f"cannot set {np.size(values)} values into {idx.size} elements of "
                                 f"'{name}' of '{self.name}'",
                                 hint="give one value, or one per element") from None

    # --- names in model strings -----------------------------------------------------------
    def substitute_subexpressions(self, expr):
        """Replace subexpression names by their definitions (recursively)."""
        for _ in range(len(self._subexpressions) + 1):
            names = {s.name for s in expr.free_symbols} & set(self._subexpressions)
            if not names:
                return expr
            expr = expr.xreplace({sympy.Symbol(n, real=True): self._subexpressions[n][0]
                                  for n in names})
        return expr

    def _own_names(self):
        """Names of the group's variables and subexpressions (for "did you mean" hints)."""
        return list(self.variables) + list(self._subexpressions)

    def resolve_for_evaluation(self, names, indices, run_namespace):
        """Values for evaluating an expression over ``indices`` in NumPy: {name: (value, dim)}."""
        out = {}
        for name in names:
            var = self.variables.get(name)
            if isinstance(var, (ArrayVariable, LinkedVariable)):
                value = storage_of(var).array[0] if var.shared else element_values(var, indices)
                out[name] = (value, var.dim)
            elif name == "i":  # the global index
                out[name] = (indices - self._local_origin, DIMENSIONLESS)
            elif name == "N":
                out[name] = (self.global_size(), DIMENSIONLESS)
            elif name == "t":
                out[name] = (self.clock.t_, second.dim)
            elif name == "dt":
                out[name] = (self.clock.dt_, second.dim)
            else:
                value, dim = resolve_external(name, getattr(self, "namespace", None), run_namespace,
                                              model_names=self._own_names(),
                                              obj=self.name)
                out[name] = (value, dim)
        return out

    def resolve_for_kernel(self, names, run_namespace):
        """Variables for an Operation: own arrays, built-ins, externals as constants,
        functions (TimedArrays) by name. The functions called in subexpressions are
        always included: a kernel that reads a subexpression (a monitor) calls them."""
        out = {}
        for name in set(names) | called_functions(e for e, _ in self._subexpressions.values()):
            if name in ("t", "dt"):
                continue
            var = self.variables.get(name)
            if var is not None:
                if isinstance(var, LinkedVariable):
                    var.storage()  # a clear error when the link is not set
                out[name] = var
                continue
            value, dim = resolve_external(name, getattr(self, "namespace", None), run_namespace,
                                              model_names=self._own_names(),
                                          obj=self.name)
            if hasattr(value, "_eqsim_function"):
                out[name] = value._eqsim_function(name)
            else:
                out[name] = ConstantVariable(name, self.name, dim, value=value)
        return out

    def kernel_dimensions(self, variables):
        dims = {name: var.dim for name, var in variables.items()}
        dims.update(t=second.dim, dt=second.dim)
        return dims

    # --- store / restore -------------------------------------------------------------------
    def get_state(self):
        return {name: var.array.copy() for name, var in self.variables.items()
                if isinstance(var, ArrayVariable)}

    def set_state(self, state):
        for name, values in state.items():
            var = self.variables[name]
            if var.array.shape == values.shape:
                var.array[...] = values
            else:
                var.array = values

    def check_state(self, state, shapes=None):
        """Check the arrays of ``state`` (subclasses check what they add to
        ``get_state()`` themselves); ``shapes`` gives the expected shape of arrays whose
        size is not the current one (synapses, spike lists)."""
        template = Group.get_state(self)
        for name, shape in (shapes or {}).items():
            template[name] = np.empty(shape, dtype=template[name].dtype)
        check_like(template, state, self.name)
        for name, values in state.items():  # event spaces hold the indices kernels follow
            if name == "_spikespace" or name.startswith("_eventspace_"):
                check_event_space(values, self.name, name)
