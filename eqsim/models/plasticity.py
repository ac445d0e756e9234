"""Spike-timing-dependent plasticity rules as Brian2 equation strings: pair STDP
(additive or multiplicative weight dependence) and triplet STDP (Pfister & Gerstner 2006).

A rule is a description: ``print(STDP())`` shows its equations; ``rule.synapses(pre, post,
on_pre='v_post += w')`` builds plastic Synapses, and ``Projection(..., plasticity=rule)``
a plastic projection. Traces are event-driven (updated exactly at spikes), and amplitudes
are fractions of ``wmax``. Within a time step the presynaptic pathway runs before the
postsynaptic one (Brian2's order), so a pre and a post spike in the same step count as
pre before post.
"""
import numpy as np

from ..synapses.synapses import Synapses
from ..units import Quantity, get_dimensions
from ..units.display_names import symbol_text
from .parameters import ModelParameterError, as_parameter, parameter_values, unit_text


class PlasticityRule:
    """Base: ``parameters`` {name: (default, kind)}; ``model(p, unit)``, ``pre_code(p)``,
    ``post_code(p)``: the text with parameter names prefixed by ``p``. ``wmax`` is
    dimensionless for ``synapses()`` unless a Quantity, in the output's weight unit
    (plain numbers uS / nA) for a projection."""
    parameters = {}

    def __init__(self, wmax=1.0, **values):
        self.values = parameter_values(type(self).__name__, self.parameters, values)
        self.wmax = wmax

    def wmax_in(self, kind):
        """``wmax`` as a value of the weight ``kind`` ('conductance', 'current' or '1')."""
        return as_parameter(type(self).__name__, "wmax", self.wmax, kind)

    def namespace(self, p, wmax):
        return {**{p + k: v for k, v in self.values.items()}, p + "wmax": wmax}

    def synapses(self, source, target, on_pre="", on_post="", model="", **kwargs):
        """Plastic Synapses with per-synapse weight ``w`` (the unit of ``wmax``) and the
        rule's traces; ``on_pre``/``on_post``/``model`` are added before the rule's code.

        Returns
        -------
        Synapses
            Connect it and set ``w`` as usual.
        """
        kind = "1" if get_dimensions(self.wmax).is_dimensionless else _kind_of(self.wmax)
        wmax = self.wmax_in(kind)
        unit = unit_text(None if kind == "1" else _si_unit(wmax))
        namespace = {**kwargs.pop("namespace", {}), **self.namespace("", wmax)}
        return Synapses(source, target, _joined(model, self.model("", unit)),
                        on_pre=_joined(on_pre, self.pre_code("")),
                        on_post=_joined(on_post, self.post_code("")),
                        namespace=namespace, **kwargs)

    def __str__(self):
        return (f"{self!r}\nmodel:\n{self.model('', 'unit of wmax')}\n"
                f"on_pre:\n{self.pre_code('')}\non_post:\n{self.post_code('')}")

    def __repr__(self):
        given = ", ".join(f"{k}={float(v) if np.ndim(v) == 0 and not isinstance(v, Quantity) else v!r}"
                          for k, v in self.values.items())
        return f"{type(self).__name__}({given}, wmax={self.wmax!r})"


def _joined(*parts):
    return "\n".join(part for part in parts if part)


def _kind_of(value):
    for kind in ("conductance", "current", "voltage"):
        if get_dimensions(value) == get_dimensions(as_parameter("", "", 1.0, kind)):
            return kind
    raise ModelParameterError(f"wmax: unsupported unit of {value!r}",
                              hint="a dimensionless number, a conductance or a current")


def _si_unit(quantity):
    return {"S": "siemens", "A": "amp", "V": "volt"}[symbol_text(get_dimensions(quantity))]


