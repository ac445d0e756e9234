"""The base of every object a Network runs: clock, schedule slot, scope."""
import linecache

from ..errors import NetworkError
from .namespace import user_frame
from .clock import Clock, defaultclock
from .names import Nameable
from .preferences import prefs
from .context import current_context
from .state_check import check_like

SCHEDULE = ["start", "groups", "thresholds", "synapses", "resets", "end"]


def schedule_index(when, schedule=None):
    """Sort key of a schedule slot in ``schedule`` (default: the preference
    ``core.network.default_schedule``); ``before_x``/``after_x`` sit around slot ``x``."""
    if schedule is None:
        schedule = prefs["core.network.default_schedule"]
    if when in schedule:
        return 3 * schedule.index(when) + 1
    for prefix, shift in (("before_", 0), ("after_", 2)):
        if isinstance(when, str) and when.startswith(prefix) and when[len(prefix):] in schedule:
            return 3 * schedule.index(when[len(prefix):]) + shift
    raise NetworkError(f"unknown schedule slot when={when!r:.60}",
                       hint=f"use one of {list(schedule)}, optionally prefixed with before_ or "
                            f"after_")


def creation_site():
    """Where the user's code created the object being made: the innermost frame outside
    the eqsim package, as ``File '...', line N, in f`` and the source line (shown by
    ``BrianObjectException``, as Brian2 shows an object's creation stack)."""
    frame = user_frame()
    if frame is None:
        return None
    code = frame.f_code
    text = linecache.getline(code.co_filename, frame.f_lineno).strip()
    site = f"File '{code.co_filename}', line {frame.f_lineno}, in {code.co_name}"
    return f"{site}\n    {text}" if text else site


class _Scope:
    key = 0


def start_scope():
    """Start a new scope: objects created before are no longer collected by ``run()``,
    and the time of the magic network (and of ``defaultclock``, which follows it) returns
    to 0, so a ``dt`` chosen next is not checked against the time of an earlier scope."""
    from .magic import magic_network
    _Scope.key += 1
    magic_network.reset()
    defaultclock._clock.step = 0


class EqsimObject(Nameable):
    """Something a Network runs: it owns a clock and a schedule position.

    Parameters
    ----------
    dt : Quantity, optional
        Time step (second) of an own clock.
    clock : Clock, optional
        The clock to use (default: ``defaultclock``).
    when : str
        Schedule slot.
    order : int
        Position within the slot.
    name : str, optional
    """

    # a new object of this kind makes the magic run() start a new simulation at t = 0
    # (False for monitors, which Brian2 lets join a simulation that is under way)
    invalidates_magic_network = True

    def __init__(self, *, dt=None, clock=None, when="start", order=0, name=None):
        if dt is not None and clock is not None:
            raise NetworkError("give either dt or clock, not both")
        schedule_index(when)
        super().__init__(name)
        if clock is None:
            clock = Clock(dt, name=f"{self.name}_clock") if dt is not None else defaultclock._clock
        self.clock = clock
        self.when = when
        self.order = order
        self.active = True
        self.contained_objects = []
        self._scope_key = _Scope.key
        self._random_id = current_context().next_object_number()
        self._creation_site = creation_site()

    # the Network calls these; subclasses override what they need
    def operations(self, run_namespace):
        """Operations (IR) or NetworkOperation slots this object runs every step."""
        return []

    def before_run(self, module):
        """Prepare the generated module (e.g. refill spike queues) just before a run."""

    def reserve_memory(self, module, duration):
        """Allocate now what a run of ``duration`` (second) will record, where that is
        known, so that running out of memory is an error before the run, not during it."""

    def after_run(self, module):
        """Collect what the run produced (monitor buffers) from the generated module."""

    def expected_memory(self, duration):
        """``(new_bytes, held_bytes, description)`` of the recordings a run of ``duration``
        (second) adds and those held already, or ``None`` when nothing is recorded."""
        return None

    def get_state(self):
        """A copy of everything a ``store()`` must save."""
        return {}

    def set_state(self, state):
        """Put back what ``get_state`` returned (after ``check_state`` accepted it)."""

    def check_state(self, state):
        """Raise ``CheckpointError`` unless ``state`` (as stored, perhaps read from a file)
        fits this object; changes nothing. By default the state must have exactly the
        structure ``get_state()`` has now: same keys, dtypes and shapes."""
        check_like(self.get_state(), state, self.name)
