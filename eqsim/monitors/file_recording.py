"""Records kept on disk while the network runs (``to_file=``): memory stays bounded whatever
the length of the run.

Format: a folder with one NumPy ``.npy`` file per recorded column (``t.npy``, ``i.npy``,
``v.npy`` ...) and ``recording.json`` (the monitor, each column's unit, the recorded indices).
Any NumPy reads it without eqsim (``numpy.load('spikes/t.npy', mmap_mode='r')``), as do the
NPY readers of MATLAB, Julia and R. Chosen over HDF5 or Zarr because appending is a plain
write at the end of a file (disk speed, no dependency), and reading back is a memory map:
``M.t`` and ``M.v[0]`` after the run read only the pages they touch.
"""
import json
import os

import numpy as np

from ..core.context import current_context
from ..errors import EqsimError, ProcessFilesError
from .recording import Recording

# how often the network hands recorded data to the files: state monitors every ~64 MB of
# buffers, event monitors every 10,000 steps (1 s at dt = 0.1 ms)
STREAM_BYTES = 64 * 2**20
STREAM_STEPS = 10_000
# the .npy header is written with room for any shape, then rewritten in place as rows arrive
HEADER_BYTES = 128  # a multiple of 64, as the format wants


class RecordingFileError(EqsimError):
    """A monitor's ``to_file`` folder cannot be used."""
    default_code = "EQ733"


def _header(dtype, rows):
    text = repr({"descr": np.lib.format.dtype_to_descr(np.dtype(dtype)), "fortran_order": False,
                 "shape": (int(rows),)})
    body = text.ljust(HEADER_BYTES - 10 - 1) + "\n"
    return b"\x93NUMPY\x01\x00" + len(body).to_bytes(2, "little") + body.encode("latin1")


class ColumnFile:
    """One growing 1-D ``.npy`` file."""

    def __init__(self, path, dtype):
        self.path, self.dtype, self.rows = path, np.dtype(dtype), 0
        with open(path, "wb") as handle:
            handle.write(_header(self.dtype, 0))

    def append(self, values):
        values = np.ascontiguousarray(values, dtype=self.dtype)
        if not values.size:
            return
        with open(self.path, "r+b") as handle:
            handle.seek(0, os.SEEK_END)
            handle.write(values.tobytes())
            self.rows += values.size
            handle.seek(0)
            handle.write(_header(self.dtype, self.rows))

    def read(self):
        if not self.rows:
            return np.empty(0, dtype=self.dtype)
        return np.load(self.path, mmap_mode="r")


class FileRecording(Recording):
    """A :class:`Recording` whose columns live in ``folder`` instead of memory."""

    def __init__(self, folder, dtypes, description):
        super().__init__(dtypes)
        folder = os.fspath(folder)
        try:
            os.makedirs(folder, exist_ok=True)
            self.columns = {name: ColumnFile(os.path.join(folder, f"{name}.npy"), dtype)
                            for name, dtype in self.dtypes.items()}
            with open(os.path.join(folder, "recording.json"), "w") as handle:
                json.dump(description, handle, indent=1)
        except OSError as error:
            raise RecordingFileError(f"cannot record into '{folder}': {error.strerror or error}",
                                     hint="give to_file= a folder this process can create and "
                                          "write") from None
        self.folder = folder

    def append(self, name, values):
        self.columns[name].append(values)

    def _column(self, name):
        return self.columns[name].read()

    @property
    def nbytes(self):
        return 0  # held on disk, not in memory

    def set_state(self, state):
        for name, values in state.items():
            column = self.columns[name]
            column.__init__(column.path, column.dtype)
            column.append(values)


class ProcessFileRecording(FileRecording):
    """This process's part of a monitor's records under ``mpiexec -n K`` (K > 1), in
    ``<to_file>/process-<rank>-of-<K>/``: each process writes only its own elements (global
    indices), nothing is gathered (for recordings too large to hold in one process), and
    :func:`eqsim.distributed.load_recording` joins the parts after the run. Reading the
    monitor itself raises :class:`~eqsim.errors.ProcessFilesError`."""

    def __init__(self, folder, dtypes, description, monitor):
        comm = current_context().comm
        self.whole_folder, self.monitor = os.fspath(folder), monitor
        super().__init__(os.path.join(self.whole_folder, f"process-{comm.rank}-of-{comm.size}"),
                         dtypes, dict(description, process=comm.rank, processes=comm.size))

    def get(self, name):
        raise ProcessFilesError(
            f"'{self.monitor}' recorded to one folder per process, so no process holds its "
            f"'{name}'", obj=self.monitor,
            hint=f"after the run: eqsim.distributed.load_recording({self.whole_folder!r}) "
                 f"(on any process, or later in any Python) gives the whole recording")

    def set_state(self, state):
        raise ProcessFilesError(f"'{self.monitor}' records to per-process files: store() and "
                                f"restore() do not take them", obj=self.monitor,
                                hint="record in memory (no to_file=) to store the monitor")


def file_recording(to_file, dtypes, description, monitor):
    """Where a monitor keeps its records: in memory (``to_file`` None), in the folder
    ``to_file``, or, in a run on several processes, in one subfolder per process."""
    if to_file is None:
        return Recording(dtypes)
    if current_context().size > 1:
        return ProcessFileRecording(to_file, dtypes, description, monitor)
    return FileRecording(to_file, dtypes, description)


def description(monitor, dims, extra=None):
    """What ``recording.json`` says: the monitor, its source and each column's SI unit."""
    return {"monitor": monitor.name, "source": monitor.source.name, "kind": type(monitor).__name__,
            "units": {name: str(dim) for name, dim in dims.items()},
            "format": "one NumPy .npy file per column; values in SI base units", **(extra or {})}
