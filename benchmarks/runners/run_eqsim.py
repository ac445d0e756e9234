"""Run one benchmark on eqsim (Cython target) and print one JSON result line.

Usage: ``PYTHONPATH=<repo> EQSIM_CACHE_DIR=<dir> python benchmarks/runners/run_eqsim.py
--benchmark coba [--scale 0.05] [--duration 0.02 | --quick] [--threads T]``

``--threads T`` sets ``prefs.codegen.cython.num_threads``; the record's ``threads_built`` is
the thread count the compiled network module was built with.

Bytes per synapse: the ``nbytes`` of every per-synapse array of the benchmark's ``Synapses``
(indices, delays, weights, ...) plus the per-synapse arrays the compiled module binds for
them (the CSR order of each pathway), divided by the number of synapses.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from models import spec_for  # noqa: E402
from runners.measure import (base_record, chosen_duration, common_arguments, emit,  # noqa: E402
                             emit_error, run_interactive)


def synapse_count(synapses):
    return len(synapses)


def synapse_bytes(model, network):
    """Per-synapse array bytes of the model's Synapses and of the module's bindings."""
    arrays, n_synapses = {}, 0
    for synapses, _ in model.pathways:
        n = len(synapses)
        n_synapses += n
        for var in synapses.variables.values():
            array = getattr(var, "array", None)
            if array is not None and getattr(array, "ndim", 0) == 1 and array.size == n:
                arrays[id(array)] = array
        module = getattr(network, "_module", None)
        symbols = getattr(getattr(module, "symbols", None), "arrays", {})
        for var in symbols.values():
            array = getattr(var, "array", None)
            if (getattr(var, "owner", None) == synapses.name and array is not None
                    and array.ndim == 1 and array.size == n):
                arrays[id(array)] = array
    total = sum(a.nbytes for a in arrays.values())
    return (total / n_synapses if n_synapses else None), "arrays"


def threads_built(network):
    return {"threads_built": network._module.threads}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    common_arguments(parser)
    options = parser.parse_args(argv)
    spec, base_scale = spec_for(options.benchmark)
    scale = base_scale * options.scale
    duration = chosen_duration(spec, options)
    started = time.perf_counter()
    import eqsim
    from eqsim.codegen.module import network_glue
    # an installed eqsim imports its compiled glue (and with it the C Philox connect() uses)
    # at import; from the checkout run.py puts the compiled glue into the cache: load it here
    network_glue()
    # the build's own modules too (gcc driver, cache): imported by network_glue() when it
    # compiles the glue from the checkout, not when the glue is installed, and a build is
    # timed without imports either way
    import eqsim.codegen.compiler  # noqa: F401
    import_s = time.perf_counter() - started
    missing = [name for name in spec.REQUIRES if not hasattr(eqsim, name)]
    if missing:
        record = base_record("eqsim", options.benchmark, scale, duration)
        record.update(status="unavailable", missing=missing,
                      message=f"not available yet: eqsim does not export {', '.join(missing)}")
        emit(record)
        return 0
    eqsim.prefs.codegen.target = "cython"
    try:
        eqsim.prefs.codegen.cython.num_threads = options.threads
        record = run_interactive(eqsim, spec, options.benchmark, scale, duration, "eqsim",
                                 synapse_count, synapse_bytes, describe=threads_built)
    except Exception as error:
        return emit_error("eqsim", options.benchmark, scale, duration, error)
    record.update(import_s=import_s, threads=options.threads,
                  cache_dir=os.environ.get("EQSIM_CACHE_DIR"))
    emit(record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
