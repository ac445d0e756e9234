"""Brian2's ``brian2.devices.device`` path for eqsim's device functions."""
from eqsim.core.devices import (Device, device, get_device, reinit_devices, reset_device,
                                set_device)
from eqsim.core.seeding import seed

__all__ = ["Device", "device", "get_device", "reinit_devices", "reset_device", "seed",
           "set_device"]
