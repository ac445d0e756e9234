"""Physical constants, as Brian2's ``brian2.units.constants`` (same names and values).

Not part of ``from eqsim import *``, as in Brian2: import them explicitly, e.g.
``from eqsim.units.constants import faraday_constant as F``.
"""
import numpy as np

from eqsim.units.unit_names import (amp, coulomb, farad, gram, joule, kelvin, kilogram,
                                    meter, mole, newton)
from eqsim.units.unit_class import Unit

__all__ = ["avogadro_constant", "boltzmann_constant", "electric_constant", "electron_mass",
           "elementary_charge", "faraday_constant", "gas_constant", "magnetic_constant",
           "molar_mass_constant", "zero_celsius", "Unit", "amp", "coulomb", "farad", "gram",
           "joule", "kelvin", "kilogram", "meter", "mole", "newton"]

avogadro_constant = 6.022140857e23 / mole
boltzmann_constant = 1.38064852e-23 * joule / kelvin
electric_constant = 8.854187817e-12 * farad / meter
electron_mass = 9.10938356e-31 * kilogram
elementary_charge = 1.6021766208e-19 * coulomb
faraday_constant = 96485.33289 * coulomb / mole
gas_constant = 8.3144598 * joule / mole / kelvin
magnetic_constant = 4 * np.pi * 1e-7 * newton / amp**2
molar_mass_constant = 1 * gram / mole
zero_celsius = 273.15 * kelvin
