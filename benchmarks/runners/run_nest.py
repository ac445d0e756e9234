"""Run one benchmark on NEST 3.10; print one JSON result line (the protocol of measure.py).

Runs under NEST's own interpreter (``pip install nest-simulator`` in a venv; never imports
eqsim)::

    /work/nest-venv/bin/python benchmarks/runners/run_nest.py --benchmark coba [--quick]
        [--scale F] [--threads T]

NEST has no equation strings, so each benchmark is translated here to NEST's built-in
model with the same parameters; :data:`TRANSLATIONS` names the model and what differs
from the equations eqsim and Brian2 run (the README's table repeats it):

- ``coba`` -> ``iaf_cond_exp``: the spec's conductances are in units of the leak
  conductance, so with ``C_m`` = 200 pF and ``tau_m`` = 20 ms (``g_L`` = 10 nS) a weight w
  becomes ``w * g_L`` nS (negative for the inhibitory conductance, as NEST wants) and the
  20 mV drive ``I_e`` = 200 pA. NEST integrates it with an
  adaptive Runge-Kutta-Fehlberg 4(5) (GSL) instead of exponential Euler at 0.1 ms.
- ``cuba`` -> ``iaf_psc_exp``: the spec's currents are in volts (``dv/dt = (ge + gi - (v -
  El))/taum``), so a jump of w volts becomes ``C_m * w / tau_m`` pA (``C_m`` = 250 pF). NEST's
  smallest delay is one step (0.1 ms); the spec has none.
- ``brunel`` -> ``iaf_psc_delta``: weights are voltage jumps in mV as in the spec; the 1000
  Poisson inputs per neuron are one ``poisson_generator`` at 1000 x the rate (independent
  per target) instead of a binomial draw per step; spikes arriving during refractoriness
  are dropped (``refractory_input`` False), as Brian2's conditional write does.
- ``tian`` -> ``iaf_psc_exp``, one population per spec population: a trace s (jump 1,
  decay tau_Es / tau_Is) weighted by J mV in ``tau dV/dt`` is a current of C_m J s / tau pA,
  so a spike's weight is ``C_m * J / tau`` pA (negative for the inhibitory traces, which
  NEST routes to its tau_syn_in current) and the drive ``I_e`` = ``C_m * I_ext / tau``;
  no refractoriness (``t_ref`` 0). NEST integrates V and the currents exactly where the
  spec uses forward Euler at 0.1 ms, and its smallest delay is one step (the spec has none).

Connectivity uses NEST's ``pairwise_bernoulli`` with the spec's probability (autapses and
multapses as in the spec's ``connect(p=...)``), with NEST's own random numbers: the
networks are statistically, not spike-for-spike, the same; compare rates, not spikes.
"""
import argparse
import os
import sys

BENCH_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, BENCH_DIR)

from models import spec_for  # noqa: E402
from runners.measure import (WARMUP, base_record, common_arguments, finish_record,  # noqa: E402
                             model_of, peak_rss_mb, run_peer, timed)

SEED = 2024


class Population:
    """A spike recorder with the ``num_spikes`` that measure.py counts."""

    def __init__(self, nest, recorder):
        self.nest, self.recorder = nest, recorder

    @property
    def num_spikes(self):
        return int(self.recorder.get("n_events"))


class Model:
    def __init__(self, populations, pathways):
        self.populations, self.pathways = populations, pathways


def recorded(nest, nodes):
    recorder = nest.Create("spike_recorder")
    nest.Connect(nodes, recorder)
    return Population(nest, recorder)


class Pathway:
    """One Connect call's synapses, counted when made: ``GetConnections`` of tian's 6 M
    synapses per pathway took longer than building and running the network."""

    def __init__(self, nest, source, target, p, weight, delay):
        before = nest.num_connections
        nest.Connect(source, target,
                     {"rule": "pairwise_bernoulli", "p": p, "allow_autapses": True},
                     {"synapse_model": "static_synapse", "weight": weight, "delay": delay})
        self.count = nest.num_connections - before


def split(scale):
    return round(3200 * scale), round(800 * scale)


def build_coba(nest, spec, scale):
    values = spec.parameters(Unitless)
    n_exc, n_inh = split(scale)
    p = min(1.0, 0.02 / scale)
    c_m, tau = 200.0, values["tau"]
    g_l = c_m / tau  # nS
    neurons = nest.Create("iaf_cond_exp", n_exc + n_inh, params=dict(
        C_m=c_m, g_L=g_l, E_L=values["V_rest"], V_th=values["V_th"], V_reset=values["V_reset"],
        t_ref=5.0, E_ex=values["E_exc"], E_in=values["E_inh"], tau_syn_ex=values["tau_exc"],
        tau_syn_in=values["tau_inh"], I_e=values["I_ext"] * g_l))
    neurons.V_m = nest.random.normal(mean=-55.0, std=2.0)
    exc, inh = neurons[:n_exc], neurons[n_exc:]
    pathways = [(Pathway(nest, exc, neurons, p, values["w_exc"] * g_l, 0.1), "exc"),
                # NEST routes negative weights to the inhibitory conductance
                (Pathway(nest, inh, neurons, p, -values["w_inh"] * g_l, 0.1), "inh")]
    return Model({"exc": (recorded(nest, exc), n_exc), "inh": (recorded(nest, inh), n_inh)},
                 pathways)


