"""The one decimal context every number of the library is computed in.

Python's ``decimal`` arithmetic reads its precision, rounding and traps from a
thread-local context the *caller* owns: a portal that sets
``getcontext().prec = 5`` would otherwise get a national total of 84.409
instead of 84.4094, and one that traps ``Inexact`` would get an exception.  So
every public entry point of the core that computes, compares or parses a
number (evaluation, totals, index, classes, ranks, aggregates, audit, compare,
loading a ruleset) runs inside ``library_context()``, a fresh copy of
``runtime.make_context()``: 40 digits, the declared rounding passed to every
``quantize``, and InvalidOperation, DivisionByZero and Overflow trapped, so
that nothing is ever silently NaN.  The caller's context, flags included, is
the same afterwards.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextlib import AbstractContextManager
from decimal import Context, localcontext
from typing import Any, TypeVar

from .runtime import make_context

LIBRARY_CONTEXT: Context = make_context()

F = TypeVar("F", bound=Callable[..., Any])


def library_context() -> AbstractContextManager[Context]:
    """``with library_context():`` computes in a copy of the library's context, whatever the caller's is."""
    return localcontext(LIBRARY_CONTEXT)


def in_library_context(func: F) -> F:
    """Decorate a function (or a property's getter) so its whole body runs in the library context."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with localcontext(LIBRARY_CONTEXT):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
