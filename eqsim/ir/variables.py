"""Variable descriptors: what a name in generated code refers to."""
from dataclasses import dataclass

import numpy as np


@dataclass(eq=False)
class Variable:
    """Base of every named value an operation can use.

    ``name`` is the user's name (``v``); ``owner`` the object it belongs to
    (a group name); ``dim`` its physical dimension.
    """
    name: str
    owner: str
    dim: object

    @property
    def c_name(self):
        """Unique name of the storage in a generated module."""
        return f"{self.owner}_{self.name}"


@dataclass(eq=False)
class ArrayVariable(Variable):
    """A NumPy array read or written by kernels, one value per element of the owner
    (or a single value for ``shared`` variables, ``size == 1``).

    The array is never replaced during a run, only written in place, so compiled
    modules can hold its address.
    """
    array: np.ndarray = None
    read_only: bool = False
    shared: bool = False
    constant: bool = False
    unless_refractory: bool = False
    # the not_refractory flags that gate writes to this variable (set by a NeuronGroup with
    # a refractory period for its '(unless refractory)' variables), or None
    conditional_write: object = None
    var_type: str = "float"  # 'float', 'integer', 'boolean'
    dynamic: bool = False  # size changes between runs (synapses, monitors)
    # an integer variable that indexes a linked variable: its values must stay below this
    link_bound: int = None

    @property
    def dtype(self):
        return self.array.dtype


@dataclass(eq=False)
class ConstantVariable(Variable):
    """A scalar known at run start: an external constant from the namespace, a
    group size, ``dt``. Passed to compiled code as a value, not compiled in, so
    changing it does not trigger a rebuild."""
    value: float = 0.0
    is_integer: bool = False


@dataclass(eq=False)
class IndexVariable(Variable):
    """The element index ``i`` (or synaptic ``i``/``j`` through an index array)."""
    pass


@dataclass(eq=False)
class LinkedVariable(Variable):
    """A ``(linked)`` variable: element k of the owner reads and writes element
    ``index[k] + offset`` (``k + offset`` without an index) of ``target``, another
    group's variable (Brian2's ``linked_var``).

    ``target`` is an ArrayVariable or another LinkedVariable (a link to a linked
    variable); None until the link is set. ``offset`` is the start of the linked
    (sub)group in the target's arrays. ``to_one``: every element reads element 0 (a
    target of one element, Brian2's index ``'0'``; no index array, so the owner may grow,
    as Synapses do).
    """
    target: Variable = None
    index: ArrayVariable = None
    offset: int = 0
    to_one: bool = False

    def __post_init__(self):
        self._flag = None

    def storage(self):
        """The ArrayVariable holding the values (following links to linked variables)."""
        var = self
        while isinstance(var, LinkedVariable):
            if var.target is None:
                from ..errors import LinkTypeError
                raise LinkTypeError(f"the link target of the (linked) variable '{var.name}' has "
                                    "not been set", code="EQ153", obj=var.owner,
                                    hint=f"link it before use: {var.owner}.{var.name} = "
                                    f"linked_var(other_group, '{var.name}')")
            var = var.target
        return var

    def map_indices(self, indices):
        """Indices into the storage's array of the owner's elements ``indices`` (NumPy)."""
        var = self
        while isinstance(var, LinkedVariable):
            var.storage()
            if var.shared:
                return np.zeros_like(indices)
            if var.to_one:
                indices = np.zeros_like(indices)
            elif var.index is not None:
                check_index_values(var.index, var.index.array)
                indices = var.index.array[indices]
            indices = indices + var.offset
            var = var.target
        return indices

    def index_text(self, text, array_name):
        """C/NumPy text of the storage index for the owner's element ``text``;
        ``array_name(var)`` names an index array in generated code."""
        var = self
        while isinstance(var, LinkedVariable):
            var.storage()
            if var.shared:
                return "0"
            if var.to_one:
                text = "0"
            elif var.index is not None:
                check_index_values(var.index, var.index.array)
                text = f"{array_name(var.index)}[{text}]"
            if var.offset:
                text = f"({text} + {var.offset})"
            var = var.target
        return text

    def write_rounds(self, size, cache=None):
        """An array over the owner's elements ``0..size-1`` in which elements that write
        the same stored element have the same value (kernels that write through the link
        act on them one after another), or None when no two elements share one."""
        links = list(_links(self))
        if not any(link.index is not None or link.to_one for link in links):
            return None
        if links[0].index is not None and all(link.index is None and not link.to_one
                                              for link in links[1:]):
            return links[0].index  # live: follows an index variable changed between runs
        values = self.map_indices(np.arange(size))
        # one object: kernels of a module share it (kept in the caller's ``cache``, the
        # simulation context's cache for this variable)
        rounds = cache.get("rounds") if cache is not None else None
        if rounds is None or rounds.array.shape != values.shape:
            rounds = ArrayVariable(f"_{self.name}_link_rounds", self.owner, self.dim,
                                   array=values)
            if cache is not None:
                cache["rounds"] = rounds
        rounds.array[:] = values
        return rounds

    def arrays(self):
        """Every array that reading this variable touches (index arrays and storage)."""
        out, var = [], self
        while isinstance(var, LinkedVariable):
            if var.index is not None:
                out.append(var.index)
            var = var.target
        return out + ([var] if var is not None else [])

    # a link to the one element of a group (to_one) is one value for all, as Brian2's
    # index '0': read whole (G.x[:] is a number) and not written per element
    shared = property(lambda self: self.to_one or self.storage().shared)
    read_only = property(lambda self: self.storage().read_only)
    constant = property(lambda self: self.storage().constant)
    var_type = property(lambda self: self.storage().var_type)
    dynamic = False
    unless_refractory = False  # the target's flag applies through conditional_write

    @property
    def conditional_write(self):
        """The storage's not_refractory flag, reached through the same link (one object,
        so that a kernel loads it once)."""
        flag = self.storage().conditional_write
        if flag is None:
            return None
        if self._flag is None or self._flag.storage() is not flag:
            self._flag = LinkedVariable(f"_{self.name}_not_refractory", self.owner, flag.dim,
                                        target=self._flag_target(flag), index=self.index,
                                        offset=self.offset, to_one=self.to_one)
        return self._flag

    def _flag_target(self, flag):
        return flag if not isinstance(self.target, LinkedVariable) \
            else self.target.conditional_write


def _links(var):
    while isinstance(var, LinkedVariable):
        yield var
        var = var.target


def check_index_values(var, values):
    """Values for an integer variable that indexes a link (``link_bound`` set) stay in
    range: kernels read the link's target array at those indices."""
    bound = getattr(var, "link_bound", None)
    values = np.asarray(values)
    if bound is not None and values.size and (values.min() < 0 or values.max() >= bound):
        from ..errors import LinkError
        raise LinkError(f"'{var.name}' indexes a linked variable, so its values must lie in "
                        f"[0, {bound}[, got values from {values.min()} to {values.max()}",
                        code="EQ155", obj=var.owner, hint=f"the link target has {bound} elements")
