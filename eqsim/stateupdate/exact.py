"""Exact integration of linear systems with constant coefficients (alias 'linear').

``dx/dt = A*x + b`` where ``A`` and ``b`` may read parameters but not state variables
or ``t``; parameters count as constant over a step, as in Brian2. The state variables
are split into groups that are coupled through ``A``:

* an uncoupled variable gets the compact closed form
  ``x_new = x* + (x - x*)*exp(a*dt)`` with fixed point ``x* = -b/a``
  (``x + b*dt`` when ``a`` is identically zero);
* a coupled group is advanced with the exponential of the augmented matrix
  ``[[A, b], [0, 0]]*dt``, which also covers singular ``A``.

Caveats: a symbolic ``a`` is assumed non-zero at run time, and closed forms of coupled
groups may divide by differences of parameters (e.g. ``tau - tau_syn``) and are then
singular when those are equal -- both as in Brian2. Groups whose exponential depends
on the sign of a parameter expression (complex eigenvalues that sympy cannot settle)
are refused with a hint to use a numerical method.
"""
import sympy
from sympy.matrices.exceptions import MatrixError

from eqsim.errors import IntegrationError

from .noise import require_deterministic
from .statements import temporary

NAME = "exact"

# Functions whose presence means sympy could not decide whether eigenvalues are
# real; the formula would be wrong or complex-valued in generated code.
_UNRESOLVED = (sympy.re, sympy.im, sympy.arg, sympy.atan2)

_SIGN_DEPENDENT = ("its exact solution depends on whether parameter-dependent eigenvalues "
                   "are real or complex")


def linear_system(system):
    """``(A, b)`` of ``dx/dt = A*x + b`` as sympy matrices.

    Raises
    ------
    IntegrationError
        If an equation is not linear in the state variables (EQ302) or the
        coefficients depend on ``t`` (EQ303).
    """
    state = [system.symbols[name] for name in system.variables]
    zero = {x: sympy.S.Zero for x in state}
    rows, offsets = [], []
    for name in system.variables:
        f = system.drift[name]
        row = [sympy.diff(f, x) for x in state]
        if any(system.state_dependent(entry) for entry in row):
            raise IntegrationError(
                f"method '{NAME}' needs linear equations, but d{name}/dt = {f} is not "
                f"linear in the state variables",
                code="EQ302",
                hint="use 'rk4', 'exponential_euler' or leave the method unspecified")
        offset = f.xreplace(zero)
        if any(entry.has(system.t) for entry in row) or offset.has(system.t):
            raise IntegrationError(
                f"method '{NAME}' needs coefficients that do not depend on time, but "
                f"d{name}/dt = {f} depends on t",
                code="EQ303",
                hint="use 'rk4', 'exponential_euler' or leave the method unspecified")
        rows.append(row)
        offsets.append(offset)
    return sympy.Matrix(rows), sympy.Matrix(offsets)


def coupled_groups(matrix):
    """Index groups of variables connected through off-diagonal entries of ``matrix``."""
    n = matrix.shape[0]
    parent = list(range(n))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        for j in range(n):
            if i != j and matrix[i, j] != 0:
                parent[root(i)] = root(j)
    groups = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _simpler(expr):
    # simplify() shortens the matrix-exponential forms (cancels dt from
    # dt*t1/t2 - dt and the like); keep its result only when it is shorter.
    candidate = sympy.simplify(expr)
    return candidate if sympy.count_ops(candidate) < sympy.count_ops(expr) else expr


def _uncoupled_update(x, a, b, dt, fixed_point):
    if a == 0:
        return [], x + b * dt
    if b == 0:
        return [], x * sympy.exp(a * dt)
    value = -b / a
    cancelled = sympy.cancel(value)
    if sympy.count_ops(cancelled) < sympy.count_ops(value):
        value = cancelled
    # Relaxation towards the fixed point x* = -b/a.
    return [(fixed_point, value)], fixed_point + (x - fixed_point) * sympy.exp(a * dt)


def _triangular_order(matrix):
    """An order of the rows and columns of ``matrix`` that makes it upper triangular
    (each variable after those it feeds: currents before the voltage they drive, the
    augmented constant last), or None when the variables feed each other in a cycle."""
    n = matrix.shape[0]
    reads = {i: {j for j in range(n) if j != i and matrix[i, j] != 0} for i in range(n)}
    order, placed = [], set()
    while len(order) < n:
        # filled from the end: next, a variable that reads only variables placed already
        ready = [i for i in range(n) if i not in placed and reads[i] <= placed]
        if not ready:
            return None
        order.append(ready[0])
        placed.add(ready[0])
    return order[::-1]


def _triangular_exp(matrix):
    """``exp(matrix)`` of an upper triangular matrix with distinct diagonal entries, by
    Parlett's recurrence (N. J. Higham, Functions of Matrices, 2008, sec. 4.6): closed
    forms with differences of rates in denominators, as the general exponential gives,
    without sympy's Jordan form (seconds for a current-driven neuron). None when two
    diagonal entries are the same expression."""
    n = matrix.shape[0]
    diagonal = [matrix[i, i] for i in range(n)]
    gaps = {}
    for i in range(n):
        for j in range(i + 1, n):
            gap = sympy.cancel(diagonal[j] - diagonal[i])
            if gap == 0:
                return None
            gaps[i, j] = gap
    result = sympy.zeros(n, n)
    for i in range(n):
        result[i, i] = sympy.exp(diagonal[i])
    for distance in range(1, n):
        for i in range(n - distance):
            j = i + distance
            total = matrix[i, j] * (result[j, j] - result[i, i])
            for k in range(i + 1, j):
                total += matrix[i, k] * result[k, j] - result[i, k] * matrix[k, j]
            result[i, j] = total / gaps[i, j]
    return result


