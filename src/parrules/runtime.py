"""What a compiled evaluator needs at run time: standard library only.

The compiler copies this module's source verbatim into every standalone module
it emits, and the in-process evaluator executes the same generated code against
this module, so both give identical results by construction.  Keep it free of
imports beyond ``decimal`` and of any state.
"""

from decimal import (  # noqa: F401 - localcontext is used by the generated code
    ROUND_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)

ROUNDING = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN, "up": ROUND_UP}
ZERO = Decimal(0)
ONE = Decimal(1)
HUNDREDTH = Decimal("0.01")


class NotApplicable(Exception):
    """Raised inside a formula (rate(..., empty: na)) to take the node out of the maximum."""


class InputProblem(Exception):
    """A unit's input is missing or invalid.  ``index`` is the input's position in INPUTS.

    Raised with arguments, ``message`` is a template (``"{name} is missing", name=...``):
    ``template`` and ``args`` keep it so that parrules.evaluate says it in the run's
    language; raised without (a constraint's text, as the ruleset writes it), it is text."""

    def __init__(self, code, index, message, **args):
        self.template = message if args else None
        self.args_said = tuple(args.items())
        message = message.format_map(args) if args else message
        super().__init__(message)
        self.code = code
        self.index = index
        self.message = message


def not_applicable():
    raise NotApplicable()


def to_decimal(value, index, name):
    """Accept Decimal, int, plain numeric strings, floats by their shortest repr, and other
    libraries' numbers by their text."""
    if isinstance(value, bool):
        raise InputProblem("D104", index, "{name} must be a number, not yes/no {value}", name=name, value=repr(value))
    if isinstance(value, int):
        value = Decimal(value)  # then checked like any Decimal: 10**400 is out of range
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise InputProblem("D104", index, "{name} must be a number, not {value}", name=name, value=repr(value)) from None
    elif isinstance(value, Decimal):
        result = value
    elif value is None:
        raise InputProblem("D101", index, "{name} is missing", name=name)
    else:
        # another library's number (numpy.int64 from a DataFrame row, numpy.float32): by its text,
        # as a float is by its repr; whatever does not write itself as a number (a numpy bool,
        # a list, a date, a Fraction) is refused
        try:
            result = Decimal(str(value).strip())
        except (InvalidOperation, ValueError, TypeError):
            raise InputProblem("D104", index, "{name} must be a number, not {kind}", name=name, kind=type(value).__name__) from None
    if not result.is_finite():
        raise InputProblem("D104", index, "{name} must be a finite number, not {value}", name=name, value=repr(value))
    if result.adjusted() > 15 or (result and result.adjusted() < -20):
        raise InputProblem("D106", index, "{name} = {value} is outside the numbers a score can use", name=name, value=repr(value))
    return result


def check_count(value, index, name):
    if value < 0 or value != value.to_integral_value():
        raise InputProblem("D105", index, "{name} must be a whole number of at least 0, not {value}", name=name, value=value)
    return value


def check_range(value, index, name, low, high, unit=""):
    if (low is not None and value < low) or (high is not None and value > high):
        lo = "" if low is None else low  # a number: said as the run's language writes numbers
        hi = "" if high is None else high
        raise InputProblem("D106", index, "{name} = {value}{unit} is outside {lo}..{hi}{unit}", name=name, value=value, unit=unit, lo=lo, hi=hi)
    return value


def to_yesno(value, index, name):
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, Decimal)) and not (isinstance(value, Decimal) and value.is_nan()) and value in (0, 1):
        return bool(value)
    raise InputProblem("D104", index, "{name} must be yes/no (true/false), not {value}", name=name, value=repr(value))


def to_choice(value, index, name, options):
    if isinstance(value, str) and value.strip() in options:
        return value.strip()
    raise InputProblem("D104", index, "{name} must be one of {options}, not {value}", name=name, options=", ".join(options), value=repr(value))


def linear(x, xs, ys):
    """Straight lines between the points (xs ascending); flat before the first and after the last."""
    if x <= xs[0]:
        return ys[0]
    for i in range(1, len(xs)):
        if x <= xs[i]:
            x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return ys[-1]


def row_of(value, rows):
    """Index of the first (low, low_closed, high, high_closed) row holding value, else -1 (a long tiers/ranks table)."""
    for i, (low, low_closed, high, high_closed) in enumerate(rows):
        if low is not None and (value < low if low_closed else value <= low):
            continue
        if high is not None and (value > high if high_closed else value >= high):
            continue
        return i
    return -1


def option_of(value, options):
    """Index of value among the options of a long choice table, else -1."""
    return options.index(value) if value in options else -1


def no_branch(value):
    raise InputProblem("D107", None, "no tier or band covers the value {value}", value=value)


def make_context():
    """The library's own context, every field given: Context() copies what is left out from
    decimal.DefaultContext, which the caller may have changed."""
    return Context(
        prec=40,
        rounding=ROUND_HALF_UP,
        Emin=-999999,
        Emax=999999,
        capitals=1,
        clamp=0,
        flags=[],
        traps=[InvalidOperation, DivisionByZero, Overflow],
    )


# What a trapped decimal signal means for a formula, in the words of a D110 error.
SIGNALS = (
    (DivisionByZero, "divides by zero"),
    (Overflow, "gives a number larger than the arithmetic can hold (above 10**999999)"),
    (InvalidOperation, "has no defined result (0/0, or a value too long to round)"),
)


def signal_text(exc):
    for signal, text in SIGNALS:
        if isinstance(exc, signal):
            return text
    return f"fails ({type(exc).__name__})"


def guarded(evaluator):
    """The standalone module's entry points: a trapped decimal signal is the unit's D110
    InputProblem, as the library reports it in process, never a bare decimal exception."""

    def evaluate(inputs):
        try:
            return evaluator(inputs)
        except ArithmeticError as exc:
            raise InputProblem("D110", None, "a formula {what} for these inputs", what=signal_text(exc)) from None

    return evaluate
