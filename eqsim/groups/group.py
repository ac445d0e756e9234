"""Group: the common base of everything with named per-element state."""
import numpy as np
import sympy

from ..ir.calls import called_functions
from ..core.base import EqsimObject
from ..core.namespace import resolve_external, user_namespace
from ..core.state_check import check_event_space, check_like
from ..ir.variables import ArrayVariable, ConstantVariable, IndexVariable, LinkedVariable
from ..units import DIMENSIONLESS, second
from .aligned_arrays import aligned_zeros
from .linked import LinkTarget, link_variable, is_linked
from .values import element_values, storage_of
from .variable_view import VariableView
from .partition import process_slice
from .state_access import (ReadOnlyVariableError, StateAccess, StateError,  # noqa: F401
                           UnknownVariableError)  # (StateError: its home)


class Group(StateAccess, EqsimObject):
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
        var = ArrayVariable(name, self.name, dim, array=aligned_zeros(size, dtype),
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
        raw = name.endswith("_") and (name[:-1] in self.variables or
                                      name[:-1] in self._subexpressions)
        base = name[:-1] if raw else name
        if isinstance(self.variables.get(base), (ArrayVariable, LinkedVariable)):
            return VariableView(self, base, raw=raw)  # G.v_[:] = 3 writes, as G.v[:] = 3*mV
        if base in self._subexpressions:  # its external names: those where it is read
            return VariableView(self, base, raw=raw, namespace=user_namespace())
        if base == "i" and not raw:  # G.i['v > 0'], as Brian2's view
            return VariableView(self, base)
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
                reference = self._reference_to_set(name)
                if reference is not None:  # Synapses: S.v_post = ..., a neuron's variable
                    self.set_values(reference[0], value, slice(None), level=1,
                                    raw=reference[1])
                    return
                if name in ("t", "dt", "t_in_timesteps"):  # the clock's, read here only
                    raise ReadOnlyVariableError(f"'{name}' of '{self.name}' is read-only",
                                                hint="set the clock's dt instead")
                raise UnknownVariableError(f"'{self.name}' has no variable '{name}'",
                                           hint=f"its variables are {self.state_names()}")
        object.__setattr__(self, name, value)

    def add_attribute(self, name):
        """Allow ``G.name = value`` for a new attribute ``name`` (Brian2's
        ``Group.add_attribute``): without it, setting an unknown name is refused, since it
        is most often a misspelt variable.

        Raises
        ------
        AttributeError
            If ``name`` is a variable or an attribute of the group already.
        """
        if name in self.variables or name in self._subexpressions:
            raise UnknownVariableError(f"cannot add an attribute '{name}': it is a variable "
                                       f"of '{self.name}' already", obj=self.name)
        if name in self.__dict__ or hasattr(type(self), name):
            raise UnknownVariableError(f"cannot add an attribute '{name}': it is an "
                                       f"attribute of '{self.name}' already", obj=self.name)
        object.__setattr__(self, name, None)

    def _reference_to_set(self, name):
        """``(name, raw)`` when ``G.<name> = value`` sets another object's variable
        through this one (Synapses: ``S.v_post``), else None."""
        return None

    def state_names(self):
        return sorted(n for n, v in self.variables.items()
                      if not n.startswith("_") and (isinstance(v, ArrayVariable) or
                                                    is_linked(v)))

    # --- names in model strings -----------------------------------------------------------
    def substitute_subexpressions(self, expr):
        """Replace subexpression names by their definitions (recursively)."""
        for _ in range(len(self._subexpressions) + 1):
            names = {s.name for s in expr.free_symbols} & set(self._subexpressions)
            if not names:
                return expr
            expr = expr.xreplace({sympy.Symbol(n, real=True): self.subexpression(n)
                                  for n in names})
        return expr

    def subexpression(self, name):
        """The definition of subexpression ``name`` in this (sub)group's code: a
        subgroup's code names its own ``i`` and ``N``, but a subexpression is the
        parent's, where ``i`` is the parent's index and ``N`` its size (Brian2: ``I = x +
        10*i`` read through ``G[2:4]`` is 22 and 33)."""
        definition = self._subexpressions[name][0]
        return owner_terms(definition, sympy.Symbol("i", real=True) + self._first,
                           self._owner.global_size()) if self._owner is not self else definition

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
                                              model_names=self._own_names,
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
            if name == "N" and self._owner is not self:  # a subgroup's own size (Brian2)
                out[name] = ConstantVariable("N", self.name, DIMENSIONLESS,
                                             value=self.global_size(), is_integer=True)
                continue
            var = self.variables.get(name)
            if var is not None:
                if isinstance(var, LinkedVariable):
                    var.storage()  # a clear error when the link is not set
                out[name] = var
                continue
            value, dim = resolve_external(name, getattr(self, "namespace", None), run_namespace,
                                              model_names=self._own_names,
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


def owner_terms(definition, index, size):
    """``definition`` (a subexpression of a group) with its ``i`` replaced by ``index``
    and its ``N`` by ``size``: what they are for the group that defines it."""
    names = {s.name: s for s in definition.free_symbols}
    replacements = {}
    if "i" in names:
        replacements[names["i"]] = index
    if "N" in names:
        replacements[names["N"]] = sympy.Integer(size)
    return definition.xreplace(replacements) if replacements else definition
