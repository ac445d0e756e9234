"""Brian2's description language for explicit integration methods.

``ExplicitStateUpdater('''k = dt*f(x, t)
x_new = x + dt*f(x + k/2, t + dt/2)''')`` is the midpoint method. A description is a
sequence of ``name = expression`` lines ending with ``x_new = expression``; the
expressions use ``x`` (a state variable at the start of the step), ``t``, ``dt``,
earlier names, ``f(x, t)`` (the deterministic part of the right-hand side evaluated at
the given point), ``g(x, t)`` (its noise coefficient) and ``dW`` (the Wiener increment,
``sqrt(dt)`` times a standard normal number), combined with arithmetic and the model
functions (``sqrt``, ``exp``...).

Each line holds for every state variable at once: ``k`` becomes one temporary per
variable, and ``f(x + k/2, t + dt/2)`` for ``v`` is ``v``'s drift evaluated with every
state variable ``y`` replaced by ``y + k_y/2``. With several noise symbols, the lines
that involve ``g`` or ``dW`` are repeated per noise symbol and the noise terms of
``x_new`` summed over them, as in Brian2. The text is parsed by eqsim's safe expression
parser: nothing in it is evaluated as Python.
"""
import hashlib

import sympy
from sympy.core.function import AppliedUndef

from eqsim.errors import EqsimError, IntegrationError, StateUpdaterDescriptionError
from eqsim.parsing.expressions import parse_expression

from .methods import StateUpdateMethod
from .noise import require_additive_noise, require_deterministic, wiener_increments
from .statements import temporary

__all__ = ["ExplicitStateUpdater"]

_RESERVED = {"x", "t", "dt", "dW", "f", "g", "x_new"}
_STOCHASTIC_KINDS = (None, "additive", "multiplicative")


def _fail(message, description, line, hint=None):
    return StateUpdaterDescriptionError(
        message, code="EQ221", source=description, line=line,
        hint=hint or "write lines 'name = expression' and end with 'x_new = expression'")


def _parse(description):
    """``(statements, output)``: the temporaries in order and the ``x_new`` expression."""
    lines = [(number, text) for number, text in enumerate(description.splitlines(), 1)
             if text.strip()]
    if not lines:
        raise _fail("the description is empty", description, None)
    statements, output, known = [], None, set()
    for number, text in lines:
        if output is not None:
            raise _fail("'x_new = ...' must be the last line", description, number)
        name, equals, expression = text.partition("=")
        name = name.strip()
        if not equals or not name.isidentifier() or expression.lstrip().startswith("="):
            raise _fail(f"'{text.strip()}' is not an assignment", description, number)
        if name != "x_new" and (name in _RESERVED or name.startswith("_") or name in known):
            raise _fail(f"'{name}' cannot be assigned here", description, number,
                        hint="names x, t, dt, dW, f and g are predefined; assign each "
                             "new name once")
        try:
            parsed = parse_expression(expression, source=description, line=number,
                                      col_offset=len(name) + len(equals) + 1)
        except EqsimError as error:
            raise _fail(f"cannot parse '{expression.strip()}': {error.message}",
                        description, number) from None
        _check_names(parsed, known, description, number)
        if name == "x_new":
            output = parsed
        else:
            statements.append((name, parsed))
            known.add(name)
    if output is None:
        raise _fail("the description has no final line 'x_new = ...'", description, None)
    return statements, output


def _check_names(expr, known, description, line):
    for call in expr.atoms(AppliedUndef):
        name = call.func.__name__
        if name not in ("f", "g"):
            raise _fail(f"unknown function '{name}'", description, line,
                        hint="only f(x, t), g(x, t) and the model functions can be called")
        if len(call.args) != 2:
            raise _fail(f"'{name}' takes two arguments (x, t), got {len(call.args)}",
                        description, line)
    unknown = sorted(s.name for s in expr.free_symbols
                     if s.name not in known and s.name not in ("x", "t", "dt", "dW"))
    if unknown:
        raise _fail(f"'{unknown[0]}' is not defined in an earlier line", description, line,
                    hint="names are x, t, dt, dW and names assigned in earlier lines")


def _reads_noise(expr, noisy):
    if any(s.name == "dW" or s.name in noisy for s in expr.free_symbols):
        return True
    return any(call.func.__name__ == "g" for call in expr.atoms(AppliedUndef))


