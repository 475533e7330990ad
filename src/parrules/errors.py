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
from .wording import Sentence, sentence


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


def did_you_mean_said(word: str, candidates: Iterable[str]) -> Sentence | str:
    """``did_you_mean`` as a sentence, said in the run's language (an argument of another sentence)."""
    near = closest(word, candidates)
    return sentence(" (did you mean {near!r}?)", near=near) if near else ""


class ParrulesError(Exception):
    """Base of every error parrules raises on purpose.

    Raised with a ``Sentence`` (parrules.wording) as its message, it is English as text
    (``str``) and says itself in the run's language with ``say``."""

    sentence: Sentence | None = None

    def __init__(self, *args: object) -> None:
        if args and isinstance(args[0], Sentence):
            self.sentence = args[0]
            args = (str(args[0]), *args[1:])
        super().__init__(*args)

    def say(self, lang: str = "en") -> str:
        """The message in ``lang`` (English where it has no sentence or no translation)."""
        return self.sentence.say(lang) if self.sentence is not None else str(self)


@attrs.frozen
class Diagnostic:
    """One finding of the parser or checker."""

    severity: str  # "error" | "warning"
    code: str  # stable message code, e.g. "E130"
    message: str
    loc: Location
    source_line: str = ""
    # the message as template and arguments, to be said in the run's language (parrules.wording)
    sentence: Sentence | None = attrs.field(default=None, eq=False)

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (English where it has no sentence or no translation)."""
        return self.sentence.say(lang) if self.sentence is not None else self.message

    def render(self, lang: str = "en") -> str:
        severity = sentence("error") if self.severity == "error" else sentence("warning")
        head = f"{self.loc}: {severity.say(lang)} {self.code}: {self.text(lang)}"
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
        message: str | Sentence,
        *,
        code: str,
        input: str | None = None,
        node: str | None = None,
        unit: str | None = None,
        row: int | None = None,
        column: str | None = None,
        said: Sentence | None = None,
    ):
        if isinstance(message, Sentence):  # InputError(sentence("..."), code=...): English as message
            said = message
        self.message = str(message)
        self.sentence = said  # the message to say in another language (parrules.wording)
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
            said=self.sentence,
        )

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (English where it has no sentence or no translation)."""
        return self.sentence.say(lang) if self.sentence is not None else self.message

    def say(self, lang: str = "en") -> str:
        return self.render(lang)

    def render(self, lang: str = "en") -> str:
        where = []
        if self.unit is not None:
            where.append(sentence("unit {unit!r}", unit=self.unit))
        if self.row is not None:
            where.append(sentence("row {row}", row=self.row))
        if self.column is not None and self.column != self.input:
            where.append(sentence("column {column!r}", column=self.column))
        if self.input is not None:
            where.append(sentence("input {input!r}", input=self.input))
        if self.node is not None:
            where.append(sentence("needed by {node}", node=self.node))
        prefix = ", ".join(part.say(lang) for part in where)
        return f"{self.code}: {prefix + ': ' if prefix else ''}{self.text(lang)}"


class NotFound(ParrulesError):
    """A ruleset name or node code that does not exist."""
