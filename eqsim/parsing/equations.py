"""Brian2's equation strings: differential equations, subexpressions, parameters.

One equation per line::

    dv/dt = (I - v)/tau : volt (unless refractory)   # differential equation
    x = 2*v : volt                                   # subexpression
    tau : second (constant)                          # parameter

Right-hand sides go through the expression whitelist; the unit part is
evaluated against unit names only (see :mod:`eqsim.parsing.unit_expressions`).
"""
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy

from eqsim.errors import EquationError, SynapticSuffixError
from eqsim.parsing import error_codes as codes
from eqsim.parsing.expressions import get_identifiers, parse_expression
from eqsim.parsing.equation_substitution import substitute, substituted_text
from eqsim.parsing.functions import FUNCTIONS, is_noise_name
from eqsim.parsing.unit_expressions import parse_unit
from eqsim.units import Dimension

__all__ = ["SingleEquation", "Equations", "FLAGS_BY_KIND", "RESERVED_NAMES"]

DIFFERENTIAL = "differential"
SUBEXPRESSION = "subexpression"
PARAMETER = "parameter"

#: The flags each kind of equation may carry (a group may allow fewer; see
#: :meth:`Equations.check_flags`).
FLAGS_BY_KIND = {
    DIFFERENTIAL: frozenset({"unless refractory", "clock-driven", "event-driven"}),
    SUBEXPRESSION: frozenset({"shared", "constant over dt", "summed"}),
    PARAMETER: frozenset({"constant", "shared", "linked", "constant over dt"}),
}
_ALL_FLAGS = frozenset().union(*FLAGS_BY_KIND.values())

#: Names the simulator provides itself, which equations cannot define (as in Brian2).
RESERVED_NAMES = frozenset({"t", "dt", "t_in_timesteps", "i", "N", "xi", "pi", "e", "inf"})

_IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_]*"
_DIFFERENTIAL_LHS = re.compile(rf"d\s*(?P<name>{_IDENTIFIER})\s*/\s*dt\Z")
_NAME_LHS = re.compile(rf"(?P<name>{_IDENTIFIER})\Z")
# '=' that is an assignment, not part of '==', '<=', '>=' or '!='.
_ASSIGNMENT = re.compile(r"(?<![<>=!])=(?!=)")
# A final parenthesised group; it holds flags unless it closes a unit expression.
_TRAILING_PARENTHESES = re.compile(r"\((?P<flags>[^()]*)\)\s*\Z")

_LINE_HINT = ("Equation lines look like 'dv/dt = expression : unit', 'x = expression : unit' or "
              "'name : unit', optionally followed by flags in parentheses.")


@dataclass
class SingleEquation:
    """One line of an equation string.

    Attributes
    ----------
    kind : str
        ``'differential'``, ``'subexpression'`` or ``'parameter'``.
    name : str
        The variable defined.
    expr : sympy.Expr or None
        The right-hand side (None for parameters).
    unit_text : str
        The unit as written (``'volt'``, ``'1'``, ``'boolean'``).
    dim : Dimension
        The variable's dimension.
    var_type : str
        ``'float'``, ``'integer'`` or ``'boolean'``.
    flags : tuple of str
        E.g. ``('unless refractory',)``.
    line : int
        1-based line in ``source``.
    text : str
        The line as written, without comment.
    expr_text : str or None
        The right-hand side as written (used to print the equation back).
    source : str or None
        The whole equation string the line comes from (quoted by errors).
    """
    kind: str
    name: str
    expr: sympy.Expr | None
    unit_text: str
    dim: Dimension
    var_type: str
    flags: tuple
    line: int
    text: str
    expr_text: str | None = None
    source: str | None = field(default=None, repr=False, compare=False)

    def __str__(self):
        lhs = f"d{self.name}/dt" if self.kind == DIFFERENTIAL else self.name
        rhs = f" = {self.expr_text}" if self.expr_text is not None else ""
        flags = f" ({', '.join(self.flags)})" if self.flags else ""
        return f"{lhs}{rhs} : {self.unit_text}{flags}"

    def column_of(self, name, right_side=False):
        """0-based column of the first whole-word ``name`` in this equation's line (in its
        right-hand side with ``right_side``; the ``x`` of ``dx/dt`` counts), or None."""
        lines = (self.source or "").splitlines()
        text = lines[self.line - 1] if 0 < self.line <= len(lines) else ""
        start, derivative = (text.find("=") + 1, "") if right_side else (0, "d?")
        found = re.compile(rf"(?<![A-Za-z0-9_]){derivative}({re.escape(name)})"
                           r"(?![A-Za-z0-9_])").search(text, start)
        return found.start(1) if found else None

    def error(self, message, *, code, column=None, hint=None, obj=None, error_type=EquationError):
        """An error quoting this equation's line."""
        return error_type(message, code=code, source=self.source, line=self.line, column=column,
                          hint=hint, obj=obj)


