"""The Delta (voltage-jump) synapse: what it refuses (its BrainPy numbers are checked in
tests/reference/test_brainpy_delta.py)."""
import pytest

from eqsim import mV

from eqsim.models import (CUBA, STP, All2All, Delta, FullProjDelta, LIF, LifRef, Projection,
                          ProjectionError)


@pytest.mark.parametrize("options, message", [
    (dict(out=CUBA()), "it has no output"),
    (dict(stp=STP()), "stp= with Delta is not offered")])
def test_delta_projection_refuses_an_output_and_stp_and_changes_nothing(options, message):
    pre, post = LifRef(3, name="pre"), LIF(2, name="post")
    with pytest.raises(ProjectionError, match=message):
        Projection(pre, post, All2All(weight=1.0), syn=Delta(), name="D", **options)
    assert "jump_D" not in post.variables and not post.contained_objects


def test_older_delta_form_is_refused_with_the_projection_to_use():
    pre, post = LifRef(3, name="pre"), LIF(2, name="post")
    with pytest.raises(ProjectionError, match="FullProjDelta"):
        Delta(pre, post, All2All(), g_max=1.0, post_ref_key="refractory")


def test_delta_weight_is_a_voltage(numpy_target):
    pre, post = LifRef(3, name="pre"), LIF(2, name="post")
    projection = FullProjDelta(pre, 0.1, All2All(weight=1.5), post, name="D")
    assert float(post.namespace["D_w"] / mV) == pytest.approx(1.5)
    assert "jump_D" in post.variables and projection.synapses.N == 6
