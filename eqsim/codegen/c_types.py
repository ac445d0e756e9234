"""The C target's types: the only place that maps NumPy dtypes to C type names."""
import numpy as np

#: C type of each NumPy dtype that kernels read or write
C_TYPES = {
    np.dtype(np.float64): "double",
    np.dtype(np.float32): "float",
    np.dtype(np.int32): "int32_t",
    np.dtype(np.int64): "int64_t",
    np.dtype(np.bool_): "char",
    np.dtype(np.uint64): "uint64_t",
}


def c_type(dtype):
    """The C type name of NumPy ``dtype`` (a dtype or its name)."""
    return C_TYPES[np.dtype(dtype)]


def local_bindings(names, symbols):
    """C lines that copy every module array address and scalar in ``names`` (the module
    symbols a kernel registered) into a local constant of the same name, at the start of
    the kernel (see network.c.j2): gcc then knows they do not change during the call."""
    lines = []
    for name in sorted(names):
        if name in symbols.arrays:
            lines.append(f"    {c_type(symbols.arrays[name].dtype)} *const {name} = _get{name}();\n")
        elif name in symbols.constants:
            lines.append(f"    const {c_type(symbols.constants[name][1])} {name} = _get{name}();\n")
    return "".join(lines)
