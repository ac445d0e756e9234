"""``G.v``: a live view on a group's variable, with units, that can be indexed and assigned."""

import numpy as np

from ..core.namespace import caller_namespace
from ..units import DIMENSIONLESS
from ..units.unit_class import get_unit


class VariableView:
    """What ``G.v`` returns: reads give quantities, item assignment writes through.

    ``G.v[:5] = -70*mV``, ``G.v['i > 2'] = 'rand()*mV'``, ``G.v[0]``, ``np.mean(G.v)``,
    ``G.v / mV`` all work as for a quantity array. A subexpression (``G.I``) is a view
    too, read-only: its external names resolve where ``G.I`` was read (``G.I[...]``:
    where it is indexed), as in Brian2.
    """

    __array_priority__ = 100

    def __init__(self, group, name, raw=False, namespace=None):
        self._group = group
        self._name = name
        self._raw = raw  # G.v_: plain numbers in SI units, read and written
        self._namespace = namespace  # of a subexpression: where G.I was read

    @property
    def variable(self):
        """The variable viewed (None for a subexpression)."""
        return self._group.variables.get(self._name)

    def values(self):
        """Current values: a Quantity (or a plain array for dimensionless variables, and
        for ``G.v_``)."""
        values = self._group.get_values(self._name, namespace=self._namespace)
        return np.asarray(values) if self._raw else values

    def _run_arg(self, value):
        """For ``device.run(run_args={G.v: values})``: ``(apply, undo)``; the values are
        checked when applied (the network's recorded start state is the undo)."""
        return (lambda: self._group.set_values(self._name, value, slice(None), level=1)), None

    def __getitem__(self, item):
        if isinstance(item, tuple) and any(x is None or x is Ellipsis for x in item):
            return self.values()[item]  # NumPy-style reshaping (matplotlib does x[:, None])
        # names (of a condition, of a subexpression) resolve where the view is indexed
        namespace = caller_namespace(0) if isinstance(item, str) or \
            self._name in getattr(self._group, "_subexpressions", ()) else None
        values = self._group.get_values(self._name, item, namespace=namespace)
        return np.asarray(values) if self._raw else values

    def __setitem__(self, item, value):
        self._group.set_values(self._name, value, item, level=1, raw=self._raw)

    def __array__(self, dtype=None, copy=None):
        values = self.values()
        if dtype is None and isinstance(values, np.ndarray):
            # a Quantity stays one for np.asanyarray (numpy.testing compares with it), as
            # Brian2's view; np.asarray still makes it a plain array
            return values
        arr = np.asarray(values)
        return arr.astype(dtype) if dtype is not None else arr

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        inputs = tuple(i.values() if isinstance(i, VariableView) else i for i in inputs)
        return getattr(ufunc, method)(*inputs, **kwargs)

    def __array_function__(self, func, types, args, kwargs):
        # views anywhere in the arguments (np.lexsort((M.i, steps))) become their values
        return func(*_values_in(args), **{k: _values_in(v) for k, v in kwargs.items()})

    def __len__(self):
        return len(self.values())

    def __iter__(self):
        return iter(self.values())

    def __repr__(self):
        return f"<{self._group.name}.{self._name}{'_' if self._raw else ''}: {self.values()!r}>"

    def __str__(self):
        return str(self.values())

    def __float__(self):
        return float(self.values())

    def __getattr__(self, item):
        if item.startswith("_"):  # NumPy's and the view's own, not the values'
            raise AttributeError(item)
        return getattr(self.values(), item)

    @property
    def dim(self):
        """The variable's dimension (dimensionless for ``G.v_``)."""
        if self._raw:
            return DIMENSIONLESS
        subexpression = getattr(self._group, "_subexpressions", {}).get(self._name)
        return subexpression[1] if subexpression is not None else \
            getattr(self.variable, "dim", DIMENSIONLESS)

    @property
    def unit(self):
        """The variable's unscaled unit (``volt``, not ``mV``; ``Unit(1)`` when
        dimensionless and for ``G.v_``), as Brian2's ``VariableView.unit``."""
        return get_unit(self.dim)


def _values_in(item):
    """``item`` with every view in it, also inside tuples and lists, replaced by its
    values."""
    if isinstance(item, VariableView):
        return item.values()
    if isinstance(item, (tuple, list)):
        return type(item)(_values_in(x) for x in item)
    return item


def _delegate(name):
    def method(self, *args):
        args = tuple(a.values() if isinstance(a, VariableView) else a for a in args)
        return getattr(self.values(), f"__{name.strip('_')}__")(*args)
    method.__name__ = f"__{name.strip('_')}__"
    return method


for _name in ("add", "radd", "sub", "rsub", "mul", "rmul", "truediv", "rtruediv", "floordiv",
              "rfloordiv", "mod", "pow", "rpow", "neg", "pos", "abs", "lt", "le", "gt", "ge",
              "eq", "ne", "matmul"):
    setattr(VariableView, f"__{_name}__", _delegate(_name))
# hashable as Brian2's (by group and name) so that ``{G.tau: 10*ms}`` can be a dict key
# (device.run(run_args=...)); == compares values, as for arrays
VariableView.__hash__ = lambda self: hash((self._group.name, self._name, self._raw))
