"""Linked variables: ``v : volt (linked)`` in a NeuronGroup's equations and
``G.v = linked_var(H, 'v', index=...)``, Brian2's way for one group to use another
group's variable.

Element k of the linking group reads (and, in its own code, writes) element
``index[k]`` of the linked group, or element k when no index is given. The link is a
:class:`~eqsim.ir.variables.LinkedVariable`; kernels index the other group's array
through it (:mod:`eqsim.codegen.kernel`), Python reads and writes through
:func:`storage_indices`.
"""
import numpy as np
import sympy

from ..core.context import current_context

from ..errors import DimensionMismatchError, LinkError, LinkTargetError, LinkTypeError
from ..ir.variables import ArrayVariable, LinkedVariable
from ..units import DIMENSIONLESS
from ..units.display_names import symbol_text

__all__ = ["linked_var", "LinkTarget"]


class LinkTarget:
    """What :func:`linked_var` returns: a variable to link to, not yet linked.

    Attributes
    ----------
    group : Group
        The group (or subgroup) whose variable is linked to.
    name : str
        The variable's name in ``group``.
    index : str, array of int or None
        The linking group's integer variable, or an array with one element of ``group``
        per element of the linking group; None for element k to element k.
    """

    def __init__(self, group, name, variable, index=None):
        self.group = group
        self.name = name
        self.variable = variable
        self.index = index

    def __repr__(self):
        return f"linked_var({self.group.name}, {self.name!r}, index={self.index!r:.40})"


def linked_var(group_or_variable, name=None, index=None):
    """A link target for a ``(linked)`` variable (Brian2's ``linked_var``).

    Parameters
    ----------
    group_or_variable : NeuronGroup, Subgroup or VariableView
        The group whose variable is linked to (then ``name`` is needed), or the
        variable itself (``H.v``).
    name : str, optional
        The variable's name when a group is given.
    index : str or array of int, optional
        The name of an integer variable of the linking group, or an array of length
        ``N`` of the linking group: element k links to element ``index[k]`` of the
        target group. Without it, both groups must have the same size (or the target
        one element).

    Examples
    --------
    >>> G1 = NeuronGroup(10, 'dv/dt = -v / (10*ms) : volt')
    >>> G2 = NeuronGroup(10, 'v : volt (linked)')
    >>> G2.v = linked_var(G1, 'v')
    >>> G2.v = linked_var(G1.v)  # the same
    """
    from .variable_view import VariableView
    if isinstance(group_or_variable, VariableView):
        if name is not None:
            raise LinkError("linked_var() got a variable and a variable name at the same time",
                            hint="use linked_var(H.v) or linked_var(H, 'v')")
        group, name = group_or_variable._group, group_or_variable._name
    elif name is None:
        raise LinkError("linked_var() needs a variable name when given a group",
                        hint="use linked_var(H, 'v') or linked_var(H.v)")
    else:
        group = group_or_variable
    variables = getattr(group, "variables", None)
    if not isinstance(variables, dict):
        raise LinkError(f"cannot link to {group!r:.60}: it is not a group",
                        hint="link to a NeuronGroup's variable, e.g. linked_var(H, 'v')")
    variable = variables.get(name)
    if variable is None and name in getattr(group, "_subexpressions", {}):
        return LinkTarget(group, name, None, index)  # Brian2 links to subexpressions too
    if variable is None:
        raise LinkError(f"'{group.name}' has no state variable '{name}' to link to",
                        obj=group.name, hint=f"its variables are {group.state_names()}")
    if not isinstance(variable, (ArrayVariable, LinkedVariable)) or name.startswith("_"):
        raise LinkError(f"'{name}' of '{group.name}' is not a state variable and cannot be "
                        "linked to", obj=group.name, hint=f"its variables are "
                                                          f"{group.state_names()}")
    if getattr(variable, "dynamic", False):  # Brian2: NotImplementedError
        raise LinkTargetError(f"cannot link to '{name}' of '{group.name}': only variables of "
                        "fixed size (groups, not synapses or monitors) can be linked to",
                        obj=group.name)
    return LinkTarget(group, name, variable, index)


def add_linked_variable(group, name, dim):
    """The unlinked ``(linked)`` variable ``name`` of ``group``."""
    var = LinkedVariable(name, group.name, dim)
    group.variables[name] = var
    return var


