"""PoissonGroup: independent Poisson spike trains with given rates."""
import warnings

import numpy as np

from ..runtime.streams import poisson_group_streams
from ..core.limits import whole_number
from ..core.seeding import run_seed
from ..core.state_check import check_array, check_keys, check_scalar
from ..errors import DimensionMismatchError, EqsimError, EqsimWarning, LimitError
from ..ir.operations import PoissonSkipOp
from ..parsing.dimensions import dimension_of
from ..parsing.expressions import parse_expression
from ..runtime.random import geometric
from ..units import DIMENSIONLESS, Hz, get_dimensions
from ..units.display_names import symbol_text
from .group import Group
from .model_code import function_rules, make_threshold, used_names
from .run_regularly import RunRegularly
from .start_values import first_bad, values_at_start
from .subgroup import SpikeSource

#: Each neuron spikes in a step with probability rates*dt (Brian2's rule). For rates
#: given as an expression this is one uniform per neuron and step, keyed by (seed,
#: stream, step, neuron), so both targets draw the same numbers.
SPIKE_CONDITION = "rand() < rates*dt"
# With constant rates the same process is sampled by its gaps: after each spike the
# number of silent steps is drawn from Geometric(rates*dt) (kind 'poissonskip'), one
# draw per spike instead of one per neuron and step (26x faster at 10 Hz in C).


def check_constant_rates(rates, obj):
    """Constant rates are finite and not negative (Brian2 would treat a negative rate as
    0 Hz without a word; a constant one is always a mistake)."""
    bad = first_bad(rates, lambda r: np.isfinite(r) & (r >= 0))
    if bad is not None:
        count, k, value = bad
        raise LimitError(f"the rate of neuron {k} is {value!r} Hz ({count} of {rates.size} "
                         f"neurons); rates must be finite and not negative", code="EQ615",
                         obj=obj, hint="give rates >= 0*Hz")


def warn_negative_rates(group, run_namespace):
    """A rate expression is evaluated every step; where it is negative (or NaN) no spike
    is possible, as in Brian2 (``rand() < rates*dt`` never holds). Say so when that is
    already the case when the run starts."""
    expr = group.substitute_subexpressions(group._subexpressions["rates"][0])
    values = values_at_start(group, expr, run_namespace, "rates")
    bad = None if values is None else first_bad(values, lambda r: r >= 0)
    if bad is not None:
        count, k, value = bad
        warnings.warn(f"[EQ615] the rates '{group._rates_text}' of '{group.name}' are {value!r} "
                      f"Hz for neuron {k} ({count} of {values.size} neurons) at t = "
                      f"{group.clock.t_!r} s; a negative or NaN rate gives no spikes (it counts as "
                      f"0 Hz, as in Brian2)", EqsimWarning, stacklevel=2)


