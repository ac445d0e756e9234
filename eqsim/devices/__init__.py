"""Brian2's ``brian2.devices``: the device eqsim runs on (``device``, ``set_device``...)."""
from .device import Device, device, get_device, reset_device, seed, set_device

__all__ = ["Device", "device", "get_device", "reset_device", "seed", "set_device"]