class Equations(Mapping):
    """A set of equations, parsed from Brian2's equation syntax.

    Behaves as a read-only mapping from variable name to :class:`SingleEquation`
    (in the order written), like Brian2's ``Equations``.

    Parameters
    ----------
    text : str or Equations
        The equations, one per line; ``#`` starts a comment.
    obj : str, optional
        Name of the object the equations belong to, for error messages.
    **substitutions : str or number
        Rename identifiers (``x='v'``) or replace them by a plain number
        (``tau=0.01``), as Brian2's ``Equations(..., x='v')``.

    Raises
    ------
    EquationError
        For malformed lines, unknown flags or units, duplicate or reserved names.
    """

    def __init__(self, text="", *, obj=None, **substitutions):
        if isinstance(text, Equations):
            equations = list(text.values())
        elif isinstance(text, str):
            equations = _parse_lines(text, obj)
        else:
            raise TypeError(f"Equations expects a string, got {type(text).__name__}.")
        if substitutions:
            # Substitute on the text and parse again, so that every equation's
            # source, line and text describe what is actually simulated.
            rewritten = substituted_text(equations, substitutions, obj)
            equations = _parse_lines(rewritten, obj)
        self._obj = obj
        self._equations = _index_by_name(equations, obj)

    @classmethod
    def _from_list(cls, equations, obj=None):
        new = cls.__new__(cls)
        new._obj = obj
        new._equations = _index_by_name(equations, obj)
        return new

    def substitute(self, **substitutions):
        """A new Equations object with names renamed (``x='v'``) or replaced by
        expressions (``I='I_ext + I_syn'``), numbers or scalar quantities, as Brian2's.

        Raises
        ------
        EquationError
            As for keyword substitution in the constructor (EQ code INVALID_SUBSTITUTION).
        """
        return substitute(self, substitutions)

    # -- mapping --------------------------------------------------------------
    def __getitem__(self, name):
        return self._equations[name]

    def __iter__(self):
        return iter(self._equations)

    def __len__(self):
        return len(self._equations)

    # -- views ----------------------------------------------------------------
    # Names are dict key views: ordered as written, and usable as sets (|, &, -).
    @property
    def obj(self):
        """str or None: name of the object the equations belong to."""
        return self._obj

    @property
    def equations(self):
        """dict: name -> SingleEquation, in the order written."""
        return dict(self._equations)

    @property
    def names(self):
        """All defined variable names."""
        return self._equations.keys()

    @property
    def diff_eq_names(self):
        """Names of variables defined by differential equations."""
        return self._names_of(DIFFERENTIAL)

    @property
    def subexpr_names(self):
        """Names of subexpressions."""
        return self._names_of(SUBEXPRESSION)

    @property
    def parameter_names(self):
        """Names of parameters."""
        return self._names_of(PARAMETER)

    @property
    def dimensions(self):
        """dict: name -> Dimension of every defined variable."""
        return {name: eq.dim for name, eq in self._equations.items()}

    @property
    def identifiers(self):
        """set of str: names the right-hand sides use that these equations do not define.

        Noise terms (``xi``, ``xi_*``) are listed in :attr:`stochastic_variables` instead.
        """
        used = self._used_names()
        return {name for name in used if not is_noise_name(name)} - set(self._equations)

    @property
    def stochastic_variables(self):
        """set of str: the noise terms (``xi``, ``xi_*``) the equations use."""
        return {name for name in self._used_names() if is_noise_name(name)}

    def _used_names(self):
        used = set()
        for eq in self._equations.values():
            if eq.expr_text is not None:
                used |= get_identifiers(eq.expr_text)
        return used

    def _names_of(self, kind):
        return {name: None for name, eq in self._equations.items() if eq.kind == kind}.keys()

    def check_flags(self, allowed):
        """Raise unless every flag is allowed for its kind of equation.

        Parameters
        ----------
        allowed : Mapping[str, Iterable[str]]
            Kind (``'differential'``...) -> flags a group accepts, e.g. a
            NeuronGroup does not accept ``'event-driven'``.
        """
        for eq in self._equations.values():
            permitted = set(allowed.get(eq.kind, ()))
            for flag in eq.flags:
                if flag not in permitted:
                    choices = ", ".join(sorted(permitted)) or "none"
                    raise eq.error(f"The flag '{flag}' is not allowed for the {eq.kind} "
                                   f"'{eq.name}' here.", code=codes.UNKNOWN_FLAG, obj=self._obj,
                                   hint=f"Allowed flags: {choices}.")

    def refuse_synaptic_suffixes(self, obj=None):
        """Brian2's rule: no variable is named ``..._pre`` or ``..._post``, the suffixes
        of the pre- and postsynaptic groups' variables in synaptic code (a summed
        variable names its target so, on purpose)."""
        for eq in self._equations.values():
            if eq.name.endswith(("_pre", "_post")) and "summed" not in eq.flags:
                raise eq.error(f"'{eq.name}' cannot be used as a variable name: the suffixes "
                               "'_pre' and '_post' name the variables of the pre- and "
                               "postsynaptic groups in synapses", code=None, obj=obj or self._obj,
                               column=eq.column_of(eq.name), error_type=SynapticSuffixError,
                               hint=f"rename it, e.g. to '{eq.name}syn'")

    # -- combination and display ----------------------------------------------
    def __add__(self, other):
        if isinstance(other, str):
            other = Equations(other, obj=self._obj)
        if not isinstance(other, Equations):
            return NotImplemented
        return Equations._from_list(list(self.values()) + list(other.values()), self._obj)

    def __radd__(self, other):
        if isinstance(other, str):
            return Equations(other, obj=self._obj) + self
        return NotImplemented

    def __str__(self):
        return "\n".join(str(eq) for eq in self._equations.values())

    def __repr__(self):
        return f"Equations({str(self)!r})"


