"""``python -m eqsim run script.py --target numpy --threads 2``: a script run as ``python
script.py`` would run it, with eqsim's preferences set first (the script may still set its own)."""
import os
import runpy
import sys

from ..errors import EqsimError


class ScriptNotFoundError(EqsimError):
    """The script given to ``python -m eqsim run`` does not exist."""
    default_code = "EQ730"


def run_script(script, script_args, *, target=None, threads=None):
    if not os.path.isfile(script):
        raise ScriptNotFoundError(f"no script '{script}'",
                                  hint="give the path of a Python file: python -m eqsim run my_model.py")
    from .. import prefs
    if target is not None:
        prefs.codegen.target = target
    if threads is not None:
        prefs.codegen.cython.num_threads = threads
    argv, path = sys.argv, list(sys.path)
    sys.argv = [script, *script_args]
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    try:
        runpy.run_path(script, run_name="__main__")
    finally:
        sys.argv, sys.path[:] = argv, path
    return 0
