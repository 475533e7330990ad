"""Recompute a published table and list what it does not reproduce, each at its row and column.

A published number is compared at the decimals it is printed with: "0.811" has 3,
so a computed 0.8114 rounds (half-up) to 0.811 and agrees; "1.4981" has 4, so a
computed 1.4982 differs.  The difference reported is computed − published, unrounded.
Ranks are recomputed with the ruleset's ``ranking`` (its ``tie_break`` included) and
classes with its bands and, for a district, its downgrade rule (``aggregate.standings``);
a rank or class that differs says why (the units ahead, the tie, the band, the downgrade).

The published table is a CSV in one of two shapes:

- long: the columns ``unit``, ``code``, ``published`` (one row per unit and cell);
- wide: a unit column and one column per cell, as provinces print their tables
  (``STT, Đơn vị, Điểm, Xếp hạng, Xếp loại``).

A code is a node code (``7.3``; printed ``7.3.`` is read as 7.3, with a note) or one of
``total``, ``index``, ``scale`` (the applicable scale), ``rank``, ``class`` (or their
Vietnamese names, ``COLUMNS``).  Numbers are kept as printed, with a decimal point or a
decimal comma ("84,4089", "84,41%"), read by ``io.parse_number``; other columns (a
``seed_line`` say) are ignored.  An optional ``group`` column ranks each group apart.

The table itself is checked too: a row printed twice (D220), a unit given two values
for one code (D221), an index that is not its own row's total / scale (D225).  Unit
names are paired with the data's by ``unit_key`` (NFC, case, spaces, punctuation, the
abbreviations of ``compare.unit_key``, a leading "Ủy ban nhân dân"/"UBND", a leading
or trailing "tỉnh"), then by an explicit alias list; a name still unpaired is a finding
with the closest names as suggestions (a name that differs only in diacritics is only
ever suggested, never paired).
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from . import io as data_io
from .cases import toml_error
from .context import in_library_context
from .errors import NotFound, ParrulesError, closest, did_you_mean_said
from .system_words import codec_reason
from .wording import Sentence, as_text, said, sentence

if TYPE_CHECKING:  # pragma: no cover
    from .aggregate import Standing
    from .evaluate import Scorecard
    from .ruleset import Ruleset

HUNDRED = Decimal(100)

# The codes of a unit's whole result, with the headers and names a published table uses for them.
COLUMNS: dict[str, tuple[str, ...]] = {
    "total": ("total", "tổng điểm", "tổng", "điểm", "points", "final_points", "total_points", "kết quả"),
    "index": ("index", "chỉ số", "chỉ số (%)", "index (%)", "index_pct"),
    "scale": ("scale", "thang điểm", "applicable scale"),
    "rank": ("rank", "xếp hạng", "hạng", "thứ hạng"),
    "class": ("class", "xếp loại", "phân loại", "loại"),
}
UNIT_HEADERS = ("unit", "đơn vị", "tên đơn vị", "name")
GROUP_HEADERS = ("group", "nhóm")
ROW_HEADERS = ("stt", "tt", "số tt", "seed_line", "ghi chú", "note", "notes", "")
"""Headers of a wide table's columns that are no result (row numbers, notes): ignored without a word."""
WHOLE = tuple(name for names in COLUMNS.values() for name in names)

# What each finding code means (docs/errors.md); a note does not make the audit fail.
KINDS = {
    "": "value differs",
    "D218": "rank differs",
    "D219": "class differs",
    "D220": "row repeated",
    "D221": "code given twice",
    "D222": "code printed with a trailing dot",
    "D223": "unit paired by its normalised name or an alias",
    "D224": "unit not paired",
    "D225": "index is not total / scale",
}
NOTES = frozenset({"D222", "D223"})


class AuditError(ParrulesError):
    """A published table (or an alias or commune list) that cannot be read."""


# ---------------------------------------------------------------- printed numbers


def _clean(text: str) -> str:
    t = text.strip().replace("\u00a0", "").replace("\u202f", "")
    return t[:-1].rstrip() if t.endswith("%") else t


@in_library_context
def printed_number(text: str) -> Decimal:
    """A number as a table prints it: one decimal mark (point or comma), no thousands
    separator, an optional % sign.  The digits are read by ``io.parse_number`` (one way
    to parse a number); this only says which mark is the decimal one, as the data's
    ``--decimal`` cannot: published tables mix "0.811" and "84,4089"."""
    t = _clean(text)
    if t.count(",") + t.count(".") > 1:
        raise ValueError(sentence("{text!r}: write a published number without thousands separators", text=text))
    try:
        return data_io.parse_number(t.replace(".", ","), "comma")
    except ValueError:
        raise ValueError(sentence("{text!r} is not a number", text=text)) from None


