"""The network the cache fault tests build, damage and run again, in this process and
in fresh ones (``python cache_fault_model.py CONSTANT`` prints its final state as JSON,
and eqsim's warnings on stderr).
Fixed names: the same constant always gives the same compiled library name."""
import json
import sys

import numpy as np

from eqsim import Network, NeuronGroup, ms, prefs

# 1.2345 is a literal of the generated C, so it is 8 findable bytes of the library
CONSTANT = 1.2345


def simulate(constant=CONSTANT, target="cython"):
    """Final ``v`` of 4 neurons relaxing towards ``constant`` for 1 ms (euler, dt 0.1 ms)."""
    previous = prefs["codegen.target"]
    prefs["codegen.target"] = target
    try:
        group = NeuronGroup(4, f"dv/dt = ({float(constant)!r} - v)/(10*ms) : 1",
                            method="euler", name="faultgroup")
        group.v = "i*0.1"
        Network(group, name="faultnet").run(1 * ms)
        return np.array(group.v[:])
    finally:
        prefs["codegen.target"] = previous


if __name__ == "__main__":
    import logging
    logging.basicConfig(level=logging.WARNING)
    print(json.dumps(simulate(float(sys.argv[1])).tolist()))
