"""Hand-written support code the compiled kernels and the NumPy target share (counter-based RNG, ...)."""