def _said(exc: Exception) -> str | Sentence:
    """The sentence an error was raised with (``ValueError(sentence(...))``), else its text."""
    return exc.args[0] if exc.args and isinstance(exc.args[0], Sentence) else str(exc)


def _joined(parts: Sequence[str | Sentence]) -> str | Sentence:
    """Reasons one after the other, each said in the run's language."""
    out: str | Sentence = parts[0]
    for part in parts[1:]:
        out = sentence("{first}; {then}", first=out, then=part)
    return out


def printed_places(text: str) -> int:
    """Decimals printed: "0.811" -> 3, "84,4089" -> 4, "2.00" -> 2, "1" -> 0."""
    t = _clean(text).replace(",", ".")
    return len(t.split(".", 1)[1]) if "." in t else 0


@in_library_context
def agrees(computed: Decimal, published: str) -> bool:
    """The computed value rounded half-up to the published cell's decimals equals the cell."""
    quantum = Decimal(1).scaleb(-printed_places(published))
    return computed.quantize(quantum, ROUND_HALF_UP) == printed_number(published)


# ---------------------------------------------------------------- cells and findings


@attrs.frozen
class PublishedCell:
    """One published cell: the unit's name and the code as printed, the value as printed,
    and where it stands (the CSV line, the column's header; 0 and "" when not from a file)."""

    unit: str
    code: str
    published: str  # as printed
    row: int = 0
    column: str = ""
    group: str = ""

    @property
    @in_library_context
    def value(self) -> Decimal:
        return printed_number(self.published)

    @property
    def places(self) -> int:
        return printed_places(self.published)


@attrs.frozen
class Finding:
    """A published cell the recomputation does not reproduce, or a note on the table.

    ``computed`` is a Decimal for numbers, an int for a rank, a str for a class, None when
    there is no result.  ``kind`` is the finding's code (docs/errors.md; "" for a number
    that differs), ``reason`` why it was found.
    """

    unit: str
    code: str
    published: str
    computed: Decimal | int | str | None
    row: int = 0
    reason: str = attrs.field(default="", converter=as_text)  # a Said text: in the run's language by findings_table
    kind: str = ""
    column: str = ""

    @property
    @in_library_context
    def difference(self) -> Decimal | int | None:
        """computed − published: for numbers a Decimal, for ranks an int (None for classes and notes)."""
        if isinstance(self.computed, bool) or not isinstance(self.computed, Decimal | int):
            return None
        try:
            published = printed_number(self.published)
        except ValueError:
            return None
        if isinstance(self.computed, int):
            return self.computed - int(published)
        return self.computed - published

    @property
    def is_note(self) -> bool:
        return self.kind in NOTES

    @property
    def where(self) -> str:
        """'row 5, column rank' (what a reader looks up in the published table)."""
        parts = [f"row {self.row}"] if self.row else []
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def render(self, source: str = "") -> str:
        """The finding as one located line: ``table.csv:5 (rank): D218: unit: ...``."""
        head = f"{source}:{self.row}" if source and self.row else (source or self.where or "?")
        if self.column:
            head += f" ({self.column})"
        what = f"{self.kind}: " if self.kind else ""
        text = f"{head}: {what}{self.unit}" + (f" {self.code}" if self.code else "")
        if self.published:
            text += f": published {self.published}"
            if self.computed is not None:
                text += f", recomputed {self.computed}"
        return f"{text} ({self.reason})" if self.reason else text


def _cell(item: Any) -> PublishedCell:
    if isinstance(item, PublishedCell):
        return item
    if isinstance(item, Mapping):
        return PublishedCell(
            str(item["unit"]),
            str(item["code"]),
            str(item["published"]),
            int(item.get("row", 0)),
            str(item.get("column", "")),
            str(item.get("group", "")),
        )
    unit, code, published = item
    return PublishedCell(str(unit), str(code), str(published))


# ---------------------------------------------------------------- unit names


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def unit_key(name: str) -> str:
    """The key a published name is paired by: ``compare.unit_key`` (NFC, case, spaces,
    punctuation, "&" as "và", the seeds' abbreviations, old/new tone placement), less a
    leading "ủy ban nhân dân" (UBND), a leading "tỉnh" ("Tỉnh Hà Giang", "Hà Giang") and a
    trailing "tỉnh": "Ban quản lý Khu kinh tế" and
    "Ban Quản lý Khu kinh tế tỉnh" (seed 002:107, 002:69) are one unit.  Diacritics are
    kept: "Sở Y tế" and "Sở Ý tế" are not paired, only suggested."""
    from .compare import unit_key as compare_key

    words = compare_key(name).split()
    if words[:4] == ["ủy", "ban", "nhân", "dân"] and len(words) > 4:
        words = words[4:]
    if words[:1] == ["tỉnh"] and len(words) > 1:
        words = words[1:]
    if words[-1:] == ["tỉnh"] and len(words) > 1:
        words = words[:-1]
    return " ".join(words)