class ExplicitStateUpdater(StateUpdateMethod):
    """An integration method written in Brian2's description language.

    Parameters
    ----------
    description : str
        Lines ``name = expression`` ending with ``x_new = expression`` (see the module
        documentation), e.g. Euler: ``'x_new = x + dt*f(x, t)'``.
    stochastic : {None, 'additive', 'multiplicative'}, optional
        The noise the method integrates: none (the default), only additive noise, or
        any noise.

    Raises
    ------
    StateUpdaterDescriptionError
        If the description is not in the language (EQ221).
    """

    def __init__(self, description, stochastic=None):
        if not isinstance(description, str):
            raise StateUpdaterDescriptionError(
                f"a description must be a string, not {type(description).__name__}",
                code="EQ221")
        if stochastic not in _STOCHASTIC_KINDS:
            raise StateUpdaterDescriptionError(
                f"stochastic must be None, 'additive' or 'multiplicative', not "
                f"{stochastic!r}", code="EQ221")
        self.statements, self.output = _parse(description)
        self.stochastic = stochastic
        self.description = "\n".join(line.strip() for line in description.splitlines()
                                     if line.strip())

    @property
    def identity(self):
        digest = hashlib.sha256(f"{self.stochastic}\n{self.description}".encode())
        return f"ExplicitStateUpdater:{digest.hexdigest()}"

    def __repr__(self):
        return f"ExplicitStateUpdater('''{self.description}''', stochastic={self.stochastic!r})"

    def __str__(self):
        return self.description

    def scheme(self, system):
        """Intermediates and new values of one step of the described method.

        Raises
        ------
        IntegrationError
            For noise the method does not accept (EQ304, EQ305), and for several noise
            symbols when ``f`` is evaluated at a point that depends on the noise (EQ225).
        """
        if self.stochastic is None:
            require_deterministic(system, "ExplicitStateUpdater")
        elif self.stochastic == "additive":
            require_additive_noise(system, "ExplicitStateUpdater")
        return _Step(system).run(self.statements, self.output)


class _Step:
    """One translation of a description to the equations of one system."""

    def __init__(self, system):
        self.system = system
        self.intermediates, self.increments = wiener_increments(system)
        self.noisy = set()
        self.holders = {}  # (temporary name, variable, noise or None) -> symbol

    def run(self, statements, output):
        system = self.system
        for name, expr in statements:
            noisy = _reads_noise(expr, self.noisy)
            if noisy:
                self.noisy.add(name)
            copies = system.noise_names if noisy and system.noise_names else (None,)
            for noise in copies:
                for var in system.variables:
                    holder = temporary(f"{name}_{var}" + (f"_{noise}" if noise else ""))
                    self.holders[(name, var, noise)] = holder
                    self.intermediates.append((holder, self.translate(expr, var, noise)))
        return self.intermediates, {var: self.new_value(output, var)
                                    for var in system.variables}

    def new_value(self, output, var):
        noises = self.system.noise_names
        if len(noises) <= 1:
            return self.translate(output, var, noises[0] if noises else None)
        deterministic, stochastic = [], []
        for term in sympy.Add.make_args(sympy.expand(output, deep=False)):
            (stochastic if _reads_noise(term, self.noisy) else deterministic).append(term)
        for term in stochastic:
            if any(call.func.__name__ == "f" for call in term.atoms(AppliedUndef)):
                raise IntegrationError(
                    f"the description evaluates f at a point that depends on the noise; "
                    f"with several noise symbols ({', '.join(noises)}) that is ambiguous",
                    code="EQ225", hint="use a single noise symbol, or 'heun'/'milstein'")
        value = self.translate(sympy.Add(*deterministic), var, None)
        for noise in noises:
            value += self.translate(sympy.Add(*stochastic), var, noise)
        return value

    def translate(self, expr, var, noise):
        """``expr`` of the description for state variable ``var`` and noise ``noise``."""
        system = self.system
        replacements = {}
        for symbol in expr.free_symbols:
            replacements[symbol] = self._symbol_value(symbol.name, var, noise)
        for call in expr.atoms(AppliedUndef):
            point, time = call.args
            at = {other: self.translate(point, other, noise) for other in system.variables}
            t_value = self.translate(time, var, noise)
            if call.func.__name__ == "f":
                replacements[call] = system.at(system.drift[var], at, t_value)
            elif noise is None:
                replacements[call] = sympy.S.Zero
            else:
                g = system.diffusion[var].get(noise, sympy.S.Zero)
                replacements[call] = system.at(g, at, t_value)
        return expr.xreplace(replacements)

    def _symbol_value(self, name, var, noise):
        system = self.system
        if name == "x":
            return system.symbols[var]
        if name == "t":
            return system.t
        if name == "dt":
            return system.dt
        if name == "dW":
            return self.increments[noise] if noise is not None else sympy.S.Zero
        return self.holders[(name, var, noise if name in self.noisy else None)]
