"""PoissonInput: many independent Poisson inputs summed into one variable, without
creating the input neurons or the synapses."""
import numpy as np
import sympy

from ..runtime.streams import poisson_input_stream
from ..core.base import EqsimObject
from ..core.context import current_context
from ..errors import DimensionMismatchError, EqsimError, LimitError
from ..ir.operations import Assignment, PoissonInputOp
from ..ir.variables import ArrayVariable, LinkedVariable
from ..parsing.dimensions import dimension_of
from ..parsing.expressions import parse_expression
from ..units import DIMENSIONLESS, Hz, get_dimensions
from ..units.display_names import symbol_text
from .model_code import function_rules, used_names

#: number of inputs that spike in this step, for the element being updated;
#: computed by the template (one binomial draw per element and step)
ARRIVALS = "_n_arrivals"


class PoissonInputError(EqsimError):
    """A PoissonInput whose target, rate or weight cannot work."""
    default_code = "EQ930"


class PoissonInputTargetError(PoissonInputError, KeyError):
    """A PoissonInput targeting a variable its group does not have: a KeyError, as in
    Brian2."""
    default_code = "EQ277"

    __str__ = EqsimError.__str__  # KeyError would quote the whole message


class PoissonInput(EqsimObject):
    """``N`` independent Poisson inputs of rate ``rate`` onto each element of ``target``.

    Every step, each target element gets ``target_var += k*weight`` with ``k`` drawn
    from Binomial(N, rate*dt) — the number of its inputs that spike in the step —
    which is what ``N`` Poisson neurons connected one-to-all with ``on_pre=
    'target_var += weight'`` would do, at the cost of one draw per element.

    Parameters
    ----------
    target : Group
        The group (or subgroup) receiving the input.
    target_var : str
        The variable of ``target`` to increase.
    N : int
        Number of inputs per target element.
    rate : Quantity
        Rate of each input (Hz).
    weight : Quantity or str
        Increase per input spike: a quantity with the dimension of ``target_var``, or
        an expression in the target's variables.
    when : str
        Schedule slot (default ``'synapses'``, as Brian2).
    order : int
    name : str, optional
    """
    dependency_attributes = ("target",)
    _base_name = "poissoninput"

    def __init__(self, target, target_var, N, rate, weight, when="synapses", order=0, name=None):
        label = name or "poissoninput"
        var = target.variables.get(target_var)
        if isinstance(var, LinkedVariable):
            raise PoissonInputError(f"'{target_var}' of '{target.name}' is a linked variable: "
                                    "inputs cannot write through a link", obj=label,
                                    hint="give the input to the linked group's own variable")
        if not isinstance(var, ArrayVariable) or target_var.startswith("_"):
            raise PoissonInputTargetError(f"'{target.name}' has no variable '{target_var}'",
                                          obj=label,
                                    hint=f"variables: {target.state_names()}")
        if var.read_only or var.constant:
            raise PoissonInputError(f"'{target_var}' of '{target.name}' cannot be changed by "
                                    f"inputs (it is constant or read-only)", obj=label)
        try:
            n_inputs = int(N)
        except (TypeError, ValueError):
            raise PoissonInputError(f"N must be a whole number, got {N!r}", obj=label) from None
        if n_inputs < 0 or n_inputs != N:
            raise PoissonInputError(f"N must be a non-negative whole number, got {N!r}", obj=label)
        if get_dimensions(rate) != Hz.dim or np.size(rate) != 1:
            raise DimensionMismatchError(f"rate must be one rate (Hz), got {rate!r}",
                                         get_dimensions(rate), Hz.dim, code="EQ931", obj=label,
                                         hint="e.g. rate=5*Hz")
        rate_hz = float(np.asarray(rate).reshape(()))
        if not (np.isfinite(rate_hz) and rate_hz >= 0):  # Brian2 refuses a negative rate too
            raise LimitError(f"the rate of a PoissonInput must be finite and not negative, got "
                             f"{rate!r}", code="EQ615", obj=label, hint="give a rate >= 0*Hz")
        if isinstance(weight, str):
            weight_expr = parse_expression(weight, obj=label)
        else:
            if np.size(weight) != 1:
                raise PoissonInputError("weight must be one value or an expression string",
                                        obj=label, hint="e.g. weight=0.1*mV or weight='w_in'")
            weight_dim = get_dimensions(weight)
            if weight_dim != var.dim:
                raise DimensionMismatchError(
                    f"weight has dimension {symbol_text(weight_dim)} but '{target_var}' has "
                    f"{symbol_text(var.dim)}",
                    weight_dim, var.dim, code="EQ932", obj=label,
                    hint=f"give the weight in units of {symbol_text(var.dim)}")
            weight_expr = sympy.Float(float(np.asarray(weight).reshape(())))
        super().__init__(clock=target.clock, when=when, order=order, name=name)
        self.target = target
        self.target_var = target_var
        self.N = n_inputs
        self.rate_ = rate_hz
        self._weight = (weight_expr, weight if isinstance(weight, str) else None)

    @property
    def rate(self):
        return self.rate_ * Hz

    def operations(self, run_namespace):
        target = self.target
        weight, text = self._weight
        weight = target.substitute_subexpressions(weight)
        variables = target.resolve_for_kernel(used_names([weight]) | {self.target_var},
                                              run_namespace)
        var = variables[self.target_var]
        found = var.dim if text is None else dimension_of(  # a quantity was checked at creation
            weight, target.kernel_dimensions(variables), functions=function_rules(variables),
            source=text, obj=self.name)
        if found != var.dim and not weight.is_zero:
            raise DimensionMismatchError(
                f"the weight '{text}' has dimension {symbol_text(found)} but "
                f"'{self.target_var}' has {symbol_text(var.dim)}",
                found, var.dim, code="EQ932", obj=self.name, source=text,
                hint=f"give the weight in units of {symbol_text(var.dim)}")
        probability = self.rate_ * self.clock.dt_
        if not 0 <= probability <= 1:
            raise PoissonInputError(f"rate*dt = {probability} is not a probability", obj=self.name,
                                    hint="use a smaller dt or a lower rate")
        statement = Assignment(self.target_var, "+=", sympy.Symbol(ARRIVALS, real=True) * weight)
        # scratch space: the uniforms of one step, drawn in a vectorised loop
        cache = current_context().cache(self, "scratch")
        scratch = cache.get("uniforms")
        stored = target._stop - target._start
        if scratch is None or scratch.array.size != stored:
            scratch = cache["uniforms"] = ArrayVariable("_uniforms", self.name, DIMENSIONLESS,
                                                        array=np.zeros(stored))
        variables["_uniforms"] = scratch
        return [PoissonInputOp(
            self.name, target._owner.name, target._start, target._stop,
            statements=[statement], variables=variables, when=self.when, order=self.order,
            clock=self.clock, source=self, template_locals=(ARRIVALS,),
            index_offset=target._local_origin, uniforms="_uniforms", n_inputs=self.N,
            draw_offset=target._owner._global_start,
            probability=probability, stream=poisson_input_stream(self._random_id))]

    def __repr__(self):
        return (f"PoissonInput({self.target.name}.{self.target_var}, N={self.N}, "
                f"rate={self.rate_} Hz, name={self.name!r})")
