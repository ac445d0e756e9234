"""User functions (``Function``, ``@check_units`` Python functions) in generated code.

A :class:`UserFunction` is what a user function becomes in an operation's variables.
How a kernel calls it depends on the target:

- NumPy: the Python implementation is a module constant, called with the arrays.
- C with a C implementation: the user's code is put once into the module, before the
  kernels, with the function's name replaced by a mangled one (``_uf_o3_f``) through a
  ``#define`` around the code.
- C without one: a trampoline of the same mangled name calls the Python implementation
  through a ctypes function pointer (bound as a module scalar, so the module source, and
  so the compiled cache, does not depend on it), once per element.

The contract for C implementations (what a user's code may do without breaking the
kernels around it): it is C99 (C++ does not compile), defines the function under its
name (``name=`` of ``@implementation``, else the name model strings call it by) taking
one ``double`` per argument (its return value is converted to ``double``); it may ``#include``
standard headers and define helpers, but no identifier starting with ``_`` or
``eqsim_`` (eqsim's own), no macro left defined after the code, no unbalanced braces;
it is compiled with the kernels' flags (``-O3 -march=native``, fast math without
finite-math) and must not keep state between calls unless declared ``stateless=False``.
The code is compiled alone first, so an error in it is reported as the user's.
"""
import functools
import hashlib
import os
import subprocess
import tempfile

import numpy as np
import sympy
from sympy.core.function import AppliedUndef

from ..errors import UserFunctionError
from ..ir.calls import called_functions
from ..ir.functions import UserFunction
from ..parsing.ast_to_sympy import next_draw_number
from ..parsing.functions import binomial_draw, randn
from .identifiers import mangle

# C spellings of the built-in functions a C implementation may list as dependencies
_BUILTIN_C = {"exp": "exp", "log": "log", "log10": "log10", "expm1": "expm1",
              "log1p": "log1p", "sqrt": "sqrt", "sin": "sin",
              "cos": "cos", "tan": "tan", "sinh": "sinh", "cosh": "cosh", "tanh": "tanh",
              "arcsin": "asin", "arccos": "acos", "arctan": "atan", "abs": "fabs",
              "floor": "floor", "ceil": "ceil", "clip": "eqsim_clip", "sign": "eqsim_sign",
              "int": "trunc", "timestep": "eqsim_timestep"}


def expand_samplers(expr, variables):
    """``expr`` with every call of a sampling function among ``variables`` replaced by a
    draw from the counter-based generator: an exact binomial, or ``loc + scale*randn()``.
    Each call gets a fresh occurrence number, so draws in different statements are
    independent (two calls in one expression are one draw: sympy merges ``b() + b()``)."""
    if expr is None or not hasattr(expr, "atoms"):
        return expr
    if not any(getattr(variables.get(name), "sampler", None) is not None
               for name in called_functions([expr])):
        return expr  # the common case, without a walk over the expression
    replacements = {}
    for call in expr.atoms(AppliedUndef):
        variable = variables.get(call.func.__name__)
        sampler = getattr(variable, "sampler", None)
        if sampler is None:
            continue
        number = sympy.Integer(next_draw_number())
        kind, first, second = sampler
        if kind == "binomial":
            replacements[call] = binomial_draw(number, sympy.Integer(first), sympy.Float(second))
        else:
            replacements[call] = sympy.Float(first) + sympy.Float(second) * randn(number)
    return expr.xreplace(replacements) if replacements else expr


def user_function_calls(op, names, symbols, compiled, threads=1):
    """Generated-code names of the user functions ``names`` that ``op`` calls.

    Returns a dict: name in the expressions -> (text to call, whether the element index
    is passed as a last argument). Registers module constants and (C) module-level code
    in ``symbols``.
    """
    calls = {}
    for name in sorted(names):
        variable = op.variables.get(name)
        if not isinstance(variable, UserFunction) or variable.sampler is not None:
            continue
        function = variable.function
        alias = symbols.alias(f"function {id(function)}")
        if compiled:
            text = _c_function(function, name, alias, variable.n_args + variable.auto_vectorise,
                               symbols, threads, op)
        else:
            text = symbols.constant(mangle("kf", alias, "py", name),
                                    function.python_implementation(), object)
        calls[name] = (text, variable.auto_vectorise)
    return calls


