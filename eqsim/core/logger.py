"""Brian2's logging interface (``BrianLogger``, ``get_logger``, ``std_silent``) over Python's
``logging``, configured by ``prefs.logging.*``.

eqsim logs under the ``eqsim`` logger. As a library it prints nothing until the script
uses this interface: the first message logged through a ``BrianLogger``, a call of one of
its ``log_level_*`` / ``suppress_*`` methods, ``BrianLogger.initialize()`` or setting a
``prefs.logging`` preference installs Brian2's console handler (stderr, format
``LEVEL message [name]``) and, with ``prefs.logging.file_log = True``, a file log. Brian2
names (``'brian2.codegen'``) are read as eqsim's (``'eqsim.codegen'``).
"""
import atexit
import logging
import os
import sys
import tempfile
from logging.handlers import RotatingFileHandler

from .preferences import prefs

DIAGNOSTIC = 5  # Brian2's level below DEBUG
LOG_LEVELS = {"CRITICAL": logging.CRITICAL, "ERROR": logging.ERROR,
              "WARNING": logging.WARNING, "INFO": logging.INFO, "DEBUG": logging.DEBUG,
              "DIAGNOSTIC": DIAGNOSTIC}
logging.addLevelName(DIAGNOSTIC, "DIAGNOSTIC")
ROOT = "eqsim"


def _eqsim_name(name):
    """``brian2.x`` and ``x`` as ``eqsim.x`` (Brian2 prefixes names the same way)."""
    if name == "brian2" or name.startswith("brian2."):
        name = ROOT + name[len("brian2"):]
    return name if name == ROOT or name.startswith(ROOT + ".") else f"{ROOT}.{name}"


class HierarchyFilter(logging.Filter):
    """Drops the messages of one logger hierarchy (``eqsim.codegen`` and below)."""

    def __init__(self, name):
        super().__init__()
        self.hierarchy = _eqsim_name(name)

    def filter(self, record):
        return not (record.name == self.hierarchy or record.name.startswith(self.hierarchy + "."))


class NameFilter(logging.Filter):
    """Drops the messages whose logger name ends in ``name`` (Brian2's ``suppress_name``)."""

    def __init__(self, name):
        super().__init__()
        self.last = name

    def filter(self, record):
        return record.name.split(".")[-1] != self.last


def _console_level_setter(level, doc):
    """A static method of BrianLogger setting the console handler's level (Brian2's
    ``log_level_*``)."""
    def setter():
        BrianLogger._ensure_initialized()
        BrianLogger.console_handler.setLevel(level)
    setter.__doc__ = doc
    return staticmethod(setter)


class BrianLogger:
    """A logger with Brian2's methods; get one with :func:`get_logger`.

    Parameters
    ----------
    name : str
        Logger name, normally ``__name__``; put under ``eqsim.`` unless it is already.
    """

    console_handler = None
    file_handler = None
    tmp_log = None  # the file log's path, when there is one
    _messages_once = set()

    def __init__(self, name):
        self.name = _eqsim_name(name)

    def _log(self, level, msg, name_suffix, once):
        BrianLogger._ensure_initialized()
        name = f"{self.name}.{name_suffix}" if name_suffix else self.name
        if once:
            if (name, level, msg) in BrianLogger._messages_once:
                return
            BrianLogger._messages_once.add((name, level, msg))
        logging.getLogger(name).log(LOG_LEVELS[level], msg)

    def diagnostic(self, msg, name_suffix=None, once=False):
        """Log ``msg`` at Brian2's DIAGNOSTIC level (below DEBUG); ``once``: only the
        first time this exact message is logged under this name."""
        self._log("DIAGNOSTIC", msg, name_suffix, once)

    def debug(self, msg, name_suffix=None, once=False):
        """Log ``msg`` at DEBUG level."""
        self._log("DEBUG", msg, name_suffix, once)

    def info(self, msg, name_suffix=None, once=False):
        """Log ``msg`` at INFO level."""
        self._log("INFO", msg, name_suffix, once)

    def warn(self, msg, name_suffix=None, once=False):
        """Log ``msg`` at WARNING level."""
        self._log("WARNING", msg, name_suffix, once)

    def error(self, msg, name_suffix=None, once=False):
        """Log ``msg`` at ERROR level."""
        self._log("ERROR", msg, name_suffix, once)

    # --- configuration, as Brian2's static methods ---------------------------------
    @staticmethod
    def _ensure_initialized():
        if BrianLogger.console_handler is None:
            BrianLogger.initialize()

    @staticmethod
    def initialize():
        """Install the console handler (and the file log, if ``prefs.logging.file_log``)
        with the levels of ``prefs.logging``; again: replace them."""
        root = logging.getLogger(ROOT)
        root.setLevel(DIAGNOSTIC)
        if BrianLogger.console_handler is not None:
            root.removeHandler(BrianLogger.console_handler)
        BrianLogger.console_handler = logging.StreamHandler()
        BrianLogger.console_handler.setFormatter(
            logging.Formatter("%(levelname)-10s %(message)s [%(name)s]"))
        BrianLogger.console_handler.setLevel(
            LOG_LEVELS[prefs["logging.console_log_level"].upper()])
        root.addHandler(BrianLogger.console_handler)
        _set_file_log(prefs["logging.file_log"])

    @staticmethod
    def _suppress(filter_, filter_log_file):
        BrianLogger._ensure_initialized()
        BrianLogger.console_handler.addFilter(filter_)
        if filter_log_file and BrianLogger.file_handler is not None:
            BrianLogger.file_handler.addFilter(filter_)

    @staticmethod
    def suppress_hierarchy(name, filter_log_file=False):
        """Hide the messages of logger ``name`` and below from the console (and the file
        log with ``filter_log_file``)."""
        BrianLogger._suppress(HierarchyFilter(name), filter_log_file)

    @staticmethod
    def suppress_name(name, filter_log_file=False):
        """Hide the messages whose logger name ends in ``name``."""
        BrianLogger._suppress(NameFilter(name), filter_log_file)

    @staticmethod
    def _console_level(level):
        BrianLogger._ensure_initialized()
        BrianLogger.console_handler.setLevel(level)

    log_level_diagnostic = _console_level_setter(DIAGNOSTIC, "Show everything on the console.")
    log_level_debug = _console_level_setter(logging.DEBUG, "Show DEBUG and above on the console.")
    log_level_info = _console_level_setter(logging.INFO, "Show INFO and above on the console.")
    log_level_warn = _console_level_setter(logging.WARNING, "Show warnings and errors only.")
    log_level_error = _console_level_setter(logging.ERROR, "Show only errors on the console.")


