"""Stage 5: across units: classes, ranks (ties shared, declared tie-break).

A ruleset declares ``classes by index { ... }`` and ``ranking by total ...``;
these functions apply them to a batch of scorecards of one level.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from .evaluate import Scorecard
from .ruleset import Ruleset


@attrs.frozen
class Standing:
    """A unit's place among its peers: rank (ties share one), class, and why when not plain."""

    card: Scorecard
    rank: int
    klass: str | None
    note: str = ""

    @property
    def unit(self) -> str | None:
        return self.card.unit


def measure(ruleset: Ruleset, card: Scorecard, which: str | None = None) -> Decimal:
    """The value classes and ranks are read from: the index (default) or the total."""
    which = which or (ruleset.ast.ranking.measure if ruleset.ast.ranking else "index")
    if which == "total":
        return card.total
    index = card.index
    return index if index is not None else Decimal(0)


def classify(ruleset: Ruleset, card: Scorecard) -> str | None:
    """The class band the unit's measure falls in (None when the ruleset declares no classes)."""
    classes = ruleset.ast.classes
    if classes is None:
        return None
    value = measure(ruleset, card, classes.measure)
    for band in classes.bands:
        if band.interval.contains(value):
            return band.name
    return None


def class_order(ruleset: Ruleset) -> list[str]:
    """Class names from best to worst (by their lower bounds)."""
    classes = ruleset.ast.classes
    if classes is None:
        return []
    bands = sorted(
        classes.bands,
        key=lambda b: b.interval.lower.value if b.interval.lower is not None else Decimal("-Infinity"),
        reverse=True,
    )
    return [b.name for b in bands]


def standings(ruleset: Ruleset, cards: Sequence[Scorecard]) -> list[Standing]:
    """Rank and classify a batch of one level's units, best first.

    Equal measures share a rank (1, 2, 2, 4); the ruleset's ``tie_break`` node
    codes, compared in order, separate them first.
    """
    ranking = ruleset.ast.ranking
    descending = ranking.descending if ranking else True
    tie_break = ranking.tie_break if ranking else ()

    def key(card: Scorecard) -> tuple[Decimal, ...]:
        values = [measure(ruleset, card)] + [card[code].score for code in tie_break]
        return tuple(v if descending else -v for v in values)

    ordered = sorted(cards, key=key, reverse=True)
    out: list[Standing] = []
    previous: tuple[Decimal, ...] | None = None
    rank = 0
    for position, card in enumerate(ordered, start=1):
        k = key(card)
        if k != previous:
            rank = position
            previous = k
        out.append(Standing(card=card, rank=rank, klass=classify(ruleset, card)))
    return out
