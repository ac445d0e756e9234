"""Run one benchmark on ANNarchy 5; print one JSON result line (the protocol of measure.py).

Runs under ANNarchy's own interpreter (``pip install annarchy`` in a venv; never imports
eqsim)::

    /work/annarchy-venv/bin/python benchmarks/runners/run_annarchy.py --benchmark coba \
        --build-dir DIR [--quick] [--scale F] [--threads T]

ANNarchy generates and compiles C++ for a network (``compile()``, timed as part of the
build like eqsim's and Brian2's compilation) into ``--build-dir``; a reused directory is a
warm build. The spec's equations are rewritten in ANNarchy's syntax with the same
parameters (ms and mV); what differs (the README's table repeats it):

- ``coba``: ``tau * dv/dt = ...`` and the conductances with ``exponential`` integration
  as the spec's exponential Euler; during refractoriness ANNarchy updates only the
  conductances (the spec: everything but ``v``), and holds ``v`` at its reset value.
- ``cuba``: the same with ``exact``-equivalent ``exponential`` integration; ANNarchy's
  smallest delay is one step (the spec has none).
- ``brunel``: delta synapses as ``v += g_exc`` each step (the summed weights of the spikes
  arriving in the step); the 1000 Poisson inputs per neuron as one
  ``Binomial(1000, nu_ext*dt)`` draw per neuron and step (the spec's PoissonInput draws the
  same binomial); spikes arriving during refractoriness are dropped as in the spec.
- ``tian``: forward Euler written out as assignments (V first, from the traces' old values,
  as the spec's Euler step); each trace jumps by the spikes of its population, summed by
  ANNarchy into ``g_E`` / ``g_I`` (weight 1). ANNarchy's smallest delay is one step: a
  spike's jump enters the trace one step after the spec's (no delay), and V one step later.

ANNarchy's own random numbers: statistically, not spike-for-spike, the same networks.
"""
import argparse
import os
import sys

BENCH_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, BENCH_DIR)

from models import spec_for  # noqa: E402
from runners.measure import (WARMUP, base_record, common_arguments, finish_record,  # noqa: E402
                             model_of, run_peer, timed)

SEED = 2024
DT = 0.1  # ms
#: the spec modules translated below
TRANSLATED = ("coba", "cuba", "brunel", "tian")


class Unitless:
    """``spec.parameters(b)`` in ANNarchy's units (ms, mV; rates in kHz)."""
    ms, mV, second, Hz = 1.0, 1.0, 1000.0, 1e-3


class Population:
    """A spike monitor with the ``num_spikes`` that measure.py counts."""

    def __init__(self, monitor):
        self.monitor, self.total = monitor, 0

    @property
    def num_spikes(self):
        # ANNarchy hands recorded spikes over once: keep the running total
        spikes = self.monitor.get("spike")
        self.total += sum(len(times) for times in spikes.values())
        return self.total


class Model:
    def __init__(self, populations, pathways):
        self.populations, self.pathways = populations, pathways


def parameter_lines(values, names):
    return "\n".join(f"{name} = {values[name]!r} : population" for name in names)


def coba_neuron(ann, values):
    return ann.Neuron(
        parameters=parameter_lines(values, ("V_rest", "V_th", "V_reset", "tau", "tau_exc",
                                            "tau_inh", "E_exc", "E_inh", "I_ext")),
        equations="""
            tau * dv/dt = V_rest - v + g_exc*(E_exc - v) + g_inh*(E_inh - v) + I_ext : exponential
            tau_exc * dg_exc/dt = -g_exc : exponential
            tau_inh * dg_inh/dt = -g_inh : exponential
        """,
        spike="v > V_th", reset="v = V_reset", refractory=5.0)


def cuba_neuron(ann, values):
    return ann.Neuron(
        parameters=parameter_lines(values, ("taum", "taue", "taui", "Vt", "Vr", "El")),
        equations="""
            taum * dv/dt = g_exc + g_inh - (v - El) : exponential
            taue * dg_exc/dt = -g_exc : exponential
            taui * dg_inh/dt = -g_inh : exponential
        """,
        spike="v > Vt", reset="v = Vr", refractory=5.0)


def brunel_neuron(ann, values, c_ext):
    values = dict(values, p_ext=values["nu_ext"] * DT, c_ext=c_ext)
    return ann.Neuron(
        parameters=parameter_lines(values, ("tau", "theta", "V_r", "J", "p_ext")),
        equations="""
            noise = J * Binomial(%d, p_ext)
            v += dt * (-v / tau) + g_exc + noise
        """ % c_ext,
        spike="v > theta", reset="v = V_r", refractory=2.0)