class STDP(PlasticityRule):
    """Pair-based STDP (Song, Miller & Abbott 2000; all-to-all pairing).

    ``apre`` and ``apost`` are traces decaying with ``taupre``/``taupost`` (second; plain
    numbers ms), incremented by ``Apre``/``Apost`` (fractions of ``wmax``) at each pre /
    post spike. At a presynaptic spike the weight changes by ``apost`` times the
    dependence, at a postsynaptic spike by ``apre`` times it:

    - ``dependence='additive'``: ``wmax`` (independent of ``w``);
    - ``dependence='multiplicative'``: ``w`` for depression and ``wmax - w`` for
      potentiation (van Rossum, Bi & Turrigiano 2000), so ``w`` stays in [0, wmax].

    The weight is clipped to [0, wmax]. Defaults: 20 ms, ``Apre = 0.01``,
    ``Apost = -0.0105`` (Brian2's STDP example).
    """
    parameters = {"taupre": (20.0, "time"), "taupost": (20.0, "time"),
                  "Apre": (0.01, "1"), "Apost": (-0.0105, "1")}

    def __init__(self, dependence="additive", wmax=1.0, **values):
        if dependence not in ("additive", "multiplicative"):
            raise ModelParameterError(f"STDP: unknown dependence {dependence!r}",
                                      hint="'additive' or 'multiplicative'")
        super().__init__(wmax, **values)
        self.dependence = dependence

    def model(self, p, unit):
        return (f"w : {unit}\n"
                f"dapre/dt = -apre/{p}taupre : 1 (event-driven)\n"
                f"dapost/dt = -apost/{p}taupost : 1 (event-driven)")

    def _change(self, p, trace, potentiation):
        if self.dependence == "additive":
            return f"{p}wmax*{trace}"
        return f"({p}wmax - w)*{trace}" if potentiation else f"w*{trace}"

    def pre_code(self, p):
        return (f"apre += {p}Apre\n"
                f"w = clip(w + {self._change(p, 'apost', False)}, 0*{p}wmax, {p}wmax)")

    def post_code(self, p):
        return (f"apost += {p}Apost\n"
                f"w = clip(w + {self._change(p, 'apre', True)}, 0*{p}wmax, {p}wmax)")

    def __repr__(self):
        return super().__repr__()[:-1] + f", dependence={self.dependence!r})"


class TripletSTDP(PlasticityRule):
    """Triplet STDP (Pfister & Gerstner 2006, J. Neurosci. 26:9673), the all-to-all
    ("all") interaction by default, or ``nearest=True`` for the nearest-spike one.

    Presynaptic traces ``r1`` (``tau_plus``), ``r2`` (``tau_x``), postsynaptic ``o1``
    (``tau_minus``), ``o2`` (``tau_y``); each spike adds 1 to its neuron's traces (sets them
    to 1 with ``nearest=True``) after the weight change. At a presynaptic spike
    ``w -= wmax*o1*(A2m + A3m*r2)``, at a postsynaptic one ``w += wmax*r1*(A2p + A3p*o2)``,
    with ``r2``, ``o2`` taken just before the spike; ``w`` is clipped to [0, wmax].
    Defaults: the paper's minimal all-to-all fit to visual cortex data (Table 4).
    """
    parameters = {"tau_plus": (16.8, "time"), "tau_minus": (33.7, "time"),
                  "tau_x": (101.0, "time"), "tau_y": (125.0, "time"),
                  "A2p": (5e-10, "1"), "A3p": (6.2e-3, "1"), "A2m": (7e-3, "1"),
                  "A3m": (2.3e-4, "1")}

    def __init__(self, nearest=False, wmax=1.0, **values):
        super().__init__(wmax, **values)
        self.nearest = bool(nearest)

    def model(self, p, unit):
        return (f"w : {unit}\n"
                f"dr1/dt = -r1/{p}tau_plus : 1 (event-driven)\n"
                f"dr2/dt = -r2/{p}tau_x : 1 (event-driven)\n"
                f"do1/dt = -o1/{p}tau_minus : 1 (event-driven)\n"
                f"do2/dt = -o2/{p}tau_y : 1 (event-driven)")

    def _bump(self, traces):
        return "\n".join(f"{t} = 1" if self.nearest else f"{t} += 1" for t in traces)

    def pre_code(self, p):
        return (f"w = clip(w - {p}wmax*o1*({p}A2m + {p}A3m*r2), 0*{p}wmax, {p}wmax)\n"
                + self._bump(("r1", "r2")))

    def post_code(self, p):
        return (f"w = clip(w + {p}wmax*r1*({p}A2p + {p}A3p*o2), 0*{p}wmax, {p}wmax)\n"
                + self._bump(("o1", "o2")))

    def __repr__(self):
        return super().__repr__()[:-1] + f", nearest={self.nearest})"
