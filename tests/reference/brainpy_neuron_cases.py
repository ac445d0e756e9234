"""The single-population cases compared with BrainPy: model name, BrainPy parameters (its
plain numbers), constant inputs per neuron and recorded variables. Shared by the generator
(BrainPy environment) and the test (eqsim)."""

# LifRef_whole_steps: tau_ref a multiple of dt, where BrainPy's floating-point comparison
# of t - t_last_spike with tau_ref decides spike by spike (eqsim computes it the same way)
STEPS = 2000  # 200 ms at dt = 0.1 ms
DT_MS = 0.1

CASES = {
    "Lif": dict(params=dict(V_rest=-60., V_th=-50., V_reset=-60., tau=20.),
                inputs=[5., 12., 20.], V0=-55., record=["V"]),
    "LifRef": dict(params=dict(V_rest=-60., V_th=-50., V_reset=-60., tau=20., tau_ref=2.05),
                   inputs=[5., 12., 20.], V0=-55., record=["V"]),
    "LifRef_whole_steps": dict(model="LifRef",
                               params=dict(V_rest=-60., V_th=-50., V_reset=-60., tau=20.,
                                           tau_ref=5.),
                               inputs=[11., 15., 20.], V0=-55., record=["V"]),
    "ExpIF": dict(params=dict(), inputs=[5., 10., 20.], V0=-65., record=["V"]),
    "ExpIFRef": dict(params=dict(tau_ref=1.55), inputs=[5., 10., 20.], V0=-65., record=["V"]),
    "AdExIF": dict(params=dict(a=0.5, b=2.), inputs=[5., 15., 30.], V0=-65., record=["V", "w"]),
    "QuaIF": dict(params=dict(), inputs=[5., 10., 20.], V0=-65., record=["V"]),
    "Izhikevich": dict(params=dict(), inputs=[5., 10., 15.], V0=-70., record=["V", "u"]),
    "HH": dict(params=dict(), inputs=[2., 5., 10.], V0=-65., record=["V", "m", "h", "n"]),
    "Gif": dict(params=dict(a=0.005, A1=10., A2=-0.6), inputs=[1., 1.5, 2.], V0=-70.,
                record=["V", "V_th", "I1", "I2"]),
}
