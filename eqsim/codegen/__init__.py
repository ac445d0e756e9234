"""Render the IR into Cython or NumPy source and compile it (compile-and-cache in ``compiler``)."""