def get_logger(module_name="eqsim"):
    """A :class:`BrianLogger` named ``module_name`` (under ``eqsim.``), as Brian2's."""
    return BrianLogger(module_name)


def _set_file_log(enabled):
    root = logging.getLogger(ROOT)
    if BrianLogger.file_handler is not None:
        root.removeHandler(BrianLogger.file_handler)
        BrianLogger.file_handler.close()
        BrianLogger.file_handler = None
    if not enabled:
        return
    with tempfile.NamedTemporaryFile(prefix="eqsim_debug_", suffix=".log", delete=False) as f:
        BrianLogger.tmp_log = f.name
    handler = RotatingFileHandler(BrianLogger.tmp_log, maxBytes=prefs["logging.file_log_max_size"],
                                  backupCount=1, encoding="utf-8")
    handler.setLevel(LOG_LEVELS[prefs["logging.file_log_level"].upper()])
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-10s %(name)s: %(message)s"))
    root.addHandler(handler)
    BrianLogger.file_handler = handler


@atexit.register
def _delete_file_log():
    if BrianLogger.file_handler is not None and prefs["logging.delete_log_on_exit"]:
        BrianLogger.file_handler.close()
        for path in (BrianLogger.tmp_log, BrianLogger.tmp_log + ".1"):
            if os.path.exists(path):
                os.remove(path)


def _reconfigure(_value):
    BrianLogger.initialize()


for _name in ("logging.console_log_level", "logging.file_log", "logging.file_log_level",
              "logging.file_log_max_size"):
    prefs.on_change(_name, _reconfigure)


class std_silent:
    """Context manager silencing stdout and stderr (at the file-descriptor level, so the
    output of compilers and C code too), as Brian2's.

    With ``prefs.logging.std_redirection_to_file`` the output goes to a temporary file
    and is printed if the block raises; otherwise it is discarded. Nothing is silenced
    when ``prefs.logging.std_redirection`` is False or ``alwaysprint`` is True.
    """

    def __init__(self, alwaysprint=False):
        self.active = not alwaysprint and prefs["logging.std_redirection"]
        self.keep = prefs["logging.std_redirection_to_file"]

    def __enter__(self):
        if not self.active:
            return self
        sys.stdout.flush()
        sys.stderr.flush()
        self._saved = (os.dup(1), os.dup(2))
        if self.keep:
            self._files = [tempfile.TemporaryFile(prefix=f"eqsim_{kind}_")
                           for kind in ("stdout", "stderr")]
        else:
            self._files = [open(os.devnull, "wb"), open(os.devnull, "wb")]
        os.dup2(self._files[0].fileno(), 1)
        os.dup2(self._files[1].fileno(), 2)
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        if not self.active:
            return False
        sys.stdout.flush()
        sys.stderr.flush()
        for fd, saved in zip((1, 2), self._saved):
            os.dup2(saved, fd)
            os.close(saved)
        for stream, handle in zip((sys.stdout, sys.stderr), self._files):
            if exc_type is not None and self.keep:
                handle.seek(0)
                stream.write(handle.read().decode(errors="replace"))
                stream.flush()
            handle.close()
        return False