@attrs.frozen
class _Pairing:
    card: Scorecard | None
    how: str = attrs.field(default="", converter=as_text)  # "" exact; otherwise the note (a Said text)


class _Units:
    """The data's scorecards, looked up by a published name."""

    def __init__(self, cards: Sequence[Scorecard], aliases: Mapping[str, str] | None) -> None:
        self.cards = [c for c in cards if c.unit is not None]
        self.exact: dict[str, Scorecard] = {}
        self.keyed: dict[str, list[Scorecard]] = {}
        for card in self.cards:
            name = str(card.unit)
            self.exact.setdefault(data_io.unit_key(name), card)
            self.keyed.setdefault(unit_key(name), []).append(card)
        self.aliases = {data_io.unit_key(k): v for k, v in (aliases or {}).items()}
        self.names = [str(c.unit) for c in self.cards]

    def pair(self, published: str) -> _Pairing:
        exact = self.exact.get(data_io.unit_key(published))
        if exact is not None:
            return _Pairing(exact)
        alias = self.aliases.get(data_io.unit_key(published))
        if alias is not None:
            target = self.exact.get(data_io.unit_key(alias))
            if target is None:
                return _Pairing(
                    None,
                    sentence(
                        "the alias names {alias!r}, which is not in the data{near}", alias=alias, near=self._suggest(alias)
                    ),
                )
            return _Pairing(target, sentence("paired with {unit!r} by the alias list", unit=str(target.unit)))
        found = self.keyed.get(unit_key(published), [])
        if len(found) == 1:
            return _Pairing(
                found[0],
                sentence(
                    "paired with {unit!r}: the same name after normalising (case, spaces, 'tỉnh' ...)",
                    unit=str(found[0].unit),
                ),
            )
        if len(found) > 1:
            names = " and ".join(repr(c.unit) for c in found)
            return _Pairing(None, sentence("the name fits {names} alike: pair it with an alias", names=names))
        return _Pairing(None, sentence("no computed result for the unit{near}", near=self._suggest(published)))

    def _suggest(self, name: str) -> str | Sentence:
        bare = _strip_marks(unit_key(name))
        same = [n for n in self.names if _strip_marks(unit_key(n)) == bare]
        if len(same) == 1:
            return sentence(
                " (did you mean {near!r}? the names differ only in diacritics; pair them with --aliases)", near=same[0]
            )
        near = did_you_mean_said(name, self.names)
        if near:
            return near
        keys = {unit_key(n): n for n in self.names}
        key = closest(unit_key(name), keys)
        return sentence(" (did you mean {near!r}?)", near=keys[key]) if key else ""


# ---------------------------------------------------------------- the audit


def _special(code: str) -> str | None:
    key = code.strip().casefold()
    for name, names in COLUMNS.items():
        if key in names:
            return name
    return None


def _code(ruleset: Ruleset, printed: str, row: int) -> tuple[str, bool]:
    """The node code or special name a printed code means, and whether a trailing dot was dropped."""
    code = printed.strip()
    special = _special(code)
    if special is not None:
        return special, False
    if code in ruleset.codes:
        return code, False
    bare = code.rstrip(".").rstrip()
    if bare != code and bare in ruleset.codes:
        return bare, True
    at = sentence(" (row {row})", row=row) if row else ""
    raise NotFound(
        sentence(
            "no node {code!r} in this ruleset{at}{near}", code=code, at=at, near=did_you_mean_said(bare, ruleset.codes)
        )
    )


@in_library_context
def computed_value(card: Scorecard, code: str) -> Decimal | None:
    """The recomputed value of a numeric code (a node code, total, index or scale)."""
    key = _special(code) or code.strip()
    if key == "total":
        return card.total
    if key == "index":
        return card.index
    if key == "scale":
        return card.applicable_scale
    return card[key].score


def _same(code: str, a: str, b: str) -> bool:
    if code == "class":
        return data_io.nfc(a).casefold() == data_io.nfc(b).casefold()
    try:
        return printed_number(a) == printed_number(b)
    except ValueError:
        return a.strip() == b.strip()


