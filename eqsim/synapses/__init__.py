"""Synapses: connections between groups, spike propagation, plasticity."""
