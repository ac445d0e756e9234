"""Every unit by name, as Brian2's ``brian2.units.allunits`` (prefixes from yocto to
yotta, squares and cubes, short names)."""
from eqsim.units import DEFAULT_UNITS

globals().update(DEFAULT_UNITS)

__all__ = sorted(DEFAULT_UNITS)