class PoissonGroup(SpikeSource, Group):
    """``N`` independent Poisson processes: each neuron spikes in a step with
    probability ``rates*dt``.

    Constant rates (a quantity or array) are sampled by their gaps, one random draw
    per spike; rates given as an expression draw one number per neuron and step.
    Both give the same process, and each is identical on both targets when seeded.

    Parameters
    ----------
    N : int
        Number of neurons.
    rates : Quantity, array of Quantity, or str
        Firing rate(s) (Hz): one value, one per neuron (assignable later as
        ``P.rates = ...``), or an expression evaluated every step, e.g.
        ``'10*Hz + i*Hz'`` or ``'stimulus(t)'`` with a TimedArray. Constant rates must
        be finite and not negative (a ``LimitError`` otherwise, at creation and at each
        run). Where an expression is negative or NaN no spike happens, as in Brian2 (it
        counts as 0 Hz); an ``EqsimWarning`` says so when that is the case as a run starts.
    dt : Quantity, optional
        Own time step (second).
    clock : Clock, optional
    when : str
        Schedule slot (default ``'thresholds'``).
    order : int
    namespace : dict, optional
        Names for external constants in a rate expression.
    name : str, optional
    """
    _base_name = "poissongroup"

    def __init__(self, N, rates, dt=None, clock=None, when="thresholds", order=0, namespace=None,
                 name=None, codeobj_class=None):
        label = name or "poissongroup"
        N = whole_number(N, "the number of neurons N of a PoissonGroup", obj=label)
        rate_expr = None
        if isinstance(rates, str):
            rate_expr = parse_expression(rates, obj=label)
        else:
            found = get_dimensions(rates)
            if found != Hz.dim and not np.all(np.asarray(rates) == 0):
                raise DimensionMismatchError(f"rates must be a rate (Hz), got dimension "
                                             f"{symbol_text(found)}",
                                             found, Hz.dim, code="EQ901", obj=label,
                                             hint="e.g. rates=10*Hz")
            if np.ndim(rates) not in (0, 1) or np.size(rates) not in (1, N):
                raise EqsimError(f"rates must be one value or {N} values, got shape "
                                 f"{np.shape(rates)}", code="EQ902", obj=label)
            check_constant_rates(np.broadcast_to(np.asarray(rates, dtype=float), (N,)), label)
        super().__init__(dt=dt, clock=clock, when=when, order=order, name=name)
        self.namespace = namespace
        self._init_state(N)
        if rate_expr is None:
            self.add_array("rates", Hz.dim)
            self.variables["rates"].array[:] = np.broadcast_to(np.asarray(
                rates, dtype=float), (N,))[self._global_start:self._global_start + self._stop]
            self.add_array("_next_spike", DIMENSIONLESS, np.int64, read_only=True)
        else:
            self._subexpressions["rates"] = (rate_expr, Hz.dim)
        self._drawn_for = None  # (rates, dt, seed) the next spikes were drawn for
        self._rates_text = rates if isinstance(rates, str) else None
        self.add_array("_spikespace", DIMENSIONLESS, np.int32, size=self._stop + 1,
                       read_only=True)
        object.__setattr__(self, "_locked", True)

    def run_regularly(self, code, dt=None, clock=None, when="start", order=0, name=None):
        """Run ``code`` (statements) for every neuron at intervals of ``dt`` (second), e.g.
        ``P.run_regularly('rates = 10*Hz + rand()*5*Hz', dt=10*ms)`` (Brian2's method)."""
        from .run_regularly import attach_run_regularly
        return attach_run_regularly(self, self, code, dt=dt, clock=clock, when=when,
                                    order=order, name=name)

    def _rates_change_during_run(self):
        """Whether run_regularly code may write the rates between steps: then the gaps
        drawn at the start of a run would be stale, and each step draws (Brian2's rule)."""
        return any(isinstance(obj, RunRegularly) and obj.active
                   for obj in self.contained_objects)

    def operations(self, run_namespace):
        ops = self._operations(run_namespace)
        for op in ops:  # elements are stored from the global index _global_start on
            op.global_offset = self._global_start
        return ops

    def _operations(self, run_namespace):
        if self._rates_text is None and self._rates_change_during_run():
            check_constant_rates(self.variables["rates"].array, self.name)
            condition = parse_expression(SPIKE_CONDITION, obj=self.name)
            return [make_threshold(self, "spike", condition, None, run_namespace,
                                   when=self.when, order=self.order)]
        if self._rates_text is None:
            check_constant_rates(self.variables["rates"].array, self.name)
            return [self._skipping_operation()]
        self._check_rate_expression(run_namespace)
        warn_negative_rates(self, run_namespace)
        condition = parse_expression(SPIKE_CONDITION, obj=self.name)
        return [make_threshold(self, "spike", condition, None, run_namespace, when=self.when,
                               order=self.order)]

    def _streams(self):
        return poisson_group_streams(self._random_id)

    def _skipping_operation(self):
        names = ("rates", "_next_spike", "_spikespace")
        return PoissonSkipOp(f"{self.name}_thresholder", self.name, 0, self._stop,
                             variables={n: self.variables[n] for n in names}, when=self.when,
                             order=self.order, clock=self.clock, events="_spikespace",
                             source=self, rates="rates", next_spike="_next_spike",
                             stream=self._streams()[1], draw_offset=self._global_start)

    def before_run(self, module):
        """Draw each neuron's first spike step from now when the rates (or dt, or the seed)
        changed since the last draw; otherwise continue where the last run stopped (the
        process is memoryless, so a fresh draw is as right as continuing)."""
        if self._rates_text is not None:
            return
        rates = self.variables["rates"].array
        key = (rates.tobytes(), self.clock.dt_, run_seed())
        if self._drawn_for == key:
            return
        step = self.clock.step
        p = np.clip(rates * self.clock.dt_, 0.0, 1.0)
        gaps = np.atleast_1d(geometric(p, run_seed(), self._streams()[0], step,
                                       np.arange(self._stop) + self._global_start))
        far = gaps >= np.uint64(1 << 62)
        self.variables["_next_spike"].array[:] = np.where(
            far, np.iinfo(np.int64).max, step + np.where(far, 0, gaps).astype(np.int64))
        self._drawn_for = key

    # the gaps drawn for (rates, dt, seed) are part of the state: a restored group
    # continues its spike trains instead of drawing new ones
    def get_state(self):
        state = super().get_state()
        drawn = self._drawn_for
        state["_drawn_for"] = None if drawn is None else {
            "rates": np.frombuffer(drawn[0], dtype=np.float64).copy(), "dt": drawn[1],
            "seed": drawn[2]}
        return state

    def set_state(self, state):
        state = dict(state)
        drawn = state.pop("_drawn_for")
        super().set_state(state)
        self._drawn_for = None if drawn is None else (
            np.ascontiguousarray(drawn["rates"], dtype=np.float64).tobytes(), drawn["dt"],
            drawn["seed"])

    def check_state(self, state):
        check_keys(state, self.get_state(), self.name)
        drawn = state["_drawn_for"]
        if drawn is not None:
            check_keys(drawn, ("rates", "dt", "seed"), self.name, "entries of '_drawn_for'")
            check_array(drawn["rates"], self.name, "_drawn_for.rates", np.float64, (self.N,))
            check_scalar(drawn["dt"], self.name, "_drawn_for.dt", float)
            check_scalar(drawn["seed"], self.name, "_drawn_for.seed", int, maximum=None)
        super().check_state({k: v for k, v in state.items() if k != "_drawn_for"})

    def _check_rate_expression(self, run_namespace):
        expr, _ = self._subexpressions["rates"]
        variables = self.resolve_for_kernel(used_names([expr]), run_namespace)
        found = dimension_of(expr, self.kernel_dimensions(variables),
                             functions=function_rules(variables), source=self._rates_text,
                             obj=self.name)
        if found != Hz.dim and not expr.is_zero:
            raise DimensionMismatchError(
                f"the rates expression '{self._rates_text}' has dimension "
                f"{symbol_text(found)}, but a rate "
                f"(Hz) is needed", found, Hz.dim, code="EQ901", obj=self.name,
                source=self._rates_text, hint="e.g. rates='10*Hz + i*Hz'")

    def __repr__(self):
        return f"PoissonGroup({self.N}, name={self.name!r})"
