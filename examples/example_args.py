"""The command line every example script shares.

``python examples/NAME.py [--duration MS] [--figure PATH] [--target numpy|cython]``: how long
to simulate, where to save the figure (by default ``NAME.png`` next to the script) and which
code generation target runs it (by default eqsim's, the compiled ``cython`` target). The tests
run each example with a short duration on the NumPy target.
"""
import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # the examples save their figures; they never open a window


def parse_arguments(argv, script, doc, duration_ms, add_options=None):
    """Parse ``argv`` (without the program name) for the example ``script`` (its ``__file__``).

    Parameters
    ----------
    argv : list of str
        The arguments.
    script : str
        The example's ``__file__``: its figure goes next to it by default.
    doc : str
        The example's docstring; its first line describes the script in ``--help``.
    duration_ms : float
        Default simulated time (ms).
    add_options : callable, optional
        ``add_options(parser)`` adds the example's own options.

    Returns
    -------
    argparse.Namespace
        ``duration`` (a Quantity, second), ``figure`` (a Path) and the example's own options;
        the code generation target is already set.
    """
    from eqsim import ms, prefs
    parser = argparse.ArgumentParser(description=doc.strip().splitlines()[0])
    parser.add_argument("--duration", type=float, default=duration_ms,
                        help=f"simulated time in ms (default {duration_ms:g})")
    parser.add_argument("--figure", type=Path, default=Path(script).with_suffix(".png"),
                        help="where to save the figure (default: next to the script)")
    parser.add_argument("--target", choices=["cython", "numpy"], default=None,
                        help="code generation target (default: eqsim's, cython)")
    if add_options is not None:
        add_options(parser)
    args = parser.parse_args(argv)
    if args.target is not None:
        prefs.codegen.target = args.target
    args.duration = args.duration * ms
    return args


def save(fig, path):
    """Save ``fig`` to ``path`` and say where."""
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    print(f"figure saved to {path}")
