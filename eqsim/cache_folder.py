"""Where eqsim keeps what it derives once: compiled modules (codegen) and integrated
equations (stateupdate). Its own module so that neither layer reaches into the other."""
import os

from .errors import CodegenError


class CacheFolderError(CodegenError):
    """The cache folder cannot be created or written."""
    default_code = "EQ420"

    @classmethod
    def for_folder(cls, folder, error):
        reason = getattr(error, "strerror", None) or str(error)
        return cls(f"cannot use the cache folder '{folder}': {reason}",
                   hint="set EQSIM_CACHE_DIR to a folder this process can create and write "
                        "(it is " + (repr(os.environ["EQSIM_CACHE_DIR"])
                                     if os.environ.get("EQSIM_CACHE_DIR") else "not set") + ")")


def cache_dir():
    """Return the cache folder as an absolute path (created if missing).

    ``$EQSIM_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/eqsim``, else
    ``~/.cache/eqsim``. Absolute so that no path handed to the compiler can be read
    as an option (``EQSIM_CACHE_DIR=-Dx``).

    Raises
    ------
    CacheFolderError
        If the folder cannot be created or is not writable.
    """
    path = os.environ.get("EQSIM_CACHE_DIR")
    if not path:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(
            os.path.expanduser("~"), ".cache")
        path = os.path.join(base, "eqsim")
    path = os.path.abspath(os.path.expanduser(path))
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as error:
        raise CacheFolderError.for_folder(path, error) from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise CacheFolderError.for_folder(path, PermissionError(13, "not writable"))
    return path
