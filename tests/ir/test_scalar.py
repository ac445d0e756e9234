"""The split of an operation's statements into Brian2's scalar and vector parts."""
import numpy as np
import sympy

from eqsim.ir.operations import OPERATION_KINDS, Assignment
from eqsim.ir.variables import ArrayVariable, IndexVariable
from eqsim.units import DIMENSIONLESS

S = lambda name: sympy.Symbol(name, real=True)  # noqa: E731


def _operation(statements, kind="stateupdate"):
    variables = {
        "gain": ArrayVariable("gain", "g", DIMENSIONLESS, array=np.zeros(1), shared=True),
        "v": ArrayVariable("v", "g", DIMENSIONLESS, array=np.zeros(3)),
        "i": IndexVariable("i", "g", DIMENSIONLESS),
    }
    return OPERATION_KINDS[kind]("g_op", "g", 0, 3, statements=statements, variables=variables)


def test_shared_targets_and_common_temporaries_move_to_the_scalar_part_in_order():
    op = _operation([Assignment("gain", "*=", sympy.Integer(2)),
                     Assignment("tmp", "=", 3 * S("gain")),
                     Assignment("v", "=", S("v") + S("tmp"))])
    assert [a.target for a in op.scalar_statements] == ["gain", "tmp"]
    assert [a.target for a in op.statements] == ["v"]


def test_temporaries_that_differ_between_elements_stay_in_the_loop():
    op = _operation([Assignment("tmp", "=", S("gain") * S("i")),
                     Assignment("v", "=", S("tmp"))])
    assert op.scalar_statements == [] and [a.target for a in op.statements] == ["tmp", "v"]


def test_a_temporary_assigned_twice_stays_in_the_loop():
    op = _operation([Assignment("tmp", "=", S("gain")), Assignment("v", "=", S("tmp")),
                     Assignment("tmp", "=", S("v")), Assignment("v", "+=", S("tmp"))])
    assert op.scalar_statements == [] and len(op.statements) == 4


def test_kinds_without_user_statements_are_not_split():
    op = _operation([Assignment("_rec_gain", "=", S("gain"))], kind="statemonitor")
    assert op.scalar_statements == [] and len(op.statements) == 1
