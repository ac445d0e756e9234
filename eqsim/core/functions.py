"""User functions in model strings: ``Function``, ``@implementation``, ``declare_types``,
``DEFAULT_FUNCTIONS`` (Brian2's ``brian2.core.functions``).

A Python function called from an equation, threshold, reset, synaptic statement,
``run_regularly`` or string assignment must say what it does to units, either with
``@check_units`` or by wrapping it in :class:`Function`. Where it runs:

- target ``'numpy'``: the Python function is called once per statement with arrays
  (one value per element the statement concerns), with the declared units attached to
  its arguments; its result must have the declared unit.
- target ``'cython'`` (compiled C): a C implementation, if one is given with
  ``@implementation('cpp', code)`` (or ``'c'``), is compiled into the network's
  library (see :mod:`eqsim.codegen.user_functions` for the contract the code must
  keep); otherwise the compiled kernel calls the Python function back once per element,
  with scalars. Measured on the project machine (2 cores, under load): a call back of
  ``x*2`` costs about 15 microseconds with dimensionless arguments (3 of them ctypes'),
  about 50 with a volt argument and result (a Quantity made and checked per call;
  ``@implementation('numpy', discard_units=True)`` avoids it), against nanoseconds for
  compiled code: fine for a ``run_regularly`` or a reset, slow in the state update of a
  large group (100,000 neurons: 1.5 s per step).

The numbers are the same on both targets for a function that works element by element.
"""
import ctypes
import math

import numpy as np

from ..ir.functions import UserFunction
from ..errors import (DimensionMismatchError, EqsimError, FunctionDeclarationTypeError,
                      UnresolvableFunctionError, UserFunctionError)
from ..parsing.functions import FUNCTIONS
from ..parsing.user_names import check_user_name
from .function_implementations import (C_TARGETS, FunctionImplementation,
                                      FunctionImplementationContainer, c_source)
from ..units import DIMENSIONLESS, Quantity, get_dimensions, second
from ..units.display_names import get_unit_for_display
from ..units.special_functions import exprel

__all__ = ["DEFAULT_FUNCTIONS", "Function", "FunctionImplementation", "implementation",
           "declare_types", "exprel", "timestep"]

BRIAN_DTYPES = ["boolean", "integer", "float"]
VALID_ARG_TYPES = BRIAN_DTYPES + ["any"]
VALID_RETURN_TYPES = BRIAN_DTYPES + ["highest"]


def declare_types(**types):
    """Decorator declaring the argument and result types of a function, as Brian2.

    Parameters
    ----------
    **types : str
        For each argument name one of ``'boolean'``, ``'integer'``, ``'float'``,
        ``'any'`` (the default); ``result=`` one of ``'boolean'``, ``'integer'``,
        ``'float'`` (the default) or ``'highest'`` (the highest type of the arguments).
    """
    def annotate(function):
        names = getattr(function, "_orig_arg_names", None) or \
            function.__code__.co_varnames[:function.__code__.co_argcount]
        for name in types:
            if name not in names and name != "result":
                raise UserFunctionError(f"declare_types names an unknown argument '{name}' of "
                                        f"'{function.__name__}'", code="EQ171",
                                        hint=f"its arguments are {list(names)}")
        arg_types = [types.get(name, "any") for name in names]
        for name, arg_type in zip(names, arg_types):
            _check_type(arg_type, VALID_ARG_TYPES, f"argument '{name}' of '{function.__name__}'")
        return_type = types.get("result", "float")
        _check_type(return_type, VALID_RETURN_TYPES, f"the result of '{function.__name__}'")
        function._arg_types, function._return_type = arg_types, return_type
        function._orig_arg_names = list(names)
        return function
    return annotate


def _check_type(value, valid, what):
    if value not in valid:
        raise UserFunctionError(f"type {value!r} of {what} is not valid", code="EQ171",
                                hint=f"use one of {valid}")


