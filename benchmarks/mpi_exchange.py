"""Spike exchange: Allgatherv vs Alltoallv vs fixed-slot Allgather at the coba x16 size.

Run: ``mpiexec -n 2 python benchmarks/mpi_exchange.py [--neurons 64000] [--rate 15]
[--steps 2000] [--rounds 5]`` (``python -c "from eqsim.distributed import find_mpiexec;
print(find_mpiexec())"`` names the mpiexec). Every process draws the spikes of its own slice
of the network (Poisson, ``rate`` Hz, dt = 0.1 ms) for ``steps`` time steps and exchanges
them in intervals of 1, 5 and 20 steps with each method; rank 0 prints the median time per
exchange (packing and unpacking included) over the rounds, and checks that all methods
deliver the same spikes; "pack + unpack only" is the local share of that time. The numbers are in eqsim/distributed/mpi_communicator.py's docstring.
"""
import argparse
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from eqsim.distributed import world  # noqa: E402
from eqsim.distributed.spike_packing import WIRE_DTYPE, pack, unpack  # noqa: E402

DT = 1e-4


def local_spikes(rank, size, neurons, rate, steps, seed=1):
    """Each step's spiking neurons of this process's contiguous slice."""
    rng = np.random.default_rng([seed, rank])
    low, high = rank * neurons // size, (rank + 1) * neurons // size
    counts = rng.poisson(rate * DT * (high - low), steps)
    return [np.sort(rng.choice(np.arange(low, high), n, replace=False)).astype(WIRE_DTYPE)
            for n in counts]


def allgatherv(comm, step_spikes):
    buffer = pack(step_spikes)
    lengths = np.empty(comm.Get_size(), dtype=np.int64)
    comm.Allgather(np.array([len(buffer)], dtype=np.int64), lengths)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    received = np.empty(int(lengths.sum()), dtype=WIRE_DTYPE)
    comm.Allgatherv(buffer, [received, (lengths, starts)])
    return unpack(received, starts, len(step_spikes))


def alltoallv(comm, step_spikes):
    size = comm.Get_size()
    buffer = pack(step_spikes)
    lengths = np.empty(size, dtype=np.int64)
    comm.Alltoall(np.full(size, len(buffer), dtype=np.int64), lengths)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    received = np.empty(int(lengths.sum()), dtype=WIRE_DTYPE)
    send = [buffer, (np.full(size, len(buffer)), np.zeros(size, dtype=np.int64))]
    comm.Alltoallv(send, [received, (lengths, starts)])
    return unpack(received, starts, len(step_spikes))


def local_only(comm, step_spikes):
    """Packing and unpacking without a collective (as if every process sent what this one
    sends): the share of an exchange that is local work."""
    buffer = pack(step_spikes)
    size = comm.Get_size()
    received = np.tile(buffer, size)
    return unpack(received, np.arange(size) * len(buffer), len(step_spikes))


def time_method(exchange, spikes, interval):
    chunks = [spikes[k:k + interval] for k in range(0, len(spikes), interval)]
    start = time.perf_counter()
    delivered = [exchange(chunk) for chunk in chunks]
    return (time.perf_counter() - start) / len(chunks), delivered


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--neurons", type=int, default=64000)
    parser.add_argument("--rate", type=float, default=15.0)
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    communicator = world()
    comm = communicator.comm
    spikes = local_spikes(communicator.rank, communicator.size, args.neurons, args.rate,
                          args.steps)
    methods = {"Allgather + Allgatherv": lambda chunk: allgatherv(comm, chunk),
               "Alltoall + Alltoallv": lambda chunk: alltoallv(comm, chunk),
               "Allgather, fixed slots": communicator.exchange_spikes,
               "pack + unpack only": lambda chunk: local_only(comm, chunk)}
    results = {}
    for interval in (1, 5, 20):
        times = {name: [] for name in methods}
        for _ in range(args.rounds):
            outputs = []
            for name, exchange in methods.items():
                comm.Barrier()
                seconds, delivered = time_method(exchange, spikes, interval)
                times[name].append(seconds)
                outputs.append(np.concatenate([np.concatenate(d) for d in delivered]))
            assert all(np.array_equal(outputs[0], other) for other in outputs[1:-1])
        results[interval] = {name: 1e6 * float(np.median(t)) for name, t in times.items()}
    if communicator.rank == 0:
        per_step = args.rate * DT * args.neurons / communicator.size
        print(f"{communicator.size} processes, {args.neurons} neurons at {args.rate} Hz: "
              f"~{per_step:.0f} spikes per process per step; microseconds per exchange; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        for interval, row in results.items():
            print(f"interval {interval:2d} steps: " +
                  ", ".join(f"{name} {us:.1f}" for name, us in row.items()))
        print(json.dumps({"processes": communicator.size, "us_per_exchange": results,
                          "load_average": os.getloadavg()[0]}))


if __name__ == "__main__":
    main()
