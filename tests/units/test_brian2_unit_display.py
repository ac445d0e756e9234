"""Combined units and printed products as Brian2 2.9.0 makes and prints them (its values
in the comments): 1/unit is a Unit, products print in weber, tesla, henry..., and the
compound units of Brian2's additional register."""
import numpy as np

from eqsim import *  # noqa: F401,F403 - the names a Brian2 script has
from eqsim.units import Unit
from eqsim.units.allunits import henry, mweber


def test_one_over_a_unit_is_a_unit_named_as_brian2_names_it():
    # Brian2: isinstance(1/meter, Unit) True; 1/ms prints 'ms^-1', repr 'msecond ** -1';
    # 1/(coulomb*meter**2) prints '(C m^2)^-1', repr '(coulomb * meter ** 2) ** -1'
    assert isinstance(1 / meter, Unit) and isinstance(1.0 / ms, Unit)
    assert (str(1 / ms), repr(1 / ms)) == ("ms^-1", "msecond ** -1")
    inverse = 1 / (coulomb * meter ** 2)
    assert (str(inverse), repr(inverse)) == ("(C m^2)^-1", "(coulomb * meter ** 2) ** -1")
    assert float(1 / ms) == 1000.0 and (1 / ms).dim is (1 / second).dim
    assert not isinstance(2 / ms, Unit) and str(2 / ms) == "2. kHz"


def test_reciprocal_sqrt_and_square_of_a_unit_are_units():
    # Brian2: np.reciprocal(ms) is 'ms^-1', np.sqrt(ms) 'ms^0.5', np.square(ms) 'ms^2',
    # np.sqrt(mV*ms) '(mV ms)^0.5'
    assert [str(f(ms)) for f in (np.reciprocal, np.sqrt, np.square)] == [
        "ms^-1", "ms^0.5", "ms^2"]
    assert repr(np.sqrt(mV * ms)) == "(mvolt * msecond) ** 0.5"
    assert float(np.sqrt(ms)) == np.sqrt(0.001)


def test_products_print_in_weber_tesla_henry_and_gray():
    # Brian2: [[1,2],[3,4]]*mV @ [1,1]*second prints '[3. 7.] mWb' (eqsim: '[0.003 0.007]
    # V s'); 3*volt*second/meter**2 '3. T', 3*volt*second/amp '3. H', 3*meter**2/second**2
    # '3. Gy', 3*mol/second '3. kat'
    flux = np.array([[1, 2], [3, 4]]) * mV @ (np.array([1, 1]) * second)
    assert (str(flux), repr(flux)) == ("[3. 7.] mWb", "array([3., 7.]) * mweber")
    assert str(3 * volt * second / meter ** 2) == "3. T"
    assert str(3 * volt * second / amp) == "3. H"
    assert str(3 * meter ** 2 / second ** 2) == "3. Gy"
    assert str(3 * mole / second) == "3. kat"
    assert str(3 / second) == "3. Hz"  # hertz, not becquerel


def test_weber_and_friends_are_in_allunits_but_not_star_exported():
    # Brian2: `weber`, `henry` are not bound by `from brian2 import *`, but are in
    # brian2.units.allunits
    names = {}
    exec("from eqsim import *", names)  # noqa: S102
    assert not {"weber", "mWb", "henry", "tesla", "katal", "lux", "sievert"} & set(names)
    assert repr(mweber) == "mweber" and str(mweber) == "mWb" and str(3 * henry) == "3. H"


def test_brian2s_additional_compound_units_print_quantities_of_their_dimension():
    # Brian2: 3*watt/metre**2 prints '3. W/(m^2)'; 3*joule/(mole*kelvin) '3. J/(mol K)';
    # 3*coulomb/metre**2 '3. C/(m^2)'
    assert str(3 * watt / metre ** 2) == "3. W/(m^2)"
    assert repr(3 * watt / metre ** 2) == "3. * watt / (metre ** 2)"
    assert str(3 * joule / (mole * kelvin)) == "3. J/(mol K)"
    assert str(3 * coulomb / metre ** 2) == "3. C/(m^2)"
