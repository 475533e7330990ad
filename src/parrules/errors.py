"""The project's own error types.

Two families, because two kinds of people fix them: a ``RulesetError`` is fixed
by whoever writes the ruleset (it names file:line:col and shows the line); an
``InputError`` is fixed by whoever fills in the data (it names the unit, the
input, the row and the rule violated).  Nothing else should escape the library
on bad input.  Every message carries a stable code listed in docs/errors.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from .nodes import Location


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate spelled closest to word, if any is close.

    A mistyped column or input name is the commonest data error; naming the near
    miss turns "x is missing" into a fix."""
    import difflib  # on first use: only an error looks for a near miss (start-up)

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
    return close[0] if close else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean X?)' when a candidate is spelled close to word, else ''."""
    near = closest(word, candidates)
    return f" (did you mean {near!r}?)" if near else ""


class ParrulesError(Exception):
    """Base of every error parrules raises on purpose."""


@attrs.frozen
class Diagnostic:
    """One finding of the parser or checker."""

    severity: str  # "error" | "warning"
    code: str  # stable message code, e.g. "E130"
    message: str
    loc: Location
    source_line: str = ""

    def render(self) -> str:
        head = f"{self.loc}: {self.severity} {self.code}: {self.message}"
        if not self.source_line:
            return head
        from .safe_text import for_terminal  # a leaf module: the quoted line's controls shown, caret kept in place

        line = self.source_line.replace("\t", " ")
        caret = " " * len(for_terminal(line[: max(self.loc.column, 1) - 1])) + "^"
        return f"{head}\n    {for_terminal(line)}\n    {caret}"


class RulesetError(ParrulesError):
    """The ruleset cannot be used: a syntax error or checker errors."""

    def __init__(self, diagnostics: Sequence[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(d.render() for d in self.diagnostics))

    @property
    def first(self) -> Diagnostic:
        return self.diagnostics[0]


class InputError(ParrulesError):
    """A unit's data cannot be scored: names the unit, row, input and rule violated."""

    def __init__(
        self,
        message: str,
        *,
        code: str,
        input: str | None = None,
        node: str | None = None,
        unit: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ):
        self.message = message
        self.code = code
        self.input = input
        self.node = node
        self.unit = unit
        self.row = row
        self.column = column
        super().__init__(self.render())

    def located(self, *, unit: str | None = None, row: int | None = None) -> InputError:
        """The same error, told which unit and row it belongs to."""
        return InputError(
            self.message,
            code=self.code,
            input=self.input,
            node=self.node,
            unit=unit if unit is not None else self.unit,
            row=row if row is not None else self.row,
            column=self.column,
        )

    def render(self) -> str:
        where = []
        if self.unit is not None:
            where.append(f"unit {self.unit!r}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None and self.column != self.input:
            where.append(f"column {self.column!r}")
        if self.input is not None:
            where.append(f"input {self.input!r}")
        if self.node is not None:
            where.append(f"needed by {self.node}")
        prefix = ", ".join(where)
        return f"{self.code}: {prefix + ': ' if prefix else ''}{self.message}"


class NotFound(ParrulesError):
    """A ruleset name or node code that does not exist."""
