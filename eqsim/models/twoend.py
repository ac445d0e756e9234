"""BrainPy's older synapse form, as seed 001 writes it:
``DualExponential(pre, post, conn, stp=None, output=CUBA(), comp_method='dense', g_max=1.,
tau_decay=10., tau_rise=1., delay_step=None)`` (``brainpy.synapses``), built as a
``Projection``.

Step semantics are those of BrainPy 2.9's ``brainpy.synapses`` (checked against BrainPy,
tests/reference/test_brainpy_dualexp.py): the synapse reads the presynaptic spikes of the
previous step. ``delay_step=d`` is BrainPy's documented meaning, a delay of ``d*dt``
(``None``, 0 and 1 all mean the next step); BrainPy 2.9 itself ignored ``delay_step`` in
our runs, so that part is not checked against it.
``comp_method`` ('dense' or 'sparse') is how BrainPy multiplies by the connectivity; eqsim
stores the connections once, and both give the same numbers.
"""
import copy

from ..units import ms
from .parameters import as_parameter


def two_end_projection(model_class, pre, post, conn, stp=None, output=None,
                       comp_method="dense", g_max=1.0, delay_step=None, method="exp_auto",
                       name=None, mode=None, stop_spike_gradient=False, **values):
    """A ``Projection`` from BrainPy's ``brainpy.synapses.<model>(pre, post, conn, ...)``.

    Parameters
    ----------
    model_class : type
        The synapse model (``DualExponential``, ``Expon``, ``Alpha``, or a receptor
        ``AMPA``, ``GABAa``, ``NMDA``, which takes ``stp=`` too); ``values`` are its
        parameters (plain numbers in ms).
    pre, post : ModelGroup
    conn : Connectivity
        ``All2All()``, ``One2One()``, ``FixedProb(p)``, ``IJConn(i, j)``; its weight is
        replaced by ``g_max``.
    stp : STP, optional
    output : Output, optional
        ``CUBA()`` (BrainPy's default here) or ``COBA(E=...)``, ``MgBlock(...)``.
    comp_method : {'dense', 'sparse'}
    g_max : Quantity or float
        The weight (unit of the output's weight; plain numbers nA or uS).
    delay_step : int, optional
        Delay in steps of ``dt`` (at least one step).
    """
    from .outputs import CUBA
    from .projections import Projection, ProjectionError
    label = name or model_class.__name__
    if getattr(model_class, "voltage_jump", False):
        raise ProjectionError(f"{label}: the older brainpy.synapses.Delta(pre, post, conn, ...) "
                              "form is not offered (it adds to V before the integration, "
                              "masked by post_ref_key)",
                              hint="FullProjDelta(pre, delay, comm, post): BrainPy's "
                                   "voltage-jump projection")
    if comp_method not in ("dense", "sparse"):
        raise ProjectionError(f"{label}: comp_method must be 'dense' or 'sparse', "
                              f"got {comp_method!r}", hint="comp_method='sparse'")
    steps = 0 if delay_step is None else delay_step
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 0:
        raise ProjectionError(f"{label}: delay_step must be a whole number of steps >= 0, "
                              f"got {delay_step!r}", hint="delay_step=2 (two steps of dt)")
    if "T_duration" in values:  # the older form's name of AMPA's and GABAa's T_dur
        values["T_dur"] = values.pop("T_duration")
    comm = copy.copy(conn)
    comm.weight = g_max
    dt_ms = float(post.clock.dt_) / 1e-3
    # a Projection's delay is the new-style BrainPy delay, which reaches the targets
    # one step before its number of steps (after the first): one step more
    return Projection(pre, post, comm, syn=model_class(**values),
                      out=CUBA() if output is None else output,
                      delay=round((max(steps, 1) + 1) * dt_ms, 12) * ms, stp=stp, name=name)