def _validate(cell: PublishedCell, code: str) -> None:
    if code == "class":
        return
    try:
        value = cell.value
    except ValueError as exc:
        why = _said(exc)
        raise AuditError(sentence("row {row}: {why}", row=cell.row, why=why) if cell.row else why) from None
    if code == "rank" and (value != value.to_integral_value() or value < 1):
        at = sentence("row {row}: ", row=cell.row) if cell.row else ""
        raise AuditError(sentence("{at}rank {rank!r} is not a whole number from 1", at=at, rank=cell.published))


@in_library_context
def audit(
    ruleset: Ruleset,
    cards: Sequence[Scorecard],
    published_rows: Iterable[Any],
    *,
    aliases: Mapping[str, str] | None = None,
    members: Mapping[str, Sequence[str | None]] | None = None,
) -> list[Finding]:
    """Every published cell the scorecards do not reproduce, and every note on the table.

    ``published_rows``: ``PublishedCell``, mappings (unit, code, published[, row, column,
    group]) or (unit, code, published) tuples.  ``aliases`` maps a published name to the
    data's name.  ``members`` maps a district (as named in the data) to its communes'
    classes, for the ruleset's downgrade rule.  Ranks are recomputed among all the cards
    (among the cards of each group when the cells name groups).  An unknown code raises
    ``NotFound``; an unreadable number ``AuditError``.  Findings come in table order.
    """
    _check_member_classes(ruleset, members)
    units = _Units(cards, aliases)
    cells = [_cell(item) for item in published_rows]
    findings: list[Finding] = []
    coded: list[tuple[PublishedCell, str]] = []
    dotted: dict[str, list[PublishedCell]] = {}
    for cell in cells:
        code, dropped = _code(ruleset, cell.code, cell.row)
        if dropped:
            dotted.setdefault(cell.code.strip(), []).append(cell)
        _validate(cell, code)
        coded.append((cell, code))
    for printed, where in dotted.items():
        first = where[0]
        more = sentence("; {n} more cell(s) so", n=len(where) - 1) if len(where) > 1 else ""
        bare = printed.rstrip(".").rstrip()
        why = sentence("code printed {printed!r}, read as {bare!r}{more}", printed=printed, bare=bare, more=more)
        findings.append(Finding(first.unit, bare, first.published, None, first.row, why, "D222", first.column))

    pairs: dict[str, _Pairing] = {}
    for cell, _ in coded:
        if cell.unit not in pairs:
            pairs[cell.unit] = pairing = units.pair(cell.unit)
            if pairing.card is not None and pairing.how:
                findings.append(Finding(cell.unit, "", "", None, cell.row, pairing.how, "D223"))

    repeated, skip = _duplicates(coded, pairs)
    findings += repeated

    standing = _standings(ruleset, units, coded, pairs, members)
    unpaired_rows: set[tuple[str, int]] = set()
    per_row = Counter(cell.row for cell, _code_ in coded)
    for position, (cell, code) in enumerate(coded):
        if position in skip:
            continue
        pairing = pairs[cell.unit]
        card = pairing.card
        if card is None:
            if (cell.unit, cell.row) not in unpaired_rows or not cell.row:
                unpaired_rows.add((cell.unit, cell.row))
                if per_row[cell.row] > 1 and cell.row:  # a wide row: the unit, not one cell
                    findings.append(Finding(cell.unit, "", "", None, cell.row, pairing.how, "D224"))
                else:
                    findings.append(
                        Finding(cell.unit, code, cell.published, None, cell.row, pairing.how, "D224", cell.column)
                    )
            continue
        if code in ("rank", "class"):
            finding = _standing_finding(ruleset, cell, code, standing[(cell.group, id(card))], members is not None)
            if finding is not None:
                findings.append(finding)
            continue
        value = computed_value(card, code)
        if value is None:
            findings.append(
                Finding(
                    cell.unit, code, cell.published, None, cell.row, sentence("no index (nothing applies)"), "", cell.column
                )
            )
        elif not agrees(value, cell.published):
            reason = _index_reason(card) if code == "index" else ""
            findings.append(Finding(cell.unit, code, cell.published, value, cell.row, reason, "", cell.column))
    findings += _own_index_checks(ruleset, coded, pairs)
    return sorted(findings, key=lambda f: (f.row, f.kind not in NOTES))


