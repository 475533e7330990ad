"""Year over year: two results tables side by side, unit by unit.

The tables are what ``parrules score`` writes (CSV in either language, JSON,
XLSX) or any CSV/XLSX with a unit column and some of: points, index, rank,
class.  Units are paired by name after an explicit normalisation
(``unit_key``): NFC, case, whitespace and punctuation, ``&`` as "và", and a
fixed list of abbreviations the published tables use ("TB&XH", "KCN",
"PTNT" ...).  Nothing is guessed: a name that does not normalise to a name on
the other side is reported as unmatched (``Comparison.unmatched_old`` /
``unmatched_new``) and kept as a row with one side empty; an alias list
(old name -> new name) pairs the rest.

Changes are new − old for points and index, and old − new for the rank (places
gained: 17 → 1 is +16), exactly, in Decimal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from . import io as data_io
from . import safe_text
from .context import in_library_context
from .errors import ParrulesError
from .system_words import codec_reason, json_reason
from .wording import Sentence, sentence


class CompareError(ParrulesError):
    """A results file or alias list that cannot be used."""


# Abbreviations written in the seeds' unit names (seed 000 and 002 tables), expanded
# word for word after '&' became "và" and punctuation became spaces.  Only whole words.
ABBREVIATIONS: dict[str, str] = {
    "ubnd": "ủy ban nhân dân",
    "bql": "ban quản lý",
    "ql": "quản lý",
    "kcn": "khu công nghiệp",
    "kkt": "khu kinh tế",
    "lđ": "lao động",
    "tb": "thương binh",
    "xh": "xã hội",
    "ptnt": "phát triển nông thôn",
    "nn": "nông nghiệp",
    "kh": "khoa học",  # KH&CN; KH&ĐT is handled as a phrase below
    "cn": "công nghệ",
    "đt": "đào tạo",  # GD&ĐT; KH&ĐT is handled as a phrase below
    "gd": "giáo dục",
    "gtvt": "giao thông vận tải",
    "tn": "tài nguyên",
    "mt": "môi trường",
    "tt": "thông tin",  # TT&TT; VH, TT&DL is handled as a phrase below
    "vh": "văn hóa",
    "dl": "du lịch",
    "hđnd": "hội đồng nhân dân",
    "tp": "thành phố",
}
# Phrases whose parts mean something else on their own (checked before the words).
PHRASES: dict[str, str] = {
    "kh và đt": "kế hoạch và đầu tư",
    "văn hóa tt và dl": "văn hóa thể thao và du lịch",
    "vh tt và dl": "văn hóa thể thao và du lịch",
    "tt và tt": "thông tin và truyền thông",
}
# Old and new tone placement at the end of a syllable ("hoá" / "hóa", "thuỷ" / "thủy").
_TONES = {
    "oá": "óa",
    "oà": "òa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "uý": "úy",
    "uỳ": "ùy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_TONE_AT_END = re.compile("(?<!q)(" + "|".join(_TONES) + ")$")
_PUNCT = re.compile(r"[,.;:\-–—/()\"'“”]+")


def unit_key(name: str) -> str:
    """The key two unit names are paired by: same key, same unit (see the module docstring)."""
    text = data_io.unit_key(name).casefold()  # look-alikes (invisible characters, spaces) first
    text = text.replace("&", " và ")
    text = _PUNCT.sub(" ", text)
    text = " ".join(_TONE_AT_END.sub(lambda m: _TONES[m.group(0)], w) for w in text.split())
    for phrase, full in PHRASES.items():
        text = re.sub(rf"(?<!\S){re.escape(phrase)}(?!\S)", full, text)
    return " ".join(ABBREVIATIONS.get(word, word) for word in text.split())


@attrs.frozen
class ResultRow:
    """One unit's published or computed result (any of the values may be missing)."""

    unit: str
    points: Decimal | None = None
    index: Decimal | None = None
    rank: int | None = None
    klass: str | None = None