def tian_neuron(ann, values):
    return ann.Neuron(
        parameters=parameter_lines(values, ("tau", "J_E", "J_I", "I_ext", "V_th", "V_reset",
                                            "tau_Es", "tau_Is")),
        equations="""
            V += dt * (-V + J_E*s_E + J_I*s_I + I_ext) / tau
            s_E += -dt * s_E / tau_Es + g_E
            s_I += -dt * s_I / tau_Is + g_I
        """,
        spike="V >= V_th", reset="V = V_reset")


def build_tian(ann, net, spec, scale):
    """Two populations (E, I) with their own parameters; four projections of weight 1 into
    the traces of their source's kind."""
    n_inh = round(spec.NUM * scale * 0.2)
    sizes = {"E": round(spec.NUM * scale) - n_inh, "I": n_inh}
    groups = {}
    for name, size in sizes.items():
        groups[name] = net.create(geometry=size,
                                  neuron=tian_neuron(ann, spec.parameters(Unitless, name)))
        groups[name].V = ann.Uniform(0.0, 15.0)
    pathways = []
    for pre in groups:
        for post in groups:
            projection = net.connect(pre=groups[pre], post=groups[post], target=pre)
            projection.fixed_probability(probability=0.25, weights=1.0,
                                         allow_self_connections=True)
            pathways.append((projection, pre))
    monitors = {name: Population(net.monitor(group, "spike")) for name, group in groups.items()}
    return Model({name: (monitors[name], sizes[name]) for name in groups}, pathways)


def split(scale):
    return round(3200 * scale), round(800 * scale)


def build(ann, net, spec, scale):
    benchmark = model_of(spec)
    if benchmark == "tian":
        return build_tian(ann, net, spec, scale)
    values = spec.parameters(Unitless)
    if benchmark == "brunel":
        n_exc = round(10_000 * scale)
        n_inh = round(n_exc / 4)
        neuron, p, delay = brunel_neuron(ann, values, spec.C_E), 0.1, 1.5
        weights = {"exc": values["J"], "inh": -values["g"] * values["J"]}
        targets = {"exc": "exc", "inh": "exc"}  # both add to v: one summed input
    else:
        n_exc, n_inh = split(scale)
        p, delay = min(1.0, 0.02 / scale), 0.1
        if benchmark == "coba":
            neuron = coba_neuron(ann, values)
            weights = {"exc": values["w_exc"], "inh": values["w_inh"]}
        else:
            neuron = cuba_neuron(ann, values)
            weights = {"exc": values["we"], "inh": values["wi"]}
        targets = {"exc": "exc", "inh": "inh"}
    neurons = net.create(geometry=n_exc + n_inh, neuron=neuron)
    if benchmark == "coba":
        neurons.v = ann.Normal(-55.0, 2.0)
    elif benchmark == "cuba":
        neurons.v = ann.Uniform(values["Vr"], values["Vr"] + 10.0)
    else:
        neurons.v = 0.0
    parts = {"exc": neurons[:n_exc], "inh": neurons[n_exc:]}
    pathways = []
    for name, source in parts.items():
        projection = net.connect(pre=source, post=neurons, target=targets[name])
        projection.fixed_probability(probability=p, weights=weights[name], delays=delay,
                                     allow_self_connections=True)
        pathways.append((projection, name))
    monitors = {name: Population(net.monitor(part, "spike")) for name, part in parts.items()}
    return Model({"exc": (monitors["exc"], n_exc), "inh": (monitors["inh"], n_inh)}, pathways)


def synapse_count(projection):
    return projection.nb_synapses


def run(ann, benchmark, scale, duration, threads, build_dir):
    spec, spec_scale = spec_for(benchmark)
    net = ann.Network(dt=DT, seed=SEED)
    net.config(num_threads=threads)
    record = base_record("annarchy", benchmark, scale, duration)
    record["threads"] = threads
    objects_s, model = timed(build, ann, net, spec, spec_scale * scale)
    compile_s, _ = timed(net.compile, directory=build_dir, silent=True)
    record["objects_s"] = objects_s + compile_s
    record["first_run_s"], _ = timed(net.simulate, WARMUP * 1000.0)
    before = {name: m.num_spikes for name, (m, _) in model.populations.items()}
    record["run_s"], _ = timed(net.simulate, duration * 1000.0)
    after = {name: m.num_spikes for name, (m, _) in model.populations.items()}
    record["fixed_cost_s"], _ = timed(net.simulate, DT)
    record["build_s"] = record["objects_s"] + record["first_run_s"] \
        - record["run_s"] * WARMUP / duration
    spikes = {name: after[name] - before[name] for name in after}
    return finish_record(record, model, spikes, synapse_count, None, "not measured")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    common_arguments(parser)
    parser.add_argument("--build-dir", required=True)
    options = parser.parse_args()
    spec, _ = spec_for(options.benchmark)

    def work(duration):
        import ANNarchy as ann
        return run(ann, options.benchmark, options.scale, duration, options.threads,
                   options.build_dir)
    return run_peer("annarchy", options, spec, TRANSLATED, work)


if __name__ == "__main__":
    sys.exit(main())
