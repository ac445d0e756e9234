"""Integration methods as objects, as Brian2's ``brian2.stateupdaters``.

``NeuronGroup(..., method=euler)`` and ``method='euler'`` mean the same: each built-in
method is a :class:`StateUpdateMethod` instance named like its string.
``StateUpdateMethod.register(name, method)`` makes a new method (an
:class:`~eqsim.stateupdate.explicit.ExplicitStateUpdater`, say) available by name.
An unregistered method object passed directly is registered under a key derived from
its definition, so caches never confuse two methods.
"""
import hashlib

from eqsim.errors import IntegrationError, MethodRegistrationError

from . import registry

__all__ = ["StateUpdateMethod", "BuiltinMethod", "euler", "rk2", "rk4", "exact", "linear",
           "exponential_euler", "heun", "milstein", "independent"]


class StateUpdateMethod:
    """Base class of integration methods.

    A subclass provides ``scheme(system)`` returning ``(intermediates, new_values)``
    (see :func:`eqsim.stateupdate.statements.assemble`) and ``identity``, a string that
    changes whenever the statements it would produce change.

    Attributes
    ----------
    stateupdaters : dict
        Registered name -> method object (Brian2's attribute of the same name).
    """

    stateupdaters = {}

    name = None

    def scheme(self, system):
        raise NotImplementedError(f"{type(self).__name__} does not define scheme(system)")

    @property
    def identity(self):
        return f"{type(self).__name__}:{self.name}"

    def __call__(self, equations, variables=None, method_options=None):
        """The statements this method gives for ``equations``, as text (as Brian2's
        ``euler(eqs)`` returns its abstract code).

        Parameters
        ----------
        equations : Equations or str
            The model; subexpressions are substituted into the differential equations.
        """
        from .describe_equations import statements_for
        if variables is not None or method_options:
            raise IntegrationError(
                "calling an integration method takes only the equations",
                code="EQ223", hint="call it as method(equations)")
        return statements_for(equations, key_of(self))

    @staticmethod
    def register(name, stateupdater):
        """Make ``stateupdater`` available as ``method=name`` (case-insensitive).

        Parameters
        ----------
        name : str
            A new method name, a plain identifier.
        stateupdater : StateUpdateMethod
            The method, e.g. an ``ExplicitStateUpdater``.

        Raises
        ------
        MethodRegistrationError
            If the name is taken or not an identifier, or the object is no method (EQ220).
        """
        if not isinstance(name, str) or not name.isidentifier():
            raise MethodRegistrationError(
                f"a method name must be an identifier, not {name!r}", code="EQ220",
                hint="register it under a name such as 'my_method'")
        lowered = name.lower()
        if lowered in registry.METHODS or lowered in registry.ALIASES \
                or registry.is_gsl_name(lowered):
            raise MethodRegistrationError(
                f"a state updater with the name '{lowered}' has already been registered",
                code="EQ220", hint="choose another name")
        if not isinstance(stateupdater, StateUpdateMethod):
            raise MethodRegistrationError(
                f"given state updater of type {type(stateupdater).__name__} does not seem "
                f"to be a valid state updater", code="EQ220",
                hint="register an ExplicitStateUpdater or another StateUpdateMethod")
        registry.add(lowered, stateupdater.scheme, stateupdater.identity)
        StateUpdateMethod.stateupdaters[lowered] = stateupdater

    def __repr__(self):
        return self.name or type(self).__name__

    __str__ = __repr__


class BuiltinMethod(StateUpdateMethod):
    """One of eqsim's built-in methods, named as in Brian2 (``euler``, ``rk4``...)."""

    def __init__(self, name):
        self.name = name

    def scheme(self, system):
        return registry.METHODS[registry.resolve(self.name)](system)

    @property
    def identity(self):
        return registry.resolve(self.name)

    def __reduce__(self):
        return (_builtin, (self.name,))


def _builtin(name):
    return StateUpdateMethod.stateupdaters[name]


def key_of(method):
    """The registry name of a method object, registering an unnamed one first."""
    if isinstance(method, BuiltinMethod):
        return method.name
    for name, registered in StateUpdateMethod.stateupdaters.items():
        if registered is method:
            return name
    name = "_method_" + hashlib.sha256(method.identity.encode()).hexdigest()[:16]
    registry.add(name, method.scheme, method.identity, replace=True)
    return name


def _make_builtins():
    made = {}
    for name in ("euler", "rk2", "rk4", "exact", "linear", "exponential_euler", "heun",
                 "milstein", "independent"):
        made[name] = BuiltinMethod(name)
        StateUpdateMethod.stateupdaters[name] = made[name]
    return made


_BUILTINS = _make_builtins()
euler = _BUILTINS["euler"]
rk2 = _BUILTINS["rk2"]
rk4 = _BUILTINS["rk4"]
exact = _BUILTINS["exact"]
linear = _BUILTINS["linear"]
exponential_euler = _BUILTINS["exponential_euler"]
heun = _BUILTINS["heun"]
milstein = _BUILTINS["milstein"]
independent = _BUILTINS["independent"]
