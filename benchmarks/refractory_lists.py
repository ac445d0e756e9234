"""Refractoriness kept from spike to spike (eqsim/codegen/refractory_release.py): the three
cases of one group, each in its own network, microseconds per step.

Run: ``python benchmarks/refractory_lists.py [--neurons 100000] [--rounds 3]``. A group of
LIF neurons (2 ms refractory, driven from -55 to -45 mV: half of them fire) runs 20 ms a
round, the fastest round counts:

* ``plain``: the lists (the state update's element loop reads the flag);
* ``network operation``: an empty operation at every step: the network keeps Brian2's formula
  in its element loop (the loop returns to Python at every step);
* ``behind lastspike``: a second network with the same group starts at t = 0, behind the
  group's lastspike, so half the neurons stay refractory for as long as the first network
  ran: the kernel evaluates the formula for every neuron meanwhile.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import eqsim as b  # noqa: E402


def per_step(net, rounds, duration=20 * b.ms):
    net.run(1 * b.ms)
    best = min(_timed(net, duration) for _ in range(rounds))
    return best / (float(duration / b.defaultclock.dt)) * 1e6


def _timed(net, duration):
    start = time.perf_counter()
    net.run(duration)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--neurons", type=int, default=100000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    b.prefs.codegen.target = "cython"
    group = b.NeuronGroup(args.neurons, """
        dv/dt = (v_drive - v)/(10*ms) : volt (unless refractory)
        v_drive : volt
        """, threshold="v > -50*mV", reset="v = -60*mV", refractory=2 * b.ms,
        method="exact")
    group.v_drive = "-55*mV + 10*mV*i/N"

    @b.network_operation(dt=b.defaultclock.dt)
    def nothing():
        pass
    print(f"{args.neurons} neurons, us per step (fastest of {args.rounds} runs of 20 ms):")
    for label, objects in [("plain", [group]), ("network operation", [group, nothing]),
                           ("behind lastspike", [group])]:
        print(f"  {label:18s} {per_step(b.Network(*objects), args.rounds):7.1f}")


if __name__ == "__main__":
    main()
