import numpy as np
import pytest

import eqsim.units as units
from eqsim.errors import DimensionMismatchError
from eqsim.units import DIMENSIONLESS, Dimension, Quantity, all_units, base_units, check_units

VOLT = Dimension.from_exponents(m=2, kg=1, s=-3, A=-1)
SIEMENS = Dimension.from_exponents(m=-2, kg=-1, s=3, A=2)
FARAD = Dimension.from_exponents(m=-2, kg=-1, s=4, A=2)
OHM = Dimension.from_exponents(m=2, kg=1, s=-3, A=-2)
MOLAR = Dimension.from_exponents(m=-3, mol=1)

# name -> (value in SI, dimension)
EXPECTED = {
    "second": (1, Dimension.from_exponents(s=1)), "ms": (1e-3, Dimension.from_exponents(s=1)),
    "msecond": (1e-3, Dimension.from_exponents(s=1)), "us": (1e-6, Dimension.from_exponents(s=1)),
    "usecond": (1e-6, Dimension.from_exponents(s=1)), "ns": (1e-9, Dimension.from_exponents(s=1)),
    "volt": (1, VOLT), "mV": (1e-3, VOLT), "mvolt": (1e-3, VOLT), "uV": (1e-6, VOLT),
    "amp": (1, Dimension.from_exponents(A=1)), "ampere": (1, Dimension.from_exponents(A=1)),
    "nA": (1e-9, Dimension.from_exponents(A=1)), "pA": (1e-12, Dimension.from_exponents(A=1)),
    "namp": (1e-9, Dimension.from_exponents(A=1)), "mA": (1e-3, Dimension.from_exponents(A=1)),
    "siemens": (1, SIEMENS), "nS": (1e-9, SIEMENS), "uS": (1e-6, SIEMENS), "mS": (1e-3, SIEMENS),
    "nsiemens": (1e-9, SIEMENS), "farad": (1, FARAD), "pF": (1e-12, FARAD),
    "uF": (1e-6, FARAD), "nF": (1e-9, FARAD), "pfarad": (1e-12, FARAD), "ufarad": (1e-6, FARAD),
    "ohm": (1, OHM), "kohm": (1e3, OHM), "Mohm": (1e6, OHM), "Gohm": (1e9, OHM),
    "metre": (1, Dimension.from_exponents(m=1)), "meter": (1, Dimension.from_exponents(m=1)),
    "um": (1e-6, Dimension.from_exponents(m=1)), "umetre": (1e-6, Dimension.from_exponents(m=1)),
    "umeter": (1e-6, Dimension.from_exponents(m=1)), "mm": (1e-3, Dimension.from_exponents(m=1)),
    "cm": (1e-2, Dimension.from_exponents(m=1)), "cmetre": (1e-2, Dimension.from_exponents(m=1)),
    "cmeter": (1e-2, Dimension.from_exponents(m=1)), "nm": (1e-9, Dimension.from_exponents(m=1)),
    "metre2": (1, Dimension.from_exponents(m=2)), "metre3": (1, Dimension.from_exponents(m=3)),
    "um2": (1e-12, Dimension.from_exponents(m=2)), "umetre2": (1e-12, Dimension.from_exponents(m=2)),
    "cm2": (1e-4, Dimension.from_exponents(m=2)), "mm2": (1e-6, Dimension.from_exponents(m=2)),
    "cm3": (1e-6, Dimension.from_exponents(m=3)), "um3": (1e-18, Dimension.from_exponents(m=3)),
    "hertz": (1, Dimension.from_exponents(s=-1)), "Hz": (1, Dimension.from_exponents(s=-1)),
    "kHz": (1e3, Dimension.from_exponents(s=-1)), "khertz": (1e3, Dimension.from_exponents(s=-1)),
    "MHz": (1e6, Dimension.from_exponents(s=-1)),
    "molar": (1e3, MOLAR), "mM": (1.0, MOLAR), "mmolar": (1.0, MOLAR), "uM": (1e-3, MOLAR),
    "umolar": (1e-3, MOLAR),
    "kilogram": (1, Dimension.from_exponents(kg=1)), "kg": (1, Dimension.from_exponents(kg=1)),
    "gram": (1e-3, Dimension.from_exponents(kg=1)),
    "mole": (1, Dimension.from_exponents(mol=1)), "mol": (1, Dimension.from_exponents(mol=1)),
    "kelvin": (1, Dimension.from_exponents(K=1)), "candela": (1, Dimension.from_exponents(cd=1)),
    "coulomb": (1, Dimension.from_exponents(s=1, A=1)),
    "joule": (1, Dimension.from_exponents(m=2, kg=1, s=-2)),
    "watt": (1, Dimension.from_exponents(m=2, kg=1, s=-3)),
    "newton": (1, Dimension.from_exponents(m=1, kg=1, s=-2)),
    "pascal": (1, Dimension.from_exponents(m=-1, kg=1, s=-2)),
    "liter": (1e-3, Dimension.from_exponents(m=3)), "litre": (1e-3, Dimension.from_exponents(m=3)),
    "radian": (1, DIMENSIONLESS),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_unit_name_has_its_si_value_and_dimension(name):
    value, dim = EXPECTED[name]
    unit = all_units[name]
    assert isinstance(unit, Quantity)
    assert unit.dim is dim
    assert float(np.asarray(unit)) == pytest.approx(value, rel=1e-12)
    assert getattr(units, name) is unit


def test_short_and_long_spellings_are_the_same_object():
    assert units.ms is units.msecond
    assert units.mV is units.mvolt
    assert units.nS is units.nsiemens
    assert units.um2 is units.umetre2
    assert units.Hz is units.hertz


def test_one_letter_names_are_not_defined_to_avoid_clashing_with_variables():
    for name in ("V", "S", "F", "g", "m", "s", "A", "M", "l"):
        assert name not in all_units


def test_every_exported_unit_name_is_in_all():
    missing = [name for name in all_units if name not in units.__all__]
    assert missing == []
    assert {"Quantity", "Dimension", "check_units", "DIMENSIONLESS"} <= set(units.__all__)


def test_base_units_are_the_seven_si_base_units():
    assert set(base_units) == {"metre", "kilogram", "second", "amp", "kelvin", "mole", "candela"}
    assert all(float(np.asarray(unit)) == 1.0 for unit in base_units.values())


def test_units_print_by_their_names():
    assert str(units.ms) == "ms" and repr(units.ms) == "msecond"
    assert str(units.umetre2) == "um^2" and repr(units.umetre2) == "umetre2"
    assert str(units.Mohm) == "Mohm"


def test_units_are_read_only():
    with pytest.raises(ValueError):
        units.mV[()] = 1 * units.volt


def test_unit_expressions_combine_like_their_si_values():
    assert np.isclose((1 * units.mS / units.cm2) / (units.siemens / units.metre2), 10.0)
    assert np.isclose((1 * units.uF / units.cm2) / (units.farad / units.meter ** 2), 0.01)
    assert np.isclose(units.mV / units.Mohm / units.nA, 1.0)


# -- check_units -------------------------------------------------------------------

@check_units(v=units.volt, r=units.ohm, result=units.amp)
def _current(v, r):
    return v / r


def test_check_units_accepts_matching_arguments():
    assert np.isclose(_current(10 * units.mV, 2 * units.Mohm) / units.nA, 5.0)
    assert np.isclose(_current(r=1 * units.ohm, v=1 * units.volt) / units.amp, 1.0)


def test_check_units_rejects_wrong_argument_units_naming_the_argument():
    with pytest.raises(DimensionMismatchError) as info:
        _current(10 * units.ms, 2 * units.Mohm)
    assert info.value.code == "EQ204"
    assert '"v"' in str(info.value) and "volt" in str(info.value)
    with pytest.raises(DimensionMismatchError):
        _current(0.01, 2 * units.Mohm)


def test_check_units_checks_the_result():
    @check_units(x=units.volt, result=units.volt)
    def wrong(x):
        return x * units.ms

    with pytest.raises(DimensionMismatchError) as info:
        wrong(1 * units.mV)
    assert info.value.code == "EQ209"


def test_check_units_with_plain_number_bool_none_and_same_as_other_argument():
    @check_units(n=1, flag=bool, anything=None, y="x")
    def f(x, y, n=3, flag=False, anything=None):
        return n

    assert f(1 * units.mV, 2 * units.mV, n=2, flag=True, anything=5 * units.ms) == 2
    with pytest.raises(DimensionMismatchError):
        f(1 * units.mV, 2 * units.ms)
    with pytest.raises(DimensionMismatchError):
        f(1 * units.mV, 2 * units.mV, n=2 * units.ms)
    with pytest.raises(TypeError):
        f(1 * units.mV, 2 * units.mV, flag=1)


def test_check_units_lets_none_through_for_optional_arguments():
    @check_units(dt=units.second)
    def f(dt=None):
        return dt

    assert f() is None
    assert f(None) is None


def test_check_units_refuses_unknown_argument_names():
    with pytest.raises(TypeError):
        @check_units(z=units.volt)
        def f(x):
            return x
