"""Whether the installed network glue was compiled from the source beside it.

The glue (``network_glue.pyx``) and the network libraries it loads share the runtime
headers and hand each other tables of functions (``eqsim_set_team_functions``, ...). An
editable install keeps the glue compiled at ``pip install`` time while its checkout moves
on: a glue older than the headers and templates would drive a new library with the old
calling conventions (a crash, not an error). setup.py compiles :func:`source_digest` of the
folder it builds from into the glue (``SOURCE_DIGEST``); eqsim uses the installed glue only
when that digest is the one of the files beside it now, and otherwise compiles the glue
from them (eqsim.codegen.module.compiled_network_glue, cached).

Loaded by path from setup.py, so it imports nothing from eqsim.
"""
import hashlib
import os

FOLDER = os.path.dirname(os.path.abspath(__file__))


def source_digest(folder=FOLDER):
    """A digest of ``network_glue.pyx`` and every C header in ``folder`` (hex string)."""
    digest = hashlib.sha256()
    for name in sorted(os.listdir(folder)):
        if name.endswith(".h") or name == "network_glue.pyx":
            with open(os.path.join(folder, name), "rb") as handle:
                digest.update(name.encode() + b"\0" + handle.read() + b"\0")
    return digest.hexdigest()[:32]


def current_installed_glue():
    """The installed glue module when it was compiled from the source beside it, else None
    (not installed: a source checkout; or compiled from older source)."""
    try:
        from . import network_glue as installed
    except ImportError:
        return None
    if getattr(installed, "SOURCE_DIGEST", None) != source_digest():
        return None
    return installed