def _propagator(augmented):
    """``exp(augmented)``: by Parlett's recurrence when the variables feed each other
    without a cycle (the common case: synaptic currents driving a voltage), else sympy's
    general matrix exponential. Returns ``(propagator, general)``."""
    order = _triangular_order(augmented)
    if order is not None:
        exp = _triangular_exp(augmented.extract(order, order))
        if exp is not None:
            back = [order.index(k) for k in range(len(order))]
            return exp.extract(back, back), False
    return augmented.exp(), True


def _coupled_update(system, names, matrix, offset, dt):
    n = len(names)
    augmented = sympy.zeros(n + 1, n + 1)
    augmented[:n, :n] = matrix
    augmented[:n, n] = offset
    try:
        propagator, general = _propagator(augmented * dt)
    except (NotImplementedError, ValueError, MatrixError) as error:
        raise _unsolvable(names, f"sympy cannot exponentiate the system matrix ({error})")
    parts = propagator.atoms(sympy.re, sympy.im)
    if any(part.free_symbols - {dt} for part in parts):
        raise _unsolvable(names, _SIGN_DEPENDENT)
    if parts or propagator.has(sympy.I):
        propagator = propagator.applyfunc(_real_form)
    if propagator.has(sympy.I) or propagator.atoms(*_UNRESOLVED):
        raise _unsolvable(names, _SIGN_DEPENDENT)
    state = sympy.Matrix([system.symbols[name] for name in names] + [sympy.S.One])
    result = propagator * state
    if not general:  # Parlett's forms are short already; simplify() would take seconds
        return {name: result[i] for i, name in enumerate(names)}
    return {name: _simpler(result[i]) for i, name in enumerate(names)}


def _real_form(entry):
    # Complex eigenvalues give exp(a + i*b) terms inside re()/im(); writing them as
    # exp(a)*(cos(b) + i*sin(b)) lets sympy take the real part explicitly.
    def split(power):
        real, imaginary = sympy.expand(power.args[0]).as_real_imag()
        return sympy.exp(real) * (sympy.cos(imaginary) + sympy.I * sympy.sin(imaginary))

    entry = entry.replace(lambda node: isinstance(node, sympy.exp) and node.args[0].has(sympy.I),
                          split)
    return sympy.expand(entry).as_real_imag()[0]


def _unsolvable(names, reason):
    return IntegrationError(
        f"method '{NAME}' cannot integrate the coupled equations for "
        f"{', '.join(names)}: {reason}",
        code="EQ309",
        hint="use 'rk4' or leave the method unspecified")


def _require_fixed_point(system, matrix):
    """Brian2's linear integrator solves ``M*X = B`` for the fixed point and refuses the
    equations when it has no unique solution (``dv/dt = rate``, ``dx/dt = y - x`` with
    ``dy/dt = x - y``); its automatic choice then moves on to 'euler' for the whole
    group. The same equations are refused here, so that the same method integrates them."""
    # unique exactly when the matrix is invertible; asked of the matrix alone, as the
    # offset may hold placeholders (locally constant calls) that sympy's solver rejects
    if sympy.simplify(matrix.det()) == 0:
        raise IntegrationError(
            f"method '{NAME}' cannot integrate the equations for "
            f"{', '.join(system.variables)}: they have no unique fixed point (a variable "
            "that does not decay, such as dv/dt = rate), which Brian2's exact method "
            "refuses", code="EQ283",
            hint="use 'euler' or 'rk4', or leave the method unspecified (Brian2 then uses "
                 "'euler')")


def scheme(system):
    """Intermediates and new values of one exact step.

    Raises
    ------
    IntegrationError
        For stochastic (EQ304), non-linear (EQ302) or time-dependent (EQ303)
        equations, equations without a unique fixed point (EQ283, as Brian2), or
        coupled equations sympy cannot solve in real form (EQ309).
    """
    require_deterministic(system, NAME)
    matrix, offset = linear_system(system)
    _require_fixed_point(system, matrix)
    # A positive dt lets sympy simplify sqrt(dt**2), exp products and the like.
    dt = sympy.Dummy("dt", positive=True)
    matrix = matrix.xreplace({system.dt: dt})
    offset = offset.xreplace({system.dt: dt})
    intermediates, new_values = [], {}
    for group in coupled_groups(matrix):
        names = [system.variables[i] for i in group]
        if len(group) == 1:
            i, name = group[0], names[0]
            temps, value = _uncoupled_update(system.symbols[name], matrix[i, i], offset[i],
                                             dt, temporary(f"fixed_{name}"))
            intermediates += temps
            new_values[name] = value
        else:
            new_values.update(_coupled_update(system, names, matrix.extract(group, group),
                                              offset.extract(group, [0]), dt))
    restore = {dt: system.dt}
    intermediates = [(symbol, expr.xreplace(restore)) for symbol, expr in intermediates]
    new_values = {name: value.xreplace(restore) for name, value in new_values.items()}
    return intermediates, new_values
