"""Which objects an object needs in the same network (a synapse needs its groups, a
monitor what it records): Brian2 refuses a network without them, because the object
would read state nobody updates and give numbers that look right but are not."""


def root_object(obj):
    """The object that owns ``obj``'s state: the parent group of a subgroup, else itself."""
    while getattr(obj, "_owner", obj) is not obj:
        obj = obj._owner
    return obj


def dependencies(obj):
    """The objects ``obj`` reads or writes and that must run in its network.

    A class names them in ``dependency_attributes`` (e.g. ``("source", "target")``)."""
    for attribute in getattr(obj, "dependency_attributes", ()):
        other = getattr(obj, attribute, None)
        if other is not None:
            yield root_object(other)


def missing_dependencies(objects):
    """``(object, dependency)`` pairs of active ``objects`` whose dependency is not among
    ``objects``."""
    present = {id(obj) for obj in objects}
    for obj in objects:
        if not obj.active:
            continue
        for other in dependencies(obj):
            if id(other) not in present:
                yield obj, other
                break
