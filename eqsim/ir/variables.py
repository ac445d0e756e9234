"""Variable descriptors: what a name in generated code refers to."""
from dataclasses import dataclass

import numpy as np

#: C type of each NumPy dtype that kernels read or write
C_TYPES = {
    np.dtype(np.float64): "double",
    np.dtype(np.float32): "float",
    np.dtype(np.int32): "int32_t",
    np.dtype(np.int64): "int64_t",
    np.dtype(np.bool_): "char",
    np.dtype(np.uint64): "uint64_t",
}


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

    @property
    def dtype(self):
        return self.array.dtype

    @property
    def c_type(self):
        return C_TYPES[self.array.dtype]


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