class Function:
    """A function that model strings can call (Brian2's ``Function``).

    Parameters
    ----------
    pyfunc : callable
        The Python function; its units come from ``@check_units`` unless ``arg_units``
        and ``return_unit`` are given.
    sympy_func : sympy function, optional
        Accepted for Brian2 compatibility; not used.
    arg_units : list, optional
        One unit per argument: a unit, ``1`` (dimensionless), ``None`` (any unit),
        ``bool``, or the name (from ``arg_names``) of an argument with the same unit.
    arg_names : list of str, optional
        Needed when ``arg_units`` refers to arguments by name.
    return_unit : unit, ``bool`` or callable, optional
        The result's unit, or a function of the arguments' dimensions giving it.
    arg_types : list of str, optional
        ``'boolean'``, ``'integer'``, ``'float'`` or ``'any'`` (the default) per argument.
    return_type : str, optional
        ``'boolean'``, ``'integer'``, ``'float'`` (the default) or ``'highest'``.
    stateless : bool, optional
        Whether equal arguments always give equal results (default True).
    auto_vectorise : bool, optional
        Whether the implementations get one more argument: the indices of the elements
        (an array on the NumPy target, whose length is the number of values to return;
        one index, as a float, per call from compiled code).
    """

    def __init__(self, pyfunc, sympy_func=None, arg_units=None, arg_names=None,
                 return_unit=None, arg_types=None, return_type=None, stateless=True,
                 auto_vectorise=False):
        name = getattr(pyfunc, "__name__", type(pyfunc).__name__)
        if "name" not in self.__dict__:  # a Nameable subclass (BinomialFunction) has its own
            self.name = name
        self.pyfunc, self.sympy_func = pyfunc, sympy_func
        self.stateless, self.auto_vectorise = stateless, auto_vectorise
        self._arg_names = arg_names
        self._arg_units = arg_units if arg_units is not None else \
            _declared(pyfunc, "_arg_units", name, "its arguments", "arg_units")
        if any(isinstance(u, str) for u in self._arg_units) and \
                (arg_names is None or len(arg_names) != len(self._arg_units)):
            raise FunctionDeclarationTypeError(
                f"arg_units of '{name}' refer to arguments by name: give arg_names, one per "
                "argument", hint=f"e.g. arg_names={['x%d' % k for k in range(len(self._arg_units))]}")
        self._return_unit = return_unit if return_unit is not None else \
            _declared(pyfunc, "_return_unit", name, "its return value", "return_unit")
        self._returns_bool = self._return_unit is bool
        self._arg_types = list(arg_types if arg_types is not None else
                               getattr(pyfunc, "_arg_types", ["any"] * len(self._arg_units)))
        self._return_type = return_type if return_type is not None else \
            getattr(pyfunc, "_return_type", "float")
        if len(self._arg_types) != len(self._arg_units):
            raise UserFunctionError(f"'{name}' declares {len(self._arg_units)} argument units "
                                    f"but {len(self._arg_types)} argument types", code="EQ171")
        for arg_type, unit in zip(self._arg_types, self._arg_units):
            _check_type(arg_type, VALID_ARG_TYPES, f"an argument of '{name}'")
            if arg_type not in ("float", "any") and _dimension(unit) not in (None, DIMENSIONLESS):
                raise FunctionDeclarationTypeError(f"non-float arguments of '{name}' must be "
                                                   "dimensionless",
                                                   hint="declare the argument 'float' or give "
                                                        "it no unit")
        _check_type(self._return_type, VALID_RETURN_TYPES, f"the result of '{name}'")
        self.implementations = FunctionImplementationContainer(self)
        self._python = None
        self._callbacks = {}         # ctypes callbacks made for compiled kernels, kept alive
        self._callback_errors = []   # the first exception a call back raised in a run

    def is_locally_constant(self, dt):
        """Whether, as a function of time, it keeps its value over a step (never, here)."""
        return False

    def __call__(self, *args):
        return self.pyfunc(*args)

    # -- units -------------------------------------------------------------------------
    def result_dimension(self, argument_dims, call_name=None):
        """The result's dimension for arguments of ``argument_dims``; raises
        :class:`DimensionMismatchError` (EQ172/EQ173) for a wrong call, as Brian2."""
        call_name = call_name or self.name
        units = list(self._arg_units)
        if len(argument_dims) != len(units):
            raise DimensionMismatchError(
                f"'{call_name}' takes {len(units)} argument(s), {len(argument_dims)} given",
                code="EQ172", hint=f"call it as {call_name}({', '.join(self._display_names())})")
        for k, (found, unit) in enumerate(zip(argument_dims, units)):
            if isinstance(unit, str):
                position = list(self._arg_names).index(unit)
                needed = argument_dims[position]
                what = f"the unit of argument {position + 1} ('{unit}')"
            else:
                needed = _dimension(unit)
                what = get_unit_for_display(needed) if needed is not None else None
            if needed is not None and found != needed:
                raise DimensionMismatchError(
                    f"argument {k + 1} of '{call_name}' must have {what}, got dimension "
                    f"{found}", found, needed, code="EQ173",
                    hint="@check_units of the function declares the argument units")
        if self._returns_bool:
            return DIMENSIONLESS
        if callable(self._return_unit) and not isinstance(self._return_unit, Quantity):
            return get_dimensions(self._return_unit(*argument_dims))
        return _dimension(self._return_unit) or DIMENSIONLESS

    def _display_names(self):
        return self._arg_names or getattr(self.pyfunc, "_arg_names", None) or \
            [f"x{k + 1}" for k in range(len(self._arg_units))]

    # -- implementations ------------------------------------------------------------------
    def python_implementation(self):
        """A callable on unitless values (arrays or scalars) giving unitless values: the
        NumPy implementation if one was given, else ``pyfunc`` with the declared units
        attached to its arguments and the unit of its result checked (as Brian2)."""
        given = self.implementations.get("numpy")
        if given is not None and given.get_code(None) is not None:
            if not given.adds_units:
                return given.get_code(None)
            if given.with_units is None:  # one object, as below
                given.with_units = self._with_units(given.get_code(None))
            return given.with_units
        if isinstance(self.pyfunc, Function):  # Function(Function(...)): the inner one's
            return self.pyfunc.python_implementation()
        if self._python is None:  # one object, so that kernels share one module constant
            self._python = self._with_units(getattr(self.pyfunc, "_orig_func", self.pyfunc))
        return self._python

    def _with_units(self, original):
        # what every call needs, computed once: calls back from C come once per element
        dims = [_dimension(unit) for unit in self._arg_units] + [None] * self.auto_vectorise
        fixed = None if self._returns_bool or (callable(self._return_unit) and not isinstance(
            self._return_unit, Quantity)) else (_dimension(self._return_unit) or DIMENSIONLESS)

        def with_units(*args):
            if len(args) != len(dims):
                raise UserFunctionError(f"function '{self.name}' got {len(args)} arguments, "
                                        f"expected {len(dims)}", code="EQ172")
            # as Brian2: declared units are attached; 'any unit' and named units are not
            values = [arg if dim is None or dim is DIMENSIONLESS else Quantity(arg, dim=dim)
                      for arg, dim in zip(args, dims)]
            result = original(*values)
            if fixed is DIMENSIONLESS and not isinstance(result, Quantity):
                return np.asarray(result)
            return self._check_result(result, values, fixed)
        return with_units

    def _check_result(self, result, values, expected):
        if self._returns_bool:
            if not (isinstance(result, (bool, np.bool_)) or np.asarray(result).dtype == bool):
                raise UserFunctionError(f"the function '{self.name}' returned {result!r:.60}, but "
                                        "it was expected to return a boolean value",
                                        code="EQ174")
            return np.asarray(result)
        if expected is None:
            expected = self.result_dimension([get_dimensions(v) for v in values][
                :len(self._arg_units)])
        if get_dimensions(result) is not expected:
            raise DimensionMismatchError(
                f"the function '{self.name}' returned {result!r:.60}, but it was expected to "
                f"return a quantity with unit {get_unit_for_display(expected)}",
                get_dimensions(result), expected, code="EQ174",
                hint="return a value with the unit declared by result=... in @check_units")
        return np.asarray(result)

    def c_implementation(self):
        """``(code, name, dependencies)`` of the C implementation, None without one; ``name``
        is the function's name in the code if it differs from the one model strings use.
        Raises :class:`UserFunctionError` (EQ175) for implementations eqsim cannot compile."""
        for target in C_TARGETS:
            impl = self.implementations.get(target)
            if impl is not None:
                return c_source(self.name, target, impl), impl.name, impl.dependencies
        cython = self.implementations.get("cython")
        if cython is not None and not callable(cython.get_code(None)):
            raise UserFunctionError(
                f"the function '{self.name}' has a Cython implementation; eqsim's compiled "
                "target builds C, not Cython", code="EQ175",
                hint="give the same function in C with @implementation('cpp', '''double "
                     f"{self.name}(double x) {{ ... }}'''), or remove the Cython "
                     "implementation: the compiled code then calls the Python function "
                     "(10-50 us per call)")
        return None

    def callback_address(self, n_args):
        """Address of a C function ``double f(double, ...)`` (``n_args`` arguments) that
        calls the Python implementation; an exception it raises is kept (and NaN
        returned) until :meth:`raise_callback_error` after the run."""
        if n_args not in self._callbacks:
            cython = self.implementations.get("cython")  # Brian2: a callable runs as it is
            given = cython.get_code(None) if cython is not None else None
            python = given if callable(given) else self.python_implementation()
            errors = self._callback_errors

            def call(*args):
                try:
                    result = np.asarray(python(*args), dtype=np.float64)
                    if result.size != 1:
                        raise UserFunctionError(
                            f"the function '{self.name}' returned {result.size} values when "
                            "compiled code called it for one element", code="EQ177",
                            hint="compiled code calls a Python function once per element: "
                                 "return one value, or use prefs.codegen.target = 'numpy'")
                    return float(result.reshape(()))
                except BaseException as error:  # noqa: BLE001 - C cannot take an exception
                    if not errors:
                        errors.append(error)
                    return math.nan
            prototype = ctypes.CFUNCTYPE(ctypes.c_double, *[ctypes.c_double] * n_args)
            callback = prototype(call)
            self._callbacks[n_args] = (callback, ctypes.cast(callback, ctypes.c_void_p).value)
        return self._callbacks[n_args][1]

    def raise_callback_error(self):
        """Raise (once) what the Python function raised when compiled code called it."""
        if self._callback_errors:
            error = self._callback_errors.pop()
            self._callback_errors.clear()
            if isinstance(error, EqsimError):  # a unit error of the call: it names the function
                raise error
            raise UserFunctionError(
                f"the function '{self.name}' raised {type(error).__name__}: {error} when the "
                "compiled code called it (the values it gave are NaN)", code="EQ177",
                hint="fix the function; run with prefs.codegen.target = 'numpy' to see the "
                     "full traceback") from error

    def _eqsim_function(self, name):
        """What code generation needs to call this function under ``name``."""
        return UserFunction(name, "function", DIMENSIONLESS, function=self,
                            n_args=len(self._arg_units), auto_vectorise=self.auto_vectorise,
                            rule=lambda dims: self.result_dimension(dims, name))

    def __repr__(self):
        return f"Function({self.name})"


