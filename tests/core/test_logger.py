"""Brian2's logging interface: BrianLogger, get_logger, std_silent, prefs.logging.*."""
import logging
import os
import subprocess
import sys

import pytest

from eqsim import BrianLogger, get_logger, prefs, std_silent

@pytest.fixture(autouse=True)
def no_handlers_left_behind():
    """Later tests see eqsim's logging as a library leaves it: no handlers, no level."""
    yield
    root = logging.getLogger("eqsim")
    for handler in (BrianLogger.console_handler, BrianLogger.file_handler):
        if handler is not None:
            root.removeHandler(handler)
            handler.close()
    BrianLogger.console_handler = BrianLogger.file_handler = None
    root.setLevel(logging.NOTSET)


SCRIPT = """
from eqsim import *
logger = get_logger('mymodule')
logger.info('hello info')
logger.debug('hidden debug')
BrianLogger.log_level_debug()
logger.debug('shown debug')
logger.warn('said once', once=True)
logger.warn('said once', once=True)
BrianLogger.suppress_name('quiet')
logger.warn('suppressed by name', name_suffix='quiet')
BrianLogger.suppress_hierarchy('brian2.noisy')
get_logger('brian2.noisy.inner').error('suppressed by hierarchy')
prefs.logging.console_log_level = 'ERROR'
logger.warn('below the console level')
logger.error('an error')
"""


def test_brian_logger_prints_to_stderr_with_brian2s_format_and_filters():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          cwd=os.getcwd(), env=dict(os.environ, PYTHONPATH=os.getcwd()))
    lines = done.stderr.splitlines()
    assert lines == ["INFO       hello info [eqsim.mymodule]",
                     "DEBUG      shown debug [eqsim.mymodule]",
                     "WARNING    said once [eqsim.mymodule]",
                     "ERROR      an error [eqsim.mymodule]"], done.stderr


def test_the_file_log_is_written_when_asked_and_removed_when_switched_off():
    previous = prefs["logging.file_log"]
    try:
        prefs.logging.file_log = True
        path = BrianLogger.tmp_log
        get_logger("filetest").debug("into the file")
        BrianLogger.file_handler.flush()
        with open(path, encoding="utf-8") as handle:
            assert "DEBUG      eqsim.filetest: into the file" in handle.read()
    finally:
        prefs.logging.file_log = previous
    assert BrianLogger.file_handler is None
    os.remove(path)


def test_std_silent_hides_output_of_c_code_and_replays_it_on_error(capfd):
    # file-descriptor level, as Brian2's (compilers, C code, a script's own print())
    with std_silent():
        os.system("echo from-a-process")  # noqa: S605 - fixed command: fd-level output
    with pytest.raises(ValueError):
        with std_silent():
            os.system("echo replayed")  # noqa: S605
            raise ValueError("boom")
    out, _ = capfd.readouterr()
    assert "from-a-process" not in out
    assert "replayed" in out


def test_std_silent_prints_when_redirection_is_off(capfd):
    prefs.logging.std_redirection = False
    try:
        with std_silent():
            os.system("echo shown")  # noqa: S605
    finally:
        prefs.logging.std_redirection = True
    assert "shown" in capfd.readouterr().out


def test_brian2_logger_names_are_eqsims():
    assert get_logger("brian2.codegen").name == "eqsim.codegen"
    assert get_logger("mine").name == "eqsim.mine"
    assert logging.getLevelName(5) == "DIAGNOSTIC"
