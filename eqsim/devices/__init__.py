"""Brian2's ``brian2.devices``: the device eqsim runs on (``device``, ``set_device``...)."""
from .device import Device, device, get_device, reset_device, seed, set_device
# Brian2's brian2.devices.device_module: the module holding the active device, which scripts
# set directly (device_module.active_device = ..., Brian2's multiple-processes example)
from ..core import devices as device_module

__all__ = ["Device", "device", "get_device", "reset_device", "seed", "set_device",
           "device_module"]
