"""Brian2's scalar and vector statements.

A statement whose target is a shared variable (or a temporary whose value is the same
for every element) is *scalar*: it runs once per call of its kernel, before the loop over
elements, not once per element. Brian2's rules, which eqsim follows:

- all writes to shared variables come before writes to per-element variables;
- a shared variable is assigned only values common to all elements (no per-element
  variable, no ``i``); a random draw in such a statement is one draw for all elements;
- only state updates, ``run_regularly`` and string assignments may write shared
  variables; resets, custom events' code and ``on_pre``/``on_post`` may not (Brian2's
  templates without ``ALLOWS_SCALAR_WRITE``).
"""
import re

from ..errors import EquationError, SharedWriteError
from ..parsing import error_codes as codes
from ..parsing.functions import RANDOM_FUNCTIONS
from .calls import free_names, random_calls
from .variables import ArrayVariable, ConstantVariable, LinkedVariable

_STATE = (ArrayVariable, LinkedVariable)

#: operation kinds whose statements come from the user and run over elements
STATEMENT_KINDS = frozenset({"stateupdate", "assign", "reset", "pathway", "procedural",
                             "summed", "synapticcode"})
#: the kinds that may write shared variables (synapticcode: Synapses.run_regularly)
SCALAR_WRITE_KINDS = frozenset({"stateupdate", "assign", "synapticcode"})
_RANDOM_NAMES = ("rand()", "randn()")
_CONTEXT = {"reset": "the reset or an event's code", "pathway": "on_pre/on_post code",
            "procedural": "on_pre/on_post code", "summed": "a summed variable"}


def split_scalar(op):
    """``(scalar, vector)`` statements of operation ``op``, in their original order within
    each part; raises :class:`EquationError` where Brian2 forbids the mix."""
    statements = list(op.scalar_statements) + list(op.statements)
    if op.kind not in STATEMENT_KINDS:
        return [], statements
    variables = op.variables
    local = set(op.index_exprs) | set(op.template_locals)
    assigned = {}
    for st in statements:
        assigned[st.target] = assigned.get(st.target, 0) + 1
    scalar, vector, scalar_temps = [], [], set()
    vector_written = None
    for st in statements:
        var = variables.get(st.target)
        shared = isinstance(var, _STATE) and var.shared
        per_element = _per_element_name(st, variables, scalar_temps, local)
        if shared:
            if op.kind not in SCALAR_WRITE_KINDS:
                _fail(op, st, codes.SCALAR_WRITE_FORBIDDEN,
                      f"'{st.target}' is shared (one value for all elements): "
                      f"{_CONTEXT[op.kind]} cannot write it",
                      "Brian2 allows writes to shared variables only in the equations, "
                      "run_regularly and assignments (G.x = '...'); make it per-element")
            # A random draw assigned to a shared variable is one draw for all elements
            # (Brian2's scalar rand(); tutorial 3: run_regularly('I = rand()*50*nA')).
            if per_element is not None and per_element not in _RANDOM_NAMES:
                _fail(op, st, codes.SCALAR_FROM_VECTOR,
                      f"the shared variable '{st.target}' cannot be assigned a value that "
                      f"depends on the per-element '{per_element}'", 
                      "use only shared variables and constants on the right-hand side",
                      name=per_element)
            if vector_written is not None:
                _fail(op, st, codes.SCALAR_WRITE_AFTER_VECTOR,
                      f"'{st.target}' is shared but is written after the per-element "
                      f"'{vector_written}'",
                      "write shared variables first: they run once, before the loop over "
                      "elements")
            scalar.append(st)
        elif var is None and per_element is None and assigned[st.target] == 1 \
                and st.target not in local and st.op == "=":
            scalar_temps.add(st.target)  # a temporary with one value for all elements
            scalar.append(st)
        else:
            if var is not None or st.target not in scalar_temps:
                vector_written = vector_written or st.target
            vector.append(st)
    return scalar, vector


def _per_element_name(st, variables, scalar_temps, local):
    """A name (or random function) that makes the value of ``st`` differ between
    elements, or None."""
    expr = st.as_plain().expr
    for name in sorted(free_names([expr])):
        var = variables.get(name)
        if name in scalar_temps or isinstance(var, ConstantVariable):
            continue
        if isinstance(var, _STATE):
            if var.shared:
                continue
            return name
        if var is None and name in ("t", "dt") and name not in local:
            continue
        return name  # i, j, N-less indices, per-element temporaries
    draws = random_calls([expr])
    if draws:
        return "rand()" if any(isinstance(d, RANDOM_FUNCTIONS[0]) for d in draws) else "randn()"
    return None


def _fail(op, st, code, message, hint, name=None):
    line_text = (st.block or "").splitlines()[st.line - 1] if st.line and st.block else ""
    column = len(line_text) - len(line_text.lstrip()) if line_text else None
    if name is not None and line_text:
        rhs = line_text.find("=")
        found = re.search(rf"\b{re.escape(name.rstrip('()'))}\b", line_text[rhs + 1:])
        if found:
            column = rhs + 1 + found.start()
    raise SharedWriteError(message, code=code, obj=op.owner, source=st.block, line=st.line,
                           column=column, hint=hint)


def check_shared_value(target, expr, variables, *, text, obj):
    """``G.x = 'text'`` for a shared ``x``: the value may not depend on per-element
    variables or ``i`` (Brian2's rule for string assignments; a random number is drawn
    once). ``variables`` are the group's."""
    for name in sorted(s.name for s in expr.free_symbols):
        var = variables.get(name)
        if name in ("i", "j") or (isinstance(var, _STATE) and not var.shared):
            found = re.search(rf"\b{re.escape(name)}\b", text)
            raise EquationError(
                f"the shared variable '{target}' cannot be assigned a value that depends on "
                f"the per-element '{name}'", code=codes.SCALAR_FROM_VECTOR, obj=obj,
                source=text, line=1, column=found.start() if found else None,
                hint="use only shared variables and constants in the expression")