def _declared(pyfunc, attribute, name, what, keyword):
    if not hasattr(pyfunc, attribute):
        raise UserFunctionError(
            f"The Python function '{name}' does not specify how it deals with units, need to "
            f"specify '{keyword}' or use the '@check_units' decorator.", code="EQ170",
            hint=f"e.g. @check_units(x=volt, result=1) before 'def {name}(x):'")
    value = getattr(pyfunc, attribute)
    if value is None:
        raise UserFunctionError(f"The Python function '{name}' does not specify the unit for "
                                f"{what}.", code="EQ170",
                                hint="add result=<unit> to its @check_units")
    return list(value) if attribute == "_arg_units" else value


def _dimension(unit):
    """Dimension a unit specification demands; None for 'any unit' (None, bool, a name)."""
    if unit is None or unit is bool or isinstance(unit, str):
        return None
    if isinstance(unit, (int, float)) and not isinstance(unit, bool):
        return DIMENSIONLESS
    return get_dimensions(unit)


def implementation(target, code=None, namespace=None, dependencies=None, discard_units=None,
                   name=None, **compiler_kwds):
    """Decorator adding an implementation for ``target`` to a function (as Brian2).

    Parameters
    ----------
    target : str
        ``'cpp'`` or ``'c'``: C code compiled into eqsim's compiled target (Brian2's C++
        implementations work when their code is C); ``'cython'``: Cython code, which
        eqsim records but cannot compile (the compiled target then asks for C);
        ``'numpy'``: a Python implementation (``code``), or, with
        ``discard_units=True``, the decorated function run on unitless values.
    code : str or dict, optional
        The implementation (see :class:`FunctionImplementation`).
    namespace, dependencies, name, **compiler_kwds
        As Brian2 (``headers=[...]`` adds ``#include`` lines).
    discard_units : bool, optional
        Only for ``'numpy'`` without ``code``.
    """
    if name is not None:  # the function's name in the C code: it goes into the source
        check_user_name(name, "name of a function implementation")

    def add(function):
        result = function if isinstance(function, Function) else Function(function)
        if discard_units:
            if not (target == "numpy" and code is None):
                raise UserFunctionError("'discard_units' can only be set for code generation "
                                        "target 'numpy', without providing any code",
                                        code="EQ171")
            result.implementations.add_numpy_implementation(function, dependencies,
                                                            discard_units=True)
        else:
            result.implementations.add_implementation(
                target, code, namespace=namespace, dependencies=dependencies, name=name,
                compiler_kwds=compiler_kwds)
        return result
    return add