@attrs.frozen
class CompareRow:
    """One unit in both years (or in one of them: the other side is None)."""

    unit: str
    unit_old: str | None
    unit_new: str | None
    old: ResultRow | None
    new: ResultRow | None

    @property
    def status(self) -> str:
        return "both" if self.old and self.new else ("old only" if self.old else "new only")

    def _pair(self, name: str) -> tuple[Any, Any]:
        return (getattr(self.old, name) if self.old else None, getattr(self.new, name) if self.new else None)

    @property
    @in_library_context
    def points_change(self) -> Decimal | None:
        old, new = self._pair("points")
        return None if old is None or new is None else new - old

    @property
    @in_library_context
    def index_change(self) -> Decimal | None:
        old, new = self._pair("index")
        return None if old is None or new is None else new - old

    @property
    def rank_change(self) -> int | None:
        """Places gained: old rank − new rank (positive = moved up)."""
        old, new = self._pair("rank")
        return None if old is None or new is None else old - new


@attrs.frozen
class Comparison:
    rows: list[CompareRow]
    unmatched_old: list[str]
    unmatched_new: list[str]
    warnings: list[str] = attrs.Factory(list)  # each a wording.Said text: said in the run's language

    @property
    def matched(self) -> list[CompareRow]:
        return [r for r in self.rows if r.status == "both"]


@in_library_context
def _as_row(item: Any) -> ResultRow:
    if isinstance(item, ResultRow):
        return item
    if hasattr(item, "card") and hasattr(item, "rank"):  # aggregate.Standing
        return ResultRow(item.card.unit or "", item.card.total, item.card.index, item.rank, item.klass)
    if isinstance(item, Mapping):
        unit = item.get("unit")
        if not unit:
            raise CompareError(sentence("a row without a unit name: {row}", row=repr(dict(item))))
        points = item.get("points", item.get("total"))
        klass = item.get("class", item.get("klass"))

        def dec(v: Any) -> Decimal | None:
            return None if v is None or v == "" else Decimal(str(v))

        rank = item.get("rank")
        return ResultRow(str(unit), dec(points), dec(item.get("index")), None if rank in (None, "") else int(rank),
                         None if klass in (None, "") else str(klass))  # fmt: skip
    raise CompareError(sentence("not a result row: {row}", row=repr(item)))


def _keyed(rows: Sequence[ResultRow], side: str) -> dict[str, ResultRow]:
    out: dict[str, ResultRow] = {}
    for r in rows:
        key = unit_key(r.unit)
        if key in out:
            raise CompareError(
                sentence(
                    "{side}: {first!r} and {second!r} are the same unit after normalisation; rename one of them",
                    side=side,
                    first=out[key].unit,
                    second=r.unit,
                )
            )
        out[key] = r
    return out


@in_library_context
def compare_results(
    old_rows: Iterable[Any], new_rows: Iterable[Any], aliases: Mapping[str, str] | None = None
) -> Comparison:
    """Pair two years' results by unit name; rows in the new table's order, then old-only units.

    Rows may be ``ResultRow``, ``aggregate.Standing`` or mappings (unit, points/total, index,
    rank, class).  ``aliases`` maps an old name to the new name it is the same unit as.
    """
    old = [_as_row(r) for r in old_rows]
    new = [_as_row(r) for r in new_rows]
    old_by = _keyed(old, "OLD")
    new_by = _keyed(new, "NEW")
    warnings: list[str] = []
    link: dict[str, str] = {}  # old key -> new key
    for old_name, new_name in (aliases or {}).items():
        ok, nk = unit_key(old_name), unit_key(new_name)
        if ok not in old_by:
            warnings.append(sentence("alias {old!r} -> {new!r}: no unit {old!r} in OLD", old=old_name, new=new_name).text())
            continue
        if nk not in new_by:
            warnings.append(sentence("alias {old!r} -> {new!r}: no unit {new!r} in NEW", old=old_name, new=new_name).text())
            continue
        if nk in link.values():
            warnings.append(
                sentence("alias {old!r} -> {new!r}: {new!r} is already paired; ignored", old=old_name, new=new_name).text()
            )
            continue
        link[ok] = nk
    taken = set(link.values())
    for ok in old_by:
        if ok not in link and ok in new_by and ok not in taken:
            link[ok] = ok
    back = {nk: ok for ok, nk in link.items()}
    rows: list[CompareRow] = []
    for nk, n in new_by.items():
        pair = back.get(nk)
        o = old_by.get(pair) if pair is not None else None
        rows.append(CompareRow(n.unit, o.unit if o else None, n.unit, o, n))
    unmatched_old = [o.unit for ok, o in old_by.items() if ok not in link]
    unmatched_new = [n.unit for nk, n in new_by.items() if nk not in back]
    for ok, o in old_by.items():
        if ok not in link:
            rows.append(CompareRow(o.unit, o.unit, None, o, None))
    return Comparison(rows, unmatched_old, unmatched_new, warnings)


