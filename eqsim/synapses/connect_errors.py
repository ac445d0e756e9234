"""Catalogue of the error codes ``Synapses.connect`` raises (EQ50x).

Every code names one user mistake so that docs and tests can refer to it.
"""
import re

from eqsim.errors import ConnectError

#: A given or generated index lies outside its group.
INDEX_OUT_OF_RANGE = "EQ501"
#: ``i`` and ``j`` arrays of different lengths.
LENGTH_MISMATCH = "EQ502"
#: A connection probability outside [0, 1] (or not a number).
INVALID_PROBABILITY = "EQ503"
#: Arguments that cannot be combined (condition with i/j, two generators...).
CONFLICTING_ARGUMENTS = "EQ504"
#: A number of synapses per pair that is negative or not an integer.
INVALID_MULTIPLICITY = "EQ505"
#: A ``sample(..., size=...)`` larger than the range, or negative.
INVALID_SAMPLE_SIZE = "EQ506"
#: A generator part depending on something it cannot depend on.
INVALID_DEPENDENCY = "EQ507"
#: A ``range``/``sample`` with step 0, or non-finite bounds.
INVALID_RANGE = "EQ508"
#: Index arrays that are not integers.
INVALID_INDEX_ARRAY = "EQ509"


class GeneratorConditionError(ConnectError, ValueError):
    """``connect('k for k in ...')``: a generator expression given as the condition (a
    ``ValueError``, as Brian2 raises); a generator goes to ``j=`` (or ``i=``)."""
    default_code = "EQ219"


def refuse_generator_condition(condition, obj):
    """Raise GeneratorConditionError when the condition string is a generator (has a
    ``for``, as Brian2 checks) rather than a truth value."""
    if isinstance(condition, str) and re.search(r"\bfor\b", condition):
        raise GeneratorConditionError(
            f"a generator expression was given as the condition ({condition!r:.60})",
            obj=obj, hint=f"give it as the targets: connect(j={condition!r:.60})")