def as_function(name, value):
    """A callable found under ``name`` in a namespace, as a :class:`Function` (Brian2
    wraps plain Python functions the same way, with their ``@check_units`` units)."""
    if isinstance(value, Function):
        return value
    if not (hasattr(value, "_arg_units") and hasattr(value, "_return_unit")):
        raise UnresolvableFunctionError(
            f"The identifier '{name}' could not be resolved: the Python function it names does "
            "not specify how it deals with units, need to specify 'arg_units' or use the "
            "'@check_units' decorator.",
            hint=f"decorate it with @check_units(..., result=...) or wrap it as "
                 f"Function({name}, arg_units=[...], return_unit=...)")
    return Function(value, arg_units=getattr(value, "_arg_units", None),
                    arg_names=getattr(value, "_arg_names", None),
                    return_unit=getattr(value, "_return_unit", None),
                    stateless=getattr(value, "stateless", False))


def timestep(t, dt):
    """The integer time step of time ``t`` (second) at step ``dt`` (second), as the
    ``timestep`` of model strings and Brian2's ``brian2.core.functions.timestep``."""
    steps = np.array((np.asarray(t) + 1e-3 * np.asarray(dt)) / np.asarray(dt), dtype=np.int64)
    return steps.item() if steps.shape == () else steps


