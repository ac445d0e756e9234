"""Brian2's ``brian2.utils.logger`` path: ``BrianLogger``, ``get_logger``, ``std_silent``.

The logging API lives elsewhere in eqsim; its names are looked up on the ``eqsim``
package when asked for, so this path works wherever they are defined. A name eqsim does
not (yet) have raises ImportError naming it.
"""
__all__ = ["BrianLogger", "get_logger", "std_silent"]


def __getattr__(name):
    if name in __all__:
        import eqsim
        try:
            return eqsim.__dict__[name]
        except KeyError:
            raise ImportError(f"eqsim has no '{name}' yet (Brian2's brian2.utils.logger."
                              f"{name}); use Python's logging module: the logger names "
                              f"start with 'eqsim'") from None
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
