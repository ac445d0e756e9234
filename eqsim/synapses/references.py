"""How names in synaptic code map to arrays: own per-synapse variables, ``x_pre``
(source neuron of the synapse), ``x_post`` and unsuffixed target variables."""
import sympy

from ..core.namespace import resolve_external
from ..errors import ShadowingNameError
from ..groups.group import owner_terms
from ..groups.shared_subexpressions import group_per_element, per_element_equations
from ..ir.variables import ArrayVariable, ConstantVariable, LinkedVariable
from ..units import DIMENSIONLESS


def split_suffix(name):
    for suffix in ("_pre", "_post"):
        if name.endswith(suffix):
            return name[: -len(suffix)], suffix[1:]
    return name, None


# names every Synapses has itself, so the target's variables of these names are reached
# only as x_post
_OWN_NAMES = {"t", "dt", "i", "j", "N", "N_pre", "N_post", "N_incoming", "N_outgoing", "xi"}


def post_alias(synapses, name):
    """``name + '_post'`` when an unsuffixed ``name`` in synaptic code means the target's
    variable, else None. Brian2's rule: every public variable and subexpression of the
    target is also reachable without the suffix, unless the Synapses has a variable of
    that name itself or the name already ends in ``_post`` (``_pre``: the source's)."""
    if name.startswith("_") or name.endswith(("_post", "_pre")) or name in _OWN_NAMES \
            or name in synapses.variables or name in synapses._subexpressions:
        return None
    target = synapses.target
    if name in target.variables or name in getattr(target, "_subexpressions", {}):
        return name + "_post"
    return None


def post_aliases(synapses):
    """Every unsuffixed name that means a target variable (`post_alias`)."""
    target = synapses.target
    return {name for name in list(target.variables) + list(getattr(target, "_subexpressions", {}))
            if post_alias(synapses, name) is not None}


def target_dependent_names(synapses):
    """``post_aliases`` and the synaptic subexpressions that read the target (``sub =
    v_post``, ``j``): connect() evaluates a condition naming one pair by pair (it took
    'sub_1 == sub_2' as decided once per source, for the target 0)."""
    names = post_aliases(synapses)
    for name, (expr, _) in synapses._subexpressions.items():
        expanded = substitute_subexpressions(synapses, expr)
        if any(s.name == "j" or s.name.endswith("_post") or s.name in names
               for s in expanded.free_symbols):
            names.add(name)
    return names


def normalise_names(synapses, expr):
    """Rename unsuffixed target names ``v`` to ``v_post`` (Brian2's rule, `post_alias`),
    so each array is loaded once under one name."""
    renames = {}
    for symbol in expr.free_symbols:
        alias = post_alias(synapses, symbol.name)
        if alias is not None:
            renames[symbol] = sympy.Symbol(alias, real=True)
    return expr.xreplace(renames) if renames else expr


def normalise_target(synapses, name):
    return post_alias(synapses, name) or name


def synaptic_dimension(synapses, name):
    """Dimension of what ``name`` means in synaptic code (own variable or subexpression,
    ``x_pre``/``x_post``, unsuffixed target name), None when it means nothing there."""
    name = normalise_target(synapses, name)
    base, side = split_suffix(name)
    owner = {"pre": synapses.source, "post": synapses.target}.get(side, synapses)
    if side is None:
        base = name
    if base in owner.variables:
        return owner.variables[base].dim
    if base in owner._subexpressions:
        return owner._subexpressions[base][1]
    return None


