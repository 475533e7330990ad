"""Stage 5: across units: classes, ranks (ties shared, declared tie-break), downgrade.

A ruleset declares ``classes by index { ... }`` and ``ranking by total ...``;
these functions apply them to a batch of scorecards of one level.  A district
ruleset may also declare ``downgrade when share of communes at class or better
below 2 / 3`` (Bắc Kạn 2023, seed 000:63-67): the district falls one class when
fewer than 2/3 of its communes are in its class or better, and is not classified
at all while any commune lacks a result.  ``standings(..., members=...)`` applies
it from the communes' classes; the shares are exact fractions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from .context import in_library_context
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


@in_library_context
def measure(ruleset: Ruleset, card: Scorecard, which: str | None = None) -> Decimal:
    """The value classes and ranks are read from: the index (default) or the total."""
    which = which or (ruleset.ast.ranking.measure if ruleset.ast.ranking else "index")
    if which == "total":
        return card.total
    index = card.index
    return index if index is not None else Decimal(0)


@in_library_context
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


@in_library_context
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


Members = Mapping[str, Sequence[str | None]]


@in_library_context
def apply_downgrade(
    ruleset: Ruleset, klass: str | None, member_classes: Sequence[str | None] | None
) -> tuple[str | None, str]:
    """The district's class after the ruleset's downgrade rule, and a note in Vietnamese.

    ``member_classes`` are the classes of the district's communes (None: no result yet).
    Without a downgrade rule (or without a class) the class is returned unchanged.
    None for ``member_classes`` means the communes' results were not given at all:
    the district is then not classified (seed 000:67).
    """
    rule = ruleset.ast.downgrade
    if rule is None or klass is None:
        return klass, ""
    if member_classes is None:
        return None, "chưa xếp loại: không có kết quả của các xã trực thuộc"
    members = list(member_classes)
    if not members:
        return None, "chưa xếp loại: không có xã trực thuộc nào"
    order = class_order(ruleset)
    unknown = sorted({m for m in members if m is not None and m not in order})
    if unknown:
        raise ValueError(f"commune class {unknown[0]!r} is not a class of this ruleset ({', '.join(order)})")
    missing = sum(1 for m in members if m is None)
    if missing:
        return None, f"chưa xếp loại: {missing} xã chưa có kết quả"
    position = order.index(klass)
    at_or_better = sum(1 for m in members if m is not None and order.index(m) <= position)
    from fractions import Fraction  # here: only a downgrade rule needs it (start-up, docs/performance.md)

    share = Fraction(at_or_better, len(members))
    needed = Fraction(rule.numerator, rule.denominator)
    ratio = f"{at_or_better}/{len(members)} xã đạt {klass} trở lên"
    bound = f"{rule.numerator}/{rule.denominator}"
    if share >= needed:
        return klass, ""
    if position + 1 >= len(order):
        return klass, f"không thể hạ thêm ({klass} là mức thấp nhất): {ratio} < {bound}"
    return order[position + 1], f"hạ 1 mức: {ratio} < {bound}"


@in_library_context
def standings(
    ruleset: Ruleset,
    cards: Sequence[Scorecard],
    members: Members | None = None,
) -> list[Standing]:
    """Rank and classify a batch of one level's units, best first.

    Equal measures share a rank (1, 2, 2, 4); the ruleset's ``tie_break`` node
    codes, compared in order, separate them first.

    ``members`` maps a unit name to its communes' classes (None for a commune
    without a result).  When the ruleset declares a downgrade rule and
    ``members`` is given, each unit's class is lowered (or withheld) by it, with
    the reason in ``Standing.note``; a unit missing from ``members`` is not
    classified.  Without ``members`` the classes are the point bands alone, and
    the note says the commune rule was not applied.  Ranks never change.
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
        klass = classify(ruleset, card)
        note = ""
        if ruleset.ast.downgrade is not None and klass is not None:
            if members is None:
                note = "theo điểm; chưa xét quy tắc xã (không có kết quả cấp xã)"
            else:
                unit_members = members.get(card.unit) if card.unit is not None else None
                klass, note = apply_downgrade(ruleset, klass, unit_members)
        out.append(Standing(card=card, rank=rank, klass=klass, note=note))
    return out
