"""Will the recordings of a run fit in memory? Monitors estimate what a run adds to
them; before the run this is compared with the memory the system has available, and
a :class:`~eqsim.errors.MonitorMemoryWarning` names the monitors and the fix when it
will not fit (the run still happens: the estimate can be pessimistic, e.g. with swap)."""
import warnings

from ..errors import MonitorMemoryWarning

#: Where Linux reports the memory available to new allocations without swapping.
MEMINFO = "/proc/meminfo"


def available_memory():
    """Bytes of memory available to new allocations (``MemAvailable`` in
    ``/proc/meminfo``), or ``None`` where the system does not say."""
    try:
        with open(MEMINFO) as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024  # the file counts kB
    except (OSError, ValueError, IndexError):
        pass
    return None


def format_bytes(n):
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GiB"  # unreachable; for linters


def check_recording_memory(objects, duration, network_name):
    """Warn when the recordings a run of ``duration`` (second) adds, plus what the
    monitors hold already (joined with the new data on the next read), exceed the
    available memory.

    Each object's ``expected_memory(duration)`` gives ``None`` (it records nothing) or
    ``(new_bytes, held_bytes, description)``.
    """
    estimates = [(obj, estimate) for obj in objects if obj.active
                 for estimate in [obj.expected_memory(duration)] if estimate is not None]
    needed = sum(new + held for _, (new, held, _) in estimates)
    if not needed:
        return
    available = available_memory()
    if available is None or needed <= available:
        return
    estimates.sort(key=lambda e: -(e[1][0] + e[1][1]))
    parts = [f"'{obj.name}' {format_bytes(new + held)} ({what}"
             + (f", {format_bytes(held)} of it held from earlier runs)" if held else ")")
             for obj, (new, held, what) in estimates[:3]]
    warnings.warn(
        f"[EQ620] running '{network_name}' for {duration!r} s will make its monitors hold "
        f"about {format_bytes(needed)}, but only {format_bytes(available)} of memory is "
        f"available: {'; '.join(parts)}. Record fewer elements (record=[...]) or variables, "
        f"record less often (StateMonitor(..., dt=...)), record=False, record to disk "
        f"(to_file='folder'), or run in shorter "
        f"pieces and save the data in between", MonitorMemoryWarning, stacklevel=4)