def build_cuba(nest, spec, scale):
    values = spec.parameters(Unitless)
    n_exc, n_inh = split(scale)
    p = min(1.0, 0.02 / scale)
    c_m, tau = 250.0, values["taum"]
    neurons = nest.Create("iaf_psc_exp", n_exc + n_inh, params=dict(
        C_m=c_m, tau_m=tau, E_L=values["El"], V_th=values["Vt"], V_reset=values["Vr"],
        t_ref=5.0, tau_syn_ex=values["taue"], tau_syn_in=values["taui"]))
    neurons.V_m = nest.random.uniform(min=values["Vr"], max=values["Vr"] + 10.0)
    exc, inh = neurons[:n_exc], neurons[n_exc:]
    pathways = [(Pathway(nest, exc, neurons, p, c_m * values["we"] / tau, 0.1), "exc"),
                (Pathway(nest, inh, neurons, p, c_m * values["wi"] / tau, 0.1), "inh")]
    return Model({"exc": (recorded(nest, exc), n_exc), "inh": (recorded(nest, inh), n_inh)},
                 pathways)


def build_brunel(nest, spec, scale):
    values = spec.parameters(Unitless)
    n_exc = round(10_000 * scale)
    n_inh = round(n_exc / 4)
    neurons = nest.Create("iaf_psc_delta", n_exc + n_inh, params=dict(
        tau_m=values["tau"], E_L=0.0, V_th=values["theta"], V_reset=values["V_r"], t_ref=2.0,
        V_m=0.0, refractory_input=False))
    exc, inh = neurons[:n_exc], neurons[n_exc:]
    noise = nest.Create("poisson_generator", params={"rate": spec.C_E * values["nu_ext"] * 1e3})
    nest.Connect(noise, neurons, syn_spec={"weight": values["J"], "delay": 0.1})
    pathways = [(Pathway(nest, exc, neurons, 0.1, values["J"], 1.5), "exc"),
                (Pathway(nest, inh, neurons, 0.1, -values["g"] * values["J"], 1.5), "inh")]
    return Model({"exc": (recorded(nest, exc), n_exc), "inh": (recorded(nest, inh), n_inh)},
                 pathways)


def build_tian(nest, spec, scale):
    """Two populations with their own tau, J and drive; four projections whose weight is
    the jump that J puts into the postsynaptic current (the module docstring)."""
    c_m = 250.0  # pF; any value: weights and drive scale with it
    n_inh = round(spec.NUM * scale * 0.2)
    sizes = {"E": round(spec.NUM * scale) - n_inh, "I": n_inh}
    values = {name: spec.parameters(Unitless, name) for name in sizes}
    groups = {}
    for name, size in sizes.items():
        v = values[name]
        groups[name] = nest.Create("iaf_psc_exp", size, params=dict(
            C_m=c_m, tau_m=v["tau"], E_L=0.0, V_th=v["V_th"], V_reset=v["V_reset"],
            t_ref=0.0, tau_syn_ex=v["tau_Es"], tau_syn_in=v["tau_Is"],
            I_e=c_m * v["I_ext"] / v["tau"]))
        groups[name].V_m = nest.random.uniform(min=0.0, max=15.0)
    pathways = []
    for pre in sizes:
        for post in sizes:
            v = values[post]
            weight = c_m * v[f"J_{pre}"] / v["tau"]
            pathways.append((Pathway(nest, groups[pre], groups[post], 0.25, weight, 0.1), pre))
    return Model({name: (recorded(nest, groups[name]), sizes[name]) for name in sizes},
                 pathways)


class Unitless:
    """Stands in for a simulator namespace in ``spec.parameters(b)``: times in ms, voltages
    in mV, rates in kHz (NEST's units), so ``20 * b.ms`` is 20.0."""
    ms, mV, second, Hz = 1.0, 1.0, 1000.0, 1e-3


#: benchmark -> (NEST model, builder)
TRANSLATIONS = {"coba": ("iaf_cond_exp", build_coba), "cuba": ("iaf_psc_exp", build_cuba),
                "brunel": ("iaf_psc_delta", build_brunel), "tian": ("iaf_psc_exp", build_tian)}


def synapse_count(pathway):
    return pathway.count


def run(nest, benchmark, scale, duration, threads):
    spec, spec_scale = spec_for(benchmark)
    model_name, builder = TRANSLATIONS[model_of(spec)]
    nest.ResetKernel()
    nest.verbosity = nest.VerbosityLevel.ERROR
    nest.SetKernelStatus({"resolution": 0.1, "local_num_threads": threads, "rng_seed": SEED})
    record = base_record("nest", benchmark, scale, duration)
    record.update(threads=threads, nest_model=model_name)
    rss_before = peak_rss_mb()
    record["objects_s"], model = timed(builder, nest, spec, spec_scale * scale)
    record["first_run_s"], _ = timed(nest.Simulate, WARMUP * 1000.0)
    rss_built = peak_rss_mb()
    before = {name: m.num_spikes for name, (m, _) in model.populations.items()}
    record["run_s"], _ = timed(nest.Simulate, duration * 1000.0)
    after = {name: m.num_spikes for name, (m, _) in model.populations.items()}
    record["fixed_cost_s"], _ = timed(nest.Simulate, 0.1)
    record["build_s"] = record["objects_s"] + record["first_run_s"] \
        - record["run_s"] * WARMUP / duration
    n_synapses = sum(synapse_count(s) for s, _ in model.pathways)
    spikes = {name: after[name] - before[name] for name in after}
    per_synapse = (rss_built - rss_before) * 2**20 / n_synapses if n_synapses else None
    return finish_record(record, model, spikes, synapse_count, per_synapse, "rss")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    common_arguments(parser)
    options = parser.parse_args()
    spec, _ = spec_for(options.benchmark)

    def work(duration):
        import nest
        return run(nest, options.benchmark, options.scale, duration, options.threads)
    return run_peer("nest", options, spec, TRANSLATIONS, work)


if __name__ == "__main__":
    sys.exit(main())
