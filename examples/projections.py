"""Ready models and projections (eqsim.models), BrainPy style, with plastic input.

An E/I network of ``LifRef`` neurons (320 E, 80 I), connected by ``ProjAlignPreMg2``
projections with exponential conductance synapses (``Expon``, ``COBA``) whose connections
are generated on the fly (``JitFPHomoLinear``: nothing stored), receives 100 Poisson inputs
through a ``Projection`` with stored connections whose weights learn by ``STDP``. Plain numbers
are BrainPy's units (mV, ms, nA, uS). Prints the model's equations, the populations' rates and
how the plastic weights moved; saves a raster and the weight distribution.

Run: ``python examples/projections.py [--duration MS]``
"""
import sys

import numpy as np

from eqsim import Hz, Network, PoissonGroup, SpikeMonitor, ms, nA, seed, uS
from eqsim.models import (COBA, STDP, Expon, FixedProb, JitFPHomoLinear, LifRef, Normal,
                          ProjAlignPreMg2, Projection)
from eqsim.plotting import raster

from example_args import parse_arguments, save

N_E, N_I, PROB = 320, 80, 0.2  # as many inputs per neuron as 4000 neurons at p = 0.02


def build():
    params = dict(V_rest=-60., V_th=-50., V_reset=-60., tau=20., tau_ref=5.,
                  V_initializer=Normal(-55., 2.))
    exc, inh = LifRef(N_E, name="E", **params), LifRef(N_I, name="I", **params)
    for pre, post, n_pre, n_post, tau, weight, e_rev, name in [
            (exc, exc, N_E, N_E, 5., 0.6, 0., "E2E"), (exc, inh, N_E, N_I, 5., 0.6, 0., "E2I"),
            (inh, exc, N_I, N_E, 10., 6.7, -80., "I2E"), (inh, inh, N_I, N_I, 10., 6.7, -80., "I2I")]:
        ProjAlignPreMg2(pre=pre, delay=0.1, syn=Expon.desc(size=n_pre, tau=tau),
                        comm=JitFPHomoLinear(n_pre, n_post, prob=PROB, weight=weight),
                        out=COBA(E=e_rev), post=post, name=name)
    exc.I = 18 * nA
    inh.I = 18 * nA
    inputs = PoissonGroup(100, rates=20 * Hz)
    plastic = Projection(inputs, exc, FixedProb(0.2, weight=0.5, procedural=False),
                         syn=Expon(tau=5.), out=COBA(E=0.), name="input",
                         plasticity=STDP(dependence="additive", Apre=0.01, Apost=-0.0105))
    monitors = SpikeMonitor(exc), SpikeMonitor(inh)
    return Network(exc, inh, inputs, plastic, *monitors), plastic, monitors, exc


def main(argv):
    args = parse_arguments(argv, __file__, __doc__, 1000.0)
    seed(2024)
    network, plastic, (spikes_e, spikes_i), exc = build()
    print("LifRef(tau=20.) as an equation string:\n" + str(LifRef(tau=20.).equations).strip())
    initial = np.asarray(plastic.synapses.w[:] / uS)
    network.run(args.duration)
    milliseconds = float(args.duration / ms)
    rates = {name: monitor.num_spikes / n / milliseconds * 1000
             for name, monitor, n in (("E", spikes_e, N_E), ("I", spikes_i, N_I))}
    final = np.asarray(plastic.synapses.w[:] / uS)
    print(f"projections, {milliseconds:g} ms: rate E {rates['E']:.1f} Hz, rate I "
          f"{rates['I']:.1f} Hz; {final.size} plastic input synapses, mean weight (uS) "
          f"{initial.mean():.3f} -> {final.mean():.3f}, {np.mean(final != initial):.0%} changed")
    import matplotlib.pyplot as plt
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.5))
    raster([spikes_e, spikes_i], ax=left)
    right.hist(final, bins=30)
    right.set_xlabel("plastic input weight (uS)")
    right.set_ylabel("synapses")
    save(fig, args.figure)
    return {"rates_hz": rates, "initial": initial, "final": final}


if __name__ == "__main__":
    main(sys.argv[1:])