# ---------------------------------------------------------------- reading results files

COLUMN_HEADERS: dict[str, tuple[str, ...]] = {
    "unit": (*data_io.UNIT_HEADERS, "đơn vị", "unit", "tên", "name"),
    "points": ("tổng điểm", "total", "points", "điểm", "final_points", "score", "kết quả"),
    "index": ("chỉ số (%)", "index (%)", "index", "chỉ số", "index_pct", "chỉ số (%) ", "tỷ lệ (%)"),
    "rank": ("xếp hạng", "rank", "hạng", "thứ hạng"),
    "class": ("xếp loại", "class", "loại", "phân loại", "klass"),
}
"""Headers recognised for each column (compared after NFC and case folding)."""


def _columns(headers: Sequence[Any], path: str) -> dict[str, int]:
    keys = [data_io.nfc(str(h)).casefold() if h is not None else "" for h in headers]
    found: dict[str, int] = {}
    for name, accepted in COLUMN_HEADERS.items():
        for i, k in enumerate(keys):
            if k in accepted:
                found[name] = i
                break
    if "unit" not in found:
        raise CompareError(
            sentence(
                "{path}: no unit column (a header named {names} ...)",
                path=path,
                names=", ".join(COLUMN_HEADERS["unit"][:4]),
            )
        )
    if len(found) == 1:
        names = (COLUMN_HEADERS[k][i] for k, i in (("points", 0), ("points", 1), ("index", 0), ("rank", 0), ("class", 0)))
        raise CompareError(
            sentence(
                "{path}: no points, index, rank or class column (headers such as {names})",
                path=path,
                names=", ".join(map(repr, names)),
            )
        )
    return found




# the column a bad cell is in, as the run's language names it
_COLUMN_WORDS = {
    "points": lambda: sentence("points"),
    "index": lambda: sentence("index"),
    "rank": lambda: sentence("rank"),
}


@in_library_context
def _number(value: Any, style: str, where: str | Sentence) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CompareError(sentence("{where}: {value} is not a number", where=where, value=repr(value)))
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = str(value).strip().rstrip("%").strip()
    try:  # the one parser: a table written by a program (dot style) is read as io reads a program's numbers
        return data_io.parse_number(text, "comma" if style == "comma" else "program")
    except ValueError as exc:
        why = exc.args[0] if exc.args and isinstance(exc.args[0], Sentence) else str(exc)
        raise CompareError(sentence("{where}: {why}", where=where, why=why)) from None


def _style(rows: Sequence[tuple[int, Sequence[Any]]], columns: dict[str, int], decimal: str) -> str:
    """comma when any number cell has a decimal comma (score --lang vi), else dot."""
    if decimal != "auto":
        return decimal
    for _n, values in rows:
        for name in ("points", "index"):
            i = columns.get(name)
            v = values[i] if i is not None and i < len(values) else None
            if isinstance(v, str) and "," in v:
                return "comma"
    return "dot"


