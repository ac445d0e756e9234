"""User strings are data: hostile input is rejected or stays inert, and nothing runs."""
import ast
import builtins
import pathlib

import pytest
import sympy

import eqsim.parsing
from eqsim.errors import EquationError, UnresolvedNameError
from eqsim.parsing.dimensions import dimension_of
from eqsim.parsing.equations import Equations
from eqsim.parsing.expressions import get_identifiers, parse_expression
from eqsim.parsing.statements import parse_statements

PAYLOADS = [
    "__import__('os').system('touch {path}')",
    "__import__(os).system(touch)",
    "().__class__.__bases__[0].__subclasses__()",
    "[c for c in ().__class__.__base__.__subclasses__()]",
    "(lambda: __import__('os').system('touch {path}'))()",
    "lambda: 1",
    "open('{path}', 'w').write('x')",
    "eval(\"open('{path}', 'w')\")",
    "exec(\"open('{path}', 'w')\")",
    "f'{{__import__(\"os\").system(\"touch {path}\")}}'",
    "v.real",
    "x[0]",
    "_\uff3fimport\uff3f\uff3f(os)",  # fullwidth underscores normalise to '__import__'
    "globals()['__builtins__']",
    "(y := __import__)",
]


@pytest.fixture
def no_eval(monkeypatch):
    """Make eval/exec of source text fail: sympify and parse_expr on strings go through eval.

    Code objects compiled from files stay allowed, because importing a module
    (which sympy does lazily) executes its code object.
    """
    real_eval, real_exec = builtins.eval, builtins.exec

    def guarded(real):
        def run(code, *args, **kwargs):
            if isinstance(code, (str, bytes)) or getattr(code, "co_filename", "") == "<string>":
                raise AssertionError("eval/exec of text was called while parsing a user string")
            return real(code, *args, **kwargs)
        return run
    monkeypatch.setattr(builtins, "eval", guarded(real_eval))
    monkeypatch.setattr(builtins, "exec", guarded(real_exec))


def _inert_or_rejected(parse, text):
    try:
        result = parse(text)
    except EquationError:
        return None
    return result


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_expression_is_rejected_or_inert_and_nothing_runs(payload, sentinel, no_eval):
    text = payload.format(path=sentinel)
    result = _inert_or_rejected(parse_expression, text)
    assert result is None or isinstance(result, sympy.Basic)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_statement_is_rejected_and_nothing_runs(payload, sentinel, no_eval):
    text = payload.format(path=sentinel)
    for code in (f"v = {text}", text, f"v += 1; {text}"):
        result = _inert_or_rejected(parse_statements, code)
        assert result is None or all(isinstance(s.expr, sympy.Basic) for s in result)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_equation_parts_are_rejected_and_nothing_runs(payload, sentinel, no_eval):
    text = payload.format(path=sentinel)
    for line in (f"x = {text} : 1", f"dv/dt = {text} : volt", f"x : {text}"):
        equations = _inert_or_rejected(Equations, line)
        assert equations is None or all(isinstance(eq.expr, sympy.Basic) for eq in
                                        equations.values())


@pytest.mark.parametrize("text", ["__import__('os').system('echo')", "().__class__", "lambda: 1",
                                  "v.real", "x[0]", "open('f')"])
def test_classic_payloads_are_rejected_outright(text):
    with pytest.raises(EquationError):
        parse_expression(text)


def test_unknown_function_stays_an_unapplied_symbol_and_resolution_rejects_it(sentinel):
    expr = parse_expression("open(f)")
    assert isinstance(expr, sympy.core.function.AppliedUndef) and expr.func.__name__ == "open"
    assert get_identifiers(expr) == {"open", "f"}
    with pytest.raises(UnresolvedNameError) as info:
        dimension_of(expr, {"f": eqsim.units.DIMENSIONLESS})
    assert "'open'" in info.value.message


def test_fullwidth_dunder_is_caught_after_unicode_normalisation():
    with pytest.raises(EquationError) as info:
        parse_expression("_\uff3fimport\uff3f\uff3f(os)")
    assert info.value.code == "EQ103"


def test_unit_text_is_never_evaluated(sentinel, no_eval):
    with pytest.raises(EquationError):
        Equations(f"x : __import__('os').system('touch {sentinel}')")


def test_huge_constants_do_not_exhaust_resources():
    for text in ("9**9**9**9", "10**10**10", "2**(10**9/3)"):
        with pytest.raises(EquationError) as info:
            parse_expression(text)
        assert info.value.code == "EQ106"


def test_valid_models_parse_without_eval_or_exec(no_eval):
    parse_expression("v > v_th and not_refractory or b")
    parse_statements("v = v_r + sigma*randn()\nw += b*int(v > 0)")
    Equations("dv/dt = (I - v)/tau + sigma*xi*tau**-0.5 : volt (unless refractory)\nI : amp")


def _calls_in_parsing_package():
    """(module, called name, called as attribute?) for every call in eqsim/parsing."""
    package = pathlib.Path(eqsim.parsing.__file__).parent
    for path in sorted(package.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Call):
                if isinstance(node.func, ast.Name):
                    yield path.name, node.func.id, False
                elif isinstance(node.func, ast.Attribute):
                    yield path.name, node.func.attr, True


def test_parsing_package_never_calls_evaluating_functions():
    forbidden_names = {"eval", "exec", "compile", "sympify", "parse_expr", "S", "__import__"}
    forbidden_attributes = {"eval", "exec", "sympify", "parse_expr", "S", "parse_expr"}
    offending = [(module, name) for module, name, is_attribute in _calls_in_parsing_package()
                 if name in (forbidden_attributes if is_attribute else forbidden_names)]
    assert offending == []
