"""Brian2's multicompartment models (``SpatialNeuron`` and its morphologies), which eqsim
does not have: the names exist so that a Brian2 script using them stops at that line with
an error that says so, instead of a ``NameError``."""
from ..errors import NotInEqsimError

__all__ = ["SpatialNeuron", "Morphology", "Soma", "Cylinder", "Section"]


def _missing(name):
    def refuse(*args, **kwargs):
        raise NotInEqsimError(
            f"{name} is Brian2's multicompartment modelling, which eqsim does not have",
            hint="model each compartment as a point neuron (a NeuronGroup) coupled through "
                 "Synapses with a (summed) current, or run this script with Brian2")
    refuse.__name__ = refuse.__qualname__ = name
    refuse.__doc__ = f"Brian2's ``{name}``: not available in eqsim (raises NotInEqsimError)."
    return refuse


SpatialNeuron = _missing("SpatialNeuron")
Morphology = _missing("Morphology")
Soma = _missing("Soma")
Cylinder = _missing("Cylinder")
Section = _missing("Section")