def _duplicates(
    coded: Sequence[tuple[PublishedCell, str]], pairs: Mapping[str, _Pairing]
) -> tuple[list[Finding], set[int]]:
    """D220 and D221: a unit (the data unit its name pairs with, else its key) and code given
    again, with the same value (the row once, the copies not audited) or another."""
    findings: list[Finding] = []
    seen: dict[tuple[str, str], PublishedCell] = {}
    repeats: dict[tuple[int, int, str], list[PublishedCell]] = {}
    skip: set[int] = set()
    conflicts: set[int] = set()
    for position, (cell, code) in enumerate(coded):
        card = pairs[cell.unit].card
        who = f"card:{id(card)}" if card is not None else unit_key(cell.unit)
        earlier = seen.get((who, code))
        if earlier is None:
            seen[(who, code)] = cell
            continue
        if _same(code, earlier.published, cell.published):
            repeats.setdefault((cell.row, earlier.row, who), []).append(cell)
            skip.add(position)
        else:
            conflicts.add(cell.row)
            also = f" ({earlier.unit!r})" if earlier.unit != cell.unit else ""
            at = (
                sentence("row {row}", row=earlier.row)
                if earlier.row != cell.row
                else sentence("column {column}", column=earlier.column)
            )
            why = sentence(
                "{at}{also} gives {code} as {value!r}; which one is meant?",
                at=at,
                also=also,
                code=code,
                value=earlier.published,
            )
            findings.append(Finding(cell.unit, code, cell.published, None, cell.row, why, "D221", cell.column))
    for (row, earlier_row, _who), repeated in repeats.items():
        if row in conflicts and row:
            continue  # the unit given twice with other values: D221 says so
        cell = repeated[0]
        codes = ", ".join(dict.fromkeys(_code_of(coded, r) for r in repeated))
        one = len(repeated) == 1
        findings.append(
            Finding(cell.unit, codes if one else "", cell.published if one else "", None, row,
                    sentence("repeats row {row} ({codes}); checked once", row=earlier_row, codes=codes), "D220",
                    cell.column if one else "")
        )  # fmt: skip
    return findings, skip


def _code_of(coded: Sequence[tuple[PublishedCell, str]], cell: PublishedCell) -> str:
    return next(code for c, code in coded if c is cell)


@in_library_context
def _index_reason(card: Scorecard) -> Sentence:
    places = card.ruleset.header.index_places
    return sentence(
        "index = total {total} / applicable scale {scale} × 100, to {places} places",
        total=card.total,
        scale=card.applicable_scale,
        places=places,
    )


def _standings(
    ruleset: Ruleset,
    units: _Units,
    coded: Sequence[tuple[PublishedCell, str]],
    pairs: Mapping[str, _Pairing],
    members: Mapping[str, Sequence[str | None]] | None,
) -> dict[tuple[str, int], tuple[Standing, list[Standing]]]:
    """(group, id(card)) -> the card's standing and its group's standings, best first."""
    from .aggregate import standings

    wanted = [(cell, pairs[cell.unit].card) for cell, code in coded if code in ("rank", "class")]
    if not wanted:
        return {}
    groups: dict[str, list[Scorecard]] = {}
    for cell, card in wanted:
        if cell.group and card is not None and all(c is not card for c in groups.setdefault(cell.group, [])):
            groups[cell.group].append(card)
    if any(not cell.group for cell, _card in wanted):
        groups[""] = units.cards
    by_unit = None if members is None else {str(c.unit): _members_of(c, members) for c in units.cards}
    out: dict[tuple[str, int], tuple[Standing, list[Standing]]] = {}
    for group, population in groups.items():
        ranked = standings(ruleset, population, by_unit)  # type: ignore[arg-type]
        for s in ranked:
            out[(group, id(s.card))] = (s, ranked)
    return out


def _members_of(card: Scorecard, members: Mapping[str, Sequence[str | None]]) -> Sequence[str | None] | None:
    name = str(card.unit)
    if name in members:
        return members[name]
    key = unit_key(name)
    found = [v for k, v in members.items() if unit_key(k) == key]
    return found[0] if len(found) == 1 else None


