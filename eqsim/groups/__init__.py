"""Groups of neurons and inputs, with state access by name."""