def model_names(synapses):
    """The names synaptic code can use (for "did you mean" hints)."""
    names = [n for n in list(synapses.variables) + list(synapses._subexpressions)
             if not n.startswith("_")]
    for side, group in (("pre", synapses.source), ("post", synapses.target)):
        names += [f"{n}_{side}" for n in list(group.variables) + list(group._subexpressions)
                  if not n.startswith("_") and n not in ("i", "N")]
    return names


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
        base, side = split_suffix(normalise_target(synapses, name))
        group = {"pre": synapses.source, "post": synapses.target}.get(side)
        if group is not None and base in group.variables:
            var = group.variables[base]
            if isinstance(var, (ArrayVariable, LinkedVariable)):
                if isinstance(var, LinkedVariable):
                    var.storage()  # a clear error when the link is not set
                variables[name] = var
                if not var.shared:
                    index = synapses.variables["_synaptic_" + side]
                    var_index[name] = (index, group._local_origin)
                continue
            if base == "N":
                variables[name] = ConstantVariable(name, synapses.name, var.dim,
                                                   value=len(group), is_integer=True)
                continue
        if group is not None and base in group._subexpressions:
            raise KeyError(name)  # substituted before resolution
        value, dim = resolve_external(name, synapses.namespace, run_namespace, obj=synapses.name,
                                      model_names=lambda: model_names(synapses))
        if hasattr(value, "_eqsim_function"):  # a TimedArray called in synaptic code
            variables[name] = value._eqsim_function(name)
        else:
            variables[name] = ConstantVariable(name, synapses.name, dim, value=value)
    return variables, var_index


def substitute_subexpressions(synapses, expr):
    """Replace synaptic subexpressions and ``x_pre``/``x_post`` subexpressions of the groups
    (the target's also when named without the suffix), however deeply they refer to each
    other (Equations refuses cycles, so this ends)."""
    while True:
        expr = normalise_names(synapses, expr)
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
                # only the group's own names take the side's suffix: an external constant
                # in the group's subexpression stays what it is (Brian2 resolves it)
                own = set(group.variables) | set(group._subexpressions)
                index = None
                if hasattr(group, "_owner"):  # a neuron group's i and N are its owner's
                    index = sympy.Symbol("i" if side == "pre" else "j", real=True) + \
                        group._first
                    own -= {"i", "N"}
                replacements[symbol] = sub.xreplace(
                    {s: sympy.Symbol(f"{s.name}_{side}", real=True) for s in sub.free_symbols
                     if s.name in own and s.name not in ("t", "dt")})
                if index is not None:
                    replacements[symbol] = owner_terms(replacements[symbol], index,
                                                       group._owner.global_size())
        if not replacements:
            return normalise_names(synapses, expr)
        expr = expr.xreplace(replacements)


def per_element_names(equations, source, target, multisynaptic_index=None):
    """The names synaptic code reads per synapse before the Synapses exists (for Brian2's
    rule on ``(shared)`` subexpressions): its own per-synapse variables, ``i``, ``j``,
    the fan counts, noise, ``lastupdate`` of event-driven equations, and the pre- and
    postsynaptic groups' per-element variables (``v_pre``, ``v_post`` and ``v``)."""
    names = per_element_equations(equations) | {"i", "j", "N_incoming", "N_outgoing"} | \
        set(equations.stochastic_variables)
    if multisynaptic_index is not None:
        names.add(multisynaptic_index)
    if any("event-driven" in eq.flags for eq in equations.equations.values()):
        names.add("lastupdate")
    for side, group in (("pre", source), ("post", target)):
        for name in list(group.variables) + list(getattr(group, "_subexpressions", {})):
            if name.startswith("_") or not group_per_element(group, name):
                continue
            names.add(f"{name}_{side}")
            if side == "post" and not name.endswith(("_post", "_pre")) and \
                    name not in _OWN_NAMES and name not in equations.equations:
                names.add(name)  # Brian2's unsuffixed target names (post_alias)
    return names


def refuse_shadowing(equations, source, target, label):
    """As Brian2: a synaptic variable may not share its name with a variable of the pre-
    or postsynaptic group (``lastupdate`` may, for synapses onto synapses; a summed
    variable names its target on purpose)."""
    for side, group in (("pre", source), ("post", target)):
        for name, eq in equations.equations.items():
            if name in getattr(group, "variables", {}) and name != "lastupdate" \
                    and "summed" not in eq.flags:
                raise ShadowingNameError(
                    f"the {side}synaptic variable '{name}' of '{group.name}' has the same name "
                    f"as a synaptic variable", obj=label,
                    hint=f"rename the synaptic variable (e.g. to '{name}_syn'); the "
                         f"{side}synaptic one is '{name}_{side}' in synaptic statements")
