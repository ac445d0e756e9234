"""The typed IR: one dataclass per operation kind, declaring what its templates need."""
import pathlib
import re

import numpy as np
import pytest

from eqsim.codegen.templates import template_root
from eqsim.ir.operations import (OPERATION_KINDS, PathwayOp, StateMonitorOp, ThresholdOp,
                                 declared_fields)

IR_DIR = pathlib.Path(__file__).resolve().parents[2] / "eqsim" / "ir"


@pytest.mark.parametrize("kind", sorted(OPERATION_KINDS))
def test_every_operation_kind_has_a_template_for_each_of_its_targets(kind):
    root = pathlib.Path(template_root())
    targets = OPERATION_KINDS[kind].targets
    assert (root / "cython" / f"{kind}.c.j2").is_file() == ("cython" in targets)
    assert (root / "numpy" / f"{kind}.py.j2").is_file() == ("numpy" in targets)
    assert OPERATION_KINDS[kind].kind == kind
    assert kind == "spikeexchange" or targets == ("cython", "numpy")  # the one exception


def test_operations_take_typed_fields_not_an_untyped_settings_dict():
    with pytest.raises(TypeError):
        PathwayOp("s_pre", "s", 0, 0, extra={"queue": "q"})
    with pytest.raises(TypeError):  # kind-specific fields are keyword-only
        ThresholdOp("g_thresholder", "g", 0, 1, [], None, {}, "groups", 0, None, None, None,
                    True, {}, 0, {}, (), [], "_flags")


def test_declared_arrays_and_constants_carry_numpy_dtypes():
    op = PathwayOp("s_pre", "s", 0, 3, queue="q", delay=2, csr_ptr="_csr_ptr",
                   source_start=0, source_stop=4)
    declared = {name: (role, dtype, value) for name, role, dtype, value in declared_fields(op)}
    assert declared["delay"] == ("constant", np.dtype(np.int64), 2)
    assert declared["csr_ptr"] == ("array", None, "_csr_ptr")
    assert declared["csr_order"] == ("array", None, None)  # the template does without
    assert StateMonitorOp.buffers == {"time_buffer": ("t", "float64")}


def test_the_ir_names_no_c_type():
    for path in IR_DIR.glob("*.py"):
        text = path.read_text()
        for c_word in ("int64_t", "int32_t", "uint64_t", "c_type", "C_TYPES"):
            assert not re.search(rf"\b{c_word}\b", text), (path.name, c_word)
