"""Brian2's multicompartment names exist and refuse with eqsim's error, not a NameError."""
import pytest

from eqsim.errors import EqsimError


@pytest.mark.parametrize("name", ["SpatialNeuron", "Morphology", "Soma", "Cylinder", "Section"])
def test_multicompartment_names_from_the_star_import_raise_a_clear_error(name):
    namespace = {}
    exec("from eqsim import *", namespace)
    with pytest.raises(NotImplementedError, match="multicompartment") as info:
        namespace[name](30 * namespace["um"])
    assert isinstance(info.value, EqsimError) and info.value.code == "EQ734"
    assert "NeuronGroup" in info.value.hint