def _builtin(name, pyfunc, arg_units, return_unit, **keywords):
    function = Function(pyfunc, arg_units=arg_units, return_unit=return_unit, **keywords)
    function.builtin = True  # the parser's own function of that name (eqsim.parsing.functions)
    return function


_SAME = lambda u: u  # noqa: E731 - Brian2's return_unit for functions keeping the unit
#: The functions every model string can call, by name (Brian2's ``DEFAULT_FUNCTIONS``).
#: A Function added here under a new name can be called from any model string without
#: being in the namespace; the built-in entries document the parser's own functions.
DEFAULT_FUNCTIONS = {name: _builtin(name, getattr(np, name), [1], 1)
                     for name in ("cos", "sin", "tan", "cosh", "sinh", "tanh", "exp", "log",
                                  "log10", "expm1", "log1p", "arccos", "arcsin", "arctan")}
DEFAULT_FUNCTIONS.update(
    exprel=_builtin("exprel", exprel, [1], 1),
    sqrt=_builtin("sqrt", np.sqrt, [None], lambda u: u ** 0.5),
    ceil=_builtin("ceil", np.ceil, [None], _SAME),
    floor=_builtin("floor", np.floor, [None], _SAME),
    abs=_builtin("abs", np.abs, [None], _SAME, return_type="highest"),
    sign=_builtin("sign", np.sign, [None], 1, return_type="highest"),
    rand=_builtin("rand", np.random.rand, [], 1, stateless=False, auto_vectorise=True),
    randn=_builtin("randn", np.random.randn, [], 1, stateless=False, auto_vectorise=True),
    poisson=_builtin("poisson", np.random.poisson, [1], 1, stateless=False,
                     return_type="integer"),
    clip=Function(np.clip, arg_units=[None, "a", "a"], arg_names=["a", "a_min", "a_max"],
                  return_unit=lambda u1, u2, u3: u1, return_type="highest"),
    int=_builtin("int", np.int_, [1], 1, return_type="integer"),
    timestep=_builtin("timestep", timestep,
                      [second, second], 1, return_type="integer"),
)
DEFAULT_FUNCTIONS["clip"].builtin = True
assert set(DEFAULT_FUNCTIONS) <= set(FUNCTIONS)  # every built-in has a parser entry


def default_function(name):
    """The user-added entry ``name`` of :data:`DEFAULT_FUNCTIONS` (None if there is none or
    the name is the parser's own)."""
    function = DEFAULT_FUNCTIONS.get(name)
    if function is None or getattr(function, "builtin", False):
        return None
    return function
