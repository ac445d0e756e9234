"""Build sympy objects from a whitelisted Python syntax tree.

Only the node types listed in :class:`ExpressionBuilder` are accepted;
everything else is rejected with an error that names the construct and
points at it. Nothing is evaluated as Python.
"""
import ast
import itertools
import math

import mpmath
import sympy
from sympy.logic.boolalg import Boolean, BooleanAtom

from eqsim.parsing import error_codes as codes
from eqsim.parsing.grouping import as_written
from eqsim.parsing.functions import FUNCTIONS, Mod, floordiv, timestep
from eqsim.parsing.source_positions import SYNTAX_HINT, check_identifier

__all__ = ["ExpressionBuilder", "build_checked", "is_boolean", "is_truth_value_only"]

# Each rand()/randn() gets its own occurrence number, process wide, so that
# sympy never merges two draws (``rand() - rand()`` must not become 0).
_random_draw_numbers = itertools.count()


def next_draw_number():
    """A fresh occurrence number for a draw made after parsing (a BinomialFunction call)."""
    return next(_random_draw_numbers)

# Exact constant powers are computed by sympy; beyond this many bits the
# result is far outside double range and computing it could exhaust memory.
_MAX_CONSTANT_POWER_BITS = 4096

# Deepest nesting of operations, calls and conditionals a model string may have.
# Generated code nests as deeply (Python refuses more than 200 parentheses), and sympy's
# work on nested conditionals grows with the depth; real models stay far below.
MAX_NESTING = 50

# Constructs outside the whitelist, with what to tell the user.
_FORBIDDEN_NODES = {
    ast.Attribute: ("attribute access ('.')",
                    "Use variable names directly; attributes of objects cannot be accessed."),
    ast.Subscript: ("indexing ('[...]')",
                    "Model strings work on whole variables; indexing is not supported."),
    ast.Slice: ("slicing", "Model strings work on whole variables; slicing is not supported."),
    ast.Lambda: ("lambda", "Define functions outside the model string and pass them in."),
    ast.ListComp: ("list comprehension", None),
    ast.SetComp: ("set comprehension", None),
    ast.DictComp: ("dict comprehension", None),
    ast.GeneratorExp: ("generator expression", None),
    ast.JoinedStr: ("f-string", "Strings are not allowed in model expressions."),
    ast.FormattedValue: ("f-string", "Strings are not allowed in model expressions."),
    ast.Starred: ("starred argument ('*')", None),
    ast.Dict: ("dict display", None),
    ast.List: ("list display", None),
    ast.Set: ("set display", None),
    ast.Tuple: ("tuple", "A model expression has a single value; remove the comma."),
    ast.NamedExpr: ("assignment expression (':=')",
                    "Use a separate statement to assign a variable."),
    ast.Await: ("await", None),
    ast.Yield: ("yield", None),
    ast.YieldFrom: ("yield from", None),
}

_OPERATOR_SYMBOLS = {
    ast.BitAnd: ("&", "Use 'and' for logical conjunction."),
    ast.BitOr: ("|", "Use 'or' for logical disjunction."),
    ast.BitXor: ("^", "Use '**' for powers."),
    ast.LShift: ("<<", None),
    ast.RShift: (">>", None),
    ast.MatMult: ("@", None),
    ast.Invert: ("~", "Use 'not' for logical negation."),
    ast.Is: ("is", "Use '==' to compare values."),
    ast.IsNot: ("is not", "Use '!=' to compare values."),
    ast.In: ("in", None),
    ast.NotIn: ("not in", None),
}

_BINARY_OPERATIONS = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.FloorDiv: lambda a, b: floordiv(a, b),
    ast.Mod: Mod,
    ast.Pow: lambda a, b: a ** b,
}

# Operators that chain left to right at the same precedence.
_OPERATOR_FAMILIES = {ast.Add: "sum", ast.Sub: "sum", ast.Mult: "product", ast.Div: "product"}

_COMPARISONS = {
    ast.Lt: sympy.Lt, ast.LtE: sympy.Le, ast.Gt: sympy.Gt, ast.GtE: sympy.Ge,
    ast.Eq: sympy.Eq, ast.NotEq: sympy.Ne,
}

# Errors sympy raises when asked to combine things that do not combine.
_SYMPY_ERRORS = (TypeError, ValueError, AttributeError, ZeroDivisionError)


def is_boolean(value):
    """Whether a built sympy value can be used as a truth value.

    Symbols count: a boolean variable is a symbol, and its type is checked
    when names are resolved.
    """
    return isinstance(value, Boolean)


def is_truth_value_only(value):
    # Relations, and/or/not and True/False, which cannot take part in arithmetic.
    return isinstance(value, Boolean) and not isinstance(value, sympy.Symbol)