@in_library_context
def read_results(path: str | Path, *, decimal: str = "auto", sheet: str | None = None) -> list[ResultRow]:
    """A results table (.csv, .xlsx, .json as ``parrules score`` writes them) as ResultRows."""
    p = Path(path)
    if not p.exists():
        raise CompareError(sentence("no results file {path!r}", path=str(p)))
    if p.is_dir():
        raise CompareError(sentence("{path!r} is a folder, not a results file", path=str(p)))
    suffix = p.suffix.lower()
    if suffix == ".json":
        return _json_results(p)
    if suffix in (".xlsx", ".xlsm"):
        raw = [(n, list(v)) for n, v, _f in data_io._xlsx_rows(p, sheet)]
    elif suffix in (".csv", ".txt", ".tsv"):
        raw = [(n, list(v)) for n, v, _f in data_io._csv_rows(p, "\t" if suffix == ".tsv" else None)]
    else:
        raise CompareError(
            sentence(
                "{path}: unknown results format {suffix!r}; use .csv, .xlsx or .json", path=p, suffix=suffix or "(no suffix)"
            )
        )
    raw = [(n, v) for n, v in raw if any(x is not None and str(x).strip() for x in v)]
    # score's workbook opens with title rows (the ruleset's title, level and year), one cell each:
    # the header is the first row of two cells or more
    while len(raw) > 1 and sum(x is not None and bool(str(x).strip()) for x in raw[0][1]) < 2:
        raw = raw[1:]
    if not raw:
        raise CompareError(sentence("{path}: the file has no header row", path=p))
    columns = _columns(raw[0][1], str(p))
    body = raw[1:]
    style = _style(body, columns, decimal)
    # score's CSV puts a ' before a formula-looking name (safe_text.for_csv): read the name itself
    text = safe_text.from_csv if suffix in (".csv", ".txt", ".tsv") else str
    out: list[ResultRow] = []
    for number, values in body:

        def cell(name: str, values: Sequence[Any] = values) -> Any:
            i = columns.get(name)
            return values[i] if i is not None and i < len(values) else None

        unit = cell("unit")
        if unit is None or not str(unit).strip():
            raise CompareError(sentence("{path}: row {row}: the unit name is empty", path=p, row=number))

        def where(column: str, number: int = number) -> Sentence:
            return sentence("{path}: row {row} {column}", path=p, row=number, column=_COLUMN_WORDS[column]())

        rank = _number(cell("rank"), style, where("rank"))
        if rank is not None and rank != rank.to_integral_value():
            raise CompareError(
                sentence("{path}: row {row}: rank {rank} is not a whole number", path=p, row=number, rank=repr(cell("rank")))
            )
        klass = cell("class")
        out.append(
            ResultRow(
                data_io.nfc(text(str(unit))),
                _number(cell("points"), style, where("points")),
                _number(cell("index"), style, where("index")),
                None if rank is None else int(rank),
                None if klass is None or not str(klass).strip() else data_io.nfc(text(str(klass))),
            )
        )
    return out


@in_library_context
def _json_results(p: Path) -> list[ResultRow]:
    try:
        doc = json.loads(p.read_text(encoding="utf-8-sig"), parse_float=Decimal)
    except UnicodeDecodeError as exc:
        raise CompareError(sentence("{path}: the file is not UTF-8 text ({why})", path=p, why=codec_reason(exc.reason))) from None
    except json.JSONDecodeError as exc:
        raise CompareError(
            sentence("{path}:{line}:{column}: not valid JSON: {why}", path=p, line=exc.lineno, column=exc.colno, why=json_reason(exc.msg))
        ) from None
    if not isinstance(doc, list) or not all(isinstance(r, dict) for r in doc):
        raise CompareError(
            sentence("{path}: expected a list of objects (as `parrules score --format json` writes)", path=p)
        )
    try:
        return [_as_row(r) for r in doc]
    except (ValueError, InvalidOperation):  # Decimal's and int()'s own words name no row: ours does
        raise CompareError(sentence("{path}: a row's points, index or rank is not a number", path=p)) from None


