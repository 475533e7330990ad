"""The sentences of the located diagnostics (E/W/D codes), in the language of the run.

A diagnostic is found deep in the core (the checker, the reader, the evaluator), long
before anyone knows in which language it will be shown, and a ruleset's warnings are
shown by every command that loads it.  So a diagnostic keeps its sentence as an English
template and its arguments (a ``Sentence``), and is said in a language only when it is
shown: ``str(sentence)`` is English (the library's language, and what tests and logs
compare), ``sentence.say("vi")`` Vietnamese.

The catalogues are keyed by the English template itself, as gettext does: the English
stays readable where the error is raised, and a sentence with no translation yet is
still said (in English) rather than lost.  tests/test_wording.py lists every
``sentence("...")`` in the source and checks that each catalogue has it, with the same
placeholders, so a new or reworded message cannot ship untranslated.

Arguments are kept as text (``str`` of the value), so a diagnostic stays a frozen,
comparable value; templates use ``{name}`` or ``{name!r}`` and no number formats.  An
argument may itself be a ``Sentence`` (a hint, a kind of value, a list joined with "or"):
it is said in the same language as the sentence around it.  A number argument (a Decimal,
an int, a float) is kept as a ``Number`` and written as the language writes numbers when
the sentence is said (0,5 and 1.000 in Vietnamese, 0.5 and 1000 in English), by the one
formatter (parrules.numerals); a text argument that looks like a number (a unit "A.1", a
cell as the file wrote it) stays as written.  A row, line, column or year is a position,
not a quantity: written with its plain digits in every language.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import cache

import attrs

from .numerals import number_text


@attrs.frozen
class Sentence:
    """An English template and its arguments, said in any language of ``LANGS``."""

    template: str
    args: tuple[tuple[str, str | Sentence | Number], ...] = ()

    def __str__(self) -> str:
        return self.template.format_map({key: str(value) for key, value in self.args})

    def say(self, lang: str) -> str:
        """The sentence in ``lang``; the English one where the catalogue lacks it.

        An argument that is itself a sentence (a hint, a clause chosen by the caller)
        is said in the same language."""
        template = translations(lang).get(self.template, self.template)
        return template.format_map({key: said(value, lang) for key, value in self.args})

    def text(self) -> Said:
        """The sentence as an English ``str`` that keeps it (for a field typed ``str``)."""
        return Said(self)


@attrs.frozen
class Number:
    """A number argument of a sentence, written in the language the sentence is said in."""

    value: Decimal

    def __str__(self) -> str:
        return self.say("en")

    def say(self, lang: str) -> str:
        """At the value's own places: a published 85.000 stays 85,000 (85.000 in English)."""
        exponent = self.value.as_tuple().exponent
        return number_text(self.value, lang, max(0, -exponent) if isinstance(exponent, int) else None)


class Said(str):
    """An English text that remembers its sentence: a plain ``str`` to every caller (a
    warning, a note, a reason kept in a ``str`` field of the public API), said in another
    language by ``said``."""

    sentence: Sentence

    def __new__(cls, of: Sentence) -> Said:
        text = super().__new__(cls, str(of))
        text.sentence = of
        return text


def said(value: str | Sentence | Number, lang: str) -> str:
    """A text in ``lang``: a sentence (or a ``Said`` text) said in it, a number written as
    ``lang`` writes it, any other text as it is."""
    if isinstance(value, Said):
        return value.sentence.say(lang)
    return value.say(lang) if isinstance(value, Sentence | Number) else value


def as_text(value: str | Sentence) -> str:
    """A ``str`` field's value: a sentence as its ``Said`` text, a text as it is (an attrs converter)."""
    return value.text() if isinstance(value, Sentence) else value


def sentence(template: str, **args: object) -> Sentence:
    """A diagnostic's sentence: ``sentence("unknown input {name!r}", name=name)``.

    An argument is kept as text, as a sentence when it is one (or a ``Said`` text), said
    in the same language, or as a ``Number`` when it is a number (not a position)."""
    return Sentence(template, tuple((key, argument(key, value)) for key, value in args.items()))


def listed(words: list[str | Sentence]) -> str | Sentence:
    """``a, b, c``: the words joined with commas, each said in the run's language."""
    joined = words[0]
    for word in words[1:]:
        joined = sentence("{some}, {next}", some=joined, next=word)
    return joined


POSITIONS = frozenset({"row", "line", "column", "year", "first_row", "number", "opened"})
"""Whole-number arguments that number a place (a row or a line of a file, a year), not a
quantity: their digits are written plainly (row 1234, not "1.234") in every language.
A Decimal is always a quantity."""


def argument(key: str, value: object) -> str | Sentence | Number:
    """An argument as a sentence keeps it (see ``sentence``); for a template not written as a
    literal (the runtime's, kept in an InputProblem)."""
    if isinstance(value, Said):
        return value.sentence
    if isinstance(value, Sentence | Number):
        return value
    if isinstance(value, Decimal | float) or (isinstance(value, int) and not isinstance(value, bool)):
        if (key not in POSITIONS or not isinstance(value, int)) and (not isinstance(value, Decimal) or value.is_finite()):
            return Number(Decimal(str(value)) if isinstance(value, float) else Decimal(value))
    return str(value)


@cache
def translations(lang: str) -> Mapping[str, str]:
    """The catalogue of ``lang``: English template -> its template in ``lang`` (English: none)."""
    if lang != "vi":
        return {}
    from .wording_vi_data import VI as data
    from .wording_vi_ruleset import VI as ruleset

    return {**ruleset, **data}