def is_linked(var):
    """Whether ``var`` is a linked variable whose link is set."""
    return isinstance(var, LinkedVariable) and var.target is not None


def link_variable(group, name, value):
    """``group.name = value`` where ``name`` is a ``(linked)`` variable or ``value`` a
    :func:`linked_var`: link ``name`` to ``value``, with Brian2's checks; nothing
    changes on error."""
    var = group.variables.get(name)
    if not isinstance(var, LinkedVariable):
        raise LinkTypeError(f"cannot link variable '{name}' of '{group.name}': it has to be marked "
                            "as a linked variable with '(linked)' in the model equations",
                            code="EQ156", obj=group.name,
                            hint=f"declare it as '{name} : <unit> (linked)'")
    if group._owner is not group:
        raise LinkError(f"cannot link '{name}' through the subgroup '{group.name}'",
                        obj=group.name, hint=f"link the whole group: {group._owner.name}.{name} "
                                             "= linked_var(..., index=...)")
    if not isinstance(value, LinkTarget):
        raise LinkError(f"cannot set the linked variable '{name}' of '{group.name}' directly",
                        obj=group.name, hint=f"link it to another variable with "
                        f"{group.name}.{name} = linked_var(other_group, 'name'), or write "
                        f"the linked values with {group.name}.{name}[:] = ...")
    target = value.variable
    target_dim = value.group._subexpressions[value.name][1] if target is None else target.dim
    if target_dim != var.dim:
        raise DimensionMismatchError(
            f"the unit of the linked variable '{name}' (dimension {symbol_text(var.dim)}) does "
            f"not match its link target '{value.name}' of '{value.group.name}' (dimension "
            f"{symbol_text(target_dim)})",
            var.dim, target_dim, obj=group.name, hint="declare both with the same unit")
    if target is var or (isinstance(target, LinkedVariable) and var in _chain(target)):
        raise LinkError(f"the linked variable '{name}' cannot be linked to itself",
                        obj=group.name)
    size = len(value.group)
    _refuse_remote_link(group, name, value, size)
    index, to_one = None, False
    if value.index is not None:
        index = _index_variable(group, name, value.index, size)
    elif target is None or not target.shared:
        # Brian2's index '0': one value for all elements (synapses, which may grow from
        # one synapse, too: Brian2 reads out of bounds there)
        if size == 1 and (group.N != 1 or getattr(group, "dynamic_size", False)):
            to_one = True
        elif size != group.N:
            raise LinkError(f"cannot link variable '{name}' to '{value.name}' of "
                            f"'{value.group.name}': the size of the target group does not "
                            f"match ({group.N} != {size})", obj=group.name,
                            hint="give an index (linked_var(..., index=...)) to link groups "
                                 "of different sizes")
    _unlink_subexpression(group, name)
    if target is None:
        _link_subexpression(group, name, value, index, to_one)
    else:
        var.target, var.index, var.offset, var.to_one = target, index, value.group._start, to_one


def _refuse_remote_link(group, name, value, size):
    """Under ``mpiexec -n K`` (K > 1) a process stores a slice of each group: a link may
    only join elements stored by the same process, i.e. link a whole group element by
    element to another whole group of the same size (both are split alike)."""
    if current_context().size == 1:
        return
    aligned = (value.index is None and size == group.N and value.group._owner is value.group
               and size > 1)
    if not aligned:
        from ..distributed.unsupported import refuse_with_several_processes
        refuse_with_several_processes(
            f"linking '{name}' of '{group.name}' to '{value.name}' of '{value.group.name}' "
            f"{'with an index' if value.index is not None else 'across group sizes'}",
            group.name, "processes store slices of every group, so only a link of a whole "
                        "group to another of the same size without an index keeps each "
                        "element's link on its process; run this network on one process")


