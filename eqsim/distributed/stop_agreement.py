"""stop() from a network operation that runs after a step's spike exchange, on K processes.

On one process ``stop()`` ends the run after the current step. On K processes every
process must end after the same step, so a stop that only some processes call has to
reach the others within that step. A network operation scheduled before the exchange
(``when='start'``, the default) sends it with the exchange; one scheduled after it cannot:
the step's exchange is over. For those, a :class:`StopAgreement` closes each step of their
clock: one collective in which every process says whether it was asked to stop, and all
stop when one was (then exactly as on one process). Runs without such a network operation
do not have it.
"""
from .spike_exchange import ORDER as EXCHANGE_ORDER
from .spike_exchange import SLOT as EXCHANGE_SLOT
from .spike_exchange import SpikeExchange


class StopAgreement(SpikeExchange):
    """The end of each step of ``clock``: an exchange without spikes (always in Python), in
    which every process says whether it was asked to stop; ``stopped`` then tells the run
    loop that every process ends after this step. Being a spike exchange, it is also a
    safe point for failures: a process that fails meanwhile reaches the others here.

    Parameters
    ----------
    comm : Communicator
    clock : Clock
    when : str
        The last slot of the schedule (``after_<last>``).
    """

    order = 2 ** 62  # after anything a user puts in the same slot

    def __init__(self, comm, clock, when):
        super().__init__(comm, clock, [])
        self.when = when
        self.name = f"stop_agreement_{getattr(clock, 'name', 'clock')}"


def stop_agreements(comm, items, schedule, sort_key):
    """The agreements a run needs (:class:`StopAgreement`), one per clock of the network
    operations that ``items`` (a run's operations and network operations) schedules after
    the spike exchange of a step; none on one process. ``sort_key(when, order)`` gives the
    position of a slot in ``schedule``."""
    from ..core.netop import NetworkOperation
    if comm.size == 1:
        return []
    exchange = sort_key(EXCHANGE_SLOT, EXCHANGE_ORDER)
    clocks = {id(item.clock): item.clock for item in items
              if isinstance(item, NetworkOperation)
              and sort_key(item.when, item.order) > exchange}
    return [StopAgreement(comm, clock, f"after_{schedule[-1]}") for clock in clocks.values()]
