"""``store(filename=...)`` and ``restore(filename=...)`` on any number of processes.

The file holds the whole network in global order
(:mod:`eqsim.distributed.checkpoint_layout`), so a file written by K processes restores
with any other K. Writing: every process hands its part to process 0 through the
communicator of the current context, process 0 writes the file. Reading: process 0 reads
and checks the file and sends the state to every process, which cuts its own part out of
it. A failure on process 0 (a damaged file, a full disk) is raised on every process.
Version-1 files (in the objects' storage order) restore into a network on one process.
"""
from ..errors import CheckpointError, CheckpointLayoutError, CheckpointVersionError
from .checkpoint import VERSION, read_checkpoint_file, write_checkpoint


def _layout():
    from ..distributed import checkpoint_layout  # the lowest layer: imported when used
    from ..distributed.current import current_communicator
    return checkpoint_layout, current_communicator()


def store_to_file(network, state, filename, name):
    """Collective: write ``state`` (this process's) into ``filename`` as ``name``."""
    layout, comm = _layout()
    whole = layout.global_state(network, state, comm)
    failure = None
    if comm.rank == 0:
        try:
            write_checkpoint(filename, name, whole)
        except BaseException as error:  # raised on every process below
            failure = error
    comm.check_failures(failure)


def restore_from_file(network, filename, name):
    """Collective: this process's part of the state ``name`` stored in ``filename``.

    Raises
    ------
    CheckpointError
        The file cannot be read, or has no state ``name``.
    CheckpointVersionError
        A version-1 file and a network split over processes.
    CheckpointLayoutError
        The stored network's global sizes are not this network's.
    """
    layout, comm = _layout()
    stored, failure = None, None
    if comm.rank == 0:
        try:
            stored = read_checkpoint_file(filename)
            if name not in stored[1]:
                raise CheckpointError(f"no state named '{name}' in the checkpoint "
                                      f"'{filename}'", hint=f"stored: {sorted(stored[1])}")
            stored = stored[0], stored[1][name]
        except BaseException as error:
            failure = error
    comm.check_failures(failure)
    version, state = comm.broadcast(stored)
    if version != VERSION:
        if comm.size > 1 or any(layout.split_range(obj) is not None
                                for obj in network._all_objects()):
            raise CheckpointVersionError(
                f"the checkpoint '{filename}' has format version {version}, written in the "
                f"order one process stored its objects; it restores only into a network on "
                f"one process", obj=network.name,
                hint="restore it on one process, store it again (this writes version "
                     f"{VERSION}), then restore that file with any number of processes")
        return state
    try:
        return layout.local_state(network, state)
    except CheckpointError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as error:
        # a state of another network (or edited by hand): check_state would name the part,
        # but cutting this process's part out of it fails first
        raise CheckpointLayoutError(
            f"the state '{name}' in '{filename}' does not have the layout of this network "
            f"({type(error).__name__}: {error})", obj=network.name,
            hint="restore into the network (same objects and sizes) that stored it") from None
