"""The single-population cases compared with BrainPy: model name, BrainPy parameters (its
plain numbers), constant inputs per neuron and recorded variables. Shared by the generator
(BrainPy environment) and the test (eqsim)."""

# tau_ref values are not multiples of dt: BrainPy compares (t - t_last_spike) <= tau_ref
# in floating point, so at a multiple of dt its refractory period is one step shorter after
# some spikes and not others (rounding of t); eqsim compares whole steps (see
# eqsim/models/neuron_model.py)
STEPS = 2000  # 200 ms at dt = 0.1 ms
DT_MS = 0.1

CASES = {
    "Lif": dict(params=dict(V_rest=-60., V_th=-50., V_reset=-60., tau=20.),
                inputs=[5., 12., 20.], V0=-55., record=["V"]),
    "LifRef": dict(params=dict(V_rest=-60., V_th=-50., V_reset=-60., tau=20., tau_ref=2.05),
                   inputs=[5., 12., 20.], V0=-55., record=["V"]),
    "ExpIF": dict(params=dict(), inputs=[5., 10., 20.], V0=-65., record=["V"]),
    "ExpIFRef": dict(params=dict(tau_ref=1.55), inputs=[5., 10., 20.], V0=-65., record=["V"]),
    "AdExIF": dict(params=dict(a=0.5, b=2.), inputs=[5., 15., 30.], V0=-65., record=["V", "w"]),
    "QuaIF": dict(params=dict(), inputs=[5., 10., 20.], V0=-65., record=["V"]),
    "Izhikevich": dict(params=dict(), inputs=[5., 10., 15.], V0=-70., record=["V", "u"]),
    "HH": dict(params=dict(), inputs=[2., 5., 10.], V0=-65., record=["V", "m", "h", "n"]),
    "Gif": dict(params=dict(a=0.005, A1=10., A2=-0.6), inputs=[1., 1.5, 2.], V0=-70.,
                record=["V", "V_th", "I1", "I2"]),
}