def _log2_magnitude(number):
    """log2(|number|) of a sympy number, without converting it to a double (it may not fit)."""
    if number.is_Rational:
        return math.log2(abs(number.p)) - math.log2(number.q)
    return float(mpmath.log(abs(mpmath.mpf(number._mpf_)), 2))


def _relation(relation, left, right):
    """``relation(left, right)``, decided now only between constants.

    Deciding a comparison of expressions asks sympy's assumption system about their
    difference, which costs tens of milliseconds each (seconds for a threshold with a
    few hundred comparisons) and decides nothing a kernel would not.
    """
    constant = all(side.is_Number or isinstance(side, BooleanAtom) for side in (left, right))
    return relation(left, right, evaluate=constant)


class ExpressionBuilder:
    """Build sympy objects from whitelisted AST nodes.

    Parameters
    ----------
    origin : SourceOrigin
        Where the parsed text comes from (for error positions).
    """

    def __init__(self, origin):
        self.origin = origin
        self._depth = 0
        self._builders = {
            ast.Expression: lambda node: self.build(node.body),
            ast.Constant: self._constant,
            ast.Name: self._name,
            ast.BinOp: self._binary_operation,
            ast.UnaryOp: self._unary_operation,
            ast.BoolOp: self._boolean_operation,
            ast.Compare: self._comparison,
            ast.Call: self._call,
            ast.IfExp: self._conditional,
        }

    def build(self, node):
        """Return the sympy object for ``node``, or raise EquationError."""
        builder = self._builders.get(type(node))
        if builder is None:
            self._reject(node)
        self._depth += 1
        if self._depth > MAX_NESTING:
            raise self.origin.error(node, f"The expression is nested more than {MAX_NESTING} "
                                          "levels deep.", code=codes.TOO_DEEPLY_NESTED,
                                    hint="Split it into several subexpressions.")
        try:
            return builder(node)
        finally:
            self._depth -= 1

    # -- rejection -----------------------------------------------------------
    def _reject(self, node):
        what, hint = _FORBIDDEN_NODES.get(type(node), (f"'{type(node).__name__}' construct", None))
        raise self.origin.error(node, f"Model expressions cannot contain {what}.",
                                code=codes.FORBIDDEN_CONSTRUCT,
                                hint=hint or SYNTAX_HINT)

    def _reject_operator(self, node, operator):
        symbol, hint = _OPERATOR_SYMBOLS.get(type(operator), (type(operator).__name__, None))
        raise self.origin.error(node, f"The operator '{symbol}' is not allowed in model "
                                      "expressions.",
                                code=codes.FORBIDDEN_CONSTRUCT, hint=hint or SYNTAX_HINT)

    def _invalid_operand(self, node, message, hint=None):
        return self.origin.error(node, message, code=codes.INVALID_OPERAND, hint=hint)

    # -- leaves --------------------------------------------------------------
    def _constant(self, node):
        value = node.value
        if isinstance(value, bool):
            return sympy.true if value else sympy.false
        if isinstance(value, int):
            return sympy.Integer(value)
        if isinstance(value, float):
            if not math.isfinite(value):
                raise self.origin.error(node, "The number is too large to be represented as a "
                                              "double.", code=codes.NUMBER_OUT_OF_RANGE,
                                        hint="Use a number below 1.8e308.")
            return sympy.Float(value)
        kind = {str: "A string", bytes: "A bytes literal", complex: "A complex number",
                type(None): "None", type(Ellipsis): "'...'"}.get(type(value), "This literal")
        raise self.origin.error(node, f"{kind} is not allowed in model expressions.",
                                code=codes.FORBIDDEN_CONSTRUCT, hint=SYNTAX_HINT)

    def _name(self, node):
        check_identifier(node.id, node, self.origin)
        if node.id == "t_in_timesteps":  # Brian2's clock variable: the step t/dt is at
            return timestep(sympy.Symbol("t", real=True), sympy.Symbol("dt", real=True))
        return sympy.Symbol(node.id, real=True)

    # -- operators -----------------------------------------------------------
    def _numeric(self, operand_node):
        value = self.build(operand_node)
        if is_truth_value_only(value):
            raise self._invalid_operand(
                operand_node, f"The condition '{ast.unparse(operand_node)}' cannot be used in "
                              "arithmetic.", hint="Convert it to a number with int(...).")
        return value

    def _binary_operation(self, node):
        if type(node.op) not in _BINARY_OPERATIONS:
            self._reject_operator(node, node.op)
        # A long sum or product is a left-deep chain of BinOp nodes; walk it in a
        # loop rather than by recursion so that long model lines stay parseable,
        # and build one n-ary Add/Mul (linear, where repeated binary ones are quadratic).
        links, leftmost = [node], node.left
        family = _OPERATOR_FAMILIES.get(type(node.op))
        while (family is not None and isinstance(leftmost, ast.BinOp)
               and _OPERATOR_FAMILIES.get(type(leftmost.op)) == family):
            links.append(leftmost)
            leftmost = leftmost.left
        links.reverse()
        operands = [self._numeric(leftmost)] + [self._numeric(link.right) for link in links]
        if family == "sum":
            terms = [operands[0]] + [-operand if isinstance(link.op, ast.Sub) else operand
                                     for link, operand in zip(links, operands[1:])]
            keep = any(_zero_product(term) for term in terms)  # 'v + 0*x': see below
            result = self._guarded(node, lambda: sympy.Add(*terms, evaluate=not keep))
        elif family == "product":
            factors = [operands[0]] + [
                sympy.Pow(operand, -1) if isinstance(link.op, ast.Div) else operand
                for link, operand in zip(links, operands[1:])]
            # Brian2 checks the units of '0*x' as written: a literal zero times a
            # dimensionless x is dimensionless, even for a volt target. sympy would fold it
            # to 0 and lose x, so such a product is kept unevaluated.
            nodes = [leftmost] + [link.right for link in links]
            divisor = [False] + [isinstance(link.op, ast.Div) for link in links]
            keep = any(_literal_zero(n) and not d for n, d in zip(nodes, divisor)) and \
                not all(f.is_Number for f in factors)
            result = self._guarded(node, lambda: sympy.Mul(*factors, evaluate=not keep))
        else:
            left, right = operands
            if isinstance(node.op, ast.Pow):
                self._check_power_size(node, left, right)
            operation = _BINARY_OPERATIONS[type(node.op)]
            result = self._guarded(node, lambda: operation(left, right))
        return self._check_real(node, result)

    def _check_real(self, node, result):
        """Reject constant folding that left the real numbers (1/0, log(0), (-1)**0.5)."""
        if result.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo, sympy.I):
            raise self.origin.error(node, f"'{ast.unparse(node)}' is not a finite real number "
                                          "(division by zero or a value outside a function's "
                                          "domain).", code=codes.NUMBER_OUT_OF_RANGE)
        return result

    def _guarded(self, node, compute):
        """``compute()``, with sympy's complaints turned into an error at ``node``."""
        try:
            return compute()
        except ZeroDivisionError:
            return sympy.zoo  # reported by _check_real
        except _SYMPY_ERRORS as exc:
            message = f"Cannot compute '{ast.unparse(node)}': {exc}."
            raise self._invalid_operand(node, message) from None

    def _check_power_size(self, node, base, exponent):
        """Refuse a power of constants whose size alone is beyond any double: sympy would
        compute it exactly (exhausting memory) or to arbitrary precision (minutes)."""
        if not (base.is_Number and exponent.is_Number) or base.is_zero:
            return
        if base.is_Rational and exponent.is_Rational:
            bits = abs(exponent) * max(abs(base.p).bit_length(), abs(base.q).bit_length())
        else:
            bits = abs(float(exponent)) * abs(_log2_magnitude(base))
        if bits > _MAX_CONSTANT_POWER_BITS:
            written = ast.get_source_segment(self.origin.text, node) or ast.unparse(node)
            raise self.origin.error(node, f"The constant '{written}' is too large or too small "
                                          "to be represented as a double.",
                                    code=codes.NUMBER_OUT_OF_RANGE,
                                    hint="Numbers must lie within about 1e-308 to 1.8e308.")

    def _unary_operation(self, node):
        if isinstance(node.op, ast.Not):
            return sympy.Not(self._boolean(node, node.operand))
        if isinstance(node.op, ast.USub):
            operand = self._numeric(node.operand)
            return sympy.Mul(-1, operand, evaluate=False) if _zero_product(operand) else -operand
        if isinstance(node.op, ast.UAdd):
            return self._numeric(node.operand)
        self._reject_operator(node, node.op)

    def _boolean(self, node, operand_node):
        value = self.build(operand_node)
        if not is_boolean(value):
            word = {ast.BoolOp: "'and'/'or'", ast.UnaryOp: "'not'",
                    ast.IfExp: "a condition"}.get(type(node), "a condition")
            raise self._invalid_operand(
                operand_node, f"'{ast.unparse(operand_node)}' is not a truth value, so it cannot "
                              f"be used with {word}.",
                hint="Compare it explicitly, e.g. 'x > 0' or 'x != 0'.")
        return value

    def _boolean_operation(self, node):
        values = [self._boolean(node, value) for value in node.values]
        combine = sympy.And if isinstance(node.op, ast.And) else sympy.Or
        return combine(*values)

    def _comparison(self, node):
        operands = [node.left] + list(node.comparators)
        built = [self.build(operand) for operand in operands]
        relations = []
        for index, operator in enumerate(node.ops):
            relation = _COMPARISONS.get(type(operator))
            if relation is None:
                self._reject_operator(node, operator)
            left, right = built[index], built[index + 1]
            if relation not in (sympy.Eq, sympy.Ne):
                for value, operand in ((left, operands[index]), (right, operands[index + 1])):
                    if is_truth_value_only(value):
                        raise self._invalid_operand(
                            operand, f"The condition '{ast.unparse(operand)}' cannot be ordered "
                                     "with '<' or '>'.")
            relations.append(self._guarded(node, lambda: _relation(relation, left, right)))
        return relations[0] if len(relations) == 1 else sympy.And(*relations)

    def _conditional(self, node):
        condition = self._boolean(node, node.test)
        if_true = self.build(node.body)
        if_false = self.build(node.orelse)
        return self._guarded(node, lambda: sympy.Piecewise((if_true, condition), (if_false, True)))

    # -- calls ---------------------------------------------------------------
    def _call(self, node):
        if not isinstance(node.func, ast.Name):
            raise self.origin.error(node, f"Only named functions can be called; "
                                          f"'{ast.unparse(node.func)}' is not a plain name.",
                                    code=codes.FORBIDDEN_CONSTRUCT, hint=SYNTAX_HINT)
        name = node.func.id
        check_identifier(name, node.func, self.origin)
        if node.keywords:
            keyword = node.keywords[0]
            raise self.origin.error(keyword, f"Keyword arguments are not allowed in calls "
                                             f"('{ast.unparse(keyword)}' in {name}(...)).",
                                    code=codes.FORBIDDEN_CONSTRUCT,
                                    hint="Pass the arguments by position.")
        if name not in FUNCTIONS:
            # Anything else is a user function (e.g. a TimedArray), resolved later by name.
            arguments = [self.build(arg) for arg in node.args]
            return self._guarded(node, lambda: sympy.Function(name)(*arguments))
        function, n_arguments, rule = FUNCTIONS[name]
        if len(node.args) != n_arguments:
            plural = "" if n_arguments == 1 else "s"
            raise self.origin.error(node, f"{name}() takes {n_arguments} argument{plural}, "
                                          f"{len(node.args)} given.",
                                    code=codes.WRONG_ARGUMENT_COUNT)
        if rule == "random":
            return function(sympy.Integer(next(_random_draw_numbers)))
        if rule == "poisson":  # an occurrence number, then the mean
            mean = self._numeric(node.args[0])
            return function(sympy.Integer(next(_random_draw_numbers)), mean)
        if rule == "int":
            arguments = [self.build(arg) for arg in node.args]
        else:
            arguments = [self._numeric(arg) for arg in node.args]
        return self._check_real(node, self._guarded(node, lambda: function(*arguments)))


