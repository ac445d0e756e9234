"""Printable summaries of a network: its schedule and where a profiled run spent its time
(Brian2's ``scheduling_summary()`` and ``profiling_summary()``)."""
import html
from collections import namedtuple

from ..units import Quantity, second
from .netop import NetworkOperation

ScheduleEntry = namedtuple("ScheduleEntry", ["when", "order", "dt", "name", "type", "active",
                                             "owner_name", "owner_type"])

# what Brian2 calls the code object that runs an operation of each kind
_KIND_TYPES = {"stateupdate": "StateUpdater", "threshold": "Thresholder",
               "poissonskip": "Thresholder", "reset": "Resetter", "pathway": "SynapticPathway",
               "summed": "SummedVariableUpdater"}


def brian2_name(item, obj):
    """Brian2's name of operation ``item`` of ``obj`` in summaries and profiling
    (``neurongroup_spike_thresholder``); generated code keeps the operation's own name."""
    owner, name = getattr(obj, "name", None), item.name
    renamed = {f"{owner}_thresholder": f"{owner}_spike_thresholder",
               f"{owner}_resetter": f"{owner}_spike_resetter",
               f"{owner}_spikegenerator": owner}  # Brian2's group is its own code object
    if name in renamed:
        return renamed[name]
    eq_name = name[len(f"{owner}_summed_"):]  # the summed variable, with its suffix
    if (getattr(item, "kind", None) == "summed" and name.startswith(f"{owner}_summed_")
            and eq_name in getattr(obj, "_summed", {})):
        return f"{owner}_summed_variable_{eq_name}"
    return name


