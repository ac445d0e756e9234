"""Implementations of a user function per target (Brian2's ``FunctionImplementation`` and
its container), and what eqsim's compiled target takes from a C implementation."""
import types
from collections.abc import Mapping

import numpy as np

from ..errors import UserFunctionError
from ..units import Quantity

#: targets whose implementation is compiled C (Brian2's C++ code is accepted when it is C)
C_TARGETS = ("c", "cpp")


class FunctionImplementation:
    """An implementation of a :class:`Function` for one target.

    Parameters
    ----------
    name : str, optional
        The function's name in the target's code, if it differs from the name used in
        model strings (C code defining ``double f_c(double x)`` has ``name='f_c'``).
    code : str, dict or callable, optional
        C source (a string, or Brian2's dict with ``'support_code'`` and optionally
        ``'hashdefine_code'``), Cython source (refused by the compiled target, which
        compiles C), or a Python callable taking and returning unitless values.
    namespace, dependencies, availability_check, dynamic, compiler_kwds
        As Brian2. ``dependencies`` maps names used in C code to other functions.
    """

    def __init__(self, name=None, code=None, namespace=None, dependencies=None,
                 availability_check=None, dynamic=False, compiler_kwds=None):
        self.name = name
        self._code = code
        self._namespace = namespace
        self.dependencies = dict(dependencies or {})
        self.availability_check = availability_check
        self.dynamic = dynamic
        self.compiler_kwds = dict(compiler_kwds or {})
        self.adds_units = False  # a Python callable that takes and gives quantities
        self.with_units = None  # that callable on unitless values (Function makes it once)

    def get_code(self, owner):
        if self.availability_check is not None:
            self.availability_check()
        return self._code(owner) if self.dynamic else self._code

    def get_namespace(self, owner):
        return self._namespace(owner) if self.dynamic else self._namespace


class FunctionImplementationContainer(Mapping):
    """The implementations of a :class:`Function`, by target name."""

    def __init__(self, function):
        self._function = function
        self._implementations = {}

    def __getitem__(self, key):
        key = getattr(key, "class_name", key)
        if key not in self._implementations:
            raise KeyError(f"No implementation available for target '{key}'. Available "
                           f"implementations: {', '.join(self._implementations)}")
        return self._implementations[key]

    def __len__(self):
        return len(self._implementations)

    def __iter__(self):
        return iter(self._implementations)

    def add_numpy_implementation(self, wrapped_func, dependencies=None, discard_units=None,
                                 compiler_kwds=None):
        """A Python implementation for the NumPy target (and for calls back from compiled
        code): with ``discard_units`` it sees unitless values, the unit names it uses
        standing for their values in SI units."""
        original = getattr(wrapped_func, "_orig_func", wrapped_func)
        implementation = FunctionImplementation(
            code=_unitless(original) if discard_units else original,
            dependencies=dependencies, compiler_kwds=compiler_kwds)
        # Brian2's default (codegen.runtime.numpy.discard_units False): the function gets
        # its arguments with their units and its result's unit is checked
        implementation.adds_units = not discard_units
        self._implementations["numpy"] = implementation

    def add_implementation(self, target, code, namespace=None, dependencies=None,
                           availability_check=None, name=None, compiler_kwds=None):
        self._implementations[target] = FunctionImplementation(
            name=name, code=code, namespace=namespace, dependencies=dependencies,
            availability_check=availability_check, compiler_kwds=compiler_kwds)

    def add_dynamic_implementation(self, target, code, namespace=None, dependencies=None,
                                   availability_check=None, name=None, compiler_kwds=None):
        """``code(owner)`` (and ``namespace(owner)``) give the implementation for the group
        it is used in, when the network is built."""
        if not callable(code) or (namespace is not None and not callable(namespace)):
            raise UserFunctionError("a dynamic implementation's code and namespace must be "
                                    "callables taking the group", code="EQ171")
        self._implementations[target] = FunctionImplementation(
            name=name, code=code, namespace=namespace, dependencies=dependencies,
            availability_check=availability_check, dynamic=True, compiler_kwds=compiler_kwds)


def _unitless(function):
    """``function`` with every Quantity among its globals replaced by its SI value."""
    namespace = {key: (np.asarray(value) if isinstance(value, Quantity) else value)
                 for key, value in function.__globals__.items()}
    return types.FunctionType(function.__code__, namespace, function.__name__,
                              function.__defaults__, function.__closure__)


def c_source(name, target, impl):
    code = impl.get_code(None)
    if impl.get_namespace(None):
        raise UserFunctionError(f"the '{target}' implementation of '{name}' has a namespace; "
                                "eqsim's C implementations cannot read Python values yet",
                                code="EQ175", hint="write the values into the C code")
    unsupported = sorted(set(impl.compiler_kwds) - {"headers"})
    if unsupported:
        raise UserFunctionError(f"the '{target}' implementation of '{name}' asks for compiler "
                                f"options {unsupported}, which eqsim does not support",
                                code="EQ175", hint="put the code in the implementation itself")
    if isinstance(code, dict):
        unknown = sorted(set(code) - {"support_code", "hashdefine_code"})
        if unknown:
            raise UserFunctionError(f"the '{target}' implementation of '{name}' has code "
                                    f"blocks {unknown}; eqsim takes 'support_code' and "
                                    "'hashdefine_code'", code="EQ175")
        code = code.get("hashdefine_code", "") + "\n" + code.get("support_code", "")
    if not isinstance(code, str):
        raise UserFunctionError(f"the '{target}' implementation of '{name}' must be C code "
                                f"(a string), not {type(code).__name__}", code="EQ175")
    headers = "".join(f"#include {h}\n" for h in impl.compiler_kwds.get("headers", ()))
    return headers + code
