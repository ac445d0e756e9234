"""``python -m eqsim ...``: see :mod:`eqsim.cli`."""
import sys

from .cli import main

sys.exit(main())