def _format_table(header, rows, aligns):
    """Brian2's plain-text table: columns padded to their widest cell, ``|`` between."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
    pad = {"<": str.ljust, ">": str.rjust, "^": str.center}
    lines = [" | ".join(str(h).center(w) for h, w in zip(header, widths)),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(pad[a](str(cell), w) for cell, w, a in zip(row, widths, aligns))
              for row in rows]
    return "\n".join(lines)


def _html_table(header, rows, aligns):
    """The same table as HTML (what Jupyter shows)."""
    side = {"<": "left", ">": "right", "^": "center"}
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(
        f'<td style="text-align: {side[a]};">{html.escape(str(cell))}</td>'
        for cell, a in zip(row, aligns)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _dt_text(dt, fastest):
    steps = int(round(dt / fastest))
    every = "every step" if steps == 1 else f"every {steps} steps"
    return f"{Quantity(dt, dim=second.dim)} ({every})"


class SchedulingSummary:
    """The operations of a network in the order they run each time step.

    Made by :func:`scheduling_summary` / ``Network.scheduling_summary()``. ``entries`` is a
    list of ``ScheduleEntry`` tuples as Brian2's (``when``, ``order``, ``dt`` (Quantity),
    ``name``, ``type``, ``active``, ``owner_name``, ``owner_type``); ``str()`` gives
    Brian2's table.

    Unlike Brian2, groups list only the operations they run (a group without equations
    has no state updater), and ties of
    ``when`` and ``order`` keep the order in which objects were added to the network.
    """

    def __init__(self, scheduled):
        self.entries = []
        for item, obj in scheduled:
            if isinstance(item, NetworkOperation):
                owner, kind = None, "NetworkOperation"
            elif hasattr(obj, "target_var"):  # a PoissonInput is part of its target (Brian2)
                owner, kind = obj.target, type(obj).__name__
            else:
                # run_regularly objects belong to their group, monitors to themselves
                owner = getattr(obj, "group", obj)
                kind = "CodeRunner" if owner is not obj else \
                    _KIND_TYPES.get(item.kind, type(obj).__name__)
            self.entries.append(ScheduleEntry(
                when=item.when, order=item.order, dt=Quantity(item.clock.dt_, dim=second.dim),
                name=brian2_name(item, obj), type=kind, active=obj.active,
                owner_name=None if owner is None else owner.name,
                owner_type=None if owner is None else type(owner).__name__))

    _HEADER = ["object", "part of", "Clock dt", "when", "order", "active"]

    def _rows(self):
        fastest = min(float(e.dt) for e in self.entries)
        return [[f"{e.name} ({e.type})",
                 "--" if e.owner_name is None else f"{e.owner_name} ({e.owner_type})",
                 _dt_text(float(e.dt), fastest), e.when, e.order,
                 "yes" if e.active else "no"] for e in self.entries]

    def __repr__(self):
        if not self.entries:
            return "(no operations scheduled)"
        return _format_table(self._HEADER, self._rows(), "<<<<>^")

    def _repr_html_(self):
        return _html_table(self._HEADER, self._rows() if self.entries else [], "<<<<>^")

    __str__ = __repr__


def profiling_info(kernel_times, netop_names, netop_seconds, renamed=None):
    """``[(name, Quantity)]`` longest first, from ``NetworkModule.profile_times()`` and the
    network operations' times. A kernel slot that computes two operations (state update
    and threshold fused in one loop by the compiled target) is named after the first;
    ``renamed`` maps operation names to the names shown (Brian2's, :func:`brian2_name`)."""
    totals = {}
    renamed = renamed or {}
    for names, seconds in kernel_times:
        name = renamed.get(names[0], names[0])
        totals[name] = totals.get(name, 0.0) + seconds
    for name, seconds in zip(netop_names, netop_seconds):
        totals[name] = totals.get(name, 0.0) + seconds
    ordered = sorted(totals.items(), key=lambda item: item[1], reverse=True)
    return [(name, Quantity(seconds, dim=second.dim)) for name, seconds in ordered]


class ProfilingSummary:
    """Where a profiled run spent its time (made by :func:`profiling_summary`).

    Parameters
    ----------
    net : Network
        A network whose last run had ``profile=True``.
    show : int, optional
        Show only the ``show`` longest entries (percentages stay of the total).
    """

    def __init__(self, net, show=None):
        info = net.profiling_info or [("no code objects have been run", 0 * second)]
        names = [name for name, _ in info]
        seconds = [float(time) for _, time in info]
        self.total_time = Quantity(sum(seconds), dim=second.dim)
        unit, self.unit_name = (1.0, "s") if sum(seconds) > 1 else (1e-3, "ms")
        if show is not None:
            names, seconds = names[:show], seconds[:show]
        total = sum(float(time) for _, time in info)
        self.names = names
        self.times = [Quantity(x, dim=second.dim) for x in seconds]
        self.percentages = [100.0 * x / total if total > 0 else 0.0 for x in seconds]
        self._scaled = [x / unit for x in seconds]

    def __repr__(self):
        width = max(len(name) for name in self.names)
        times = [f"{x:.2f} {self.unit_name}" for x in self._scaled]
        percentages = [f"{p:.2f} %" for p in self.percentages]
        time_width = max(len(t) for t in times)
        percent_width = max(len(p) for p in percentages)
        title = "Profiling summary"
        lines = [title, "=" * len(title)]
        lines += [f"{name.ljust(width)}    {t.rjust(time_width)}    {p.rjust(percent_width)}"
                  for name, t, p in zip(self.names, times, percentages)]
        return "\n".join(lines) + "\n"

    __str__ = __repr__

    def _repr_html_(self):
        rows = [[name, f"{x:.2f} {self.unit_name}", f"{p:.2f} %"]
                for name, x, p in zip(self.names, self._scaled, self.percentages)]
        return "<h2>Profiling summary</h2>\n" + _html_table(["object", "time", "share"],
                                                              rows, "<>>")


def profiling_summary(net=None, show=None):
    """A printable :class:`ProfilingSummary` of the last profiled run of ``net`` (default:
    the network of the magic ``run()``), as Brian2's.

    Parameters
    ----------
    net : Network, optional
    show : int, optional
        How many of the longest entries to show (default: all).
    """
    if net is None:
        from .magic import magic_network
        net = magic_network
    return ProfilingSummary(net, show)


def scheduling_summary(net=None, level=0):
    """The schedule of ``net`` (default: the objects the magic ``run()`` would collect
    from the calling script) as a printable :class:`SchedulingSummary`."""
    if net is None:
        from .magic import magic_network
        magic_network.update(level + 1)
        net = magic_network
    return net.scheduling_summary(level=level + 1)
