"""Brian2's Unit class, unit registers, get_unit, register_new_unit, in_unit and
in_best_unit (strings compared with Brian2's in tests/reference/test_brian2_units12.py)."""
import pickle

import numpy as np
import pytest

from eqsim import (DimensionMismatchError, Quantity, Unit, amp, farad, get_unit, in_best_unit,
                   in_unit, metre, mmetre, mV, ms, mvolt, pfarad, nS, register_new_unit, second,
                   siemens, volt)
from eqsim.errors import UnitDefinitionError
from eqsim.units.unit_class import user_unit_register


@pytest.fixture(autouse=True)
def restore_user_units():
    """Registering changes how later tests' quantities print: undo it."""
    saved = (dict(user_unit_register.units),
             {dim: dict(units) for dim, units in user_unit_register.units_for_dimensions.items()})
    yield
    user_unit_register.units, user_unit_register.units_for_dimensions = saved


def test_named_units_are_units_and_arithmetic_results_are_quantities():
    assert isinstance(ms, Unit) and isinstance(mV, Quantity)
    assert type(3 * ms) is Quantity and type(ms * 2) is Quantity and type(-ms) is Quantity
    assert (ms.name, ms.dispname, ms.scale) == ("msecond", "ms", -3)


def test_units_combine_into_compound_units_named_after_their_parts():
    rate = mV / ms
    assert isinstance(rate, Unit) and (repr(rate), str(rate)) == ("mvolt / msecond", "mV/ms")
    assert float(rate) == pytest.approx(1.0) and rate.iscompound
    assert repr(rate / second) == "(mvolt / msecond) / second"
    assert (repr(ms ** 2), str(ms ** 2), float(ms ** 2)) == ("msecond ** 2", "ms^2", 1e-6)
    assert repr(nS * mV) == "nsiemens * mvolt"


def test_compound_units_are_read_only_and_survive_pickling():
    rate = mV / ms
    with pytest.raises(ValueError):
        rate[()] = 2 * volt / second
    again = pickle.loads(pickle.dumps(rate))
    assert isinstance(again, Unit) and repr(again) == "mvolt / msecond" and again.dim == rate.dim


def test_compound_units_made_by_arithmetic_do_not_change_printing():
    before = str(3 * volt / second)
    _ = mV / ms
    assert str(3 * volt / second) == before == "3. V/s"


def test_a_new_unit_must_be_a_power_of_ten_of_the_base_unit():
    with pytest.raises(UnitDefinitionError) as info:
        Unit(1e-3, dim=volt.dim, name="myvolt", dispname="myV")
    assert info.value.code == "EQ320" and "10**scale" in info.value.message
    with pytest.raises(UnitDefinitionError):
        Unit(1, dim="volt")
    # as Brian2: equal to 10**scale within a relative 1e-12
    assert float(Unit(1e-3 * (1 + 5e-13), dim=volt.dim, scale=-3, name="near_mV",
                      _register=False)) > 1e-3
    for off in (1e-3 * (1 + 2e-12), 1e-3 * (1 - 2e-12), float("nan")):
        with pytest.raises(UnitDefinitionError):
            Unit(off, dim=volt.dim, scale=-3, name="off_mV", _register=False)


def test_a_created_unit_is_registered_for_printing():
    current_density = (amp / metre ** 2).dim
    assert str(0.05 * amp / metre ** 2) == "0.05 A/m^2"
    unit = Unit.create(current_density, "uamp_per_cmetre2", "uA/cm^2", scale=-2)
    assert (repr(unit), str(unit), float(unit)) == ("uamp_per_cmetre2", "uA/cm^2", 0.01)
    assert str(0.05 * amp / metre ** 2) == "5. uA/cm^2"
    assert in_best_unit(np.array([0.05, 0.1]) * amp / metre ** 2) == "[ 5. 10.] uA/cm^2"


def test_register_new_unit_makes_a_compound_unit_the_display_unit():
    assert in_best_unit(2.0 * farad / metre ** 2) == "2. m^-4 kg^-1 s^4 A^2"
    register_new_unit(pfarad / mmetre ** 2)
    assert in_best_unit(2.0 * farad / metre ** 2) == "2000000. pF/(mm^2)"
    assert repr(2.0 * farad / metre ** 2) == "2000000. * pfarad / (mmetre ** 2)"


def test_register_new_unit_refuses_what_is_not_a_unit():
    with pytest.raises(UnitDefinitionError) as info:
        register_new_unit(3 * mV)
    assert info.value.code == "EQ321"


def test_get_unit_gives_the_unscaled_registered_unit_or_a_new_one():
    assert get_unit(volt.dim) is volt and get_unit(mV.dim) is volt
    assert get_unit(siemens.dim) is siemens
    new = get_unit((volt / second).dim)
    assert isinstance(new, Unit) and float(new) == 1.0
    assert repr(new) == "metre ** 2 * kilogram * second ** -4 * amp ** -1"
    assert str(new) == "m^2 kg s^-4 A^-1"


def test_in_unit_refuses_a_unit_of_another_dimension():
    with pytest.raises(DimensionMismatchError):
        in_unit(3 * mV, second)
    with pytest.raises(DimensionMismatchError):
        (3 * mV).in_unit(nS)
    with pytest.raises(DimensionMismatchError):
        in_unit(3, mV)


def test_in_unit_and_in_best_unit_as_python_code():
    assert (3 * mV).in_unit(mvolt, python_code=True) == "3. * mvolt"
    assert (0.003 * volt).in_best_unit(python_code=True) == "3. * mvolt"
    assert (np.array([1, 2]) * mV).in_unit(volt, python_code=True) == \
        "array([0.001, 0.002]) * volt"