def _index_by_name(equations, obj):
    indexed = {}
    for eq in equations:
        if eq.name in indexed:
            first = indexed[eq.name]
            raise eq.error(f"The variable '{eq.name}' is defined twice (first: '{first.text}').",
                           code=codes.DUPLICATE_DEFINITION, obj=obj,
                           hint="Remove or rename one of the definitions.")
        indexed[eq.name] = eq
    _check_subexpression_cycles(indexed, obj)
    return indexed


def _check_subexpression_cycles(indexed, obj):
    """Subexpressions are substituted into each other; a cycle (``a = b``, ``b = a``)
    has no value, so it is reported here, naming its variables in order."""
    uses = {name: sorted(symbol.name for symbol in eq.expr.free_symbols
                         if getattr(indexed.get(symbol.name), "kind", None) == SUBEXPRESSION)
            for name, eq in indexed.items() if eq.kind == SUBEXPRESSION}
    done = set()
    for start in uses:
        path, pending = [], [iter([start])]  # depth-first, without recursion
        while pending:
            name = next(pending[-1], None)
            if name is None:
                pending.pop()
                if path:
                    done.add(path.pop())
            elif name in path:
                _report_cycle(indexed, path[path.index(name):] + [name], obj)
            elif name not in done:
                path.append(name)
                pending.append(iter(uses[name]))


def _report_cycle(indexed, cycle, obj):
    names = ", ".join(f"'{name}'" for name in dict.fromkeys(cycle))
    what = (f"The subexpression {names} is defined in terms of itself" if len(cycle) == 2 else
            f"The subexpressions {names} are defined in terms of each other")
    raise indexed[cycle[0]].error(
        f"{what} (a cycle: {' -> '.join(cycle)}).", code=codes.CYCLIC_DEFINITION, obj=obj,
        hint="Define one of them without referring back to the others, e.g. as a parameter "
             "or a differential equation.")


# -- parsing lines ------------------------------------------------------------
def _parse_lines(text, obj):
    """One equation per line; as in Brian2, a line without ':' continues on the next one
    (a long expression split over lines), and the equation is reported at its first line."""
    equations, pending, first = [], [], None
    for number, raw_line in enumerate(text.splitlines(), start=1):
        code = raw_line.split("#", 1)[0]  # strings are not allowed, so '#' is always a comment
        if not code.strip():
            continue
        if not pending:
            first = number
        pending.append(code if len(pending) == 0 else code.strip())
        if ":" in code:
            equations.append(_parse_line(" ".join(pending), first, text, obj))
            pending = []
    if pending:
        equations.append(_parse_line(" ".join(pending), first, text, obj))
    return equations


