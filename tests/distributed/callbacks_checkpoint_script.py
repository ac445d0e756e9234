"""Run by test_mpi_callbacks_checkpoints.py under ``mpiexec -n K``: each rank builds its part
of the test networks (the ``_partition`` hook; the communicator put in the context, as a
distributed run does), then: callbacks during a run (rank 0 gets every rank's records), a
checkpoint written by one process restored into the parts, and the parts storing it again
collectively. Prints one JSON line per rank. Not a test itself."""
import json
import sys

import numpy as np

from eqsim import ms, prefs
from eqsim.core.context import current_context
from eqsim.core.network_state import take_state
from eqsim.distributed import rank, num_processes, world

from checkpoint_network import build, independent

prefs.codegen.target = "numpy"
whole_file, out_file = sys.argv[1:3]
me, size = rank(), num_processes()
current_context().comm = world()  # as a distributed run's context holds it

spikes, samples = [], []
free = independent((me, size), spikes=lambda r: spikes.append(r),
                   samples=lambda r: samples.append(r))
free.run(10 * ms)

net = build((me, size))
net.restore("warm", filename=whole_file)
state = take_state(net)["objects"]
net.store("warm", filename=out_file)
print(json.dumps({"rank": me, "spikes": spikes, "samples": samples,
                  "v": state["G"]["v"].tolist(), "w": state["S"]["w"].tolist(),
                  "pre": state["S"]["_synaptic_pre"].tolist(),
                  "post": state["S"]["_synaptic_post"].tolist()}))
