"""A synaptic pathway: which events trigger it, its delays, and its spike queue."""
import math

import numpy as np

from ..errors import LimitError
from ..units import Quantity, second


class SynapticPathway:
    """``S.pre`` / ``S.post``: statements run when events of the source (``pre``) or
    target (``post``) group reach a synapse, after the pathway's delay."""

    def __init__(self, synapses, name, role, statements, source_text, delay_name,
                 event="spike"):
        self.synapses = synapses
        self.name = name
        self.event = event  # the trigger group's event that starts it (Brian2's on_event)
        self.role = role
        self.statements = statements
        self.source_text = source_text
        self.delay_name = delay_name
        self.queue_name = f"_q_{synapses.name}_{name}"
        self.queue_state = []       # in-flight items between runs, entry k arrives in k steps
        self.queue_mode = None      # 'sources' (homogeneous) or 'synapses'
        self.queue_dt = None        # the dt (second) of the run that left queue_state
        self._dt = None             # the trigger group's dt in the coming run
        self._csr = None            # (index array, trigger size, ptr, order) of csr()
        self._steps = None

    #: the schedule slot of every pathway (Brian2's)
    when = "synapses"

    @property
    def trigger_group(self):
        return self.synapses.source if self.role == "pre" else self.synapses.target

    @property
    def source(self):
        """The group whose events trigger the pathway (Brian2's ``S.pre.source``: the
        presynaptic group for ``pre``, the postsynaptic one for ``post``)."""
        return self.trigger_group

    @property
    def clock(self):
        """The clock the pathway runs on: that of its trigger group, as Brian2's
        (``S.pre.clock.dt`` is the presynaptic group's dt)."""
        return self.trigger_group.clock

    @property
    def order(self):
        """Order in the ``'synapses'`` slot, Brian2's: every presynaptic pathway at -1,
        every postsynaptic one at +1, whatever the Synapses' own order."""
        return -1 if self.role == "pre" else 1

    @property
    def delay(self):
        """The pathway's delays (second), indexable as ``S.delay`` (``S.pre.delay[:]``)."""
        return getattr(self.synapses, self.delay_name)

    @delay.setter
    def delay(self, value):
        self.synapses.set_values(self.delay_name, value, slice(None), level=1)

    def csr(self):
        """(ptr, order): synapses of trigger element k are order[ptr[k]:ptr[k+1]];
        ``order`` is None when synapses are stored sorted by that element (the usual
        case for the pre pathway), and the synapse index is the position itself."""
        variable = self.synapses.variables["_synaptic_" + self.role]
        n = len(self.trigger_group)
        if getattr(variable, "row_pointers", None) is not None:  # implicit, sorted storage
            return variable.row_pointers, None
        # the same arrays while the synapses are (a compiled module holds their addresses,
        # and a run() keeps its module when nothing changed): synapses change only by
        # connect() and restore(), which give the index a new array (Synapses._resize)
        index = variable.array
        kept = self._csr
        if kept is not None and kept[0] is index and kept[1] == n:
            return kept[2], kept[3]
        ordered = index.size < 2 or bool(np.all(index[1:] >= index[:-1]))
        order = None if ordered else np.argsort(index, kind="stable").astype(np.int32)
        ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(index, minlength=n), out=ptr[1:])
        self._csr = (index, n, ptr, order)
        return ptr, order

    def check_delays(self, dt=None):
        """Refuse delays that are negative or not finite (Brian2 gives no error, and a
        negative delay cannot be honoured), and with ``dt``: delays of more steps than
        a spike queue can hold."""
        var = self.synapses.variables[self.delay_name]
        if var.shared:  # one number: checked in Python (NumPy's calls took 20 us a run())
            delay = float(var.array[0])
            if math.isfinite(delay) and delay >= 0 and (dt is None or delay / dt + 0.5 < 2**31):
                return
        delays = var.array[:1] if var.shared else var.array
        bad = ~np.isfinite(delays) | (delays < 0)
        if dt is not None:
            bad |= delays / dt + 0.5 >= 2**31
        if not bad.any():
            return
        k = int(np.flatnonzero(bad)[0])
        value = Quantity(float(delays[k]), dim=second.dim)
        which = (f"the delay ({value})" if var.shared else
                 f"{int(bad.sum())} of {delays.size} delays (e.g. {value} of synapse {k})")
        raise LimitError(
            f"{which} of the '{self.name}' pathway of '{self.synapses.name}' cannot be used: "
            f"a delay must be finite, not negative and less than 2**31 steps of dt",
            code="EQ613", obj=self.synapses.name,
            hint="a spike cannot arrive before it is sent: give delays >= 0*ms")

    def delay_steps(self, dt):
        var = self.synapses.variables[self.delay_name]
        delays = np.full(self.synapses.N, var.array[0]) if var.shared else var.array
        return np.floor(delays / dt + 0.5).astype(np.int32)

    def save_queue(self, module):
        if module.has_queue(self.queue_name):
            self.queue_state = [np.asarray(a, dtype=np.int32) for a in
                                module.queue_contents(self.queue_name)]
            self.queue_mode = self._mode
            self.queue_dt = self._dt

    def restore_queue(self, module):
        if not module.has_queue(self.queue_name):
            return
        contents = self.queue_state
        if self.queue_mode is not None and self.queue_mode != self._mode and contents:
            contents = self._convert(contents)
        if contents and self.queue_dt is not None and self.queue_dt != self._dt:
            contents = rescaled_slots(contents, self.queue_dt, self._dt)
        # spikes in flight keep their arrival even when delays shrank between runs: the
        # queue grows to hold them (as Brian2's, which never shrinks)
        n_slots = max(self._n_slots, len(contents))
        module.queue_reset(self.queue_name, n_slots, contents)

    def _storage_order(self):
        """(ptr, order) of csr() with the order spelled out when storage is in row order."""
        ptr, order = self.csr()
        return ptr, np.arange(ptr[-1], dtype=np.int32) if order is None else order

    def _convert(self, contents):
        ptr, order = self._storage_order()
        if self._mode == "synapses":  # sources -> their synapses
            return [self._expand(slot, ptr, order) for slot in contents]
        return [self._as_sources(slot, ptr, order)[0] for slot in contents]

    @staticmethod
    def _expand(sources, ptr, order):
        if not len(sources):
            return np.zeros(0, np.int32)
        return np.concatenate([order[ptr[s]:ptr[s + 1]] for s in sources]).astype(np.int32)

    def _as_sources(self, synapses, ptr, order):
        """The sources whose spikes are the synapses ``synapses`` (a source twice when
        two of its spikes arrive together), and whether they are exactly that: a delay
        changed between runs leaves some of a source's synapses in flight."""
        index = self.synapses.variables["_synaptic_" + self.role].array
        values, counts = np.unique(index[synapses], return_counts=True)
        sources = np.repeat(values, counts // np.maximum(ptr[values + 1] - ptr[values], 1))
        exact = np.array_equal(np.sort(self._expand(sources, ptr, order)), np.sort(synapses))
        return sources.astype(np.int32), exact

    def _keeps_synapses(self):
        """Whether spikes in flight are synapses that no list of sources gives."""
        if self.queue_mode != "synapses" or not any(len(slot) for slot in self.queue_state):
            return False
        ptr, order = self._storage_order()
        return not all(self._as_sources(slot, ptr, order)[1] for slot in self.queue_state)

    def prepare(self, dt):
        """Decide homogeneous vs heterogeneous delays for the next run."""
        self.check_delays(dt)
        self._dt = dt
        var = self.synapses.variables[self.delay_name]
        # (checked only where one delay for all would be taken: it reads the queue)
        if var.shared and not self._keeps_synapses():  # one delay for every synapse
            delay = int(np.floor(var.array[0] / dt + 0.5))
            self._homogeneous, self._mode, self._n_slots = True, "sources", delay + 1
            self._steps = None
            return True, delay
        steps = self.delay_steps(dt)
        self._homogeneous = (steps.size == 0 or bool(np.all(steps == steps[0]))) and \
            not self._keeps_synapses()
        if self._steps is not None and self._steps.shape == steps.shape:
            self._steps[:] = steps  # the array a kept module holds (see csr())
        else:
            self._steps = steps
        self._mode = "sources" if self._homogeneous else "synapses"
        self._n_slots = int(steps.max()) + 1 if steps.size else 1
        return self._homogeneous, (int(steps[0]) if steps.size else 0)


def rescaled_slots(contents, old_dt, new_dt):
    """Queue slots (entry k arrives in k steps of ``old_dt``) for steps of ``new_dt``:
    each spike keeps its arrival time, rounded half up to the new grid as Brian2's
    spike queue does when dt changes between runs."""
    offsets = np.floor(np.arange(len(contents)) * (old_dt / new_dt) + 0.5).astype(np.int64)
    slots = [[] for _ in range(int(offsets[-1]) + 1)]
    for offset, items in zip(offsets, contents):
        slots[offset].append(np.asarray(items, dtype=np.int32))
    return [np.concatenate(s) if s else np.zeros(0, np.int32) for s in slots]
