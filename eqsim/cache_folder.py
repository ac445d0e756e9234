"""Where eqsim keeps what it derives once: compiled modules (codegen) and integrated
equations (stateupdate). Its own module so that neither layer reaches into the other."""
import os


def cache_dir():
    """Return the cache folder (created if missing).

    ``$EQSIM_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/eqsim``, else
    ``~/.cache/eqsim``.
    """
    path = os.environ.get("EQSIM_CACHE_DIR")
    if not path:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(
            os.path.expanduser("~"), ".cache")
        path = os.path.join(base, "eqsim")
    os.makedirs(path, exist_ok=True)
    return path