def _c_function(function, name, alias, n_args, symbols, threads, op):
    implementation = function.c_implementation()
    if implementation is not None:
        code, c_name, dependencies = implementation
        return _compiled_code(function, code, c_name or name, dependencies, alias, n_args,
                              symbols)
    if threads > 1:
        raise UserFunctionError(
            f"'{op.name}' calls the Python function '{name}', which compiled code can "
            "only call from one thread", code="EQ178",
            hint=f"give '{name}' a C implementation (@implementation('cpp', ...)) or run with "
                 "one thread")
    helper = mangle("uf", alias, name)
    if helper in symbols.support_code:
        return helper
    pointer = symbols.constant(mangle("kf", alias, "py", name), function.callback_address(n_args),
                               np.uint64)
    symbols.callbacks.append(function)
    arguments = [f"double _a{k}" for k in range(n_args)]
    prototype = ", ".join(["double"] * n_args) or "void"
    symbols.support_code[helper] = (
        f"/* '{name}' calls back into Python (eqsim.codegen.user_functions) */\n"
        f"static double {helper}({', '.join(arguments) or 'void'}) {{\n"
        f"    return ((double (*)({prototype}))(uintptr_t){pointer})"
        f"({', '.join(f'_a{k}' for k in range(n_args))});\n}}\n")
    return helper


def _compiled_code(function, code, c_name, dependencies, alias, n_args, symbols):
    mangled = mangle("uf", alias, c_name)
    if mangled in symbols.support_code:
        return mangled
    defines, prelude = {}, []
    for dep_name, dependency in dependencies.items():
        if getattr(dependency, "builtin", False) and dep_name in _BUILTIN_C:
            defines[dep_name] = _BUILTIN_C[dep_name]
            continue
        implementation = dependency.c_implementation() if hasattr(dependency, "c_implementation") \
            else None
        if implementation is None:
            raise UserFunctionError(f"the C implementation of '{function.name}' depends on "
                                    f"'{dep_name}', which has no C implementation",
                                    code="EQ176", hint="give the dependency a C implementation")
        dep_code, dep_c_name, dep_deps = implementation
        defines[dep_name] = _compiled_code(dependency, dep_code, dep_c_name or dep_name, dep_deps,
                                           symbols.alias(f"function {id(dependency)}"),
                                           len(dependency._arg_units), symbols)
        prelude.append(symbols.support_code[defines[dep_name]])
    defines[c_name] = mangled
    block = wrapped_c_code(code, defines, mangled)
    check_c_code("".join(prelude) + block, mangled, n_args, function.name)
    symbols.support_code[mangled] = block
    return mangled


def wrapped_c_code(code, defines, mangled):
    """The user's ``code`` with its names mapped by ``defines`` (only inside it), then a
    declaration that makes a plain ``inline`` definition an external one (C99)."""
    opening = "".join(f"#define {name} {text}\n" for name, text in defines.items())
    closing = "".join(f"#undef {name}\n" for name in defines)
    return (f"/* user C code (eqsim.codegen.user_functions) */\n{opening}{code}\n{closing}"
            f"extern __typeof__({mangled}) {mangled};\n")


@functools.lru_cache(maxsize=256)
def check_c_code(block, mangled, n_args, name):
    """Compile ``block`` alone (with a call of ``mangled`` with ``n_args`` doubles), so
    that an error in the user's C code is reported as such, not as a broken module."""
    call = ", ".join(["0.0"] * n_args)
    source = ("#include <math.h>\n#include <stdint.h>\n#include <stdbool.h>\n"
              "static inline double eqsim_clip(double x, double a, double b) { return x; }\n"
              "static inline double eqsim_sign(double x) { return x; }\n"
              "static inline double eqsim_timestep(double t, double dt) { return t; }\n"
              f"{block}\ndouble _eqsim_probe(void) {{ return (double){mangled}({call}); }}\n")
    digest = hashlib.sha1(source.encode()).hexdigest()[:12]
    with tempfile.TemporaryDirectory(prefix="eqsim-user-c-") as folder:
        path = os.path.join(folder, f"user_{digest}.c")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(source)
        result = subprocess.run(["gcc", "-std=gnu99", "-fsyntax-only",
                                 "-Werror=implicit-function-declaration", path],
                                capture_output=True, text=True)
    if result.returncode != 0:
        report = "\n".join(result.stderr.replace(path, "<user code>").splitlines()[:12])
        raise UserFunctionError(
            f"the C implementation of '{name}' does not compile as C taking {n_args} double "
            f"argument(s):\n{report}", code="EQ176",
            hint="eqsim compiles C99, not C++ or Cython: define 'double "
                 f"{name}(double ...)' in C, or drop the implementation to call the Python "
                 "function")