def build_checked(node, origin):
    """Build ``node`` with :class:`ExpressionBuilder`, guarding against deep nesting
    and against constants that no double can hold."""
    try:
        with as_written():
            result = ExpressionBuilder(origin).build(node)
        _check_double_range(result, node, origin)
        return result
    except RecursionError:
        raise origin.error(node, "The expression is nested too deeply to be analysed.",
                           code=codes.TOO_DEEPLY_NESTED,
                           hint="Split it into several subexpressions.") from None


def _literal_zero(node):
    """Whether ``node`` is a number literal 0 (``0``, ``0.0``, ``-0``) in the source."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Constant) and type(node.value) in (int, float) \
        and node.value == 0


def _zero_product(expr):
    """Whether ``expr`` is a product kept unevaluated around a literal zero."""
    return isinstance(expr, sympy.Mul) and any(a.is_Number and a.is_zero for a in expr.args)


def _check_double_range(expr, node, origin):
    """Reject exact constants (``10**400``, ``1e300*1e300``) beyond the double range.

    Both targets compute in doubles; such a number would become ``inf`` in one
    printer and an OverflowError in the other. One pass over the finished
    expression covers constants folded anywhere in it.
    """
    for number in expr.atoms(sympy.Number):
        try:
            finite = math.isfinite(float(number))
        except OverflowError:
            finite = False
        if not finite:
            shown = str(number) if len(str(number)) <= 40 else f"{str(number)[:20]}..."
            written = ast.get_source_segment(origin.text, node) or origin.text
            raise origin.error(node, f"The constant {shown} in '{written}' is too "
                                     "large to be represented as a double.",
                               code=codes.NUMBER_OUT_OF_RANGE,
                               hint="Numbers must lie within about +-1.8e308.")
