"""A small noisy LIF group shared by the network tests (fixed names keep the compiled
module cache warm across tests)."""
import pytest

from eqsim import NeuronGroup, ms

NOISY_LIF = """dv/dt = (I - v)/tau + 0.3*xi*tau**-0.5 : 1
I : 1
tau : second (constant)"""


def make_noisy_lif():
    group = NeuronGroup(3, NOISY_LIF, threshold="v > 1", reset="v = 0", method="euler", name="L")
    group.I = [0.5, 1.2, 2.0]
    group.tau = 10 * ms
    return group


@pytest.fixture
def noisy_lif():
    """Factory of the 3-neuron noisy LIF group named 'L'."""
    return make_noisy_lif
