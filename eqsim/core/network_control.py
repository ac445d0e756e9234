"""What a Network offers beyond running: its schedule, the profile of its last run, the
state variables of all its objects at once, and stop(), as Brian2's Network."""
from collections.abc import Sequence

from ..errors import NetworkStateError, NotRunningError, ScheduleError, ScheduleTypeError
from .namespace import caller_namespace
from .preferences import prefs, valid_schedule
from .summaries import SchedulingSummary


class NetworkControl:
    """Mixin of :class:`~eqsim.core.network.Network` (uses its ``_scheduled``,
    ``_all_objects`` and the attributes ``_schedule``, ``_profiling_info``, ``_stopped``)."""

    # --- schedule and profile -----------------------------------------------------------
    @property
    def schedule(self):
        """The order of the ``when`` slots in a time step (a list; ``before_x`` and
        ``after_x`` sit around each slot ``x``). Default: the preference
        ``core.network.default_schedule``; set a list to change it for this network,
        ``None`` to return to the default, as Brian2's ``Network.schedule``."""
        if self._schedule is None:
            return list(prefs["core.network.default_schedule"])
        return list(self._schedule)

    @schedule.setter
    def schedule(self, schedule):
        if schedule is not None and not valid_schedule(schedule):
            # Brian2: TypeError for what is no sequence of strings, ValueError for bad names
            of_strings = isinstance(schedule, Sequence) and all(isinstance(slot, str)
                                                                for slot in schedule)
            raise (ScheduleError if of_strings else ScheduleTypeError)(f"{schedule!r:.80} is not a schedule",
                                hint="a list of distinct slot names, without before_/after_ "
                                     "(those slots exist around every slot), e.g. "
                                     "['start', 'groups', 'synapses', 'thresholds', 'resets', "
                                     "'end']")
        self._schedule = None if schedule is None else list(schedule)

    @property
    def profiling_info(self):
        """``[(name, time)]`` of the last run with ``profile=True``, longest first: wall
        time (second) of each kernel and network operation; see ``profiling_summary``.

        Raises
        ------
        NotRunningError
            If the last run was not profiled.
        """
        if self._profiling_info is None:
            raise NotRunningError("no profiling information: the last run of "
                                  f"'{self.name}' was not profiled",
                                  hint="run(..., profile=True)")
        return list(self._profiling_info)

    def scheduling_summary(self, level=0):
        """The order in which the network runs its operations (a printable table, as
        Brian2's): object, what it is part of, clock dt, ``when``, ``order``, active.

        Parameters
        ----------
        level : int
            Frames above the caller for names in model strings (the operations are
            built as for a run, so an undefined name raises here too).
        """
        return SchedulingSummary(self._scheduled(caller_namespace(level), include_inactive=True))

    # --- state variables of every object -----------------------------------------------
    def get_states(self, units=True, format="dict", subexpressions=False,
                   read_only_variables=True, level=0):
        """Copies of the state variables of every object that has them, as Brian2's.

        Parameters
        ----------
        units : bool
            Values as quantities (True) or as plain floats in SI base units.
        format : {'dict'}
        subexpressions : bool
            Also evaluate the subexpressions.
        read_only_variables : bool
            Include read-only variables (``N``, ``i``, constants); ``False`` gives a
            state that :meth:`set_states` accepts as it is.
        level : int
            Frames above the caller for names in subexpressions.

        Returns
        -------
        dict
            ``{object name: {variable name: values}}`` of the groups, synapses and
            monitors (their records, read-only), as Brian2.
        """
        return {obj.name: obj.get_states(units=units, format=format,
                                         subexpressions=subexpressions,
                                         read_only_variables=read_only_variables,
                                         level=level + 1)
                for obj in self._all_objects() if callable(getattr(obj, "get_states", None))}

    def set_states(self, values, units=True, format="dict", level=0):
        """Set state variables of several objects: ``{object name: {variable: values}}``
        (see :meth:`get_states`; ``units=False``: plain floats in SI base units).

        Raises
        ------
        NetworkStateError
            (a ``KeyError``) if a name is not an object of this network; nothing is set.
        """
        objects = {obj.name: obj for obj in self._all_objects()}
        for name in values:
            if not callable(getattr(objects.get(name), "set_states", None)):
                raise NetworkStateError(
                    f"the network '{self.name}' has no object named {name!r:.60} with state "
                    f"variables", hint=f"objects: {sorted(n for n, o in objects.items() if callable(getattr(o, 'set_states', None)))}")
        for name, object_values in values.items():
            objects[name].set_states(object_values, units=units, format=format, level=level + 1)

    def __getstate__(self):
        # the loaded module of the last run is rebuilt (from the cache) by the next run
        state = dict(self.__dict__)
        state["_module"] = None
        return state

    def stop(self):
        """End a run in progress once the current time step is complete (call it from a
        network operation); the next :meth:`run` starts normally, as in Brian2."""
        self._stopped = True
