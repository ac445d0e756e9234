"""The one service through which groups and synapses run code themselves."""
import ast
import pathlib

import numpy as np
import pytest

from eqsim import defaultclock
from eqsim.core.context import SimulationContext
from eqsim.codegen.run_now import evaluate_expression, evaluation_streams, run_operation
from eqsim.ir.operations import AssignOp, Assignment
from eqsim.ir.variables import ArrayVariable
from eqsim.parsing.expressions import parse_expression
from eqsim.runtime import random as rng
from eqsim.runtime.streams import evaluation_step, evaluation_stream
from eqsim.units import DIMENSIONLESS

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_an_expression_draws_from_its_evaluations_stream_at_the_given_elements():
    indices = np.arange(10, 14)
    values = evaluate_expression(parse_expression("2*rand()"), {}, {}, indices, seed=5,
                                 evaluation=3, obj="g")
    expected = 2 * rng.uniform(5, evaluation_stream(3, 0), evaluation_step(3), indices)
    assert np.array_equal(values, expected)


@pytest.mark.parametrize("target", ["numpy", "cython"])
def test_an_operation_run_now_draws_what_the_expression_draws(target):
    expr = parse_expression("2*rand() + x")
    x = np.arange(6.0)
    indices = np.array([1, 4, 5], dtype=np.int32)
    variables = {"x": ArrayVariable("x", "g", DIMENSIONLESS, array=x.copy()),
                 "_assign_indices": ArrayVariable("_assign_indices", "g", DIMENSIONLESS,
                                                  array=indices)}
    op = AssignOp("g_assign", "g", 0, len(indices), statements=[Assignment("x", "=", expr)],
                  variables=variables, clock=defaultclock, indices="_assign_indices",
                  n_indices=len(indices), random_streams=evaluation_streams(expr, 4))
    run_operation(op, target=target, context=SimulationContext(9), evaluation=4)
    expected = evaluate_expression(expr, {"x": x[indices]}, {}, indices, seed=9, evaluation=4,
                                   obj="g")
    assert np.array_equal(variables["x"].array[indices], expected)
    assert np.array_equal(np.delete(variables["x"].array, indices), np.delete(x, indices))


def _codegen_imports(path):
    tree = ast.parse(path.read_text())
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(filter(None, [base, node.module or ""]))
            if module.startswith("eqsim.codegen"):
                yield module


def test_groups_synapses_and_monitors_reach_codegen_only_through_run_now():
    found = {}
    for folder in ("groups", "synapses", "monitors"):
        for path in sorted((ROOT / "eqsim" / folder).glob("*.py")):
            for module in _codegen_imports(path):
                found.setdefault(module, []).append(path.name)
    assert set(found) <= {"eqsim.codegen.run_now"}, found


def test_generated_numpy_code_imports_only_the_runtime():
    for path in (ROOT / "templates" / "numpy").glob("*.j2"):
        for line in path.read_text().splitlines():
            if line.startswith(("from eqsim", "import eqsim")):
                assert line.split()[1].startswith("eqsim.runtime"), (path.name, line)
