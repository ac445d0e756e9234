"""Seed 000 as a BrainPy user writes it: the E/I balanced network of BrainPy's
``ProjAlignPreMg2`` documentation, with eqsim's ready models and projections.

3200 excitatory and 800 inhibitory LifRef neurons, exponential conductance synapses,
connections with probability 0.02 generated on the fly (JitFPHomoLinear), 0.1 ms delay,
constant input 20. BrainPy's plain numbers (mV, ms, nA, uS) carry over unchanged. Simulates
1 s and prints, as its last line, the populations' mean rates as JSON.

Run: ``python examples/brainpy_einet.py [duration_ms] [--target numpy]``
"""
import json
import sys
import time

from eqsim import Network, SpikeMonitor, ms, nA, prefs, seed
from eqsim.models import COBA, Expon, JitFPHomoLinear, LifRef, Normal, ProjAlignPreMg2


class EINet:
    def __init__(self):
        ne, ni = 3200, 800
        self.E = LifRef(ne, V_rest=-60., V_th=-50., V_reset=-60., tau=20., tau_ref=5.,
                        V_initializer=Normal(-55., 2.), name="E")
        self.I = LifRef(ni, V_rest=-60., V_th=-50., V_reset=-60., tau=20., tau_ref=5.,
                        V_initializer=Normal(-55., 2.), name="I")
        self.E2E = ProjAlignPreMg2(pre=self.E, delay=0.1, syn=Expon.desc(size=ne, tau=5.),
                                   comm=JitFPHomoLinear(ne, ne, prob=0.02, weight=0.6),
                                   out=COBA(E=0.), post=self.E, name="E2E")
        self.E2I = ProjAlignPreMg2(pre=self.E, delay=0.1, syn=Expon.desc(size=ne, tau=5.),
                                   comm=JitFPHomoLinear(ne, ni, prob=0.02, weight=0.6),
                                   out=COBA(E=0.), post=self.I, name="E2I")
        self.I2E = ProjAlignPreMg2(pre=self.I, delay=0.1, syn=Expon.desc(size=ni, tau=10.),
                                   comm=JitFPHomoLinear(ni, ne, prob=0.02, weight=6.7),
                                   out=COBA(E=-80.), post=self.E, name="I2E")
        self.I2I = ProjAlignPreMg2(pre=self.I, delay=0.1, syn=Expon.desc(size=ni, tau=10.),
                                   comm=JitFPHomoLinear(ni, ni, prob=0.02, weight=6.7),
                                   out=COBA(E=-80.), post=self.I, name="I2I")
        # BrainPy's update(inp): the same input to both populations at every step
        self.E.I = 20 * nA
        self.I.I = 20 * nA


def main(argv):
    duration_ms = float(argv[1]) if len(argv) > 1 and not argv[1].startswith("--") else 1000.0
    if "--target" in argv:
        prefs.codegen.target = argv[argv.index("--target") + 1]
    seed(2024)
    model = EINet()
    spikes_e, spikes_i = SpikeMonitor(model.E), SpikeMonitor(model.I)
    started = time.perf_counter()
    Network(model.E, model.I, spikes_e, spikes_i).run(duration_ms * ms)
    elapsed = time.perf_counter() - started
    seconds = duration_ms / 1000
    print(f"seed 000 E/I network (eqsim.models): {duration_ms:g} ms in {elapsed:.2f} s "
          f"({prefs.codegen.target} target)")
    print(json.dumps({"rate_E_hz": round(spikes_e.num_spikes / 3200 / seconds, 3),
                      "rate_I_hz": round(spikes_i.num_spikes / 800 / seconds, 3)}))


if __name__ == "__main__":
    main(sys.argv)