@in_library_context
def _standing_finding(
    ruleset: Ruleset, cell: PublishedCell, code: str, placed: tuple[Standing, list[Standing]], with_members: bool
) -> Finding | None:
    from .aggregate import classify, measure

    s, ranked = placed
    ranking = ruleset.ast.ranking
    if code == "rank":
        published = int(printed_number(cell.published))
        if published == s.rank:
            return None
        which = ranking.measure if ranking else "index"
        order = "descending" if (ranking.descending if ranking else True) else "ascending"
        value = measure(ruleset, s.card, which)
        parts: list[str | Sentence] = [
            sentence(
                "ranked by {measure} {order} among {n} unit(s): {measure} {value}, {ahead} ahead",
                measure=which,
                order=sentence("descending") if order == "descending" else sentence("ascending"),
                n=len(ranked),
                value=value,
                ahead=s.rank - 1,
            )
        ]
        tied = [o for o in ranked if o is not s and measure(ruleset, o.card, which) == value]
        if tied:
            names = ", ".join(str(o.unit) for o in tied)
            tie_break = ranking.tie_break if ranking else ()
            if tie_break:
                mine = ", ".join(f"{c} {s.card[c].score}" for c in tie_break)
                parts.append(
                    sentence(
                        "tied on {measure} with {names}; tie_break {codes} decides ({mine})",
                        measure=which,
                        names=names,
                        codes=", ".join(tie_break),
                        mine=mine,
                    )
                )
            else:
                parts.append(
                    sentence(
                        "tied on {measure} with {names}: no tie_break is declared, so the rank is shared",
                        measure=which,
                        names=names,
                    )
                )
        holders = [o for o in ranked if o.rank == published]
        if holders:
            shown = ", ".join(f"{o.unit} ({measure(ruleset, o.card, which)})" for o in holders)
            parts.append(sentence("rank {rank} is {shown}", rank=published, shown=shown))
        return Finding(cell.unit, "rank", cell.published, s.rank, cell.row, _joined(parts), "D218", cell.column)
    computed = s.klass
    if computed is not None and data_io.nfc(cell.published).casefold() == computed.casefold():
        return None
    classes = ruleset.ast.classes
    if classes is None:
        return Finding(
            cell.unit, "class", cell.published, None, cell.row, sentence("the ruleset declares no classes"), "D219",
            cell.column,
        )
    value = measure(ruleset, s.card, classes.measure)
    band = classify(ruleset, s.card)
    interval = next((b.interval.describe() for b in classes.bands if b.name == band), "")
    parts = [
        sentence(
            "band: {measure} {value} is {band!r} ({interval})",
            measure=classes.measure,
            value=value,
            band=band,
            interval=interval,
        )
    ]
    rule = ruleset.ast.downgrade
    if rule is not None:
        if with_members and s.note:
            parts.append(sentence("downgrade: {note}", note=s.note))
        if not with_members:
            from .aggregate import class_order

            ranked_bands = class_order(ruleset)
            place = ranked_bands.index(band) if band in ranked_bands else len(ranked_bands)
            below = ranked_bands[place + 1] if place + 1 < len(ranked_bands) else None
            rule_text = f"{rule.numerator}/{rule.denominator}"
            hint = sentence(
                "the downgrade rule (communes at class or better below {rule}) was not applied", rule=rule_text
            )
            if below is not None and data_io.nfc(cell.published).casefold() == below.casefold():
                hint = sentence(
                    "{first}: it may explain {below!r}; give the communes' classes (--communes)", first=hint, below=below
                )
            parts.append(hint)
    return Finding(cell.unit, "class", cell.published, computed, cell.row, _joined(parts), "D219", cell.column)


@in_library_context
def _own_index_checks(
    ruleset: Ruleset, coded: Sequence[tuple[PublishedCell, str]], pairs: Mapping[str, _Pairing]
) -> list[Finding]:
    """D225: a row's printed index is not its printed total / scale (the scale printed in
    the row, else the unit's applicable scale, else the ruleset's)."""
    rows: dict[tuple[str, int], dict[str, PublishedCell]] = {}
    for cell, code in coded:
        if code in ("total", "index", "scale"):
            rows.setdefault((cell.unit, cell.row), {}).setdefault(code, cell)
    by_unit: dict[str, dict[str, PublishedCell]] = {}
    for (unit, _row), found in rows.items():
        for code, cell in found.items():
            by_unit.setdefault(unit, {}).setdefault(code, cell)
    out: list[Finding] = []
    for unit, found in by_unit.items():
        if "total" not in found or "index" not in found:
            continue
        total, index = found["total"], found["index"]
        card = pairs[unit].card
        named: Sentence
        if "scale" in found:
            scale, named = found["scale"].value, sentence("scale {scale}", scale=found["scale"].published)
        elif card is not None:
            scale = card.applicable_scale
            named = sentence("applicable scale {scale}", scale=card.applicable_scale)
        else:
            scale, named = Decimal(ruleset.scale), sentence("scale {scale}", scale=ruleset.scale)
        if scale == 0:
            continue
        ratio = total.value * HUNDRED / scale
        if not agrees(ratio, index.published):
            quantum = Decimal(1).scaleb(-index.places)
            shown = ratio.quantize(Decimal("0.001"), ROUND_HALF_UP)
            out.append(
                Finding(unit, "index", index.published, ratio.quantize(quantum, ROUND_HALF_UP), index.row,
                        sentence("the table's own total {total} / {scale} × 100 = {shown}", total=total.published,
                                 scale=named, shown=shown), "D225", index.column)
            )  # fmt: skip
    return out


