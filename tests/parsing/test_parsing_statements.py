"""parse_statements: code blocks such as reset and on_pre."""
import dataclasses

import pytest
import sympy

from eqsim.errors import EquationError
from eqsim.parsing.statements import Statement, parse_statements


def sym(name):
    return sympy.Symbol(name, real=True)


def error_of(text, **kwargs):
    with pytest.raises(EquationError) as info:
        parse_statements(text, **kwargs)
    return info.value


def test_single_assignment_is_parsed_into_a_statement():
    (statement,) = parse_statements("v = v_reset")
    assert statement == Statement("v", "=", sym("v_reset"), 1, "v = v_reset")


@pytest.mark.parametrize("op", ["+=", "-=", "*=", "/="])
def test_augmented_assignments_keep_their_operator(op):
    (statement,) = parse_statements(f"g_post {op} w*2")
    assert (statement.var, statement.op, statement.expr) == ("g_post", op, 2 * sym("w"))


def test_semicolon_separated_statements_on_one_line_share_the_line_number():
    statements = parse_statements("v = 0; w += 1")
    assert [(s.var, s.op, s.line, s.text) for s in statements] == [
        ("v", "=", 1, "v = 0"), ("w", "+=", 1, "w += 1")]


def test_triple_quoted_block_with_comments_blank_lines_and_indentation():
    code = """
        # reset the membrane
        v = v_r   # to rest

        w += b
    """
    statements = parse_statements(code)
    assert [(s.var, s.op, s.line) for s in statements] == [("v", "=", 3), ("w", "+=", 5)]
    assert statements[0].text == "v = v_r"


def test_values_use_the_expression_whitelist():
    (statement,) = parse_statements("x = clip(x + rand(), 0, 1)")
    assert statement.expr.func.__name__ == "clip"


def test_statement_is_immutable():
    (statement,) = parse_statements("v = 0")
    with pytest.raises(dataclasses.FrozenInstanceError):
        statement.var = "w"


@pytest.mark.parametrize("text, words", [
    ("v + 1", "not an assignment"),
    ("import os", "not an assignment"),
    ("if v > 1: v = 0", "not an assignment"),
    ("a = b = 1", "Chained"),
    ("a, b = 1, 2", "plain variable name"),
    ("v.x = 1", "plain variable name"),
    ("v[0] = 1", "plain variable name"),
    ("v **= 2", "augmented assignment"),
    ("v //= 2", "augmented assignment"),
    ("v: float = 1", "not an assignment"),
])
def test_non_assignments_are_rejected(text, words):
    error = error_of(text)
    assert error.code == "EQ108"
    assert words in error.message


def test_dunder_target_is_rejected():
    assert error_of("__class__ = 1").code == "EQ103"


def test_error_names_line_and_column_within_the_block():
    code = "v = 0\n    w += 1\n    x = y.z\n"
    error = error_of(code, obj="synapses")
    assert error.code == "EQ102"
    assert (error.line, error.column) == (3, 8)
    assert error.obj == "synapses"
    assert "x = y.z" in str(error)


def test_syntax_error_in_a_block_reports_its_line():
    error = error_of("v = 0\nw += \n")
    assert error.code == "EQ101" and error.line == 2
