"""Reading back a monitor that recorded to per-process files.

Under ``mpiexec -n K`` a monitor given ``to_file=folder`` writes, on each process, only that
process's neurons into ``folder/process-<rank>-of-<K>/`` (:class:`eqsim.monitors.
file_recording.ProcessFileRecording`): nothing crosses the network, whatever the size of
the recording. :func:`load_recording` joins the parts into what one process (K = 1) records,
in the same order, on any process or later in any Python (the files are ``.npy`` columns and
a ``recording.json`` each, see :mod:`eqsim.monitors.file_recording`).
"""
import glob
import json
import os
import re

import numpy as np

from ..errors import ProcessFilesError

_PART = re.compile(r"process-(\d+)-of-(\d+)$")


def _parts(folder):
    """``[(rank, path)]`` of the per-process subfolders, all K of them, in rank order."""
    found = {}
    for path in glob.glob(os.path.join(folder, "process-*-of-*")):
        match = _PART.search(path)
        if match:
            found.setdefault(int(match.group(2)), {})[int(match.group(1))] = path
    if not found:
        return []
    if len(found) > 1:
        raise ProcessFilesError(f"'{folder}' holds recordings of runs on {sorted(found)} "
                                f"processes", hint="record each run into its own folder")
    size, ranks = next(iter(found.items()))
    if sorted(ranks) != list(range(size)):
        missing = sorted(set(range(size)) - set(ranks))
        raise ProcessFilesError(f"'{folder}' lacks the files of process(es) {missing} of "
                                f"{size}", hint="copy every process's subfolder here (from "
                                                "each machine of the run)")
    return [ranks[r] for r in range(size)]


def _columns(path):
    with open(os.path.join(path, "recording.json"), encoding="utf-8") as handle:
        described = json.load(handle)
    arrays = {name: np.load(os.path.join(path, f"{name}.npy"))
              for name in described["units"]}
    return described, arrays


def load_recording(folder):
    """A monitor's whole recording from the files it wrote with ``to_file=folder``.

    Parameters
    ----------
    folder : str or path
        The monitor's ``to_file``: with one ``process-<rank>-of-<K>`` subfolder per process
        (a run under ``mpiexec -n K``), or the columns themselves (a run on one process).

    Returns
    -------
    dict of str to numpy.ndarray
        Every recorded column in SI base units (``recording.json`` names each unit), in the
        order one process records them: events (``i``, ``t``, recorded variables) by time,
        then index; samples ``t`` and, per variable, an array of shape
        ``(len(t), len(record))`` with the columns in the monitor's ``record`` order.

    Raises
    ------
    ProcessFilesError
        When a process's files are missing, or the folder mixes runs of different K.
    """
    folder = os.fspath(folder)
    parts = _parts(folder) or [folder]
    loaded = [_columns(path) for path in parts]
    described = loaded[0][0]
    names = list(described["units"])
    if "record" in described:  # samples: the same times everywhere, columns per process
        t = loaded[0][1]["t"]
        held = np.concatenate([np.asarray(d.get("held", d["record"]), dtype=np.int64)
                               for d, _ in loaded])
        position = {int(index): column for column, index in enumerate(held)}
        order = np.array([position[int(k)] for k in described["record"]], dtype=np.intp)
        out = {"t": t}
        for name in names:
            if name != "t":
                out[name] = np.concatenate(
                    [a[name].reshape(t.size, len(d.get("held", d["record"])))
                     for d, a in loaded], axis=1)[:, order]
        return out
    # events: each process's in time order, its neurons an ascending slice: a stable sort
    # by time gives one process's order (by time step, then index)
    joined = {name: np.concatenate([a[name] for _, a in loaded]) for name in names}
    order = np.argsort(joined["t"], kind="stable")
    return {name: values[order] for name, values in joined.items()}
