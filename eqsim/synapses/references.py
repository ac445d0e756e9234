"""How names in synaptic code map to arrays: own per-synapse variables, ``x_pre``
(source neuron of the synapse), ``x_post`` and unsuffixed target variables."""
import sympy

from ..core.namespace import resolve_external
from ..ir.variables import ArrayVariable, ConstantVariable
from ..units import DIMENSIONLESS


def split_suffix(name):
    for suffix in ("_pre", "_post"):
        if name.endswith(suffix):
            return name[: -len(suffix)], suffix[1:]
    return name, None


def normalise_names(synapses, expr):
    """Rename unsuffixed target variables ``v`` to ``v_post`` (Brian2's rule), so each
    array is loaded once under one name."""
    renames = {}
    for symbol in expr.free_symbols:
        name = symbol.name
        if name not in synapses.variables and name in synapses.target.variables and \
                name not in ("i", "N") and isinstance(synapses.target.variables[name], ArrayVariable):
            renames[symbol] = sympy.Symbol(name + "_post", real=True)
    return expr.xreplace(renames) if renames else expr


def normalise_target(synapses, name):
    if name not in synapses.variables and name in synapses.target.variables:
        return name + "_post"
    return name


def resolve_synaptic(synapses, names, run_namespace):
    """(variables, var_index) for a kernel over synapses."""
    variables, var_index = {}, {}
    for name in names:
        if name in ("t", "dt"):
            continue
        own = synapses.variables.get(name)
        if own is not None:
            variables[name] = own
            continue
        if name in ("N_incoming", "N_outgoing"):  # computed only when code uses them
            variables[name] = ArrayVariable(name, synapses.name, DIMENSIONLESS,
                                            array=synapses._fan_counts()[name], read_only=True)
            continue
        base, side = split_suffix(name)
        group = {"pre": synapses.source, "post": synapses.target}.get(side)
        if group is not None and base in group.variables:
            var = group.variables[base]
            if isinstance(var, ArrayVariable):
                variables[name] = var
                if not var.shared:
                    index = synapses.variables["_synaptic_" + side]
                    var_index[name] = (index, group._start)
                continue
            if base == "N":
                variables[name] = ConstantVariable(name, synapses.name, var.dim,
                                                   value=len(group), is_integer=True)
                continue
        if group is not None and base in group._subexpressions:
            raise KeyError(name)  # substituted before resolution
        value, dim = resolve_external(name, synapses.namespace, run_namespace, obj=synapses.name)
        if hasattr(value, "_eqsim_function"):  # a TimedArray called in synaptic code
            variables[name] = value._eqsim_function(name)
        else:
            variables[name] = ConstantVariable(name, synapses.name, dim, value=value)
    return variables, var_index


def substitute_subexpressions(synapses, expr):
    """Replace synaptic subexpressions and ``x_pre``/``x_post`` subexpressions of the groups,
    however deeply they refer to each other (Equations refuses cycles, so this ends)."""
    while True:
        replacements = {}
        for symbol in expr.free_symbols:
            name = symbol.name
            if name in synapses._subexpressions:
                replacements[symbol] = synapses._subexpressions[name][0]
                continue
            base, side = split_suffix(name)
            group = {"pre": synapses.source, "post": synapses.target}.get(side)
            if group is not None and base in group._subexpressions:
                sub = group._subexpressions[base][0]
                replacements[symbol] = sub.xreplace(
                    {s: sympy.Symbol(f"{s.name}_{side}", real=True) for s in sub.free_symbols
                     if s.name not in ("t", "dt")})
        if not replacements:
            return normalise_names(synapses, expr)
        expr = expr.xreplace(replacements)