def _parse_line(code, number, source, obj):
    def fail(message, column, code_=codes.MALFORMED_EQUATION, hint=_LINE_HINT):
        raise EquationError(message, code=code_, source=source, line=number, column=column,
                            hint=hint, obj=obj)

    colon = code.rfind(":")
    if colon < 0:
        fail("The equation has no ': unit' part.", len(code.rstrip()))
    definition, unit_part = code[:colon], code[colon + 1:]
    unit_text, flags, flags_column = _split_flags(unit_part, colon + 1)
    assignment = _ASSIGNMENT.search(definition)
    lhs_end = assignment.start() if assignment else len(definition)
    lhs = definition[:lhs_end].strip()
    lhs_column = len(definition) - len(definition.lstrip())
    differential = _DIFFERENTIAL_LHS.match(lhs)
    if assignment and differential:
        kind, name = DIFFERENTIAL, differential.group("name")
    elif _NAME_LHS.match(lhs):
        kind, name = (SUBEXPRESSION if assignment else PARAMETER), lhs
    else:
        what = ("a variable name or 'd<name>/dt'" if assignment else "a variable name")
        fail(f"'{lhs}' cannot be defined: the left-hand side must be {what}.", lhs_column)
    name_column = lhs_column + (differential.start("name") if differential else 0)
    _check_variable_name(name, fail, name_column)

    expr = expr_text = None
    if assignment:
        expr_text = definition[assignment.end():].strip()
        expr = parse_expression(definition[assignment.end():], source=source, line=number,
                                col_offset=assignment.end(), obj=obj)
    var_type, dim = parse_unit(unit_text, source=source, line=number, col_offset=colon + 1, obj=obj)
    if kind == DIFFERENTIAL and var_type != "float":
        fail(f"The differential equation for '{name}' cannot have the type '{var_type}'.",
             colon + 1, codes.INVALID_VARIABLE_TYPE,
             "Differential equations define real-valued variables; give a unit or '1'.")
    _check_flags(kind, name, flags, lambda message, hint: fail(
        message, flags_column, codes.UNKNOWN_FLAG, hint))
    return SingleEquation(kind, name, expr, unit_text.strip(), dim, var_type, flags, number,
                          code.strip(), expr_text, source)


def _split_flags(unit_part, column):
    """Split ``' volt (unless refractory)'`` into unit text, flags and flags' column."""
    match = _TRAILING_PARENTHESES.search(unit_part)
    if match:
        before = unit_part[:match.start()].rstrip()
        # '1/(mV*ms)': the parentheses belong to the unit expression.
        if before and not before.endswith(("*", "/")):
            flags = tuple(flag.strip() for flag in match.group("flags").split(","))
            return before, flags, column + match.start() + 1
    return unit_part, (), column


def _check_variable_name(name, fail, column):
    hint = "Choose another name for the variable."
    if name.startswith("_"):
        fail(f"The variable name '{name}' starts with '_', which is reserved for internal "
             "variables.", column, codes.RESERVED_NAME, hint)
    if name in RESERVED_NAMES or is_noise_name(name):
        fail(f"The name '{name}' is reserved by the simulator and cannot be defined.",
             column, codes.RESERVED_NAME, hint)
    if name in FUNCTIONS:
        fail(f"The name '{name}' is a function and cannot be defined as a variable.",
             column, codes.RESERVED_NAME, hint)


def _check_flags(kind, name, flags, fail):
    seen = set()
    for flag in flags:
        if flag in seen:
            fail(f"The flag '{flag}' is given twice.", "Give each flag once.")
        seen.add(flag)
        if flag not in FLAGS_BY_KIND[kind]:
            allowed = ", ".join(sorted(FLAGS_BY_KIND[kind])) or "none"
            if flag in _ALL_FLAGS:
                message = f"The flag '{flag}' does not apply to the {kind} '{name}'."
            else:
                message = f"Unknown flag '{flag}'."
            fail(message, f"Flags allowed for a {kind}: {allowed}.")