def read_aliases(path: str | Path) -> dict[str, str]:
    """A CSV of old_name,new_name (a header row named so is skipped)."""
    p = Path(path)
    if not p.exists():
        raise CompareError(sentence("no alias file {path!r}", path=str(p)))
    out: dict[str, str] = {}
    for number, values, _f in data_io._csv_rows(p, None):
        cells = [data_io.nfc(str(v)) if v is not None else "" for v in values]
        if not any(cells):
            continue
        if number == 1 and [c.casefold() for c in cells[:2]] == ["old_name", "new_name"]:
            continue
        if len(cells) < 2 or not cells[0] or not cells[1] or any(cells[2:]):
            raise CompareError(sentence("{path}: row {row}: expected two names, old_name,new_name", path=p, row=number))
        out[cells[0]] = cells[1]
    return out


# ---------------------------------------------------------------- the table

HEADERS = {
    "vi": ("Đơn vị", "Điểm cũ", "Điểm mới", "Tăng/giảm điểm", "Chỉ số cũ (%)", "Chỉ số mới (%)",
           "Tăng/giảm chỉ số", "Hạng cũ", "Hạng mới", "Tăng/giảm bậc", "Xếp loại cũ", "Xếp loại mới", "Ghi chú"),
    "en": ("Unit", "Points old", "Points new", "Points change", "Index old (%)", "Index new (%)",
           "Index change", "Rank old", "Rank new", "Places gained", "Class old", "Class new", "Note"),
}  # fmt: skip
KEYS = ("unit", "points_old", "points_new", "points_change", "index_old", "index_new", "index_change",
        "rank_old", "rank_new", "rank_change", "class_old", "class_new", "note")  # fmt: skip


def _note(row: CompareRow, lang: str) -> str:
    if row.status == "old only":
        return "chỉ có trong bảng cũ" if lang == "vi" else "only in OLD"
    if row.status == "new only":
        return "chỉ có trong bảng mới" if lang == "vi" else "only in NEW"
    if row.unit_old != row.unit_new:
        return f"tên cũ: {row.unit_old}" if lang == "vi" else f"old name: {row.unit_old}"
    return ""


@in_library_context
def comparison_table(comparison: Comparison, lang: str = "vi"):  # type: ignore[no-untyped-def]
    """A ``report.Table`` of the comparison (columns without any value are left out)."""
    from .report import Table

    rows = []
    for r in comparison.rows:
        o, n = r._pair("points"), r._pair("index")
        rk, k = r._pair("rank"), r._pair("klass")
        rows.append([r.unit, o[0], o[1], r.points_change, n[0], n[1], r.index_change,
                     rk[0], rk[1], r.rank_change, k[0] or "", k[1] or "", _note(r, lang)])  # fmt: skip
    keep = [i for i in range(len(KEYS)) if i == 0 or any(row[i] not in (None, "") for row in rows)]
    return Table(
        [HEADERS[lang][i] for i in keep],
        [[row[i] for i in keep] for row in rows],
        [KEYS[i] for i in keep],
        places=_places(rows),
    )


def _places(rows: list[list[Any]]) -> dict[str, int]:
    """Decimals to show per column: as many as the most precise number of points (of index)
    either file prints, for both years and the change, so 90,10 stays 90,10 beside 95,476."""
    places: dict[str, int] = {}
    for group in (("points_old", "points_new", "points_change"), ("index_old", "index_new", "index_change")):
        columns = [KEYS.index(key) for key in group[:2]]
        exponents = [
            -int(row[i].as_tuple().exponent) for row in rows for i in columns if isinstance(row[i], Decimal)
        ]
        if exponents:
            places.update(dict.fromkeys(group, max(0, *exponents)))
    return places
