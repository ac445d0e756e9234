"""The dimension API of Brian2's ``Quantity`` besides ``dim``: ``q.dimensions``,
``q.has_same_dimensions(other)`` and ``Quantity.with_dimensions(value, ...)`` with a
Dimension, 7 exponents or keywords (``second=1``). Kept apart from quantity.py, which
holds the arithmetic; :class:`~eqsim.units.quantity.Quantity` inherits these."""
from eqsim.units.dimensions import Dimension, get_dimensions, get_or_create_dimension


class DimensionsAPI:
    """Mixin giving Quantity Brian2's dimension accessors."""

    __slots__ = ()

    @staticmethod
    def with_dimensions(value, *args, **keywords):
        """A Quantity of ``value`` (SI units) with the given dimension, as Brian2's.

        Parameters
        ----------
        value : array_like or number
        *args : Dimension or 7 numbers
            The dimension, or its exponents (m, kg, s, A, K, mol, cd).
        **keywords : numbers
            Exponents by name, as :func:`get_or_create_dimension` takes them
            (``Quantity.with_dimensions(2, length=1)`` is ``2. * metre``).

        Returns
        -------
        Quantity
            A Quantity even when the dimension is dimensionless.
        """
        from eqsim.units.quantity import Quantity  # quantity.py imports this module
        if args and isinstance(args[0], Dimension):
            return Quantity(value, dim=args[0])
        return Quantity(value, dim=get_or_create_dimension(*args, **keywords))

    @property
    def dimensions(self):
        """Dimension: the physical dimensions of this quantity (Brian2's name for ``dim``)."""
        return self.dim

    @dimensions.setter
    def dimensions(self, dim):
        self.dim = dim

    def has_same_dimensions(self, other):
        """Whether ``other`` (a Quantity, Dimension, array or number) has this dimension."""
        return self.dim == get_dimensions(other)
