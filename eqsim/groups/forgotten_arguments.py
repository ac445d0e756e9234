"""Brian2's two warnings about a NeuronGroup's arguments that were probably forgotten: a
threshold without reset or refractoriness (``only_threshold``), and ``(unless refractory)``
equations without ``refractory=`` (``no_refractory``)."""
import warnings

from ..errors import EqsimWarning


def warn_forgotten_arguments(name, equations, threshold, reset, refractory):
    """Warn as Brian2 does when ``threshold`` is set but neither ``reset`` nor
    ``refractory`` (not for a random threshold), and when an equation is
    ``(unless refractory)`` while ``refractory`` is not given."""
    if threshold is not None and reset is None and refractory is False \
            and "rand(" not in threshold and "randn(" not in threshold:
        warnings.warn(f"[EQ255] the NeuronGroup '{name}' sets a threshold but neither a reset "
                      f"nor a refractory condition: did you forget either? If this was "
                      f"intended, give reset='' to avoid this warning (as in Brian2).",
                      EqsimWarning, stacklevel=3)
    unless = [n for n, eq in equations.equations.items() if "unless refractory" in eq.flags]
    if unless and refractory is False:
        warnings.warn(f"[EQ256] the equations of '{name}' use the '(unless refractory)' flag "
                      f"({', '.join(unless)}) but no refractory= was given, so the flag does "
                      f"nothing (as in Brian2).", EqsimWarning, stacklevel=3)
