"""Every unit name a Brian2 script uses: ``second``, ``ms``, ``mV``, ``nS``, ``umetre2``...

Units are read-only scalar :class:`~eqsim.units.quantity.Quantity` objects
equal to their value in SI base units (``ms == 0.001 * second``). They are
generated from one table of SI units: each gets the prefixes p, n, u, m, k,
M, G, T (and c for metre/meter), squared and cubed forms (``umetre2``,
``cmetre3``), and Brian2's short spellings (``ms``, ``mV``, ``nS``, ``um2``).
Like Brian2, there are no one-letter names (no ``V``, ``S``, ``g``), so they
cannot shadow model variables.

``all_units`` maps every name to its unit; ``base_units`` holds the seven SI
base units. All names are also attributes of this module.
"""

import math

import numpy as np

from eqsim.units.dimensions import DIMENSIONLESS, Dimension
from eqsim.units.unit_class import Unit, additional_unit_register, standard_unit_register

__all__ = ["all_units", "extra_units", "base_units", "make_unit", "PREFIXES"]

#: SI prefixes Brian2 defines for every unit (``c`` only for metre/meter).
PREFIXES = {"p": 1e-12, "n": 1e-9, "u": 1e-6, "m": 1e-3, "": 1.0,
            "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12}
_LENGTH_PREFIXES = dict(PREFIXES, c=1e-2)


def _dim(**exponents):
    return Dimension.from_exponents(**exponents)


# name, symbol, value of the unprefixed unit in SI, dimension, prefixes,
# and whether this spelling is the one used when printing quantities.
# Preferred spellings come first: for equal scales the first registered wins.
_UNIT_TABLE = (
    ("kilogram", "kg", 1.0, _dim(kg=1), {"": 1.0}, True),
    ("metre", "m", 1.0, _dim(m=1), _LENGTH_PREFIXES, True),
    ("gram", "g", 1e-3, _dim(kg=1), PREFIXES, True),
    ("second", "s", 1.0, _dim(s=1), PREFIXES, True),
    ("amp", "A", 1.0, _dim(A=1), PREFIXES, True),
    ("kelvin", "K", 1.0, _dim(K=1), PREFIXES, True),
    ("mole", "mol", 1.0, _dim(mol=1), PREFIXES, True),
    ("candela", "cd", 1.0, _dim(cd=1), PREFIXES, True),
    ("volt", "V", 1.0, _dim(m=2, kg=1, s=-3, A=-1), PREFIXES, True),
    ("siemens", "S", 1.0, _dim(m=-2, kg=-1, s=3, A=2), PREFIXES, True),
    ("farad", "F", 1.0, _dim(m=-2, kg=-1, s=4, A=2), PREFIXES, True),
    ("ohm", "ohm", 1.0, _dim(m=2, kg=1, s=-3, A=-2), PREFIXES, True),
    ("hertz", "Hz", 1.0, _dim(s=-1), PREFIXES, True),
    ("coulomb", "C", 1.0, _dim(s=1, A=1), PREFIXES, True),
    ("joule", "J", 1.0, _dim(m=2, kg=1, s=-2), PREFIXES, True),
    ("watt", "W", 1.0, _dim(m=2, kg=1, s=-3), PREFIXES, True),
    ("newton", "N", 1.0, _dim(m=1, kg=1, s=-2), PREFIXES, True),
    ("pascal", "Pa", 1.0, _dim(m=-1, kg=1, s=-2), PREFIXES, True),
    # 1 molar = 1 mol/litre = 1000 mol/m^3
    ("molar", "M", 1e3, _dim(m=-3, mol=1), PREFIXES, True),
    # Brian2 defines these in brian2.units.allunits and prints with them (3*mV*second is
    # '3. mWb'), but its star import does not export them (see _NOT_STAR_EXPORTED)
    ("katal", "kat", 1.0, _dim(s=-1, mol=1), PREFIXES, True),
    ("gray", "Gy", 1.0, _dim(m=2, s=-2), PREFIXES, True),
    ("weber", "Wb", 1.0, _dim(m=2, kg=1, s=-2, A=-1), PREFIXES, True),
    ("tesla", "T", 1.0, _dim(kg=1, s=-2, A=-1), PREFIXES, True),
    ("henry", "H", 1.0, _dim(m=2, kg=1, s=-2, A=-2), PREFIXES, True),
    ("lux", "lx", 1.0, _dim(m=-2, cd=1), PREFIXES, True),
    ("sievert", "Sv", 1.0, _dim(m=2, s=-2), PREFIXES, False),
    ("becquerel", "Bq", 1.0, _dim(s=-1), PREFIXES, False),
    ("lumen", "lm", 1.0, _dim(cd=1), PREFIXES, False),
    ("candle", "cd", 1.0, _dim(cd=1), PREFIXES, False),
    # Alternative spellings: same values, never chosen for printing.
    ("meter", "m", 1.0, _dim(m=1), _LENGTH_PREFIXES, False),
    ("kilogramme", "kg", 1.0, _dim(kg=1), {"": 1.0}, False),
    ("gramme", "g", 1e-3, _dim(kg=1), PREFIXES, False),
    ("ampere", "A", 1.0, _dim(A=1), PREFIXES, False),
    ("mol", "mol", 1.0, _dim(mol=1), PREFIXES, False),
    ("liter", "l", 1e-3, _dim(m=3), PREFIXES, False),
    ("litre", "l", 1e-3, _dim(m=3), PREFIXES, False),
    ("radian", "rad", 1.0, DIMENSIONLESS, {"": 1.0}, False),
)

#: Units only in ``eqsim.units.allunits``, not bound by ``from eqsim import *`` (as in Brian2)
_NOT_STAR_EXPORTED = {"katal", "gray", "weber", "tesla", "henry", "lux", "sievert",
                      "becquerel", "lumen", "candle"}

# Brian2's short spellings: alias -> full name.
_SHORT_NAMES = {
    "ms": "msecond", "us": "usecond", "ns": "nsecond",
    "mV": "mvolt", "uV": "uvolt",
    "mA": "mamp", "uA": "uamp", "nA": "namp", "pA": "pamp",
    "mS": "msiemens", "uS": "usiemens", "nS": "nsiemens", "pS": "psiemens",
    "uF": "ufarad", "nF": "nfarad", "pF": "pfarad",
    "nm": "nmetre", "um": "umetre", "mm": "mmetre", "cm": "cmetre",
    "um2": "umetre2", "mm2": "mmetre2", "cm2": "cmetre2",
    "um3": "umetre3", "mm3": "mmetre3", "cm3": "cmetre3",
    "Hz": "hertz", "kHz": "khertz", "MHz": "Mhertz",
    "mM": "mmolar", "uM": "umolar", "nM": "nmolar",
    "kg": "kilogram",
}


def make_unit(value, dim, name, symbol):
    """Create a named, read-only unit.

    Parameters
    ----------
    value : float
        The unit's size in SI base units.
    dim : Dimension
    name : str
        Long name used by ``repr`` (``'msecond'``).
    symbol : str
        Short name used by ``str`` (``'ms'``).

    Returns
    -------
    Unit
    """
    scale = round(math.log10(value), 9)
    scale = int(scale) if scale.is_integer() else scale
    return Unit(np.float64(value), dim=dim, scale=scale, name=name, dispname=symbol,
                _register=False)


# Prefixes Brian2 also has but does not export by star import; their units are offered
# for printing (Brian2 prints 1e-15 V as '1. fV') and listed in ``eqsim.units.allunits``.
_EXTRA_PREFIXES = {"y": 1e-24, "z": 1e-21, "a": 1e-18, "f": 1e-15,
                   "P": 1e15, "E": 1e18, "Z": 1e21, "Y": 1e24}


def _build():
    units, extra = {}, {}
    for name, symbol, value, dim, prefixes, preferred in _UNIT_TABLE:
        every = dict(prefixes, **(_EXTRA_PREFIXES if len(prefixes) > 1 else {}))
        for prefix, factor in every.items():
            for power in (1, 2, 3):
                if dim is DIMENSIONLESS and power > 1:
                    continue
                full_name = prefix + name + ("" if power == 1 else str(power))
                full_symbol = prefix + symbol + ("" if power == 1 else f"^{power}")
                scale = (factor * value) ** power
                if full_name in units or full_name in extra:
                    continue
                unit = make_unit(scale, dim ** power, full_name, full_symbol)
                exported = prefix in prefixes and name not in _NOT_STAR_EXPORTED
                (units if exported else extra)[full_name] = unit
                if preferred and prefix != "c":  # Brian2 never prints centimetres
                    standard_unit_register.add_if_new(unit)
    for alias, full_name in _SHORT_NAMES.items():
        units[alias] = units[full_name]
    return units, extra


#: Every exported unit name (long, prefixed, powered, short) -> unit; and the units of
#: the prefixes Brian2 does not star-export (fvolt, Pmetre...) -> unit.
all_units, extra_units = _build()



def _register_brian2_compound_units(u):
    """Brian2's additional unit register: derived units it prints quantities in when no
    named unit fits (3*watt/metre**2 is '3. W/(m^2)'); named units come first."""
    for unit in (u["coulomb"] / u["metre"] ** 2, u["coulomb"] / u["metre"] ** 3,
                 u["coulomb"] / u["kilogram"], u["farad"] / u["metre"],
                 extra_units["gray"] / u["second"], extra_units["henry"] / u["metre"],
                 u["joule"] / (u["kilogram"] * u["kelvin"]), u["joule"] / u["metre"] ** 3,
                 u["joule"] / (u["mole"] * u["kelvin"]), u["joule"] / u["kelvin"],
                 u["joule"] / u["kilogram"], u["joule"] / u["mole"],
                 extra_units["katal"] / u["metre"] ** 3, u["newton"] * u["metre"],
                 u["pascal"] * u["second"], u["volt"] / u["metre"] ** 3,
                 u["watt"] / (u["metre"] * u["kelvin"]), u["watt"] / u["metre"] ** 2):
        additional_unit_register.add(unit)


_register_brian2_compound_units(all_units)

#: The seven SI base units.
base_units = {name: all_units[name] for name in
              ("metre", "kilogram", "second", "amp", "kelvin", "mole", "candela")}

globals().update(all_units)