def _link_subexpression(group, name, value, index, to_one):
    """Link ``name`` to a subexpression of another group: ``name`` becomes a subexpression
    of ``group`` whose names of the other group are links (``_name_link_x``) with the same
    index, so every kernel and Python read evaluates it at the linked elements."""
    other = value.group
    expr = other.substitute_subexpressions(other._subexpressions[value.name][0])
    names = {s.name for s in expr.free_symbols}
    if "i" in names:
        raise LinkError(f"cannot link '{name}' to the subexpression '{value.name}' of "
                        f"'{other.name}': it uses the neuron index i", obj=group.name,
                        hint="store the value in a state variable and link to that")
    replacements, links = {}, {}
    for n in sorted(names):
        var = other.variables.get(n)
        if n == "N":
            replacements[sympy.Symbol(n, real=True)] = sympy.Integer(len(other))
        elif isinstance(var, (ArrayVariable, LinkedVariable)):
            link = f"_{name}_link_{n}"
            links[link] = LinkedVariable(link, group.name, var.dim, target=var, index=index,
                                         offset=other._start, to_one=to_one)
            replacements[sympy.Symbol(n, real=True)] = sympy.Symbol(link, real=True)
    group.variables.update(links)
    group._subexpressions[name] = (expr.xreplace(replacements), group.variables[name].dim)


def _unlink_subexpression(group, name):
    if group._subexpressions.pop(name, None) is not None:
        for helper in [n for n in group.variables if n.startswith(f"_{name}_link_")]:
            del group.variables[helper]


def _chain(var):
    while isinstance(var, LinkedVariable):
        yield var
        var = var.target


def _index_variable(group, name, index, size):
    """The index of a link: the group's integer variable named ``index`` (its values are
    checked whenever a kernel is built or Python reads it) or a copy of an array."""
    if isinstance(index, str):
        var = group.variables.get(index)
        if not isinstance(var, ArrayVariable) or index.startswith("_"):
            raise LinkError(f"index variable '{index}' of the linked variable '{name}' not "
                            f"found in '{group.name}'", obj=group.name,
                            hint=f"its variables are {group.state_names()}")
        if var.shared:
            raise LinkError(f"index variable '{index}' should use the default index itself: "
                            "it is shared", obj=group.name, hint="make it per-neuron")
        side = {"i": "source", "j": "target"}.get(index)
        if getattr(group, "dynamic_size", False) and side and \
                getattr(group, side)._owner is not getattr(group, side):  # Brian2: ValueError
            raise LinkError(f"index variable '{index}' should use the default index itself: "
                            f"the synapses' {side} is a subgroup, so '{index}' is counted "
                            "within it", obj=group.name,
                            hint=f"store the index in the whole group in an integer synapse "
                                 f"variable (e.g. 'k : integer', S.k = '{index} + offset') "
                                 "and link with index='k'")
        if var.array.dtype.kind not in "iu":
            raise LinkTypeError(f"index variable '{index}' should be an integer parameter "
                                f"(declared as ': integer')", code="EQ154", obj=group.name,
                                hint=f"declare it as '{index} : integer'")
        var.link_bound = size if var.link_bound is None else min(size, var.link_bound)
        return var
    if getattr(group, "dynamic_size", False):  # Brian2: TypeError
        raise LinkTypeError(f"cannot link '{name}' of '{group.name}' with an index array: its "
                            "number of elements changes (synapses are added by connect())",
                            code="EQ154", obj=group.name,
                            hint="give the name of an integer variable instead, e.g. "
                                 "index='i' (presynaptic neuron) or index='j' (postsynaptic)")
    values = np.asarray(index)
    if values.dtype.kind not in "iu":
        raise LinkTypeError(f"the index for the linked variable '{name}' has to be an integer "
                            f"array, got {values.dtype}", code="EQ154", obj=group.name,
                            hint="e.g. index=np.arange(N) // 2")
    if values.ndim != 1 or values.size != group.N:
        raise LinkTypeError(f"the index array for the linked variable '{name}' has to be a "
                            f"one-dimensional array of length {group.N}, but has shape "
                            f"{values.shape}", code="EQ154", obj=group.name)
    if values.size and (values.min() < 0 or values.max() >= size):
        raise LinkError(f"the index array for the linked variable '{name}' contains values "
                        f"outside of the valid range [0, {size}[", obj=group.name,
                        hint=f"the link target has {size} elements")
    return _constant_index(group, name, values)


def _constant_index(group, name, values):
    dtype = np.int32 if values.size == 0 or values.max() < 2**31 - 1 else np.int64
    return ArrayVariable(f"_{name}_link_index", group.name, DIMENSIONLESS,
                         array=values.astype(dtype), read_only=True, constant=True,
                         var_type="integer")