# ---------------------------------------------------------------- files


def _table_rows(p: Path, what: Sentence) -> list[tuple[int, list[str]]]:
    if not p.exists():
        raise AuditError(sentence("no {what} {path!r}", what=what, path=str(p)))
    if p.is_dir():
        raise AuditError(sentence("{path!r} is a folder, not a {what}", path=str(p), what=what))
    rows = data_io._csv_rows(p, "\t" if p.suffix.lower() == ".tsv" else None)
    out = []
    for number, values, _f in rows:
        cells = [data_io.nfc(str(v)) if v is not None else "" for v in values]
        if any(cells):
            out.append((number, cells))
    return out


@in_library_context
def read_published(
    path: str | Path, ruleset: Ruleset | None = None, ignored: list[str] | None = None
) -> list[PublishedCell]:
    """The published table: a CSV, long (unit, code, published) or wide (a unit column and
    one column per code: total, index, scale, rank, class, node codes; others ignored).

    A wide table's node-code columns are recognised only with the ruleset given.  The
    headers of a wide table's other columns are appended to ``ignored`` (when given), but
    for a row number or a note (``ROW_HEADERS``): a column a reader expected to be audited
    must not pass unseen."""
    p = Path(path)
    if p.exists() and not p.is_dir() and p.suffix.lower() not in (".csv", ".txt", ".tsv"):
        raise AuditError(
            sentence(
                "{path}: a published table is a CSV (numbers kept as printed), not {suffix!r}",
                path=p,
                suffix=p.suffix or "no suffix",
            )
        )
    rows = _table_rows(p, sentence("published table"))
    if not rows:
        raise AuditError(sentence("{path}: the file has no header row", path=p))
    (_n, first), body = rows[0], rows[1:]
    header = [c.casefold() for c in first]

    def index_of(names: Sequence[str]) -> int | None:
        return next((i for i, h in enumerate(header) if h in names), None)

    ig = index_of(GROUP_HEADERS)
    if "code" in header or "published" in header:
        missing = [c for c in ("unit", "code", "published") if c not in header]
        if missing:
            raise AuditError(
                sentence(
                    "{path}: no column {missing} (the header must name unit, code, published)",
                    path=p,
                    missing=", ".join(missing),
                )
            )
        iu, ic, ip = (header.index(c) for c in ("unit", "code", "published"))
        columns = [(ic, "")]
    else:
        found_unit = index_of(UNIT_HEADERS)
        if found_unit is None:
            raise AuditError(
                sentence(
                    "{path}: no column unit, code, published, and no unit column for a wide table "
                    "(a header named {names})",
                    path=p,
                    names=", ".join(UNIT_HEADERS[:2]),
                )
            )
        iu, ic, ip = found_unit, -1, -1
        codes = set(ruleset.codes) if ruleset is not None else set()
        columns = [
            (i, first[i])
            for i, h in enumerate(header)
            if i not in (iu, ig)
            and (_special(h) is not None or h in codes or (h.rstrip(".") in codes and h.rstrip(".") != h))
        ]
        if ignored is not None:
            audited = {i for i, _name in columns}
            ignored += [first[i] for i, h in enumerate(header) if i not in audited | {iu, ig} and h not in ROW_HEADERS]
        if not columns:
            raise AuditError(
                sentence(
                    "{path}: no column to audit (headers such as total, index, scale, rank, class, "
                    "xếp hạng, xếp loại, or a node code)",
                    path=p,
                )
            )
    out: list[PublishedCell] = []
    for number, cells in body:

        def at(i: int, cells: list[str] = cells) -> str:
            return cells[i] if 0 <= i < len(cells) else ""

        group = at(ig) if ig is not None else ""
        if ic >= 0:
            if not at(iu) or not at(ic) or not at(ip):
                raise AuditError(
                    sentence("{path}: row {row}: unit, code and published must all be given", path=p, row=number)
                )
            out.append(PublishedCell(at(iu), at(ic), at(ip), number, "", group))
            continue
        if not at(iu):
            raise AuditError(sentence("{path}: row {row}: the unit name is empty", path=p, row=number))
        for i, name in columns:
            if at(i):
                out.append(PublishedCell(at(iu), name, at(i), number, name, group))
    return out


def read_aliases(path: str | Path) -> dict[str, str]:
    """An alias list: published name -> the data's name.

    TOML (``tomllib``: ``"Sở Nông nghiệp và PTNN" = "Sở Nông nghiệp và PTNT"``, at the top
    or under ``[aliases]``) or a CSV of two columns (a header ``published,data`` is skipped)."""
    p = Path(path)
    if p.suffix.lower() == ".toml":
        if not p.is_file():
            raise AuditError(sentence("no alias file {path!r}", path=str(p)))
        try:
            doc = tomllib.loads(p.read_text(encoding="utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise AuditError(sentence("{path}: the file is not UTF-8 text ({why})", path=p, why=codec_reason(exc.reason))) from None
        except tomllib.TOMLDecodeError as exc:
            line, column, why = toml_error(exc, p.read_text(encoding="utf-8-sig").splitlines())
            raise AuditError(
                sentence("{path}:{line}:{column}: not valid TOML: {why}", path=p, line=line, column=column, why=why)
            ) from None
        table = doc.get("aliases", doc) if isinstance(doc.get("aliases"), dict) else doc
        out: dict[str, str] = {}
        for key, value in table.items():
            if not isinstance(value, str) or not value.strip():
                raise AuditError(sentence("{path}: {key!r} must name a unit of the data (a string), not {value}", path=p, key=key, value=repr(value)))
            out[data_io.nfc(key)] = data_io.nfc(value)
        return out
    rows = _table_rows(p, sentence("alias file"))
    out = {}
    for number, cells in rows:
        if number == rows[0][0] and [c.casefold() for c in cells[:2]] in (
            ["published", "data"],
            ["published_name", "data_name"],
        ):
            continue
        if len(cells) < 2 or not cells[0] or not cells[1] or any(cells[2:]):
            raise AuditError(sentence("{path}: row {row}: expected two names, published,data", path=p, row=number))
        out[cells[0]] = cells[1]
    return out


def _check_member_classes(ruleset: Ruleset, members: Mapping[str, Sequence[str | None]] | None) -> None:
    """A commune class the ruleset does not have is the commune file's error (an AuditError said
    in the run's language), found before the downgrade rule, whose guard would stop the run
    with a ValueError and a traceback."""
    from .aggregate import class_order

    if not members:
        return
    order = class_order(ruleset)
    unknown = sorted({m for classes in members.values() for m in classes if m is not None and m not in order})
    if unknown:
        raise AuditError(
            sentence(
                "commune class {klass!r} is not a class of this ruleset ({classes}){hint}",
                klass=unknown[0],
                classes=", ".join(order),
                hint=did_you_mean_said(unknown[0], order),
            )
        )


def read_members(path: str | Path) -> dict[str, list[str | None]]:
    """The communes' classes for the downgrade rule: a CSV with the columns ``district`` and
    ``class`` (one row per commune; an empty class is a commune without a result)."""
    p = Path(path)
    rows = _table_rows(p, sentence("commune list"))
    if not rows:
        raise AuditError(sentence("{path}: the file has no header row", path=p))
    header = [c.casefold() for c in rows[0][1]]
    idist = next((i for i, h in enumerate(header) if h in ("district", "huyện", "đơn vị cấp huyện")), None)
    iclass = next((i for i, h in enumerate(header) if h in COLUMNS["class"]), None)
    if idist is None or iclass is None:
        raise AuditError(sentence("{path}: the header must name the columns district and class", path=p))
    out: dict[str, list[str | None]] = {}
    for number, cells in rows[1:]:
        district = cells[idist] if idist < len(cells) else ""
        if not district:
            raise AuditError(sentence("{path}: row {row}: the district is empty", path=p, row=number))
        klass = cells[iclass] if iclass < len(cells) else ""
        out.setdefault(district, []).append(klass or None)
    return out


@in_library_context
def findings_table(findings: Sequence[Finding], lang: str = "en"):  # type: ignore[no-untyped-def]
    """A ``report.Table`` of the findings: where (row, column), unit, code, published (as
    printed), computed, difference, and the finding's code and reason."""
    from .report import Table

    headers = {
        "en": ("Row", "Unit", "Code", "Published", "Computed", "Difference", "Note"),
        "vi": ("Dòng", "Đơn vị", "Mã", "Công bố", "Tính lại", "Chênh lệch", "Ghi chú"),
    }[lang]

    def where(f: Finding) -> str:
        row = str(f.row) if f.row else ""
        return f"{row} ({f.column})" if f.column else row

    def note(f: Finding) -> str:
        return " ".join(x for x in (f.kind + ":" if f.kind else "", said(f.reason, lang)) if x)

    rows = [[where(f), f.unit, f.code, f.published, f.computed, f.difference, note(f)] for f in findings]
    keep = [i for i in range(7) if (i not in (0, 6)) or any(r[i] for r in rows)]
    keys = ("row", "unit", "code", "published", "computed", "difference", "note")
    return Table([headers[i] for i in keep], [[r[i] for i in keep] for r in rows], [keys[i] for i in keep])
