"""Command start-up (issue 9, point 1): the prebuilt parser, the ruleset cache, lazy imports.

No test here reads a clock: what start-up costs is measured by benchmarks/bench_pipeline.py.
These tests pin what makes it cheap and safe: the committed parser is the grammar's, a cache
entry is used only for the very text and parents it was made from, a forged or edited entry
never runs code and never changes a result, and the light commands do not import the heavy
libraries.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from parrules.grammar import standalone

import parrules
from parrules import cache, cli, nodes
from parrules import compile as compile_module
from parrules import parse as parse_module

from .conftest import DATA, all_rulesets
from .seed_units import assert_seed_values

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("babel", "openpyxl", "matplotlib", "pandas", "tabulate", "tqdm", "numpy", "lark")


# ---------------------------------------------------------------- the prebuilt parser


def test_standalone_parser_is_built_from_the_grammar_as_it_is() -> None:
    """tools/gen_parser.py must be rerun after every edit of grammar/parrules.lark."""
    text = (ROOT / "grammar" / "parrules.lark").read_text(encoding="utf-8")
    assert standalone.GRAMMAR_SHA256 == hashlib.sha256(text.encode("utf-8")).hexdigest(), (
        "grammar/parrules.lark changed: run python tools/gen_parser.py"
    )
    assert parse_module.grammar_text() == text


def _lark_parser():  # type: ignore[no-untyped-def]
    lark = pytest.importorskip("lark")
    return lark.Lark(parse_module.grammar_text(), parser="lalr", lexer="contextual", propagate_positions=True)


def test_standalone_parser_has_the_grammars_terminals_and_rules() -> None:
    """The same terminals (name, kind, pattern, flags, priority) and rules as Lark builds from the grammar today."""
    built, committed = _lark_parser(), parse_module._parser()

    def terminals(parser):  # type: ignore[no-untyped-def]
        return {
            t.name: (type(t.pattern).__name__, t.pattern.value, tuple(t.pattern.flags), t.priority)
            for t in parser.terminals
        }

    def rules(parser):  # type: ignore[no-untyped-def]
        return sorted(
            (str(r.origin.name), tuple(str(s.name) for s in r.expansion), r.alias, r.options.keep_all_tokens)
            for r in parser.rules
        )

    assert terminals(committed) == terminals(built)
    assert rules(committed) == rules(built)
    assert committed.options.maybe_placeholders == built.options.maybe_placeholders
    assert committed.options.propagate_positions == built.options.propagate_positions


def _shape(item):  # type: ignore[no-untyped-def]
    """A parse tree as plain tuples: rule names, tokens with their kinds, and every position."""
    if hasattr(item, "children"):
        meta = item.meta
        where = () if getattr(meta, "empty", True) else (meta.line, meta.column, meta.end_line, meta.end_column)
        return (str(item.data), where, tuple(_shape(child) for child in item.children))
    if item is None:
        return None
    return (item.type, str(item), item.line, item.column, item.end_line, item.end_column)


@pytest.mark.parametrize("name", all_rulesets())
def test_standalone_parser_gives_larks_trees(name: str) -> None:
    text, _path = parrules.ruleset.locate(name)
    assert _shape(parse_module._parser().parse(text)) == _shape(_lark_parser().parse(text))


def test_the_standalone_parser_never_unpickles() -> None:
    """The generated module keeps Lark's code for its pickle cache, but without ``pickle`` it cannot run."""
    source = (ROOT / "grammar" / "standalone.py").read_text(encoding="utf-8")
    assert "import pickle" not in source
    assert not hasattr(standalone, "pickle")


# ---------------------------------------------------------------- the ruleset cache


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PARRULES_CACHE_DIR", str(folder))
    monkeypatch.delenv("PARRULES_CACHE", raising=False)
    return folder


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths parse_module.parse is called with (a cache hit parses nothing)."""
    calls: list[str] = []
    real = parse_module.parse

    def spy(text: str, path: str = "<string>"):  # type: ignore[no-untyped-def]
        calls.append(path)
        return real(text, path)

    monkeypatch.setattr(parse_module, "parse", spy)
    return calls


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


def _json_only(folder: Path) -> None:
    """Remove the compiled-code entries (parrules.codecache): an authentic one is read before
    the JSON entry, so a test of the JSON entry takes them away first."""
    for entry in folder.glob("*.code"):
        entry.unlink()


def _same(a: parrules.Ruleset, b: parrules.Ruleset) -> None:
    assert a.ast == b.ast
    assert a.compiled.source == b.compiled.source
    assert a.warnings == b.warnings
    assert a.files == b.files


@pytest.mark.parametrize("name", all_rulesets())
def test_a_hit_gives_the_ruleset_a_parse_gives(name: str, cache_dir: Path, parses: list[str]) -> None:
    first = parrules.load(name)
    assert parses, "a miss parses"
    assert len(_entries(cache_dir)) == 1
    parses.clear()
    again = parrules.load(name)
    assert parses == [], "a hit does not parse"
    _same(first, again)
    assert again.codes == first.codes and again.inputs == first.inputs
    # and the ruleset read from the cache scores the seed's published unit (seeds 004, 000, 002)
    assert_seed_values(again, name, again.compiled.evaluate, "cache hit")


def test_cache_folder_and_entries_are_private(cache_dir: Path) -> None:
    parrules.load("national-2021")
    assert cache_dir.stat().st_mode & 0o777 == 0o700
    (entry,) = _entries(cache_dir)
    assert entry.stat().st_mode & 0o777 == 0o600


def _child_and_parent(folder: Path) -> tuple[Path, Path]:
    parent = folder / "parent.par"
    parent.write_text((DATA / "small.par").read_text(encoding="utf-8"), encoding="utf-8")
    child = folder / "child.par"
    child.write_text(
        'ruleset "Con" extends "parent"\n\noverride criterion 1.2 "Kế hoạch" max 1 { score 1 }\n', encoding="utf-8"
    )
    return child, parent


def test_an_edited_ruleset_is_parsed_again(tmp_path: Path, cache_dir: Path, parses: list[str]) -> None:
    path = tmp_path / "small.par"
    text = (DATA / "small.par").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert parrules.load(path).node("1.2").title == "Kế hoạch"
    path.write_text(text.replace('"Kế hoạch" max 1 ', '"Kế hoạch năm" max 1 '), encoding="utf-8")
    parses.clear()
    edited = parrules.load(path)
    assert parses == [str(path)]
    assert edited.node("1.2").title == "Kế hoạch năm"
    assert len(_entries(cache_dir)) == 2


def test_an_edited_parent_is_parsed_again(tmp_path: Path, cache_dir: Path, parses: list[str]) -> None:
    child, parent = _child_and_parent(tmp_path)
    first = parrules.load(child)
    overridden = first.node("1.2").score
    assert first.node("2.1").title == "Trễ hạn"
    assert isinstance(overridden, nodes.Number) and overridden.value == 1  # the child's override
    assert first.files == (str(child), str(parent))
    parses.clear()
    parrules.load(child)
    assert parses == []
    parent.write_text(
        parent.read_text(encoding="utf-8").replace('"Trễ hạn" max', '"Trễ hạn lâu" max'), encoding="utf-8"
    )
    parses.clear()
    edited = parrules.load(child)
    assert str(child) in parses and str(parent) in parses
    assert edited.node("2.1").title == "Trễ hạn lâu"


def test_a_parent_shadowed_by_a_new_file_is_parsed_again(tmp_path: Path, cache_dir: Path, parses: list[str]) -> None:
    """``extends "national-2021"`` reads the shipped ruleset until a national-2021.par appears beside the child."""
    child = tmp_path / "child.par"
    child.write_text('ruleset "Con" extends "national-2021"\n', encoding="utf-8")
    shipped = parrules.load(child)
    assert shipped.files == (str(child),)
    text, _ = parrules.ruleset.locate("national-2021")
    (tmp_path / "national-2021.par").write_text(text.replace("max 7", "max 7 ", 1), encoding="utf-8")
    parses.clear()
    local = parrules.load(child)
    assert str(tmp_path / "national-2021.par") in parses
    assert local.files == (str(child), str(tmp_path / "national-2021.par"))


def test_another_parrules_version_does_not_use_the_entry(
    cache_dir: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    parrules.load("national-2021")
    monkeypatch.setattr(parrules, "__version__", "99.0.0")
    cache.fingerprint.cache_clear()
    try:
        parses.clear()
        parrules.load("national-2021")
        assert parses == ["rulesets/national-2021.par"]
        assert len(_entries(cache_dir)) == 2
    finally:
        cache.fingerprint.cache_clear()


def test_an_edited_or_replaced_module_is_another_fingerprint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fingerprint reads each module's stat, not its text: a module made longer, one replaced
    by a new file of the same text (a reinstall) and a new module each give another fingerprint;
    files that are not modules (a .pyc) do not count."""
    import shutil

    real = {package: cache.package_folder(package) for package in ("parrules", "parrules.grammar")}
    copies = {package: tmp_path / package for package in real}
    for package, folder in real.items():
        shutil.copytree(folder, copies[package], ignore=shutil.ignore_patterns("__pycache__", "rulesets"))
    monkeypatch.setattr(cache, "package_folder", lambda package: copies[package])
    seen = []

    def again() -> str:
        cache.fingerprint.cache_clear()
        return cache.fingerprint()

    try:
        seen.append(again())
        assert again() == seen[0]  # nothing changed
        (copies["parrules"] / "stray.pyc").write_bytes(b"not a module")
        assert again() == seen[0]
        module = copies["parrules"] / "runtime.py"
        module.write_text(module.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        seen.append(again())
        fresh = module.with_name("runtime.new")
        fresh.write_bytes(module.read_bytes())
        os.replace(fresh, module)  # the same text, a new file (written while the old one lived: a new inode)
        seen.append(again())
        (copies["parrules.grammar"] / "extra.lark").write_text("", encoding="utf-8")
        seen.append(again())
        assert len(set(seen)) == 4
    finally:
        cache.fingerprint.cache_clear()


def _rewrite(entry: Path, change, *, reseal: bool) -> None:  # type: ignore[no-untyped-def]
    """Change an entry's body; ``reseal`` recomputes its checksum, as a forger would."""
    outer = json.loads(entry.read_text(encoding="ascii"))
    body = change(outer["body"])
    outer["body"] = body
    if reseal:
        outer["sha256"] = cache.text_hash(body)
    entry.write_text(json.dumps(outer), encoding="ascii")


def test_an_edited_entry_is_ignored(tmp_path: Path, cache_dir: Path, parses: list[str]) -> None:
    right = parrules.load(DATA / "small.par")
    (entry,) = _entries(cache_dir)
    _rewrite(entry, lambda body: body.replace('"1.5"', '"99"'), reseal=False)
    _json_only(cache_dir)
    parses.clear()
    again = parrules.load(DATA / "small.par")
    assert parses == [str(DATA / "small.par")]
    _same(right, again)


FORGE = """ruleset "Giả" year 2022 level province scale 10
input a: count "A"
input b: count "B"
constraint a <= b
field 1 "Một" max 10 { score min(max * rate(a, b, empty: 100%), 10) - 0 }
"""


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # the operators and min/max are written into the generated source as they are
        ('["BinOp","*"', '["BinOp","*PWN or 1*"'),
        ('["BinOp","-"', '["BinOp","-PWN-"'),
        ('["Extremum","min"', '["Extremum","PWN or min"'),
        ('["Compare","<="', '["Compare","<= PWN or"'),
        # a name the compiler would look up; a node code
        ('["Ref","a"', '["Ref","a+PWN"'),
        ('["Node","field","1"', '["Node","field","1+PWN"'),
    ],
)
def test_a_forged_entry_never_runs_code(tmp_path: Path, cache_dir: Path, parses: list[str], old: str, new: str) -> None:
    """Someone who can write an entry and recompute its checksum still cannot get code run:
    the decoder takes only what the grammar can say, so the entry is refused and the text parsed."""
    marker = tmp_path / "pwned"
    path = tmp_path / "forge.par"
    path.write_text(FORGE, encoding="utf-8")
    right = parrules.load(path)
    (entry,) = _entries(cache_dir)
    code = f"__import__('pathlib').Path({str(marker)!r}).touch()"

    def forge(body: str) -> str:
        assert old in body
        return body.replace(old, new.replace("PWN", code))

    _rewrite(entry, forge, reseal=True)
    _json_only(cache_dir)
    parses.clear()
    again = parrules.load(path)
    again.evaluate({"a": 5, "b": 10}).explain()
    assert parses == [str(path)], "the forged entry was refused"
    _same(right, again)
    assert again.evaluate({"a": 5, "b": 10}).total == 5
    assert not marker.exists()


def test_a_pickle_in_the_cache_is_never_unpickled(tmp_path: Path, cache_dir: Path, parses: list[str]) -> None:
    import pickle

    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (Path.touch, (marker,))

    right = parrules.load(DATA / "small.par")
    (entry,) = _entries(cache_dir)
    entry.write_bytes(pickle.dumps(Payload()))
    _json_only(cache_dir)
    parses.clear()
    again = parrules.load(DATA / "small.par")
    assert parses == [str(DATA / "small.par")]
    _same(right, again)
    assert not marker.exists()


def test_an_unwritable_cache_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("PARRULES_CACHE_DIR", str(blocker / "cache"))  # cannot be created, even by root
    rs = parrules.load("national-2021")
    assert rs.codes and not (blocker / "cache").exists()


def test_a_shared_cache_folder_is_not_used(tmp_path: Path, cache_dir: Path, parses: list[str]) -> None:
    """A folder others may write to is neither read nor written: anyone could have planted an entry."""
    parrules.load("national-2021")
    (planted,) = _entries(cache_dir)
    cache_dir.chmod(0o777)
    parses.clear()
    parrules.load("national-2022")
    parrules.load("national-2021")
    assert parses == ["rulesets/national-2022.par", "rulesets/national-2021.par"]
    assert _entries(cache_dir) == [planted]


def test_a_cache_folder_of_another_user_is_not_used(
    cache_dir: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    parrules.load("national-2021")
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(cache_dir).st_uid + 1)
    parses.clear()
    parrules.load("national-2021")
    assert parses == ["rulesets/national-2021.par"]


def test_an_entry_writable_by_others_is_not_used(cache_dir: Path, parses: list[str]) -> None:
    parrules.load("national-2021")
    (entry,) = _entries(cache_dir)
    entry.chmod(0o666)
    _json_only(cache_dir)
    parses.clear()
    parrules.load("national-2021")
    assert parses == ["rulesets/national-2021.par"]


def test_the_cache_can_be_turned_off(cache_dir: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARRULES_CACHE", "0")
    parrules.load("national-2021")
    parrules.load("national-2021")
    assert parses == ["rulesets/national-2021.par"] * 2
    assert not cache_dir.exists()


def test_default_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PARRULES_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "parrules"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "parrules"


def test_old_entries_are_pruned(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    path = tmp_path / "r.par"
    text = (DATA / "small.par").read_text(encoding="utf-8")
    for title in ("Một", "Hai", "Ba"):
        path.write_text(text.replace('"Thử nghiệm"', f'"{title}"'), encoding="utf-8")
        parrules.load(path)
    assert len(_entries(cache_dir)) == 2
    assert sorted(p.with_suffix(".json") for p in cache_dir.glob("*.code")) == _entries(cache_dir)  # pruned alike


def test_parse_errors_are_not_cached(tmp_path: Path, cache_dir: Path) -> None:
    path = tmp_path / "bad.par"
    path.write_text('ruleset "x"\n\nfield 1 "a" max {\n', encoding="utf-8")
    for _ in range(2):
        with pytest.raises(parrules.RulesetError) as info:
            parrules.load(path)
        assert info.value.diagnostics[0].code == "E003"
    assert _entries(cache_dir) == []


# ---------------------------------------------------------------- what a command imports


def _modules_after(code: str, whole: bool = False) -> set[str]:
    """Top-level packages (``whole``: every module) imported by a fresh interpreter running
    ``code``; printed with repr, so the listing itself imports nothing (json would count)."""
    script = code + "\nimport sys\nprint(repr(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    modules = set(ast.literal_eval(out.stdout.strip().splitlines()[-1]))
    return modules if whole else {m.split(".")[0] for m in modules}


def test_import_parrules_loads_no_heavy_library() -> None:
    assert _modules_after("import parrules") & set(HEAVY) == set()


def test_parrules_list_loads_no_heavy_library() -> None:
    imported = _modules_after("import parrules.cli\nparrules.cli.main(['list'])")
    assert imported & set(HEAVY) == set()


def test_score_loads_only_what_it_uses() -> None:
    """score prints a table with tabulate; nothing else heavy: not babel (every cell of the file is a
    plain number, read without it; the description row's words are not offered to it), and on a
    cache hit (the second run) not even the parser."""
    code = (
        "import parrules.cli\nparrules.cli.main(['score', 'national-2022', 'examples/ha-giang-2022.csv'])\n"
        "assert 'parrules.grammar.standalone' not in __import__('sys').modules"
    )
    _modules_after(code.replace("\nassert", "\n#"))  # the first run may fill the cache
    imported = _modules_after(code)
    assert imported & set(HEAVY) == {"tabulate"}


def test_a_cached_score_imports_nothing_it_does_not_use() -> None:
    """On a cache hit, ``score`` of a small CSV as a table imports none of the modules only other
    paths need (each was a part of its start-up, docs/performance.md): shutil (with bz2 and lzma;
    argparse's own help formatter imports it for the terminal's width), json (a JSON entry, JSON
    data or output), fractions (a downgrade rule), the parser and the resolver (a miss).  (tabulate
    itself imports textwrap and html, so they are not on this list.)"""
    code = "import parrules.cli\nparrules.cli.main(['score', 'national-2022', 'examples/ha-giang-2022.csv'])"
    _modules_after(code)  # the first run may fill the cache
    imported = _modules_after(code, whole=True)
    assert "parrules.aggregate" in imported and "tabulate" in imported  # the run did score and print
    unused = {"shutil", "bz2", "lzma", "json", "fractions", "parrules.resolve", "parrules.parse", "lark"}
    assert imported & unused == set()


def test_a_number_that_is_not_plain_is_still_babels(tmp_path: Path) -> None:
    """babel stays the reader of every number that is not plain: a file with "+5" (a plus sign)
    and "1.050,5" in a decimal-comma file loads babel and reads 5 and 1050.5 (by hand)."""
    code = (
        "import sys\nfrom parrules import io\nassert 'babel' not in sys.modules\n"
        "assert io.parse_number('1.050', 'comma') == 1050 and 'babel' not in sys.modules\n"
        "assert io.parse_number('+5', 'comma') == 5 and 'babel' in sys.modules\n"
        "assert io.parse_number('1.050,5', 'comma') == __import__('decimal').Decimal('1050.5')\n"
    )
    assert "babel" in _modules_after(code)


@pytest.mark.parametrize(("style", "locale"), [("comma", "vi"), ("dot", "en")])
def test_the_readers_locale_symbols_are_babels(style: str, locale: str) -> None:
    """io.LOCALE_SYMBOLS stands for babel's locale data on the start-up path: it must be babel's
    (CLDR) decimal, group and minus symbols for each locale a file's numbers are read in."""
    from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

    from parrules import io as data_io

    assert data_io.LOCALE_SYMBOLS[locale] == (
        get_decimal_symbol(locale),
        get_group_symbol(locale),
        get_minus_sign_symbol(locale),
    )
    assert set(data_io.LOCALE_SYMBOLS) == {"vi", "en"}
    plain = data_io.plain_numbers(style)
    assert plain.cell.fullmatch("-1.050,25" if style == "comma" else "-1050.25")  # by hand


def test_a_description_row_is_not_offered_to_the_number_reader(tmp_path: Path) -> None:
    """The fraction scan skips cells without a digit (a description row's words): they are no
    number, so the scan's result is the same, and babel is not loaded to say so."""
    from parrules import io as data_io

    rs = parrules.load("national-2022")
    data = data_io.read_data(ROOT / "examples" / "ha-giang-2022.csv", rs)
    assert [u.unit for u in data.units] == ["Tỉnh Hà Giang"] and not data.rejected
    assert data.units[0].inputs["online_full_rate"] == Decimal("42.41")  # the file's "42,41", a percent
    rows = (ROOT / "examples" / "ha-giang-2022.csv").read_text(encoding="utf-8").splitlines()
    assert rows[1].startswith("Mô tả,") and "(%)" in rows[1]  # a percent column's words, no digit
    assert "babel" not in _modules_after(
        "import parrules\nfrom parrules import io\nio.read_data('examples/ha-giang-2022.csv', parrules.load('national-2022'))"
    )


def test_cli_decimal_styles_are_ios() -> None:
    from parrules import io as data_io

    assert cli.DECIMAL_STYLES == data_io.DECIMAL_STYLES


def test_the_traced_evaluator_is_compiled_only_when_a_trace_is_asked_for() -> None:
    rs = parrules.loads((DATA / "small.par").read_text(encoding="utf-8"), str(DATA / "small.par"))
    traced = rs.compiled.evaluate_traced
    assert traced._function is None  # type: ignore[attr-defined]
    units = {"received": 10, "on_time": 9, "online": 80, "rank_budget": 5, "has_plan": True, "late_tasks": 1}
    inputs = {
        **units,
        "discipline": "none",
        **{name: 0 for name in rs.inputs if name not in units and name != "discipline"},
    }
    rs.evaluate(inputs)
    assert traced._function is None  # type: ignore[attr-defined]
    rs.evaluate(inputs).explain("1.1.1")
    assert traced._function is not None  # type: ignore[attr-defined]


def test_one_commands_parser_is_the_full_parsers_part() -> None:
    """main builds only the named command's parser: its help, options and defaults are the
    full parser's, and the other commands are not built."""
    from parrules.cli_help import subparsers

    full = subparsers(cli.build_parser()).choices
    for name, parser in full.items():
        built = subparsers(cli.build_parser(name)).choices
        assert set(built) == {name, "completion"}
        assert built[name].format_help() == parser.format_help()
        assert [(a.dest, a.option_strings, a.default, a.choices) for a in built[name]._actions] == [
            (a.dest, a.option_strings, a.default, a.choices) for a in parser._actions
        ]
    words = ["score", "national-2022", "examples/ha-giang-2022.csv", "--lang", "en", "--format", "csv"]
    assert vars(cli.build_parser("score").parse_args(words)) == vars(cli.build_parser().parse_args(words))


def _attrs_twin(cls: type, twins: dict[type, type]) -> type:
    """``cls`` as plain ``attrs.frozen`` makes it: attrs' own generated eq, hash and repr."""
    import attrs

    if cls not in twins:
        fields = attrs.fields(cls)
        namespace: dict[str, object] = {"__annotations__": {f.name: "object" for f in fields}}
        namespace.update({f.name: f.default for f in fields if f.default is not attrs.NOTHING})
        twin = type(cls.__name__, (), {**namespace, "__qualname__": cls.__qualname__, "__module__": cls.__module__})
        twins[cls] = attrs.frozen(twin)
    return twins[cls]


def _as_twin(item, twins):  # type: ignore[no-untyped-def]
    import attrs

    if attrs.has(type(item)):
        values = {f.name: _as_twin(getattr(item, f.name), twins) for f in attrs.fields(type(item))}
        return _attrs_twin(type(item), twins)(**values)
    if isinstance(item, tuple):
        return tuple(_as_twin(x, twins) for x in item)
    return item


def _objects(item, out):  # type: ignore[no-untyped-def]
    import attrs

    if attrs.has(type(item)):
        out.append(item)
        for f in attrs.fields(type(item)):
            _objects(getattr(item, f.name), out)
    elif isinstance(item, tuple):
        for x in item:
            _objects(x, out)
    return out


def test_the_ast_classes_shared_methods_are_attrs_own() -> None:
    """nodes.py's classes share one eq, hash and repr (start-up) instead of attrs generating them
    per class: over every object of every shipped ruleset's AST, each gives what attrs' generated
    method gives on a plain ``attrs.frozen`` twin of the class."""
    import attrs

    twins: dict[type, type] = {}
    objects: list[object] = []
    for name in all_rulesets():
        _objects(parrules.load(name).ast, objects)
    assert {type(o).__name__ for o in objects} >= {"Ruleset", "Node", "BinOp", "Location", "Tiers", "Rate"}
    by_class: dict[type, list[object]] = {}
    for o in objects:
        by_class.setdefault(type(o), []).append(o)
    for cls, items in by_class.items():
        assert attrs.has(cls) and cls.__slots__ is not None and not hasattr(items[0], "__dict__")
        sample = items[:: max(1, len(items) // 25)]
        twins_of = [_as_twin(o, twins) for o in sample]
        for o, t in zip(sample, twins_of, strict=True):
            assert repr(o) == repr(t)
        for (a, ta), (b, tb) in zip(zip(sample, twins_of, strict=True), zip(sample[1:] + sample[:1], twins_of[1:] + twins_of[:1], strict=True), strict=True):
            assert (a == b) == (ta == tb) and (a != b) == (ta != tb)
            copy = attrs.evolve(a)
            assert copy == a and hash(copy) == hash(a) and copy is not a
    loc = nodes.Location("f", 1, 2)
    assert loc != nodes.Location("f", 1, 3) and loc != ("f", 1, 2) and loc.__eq__(("f", 1, 2)) is NotImplemented
    assert nodes.Ref("x") != nodes.Neg(nodes.Ref("x")) and len({nodes.Ref("x"), nodes.Ref("x"), nodes.Ref("y")}) == 2
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        loc.line = 3  # type: ignore[misc]


def _babel_vi(value, places):  # type: ignore[no-untyped-def]
    """render.number_text's Vietnamese number as babel's format_decimal writes it (the code it replaced)."""
    from decimal import Decimal

    from babel.numbers import format_decimal

    from parrules.context import library_context

    with library_context():
        if places is not None:
            value = value.quantize(Decimal(1).scaleb(-places))
            pattern = "#,##0" + ("." + "0" * places if places else "")
        else:
            value = value.normalize() if value != 0 else Decimal(0)
            decimals = max(0, -value.as_tuple().exponent)
            pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale="vi", decimal_quantization=False)


@pytest.mark.parametrize("places", [None, 0, 1, 2, 4])
def test_vietnamese_numbers_are_babels(places) -> None:  # type: ignore[no-untyped-def]
    """number_text writes Vietnamese numbers without babel's locale data (start-up), the same
    text babel writes: CLDR's vi symbols are group '.', decimal ',' and minus '-'."""
    from decimal import Decimal

    from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol
    from hypothesis import given
    from hypothesis import strategies as st

    from parrules.render import number_text

    assert (get_group_symbol("vi"), get_decimal_symbol("vi"), get_minus_sign_symbol("vi")) == (".", ",", "-")
    for text in ("84.4094", "-0.001", "-0", "0.0000", "999.995", "1E+30", "-1234.5", "1E-20", "66186", "-0.5"):
        assert number_text(Decimal(text), "vi", places) == _babel_vi(Decimal(text), places), text
    assert number_text(Decimal("-1234567.25"), "vi", 2) == "-1.234.567,25"  # by hand: vi groups with '.'

    @given(st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(lambda d: abs(d.adjusted()) < 24))
    def same(value: Decimal) -> None:
        assert number_text(value, "vi", places) == _babel_vi(value, places)

    same()


def test_parrules_list_reads_headers_alone_from_the_code_cache(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """list prints each shipped ruleset's header, loaded and checked (a broken ruleset is still
    said not to load): the first list, with an empty cache, loads them and keeps their code
    entries; the next one takes each header from its entry and nothing else: no ruleset
    compiled, parsed, checked or rebuilt whole.  Its lines are what the loaded rulesets' headers say."""
    from parrules import check as check_module
    from parrules import codecache
    from parrules import ruleset as ruleset_module

    expected = []
    for name in ruleset_module.shipped():
        header = parrules.loads(*ruleset_module._locate(name)[:2]).header  # not cached: the cache stays empty
        expected.append(f"{name:<28} {header.year or '':<5} {header.level or '':<11} {header.title}")
    assert not cache_dir.exists() or not list(cache_dir.glob("*.code"))
    capsys.readouterr()
    assert cli.main(["list"]) == 0  # the first: each ruleset loaded, its code entry kept
    assert capsys.readouterr().out.splitlines() == expected and len(expected) >= 7
    assert len(list(cache_dir.glob("*.code"))) == len(expected)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("list did more than read a header")

    monkeypatch.setattr(ruleset_module, "compile_checked", never)
    monkeypatch.setattr(ruleset_module, "check", never)
    monkeypatch.setattr(ruleset_module, "parse", never)
    monkeypatch.setattr(check_module, "check", never)
    monkeypatch.setattr(codecache, "_kept", never)  # the whole AST, the checker's result, the code
    assert cli.main(["list"]) == 0
    assert capsys.readouterr().out.splitlines() == expected


def test_a_header_from_a_forged_code_entry_is_never_used(
    cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """read_header authenticates the entry as read does: an entry whose bytes were changed (a
    forged title) is ignored, and the ruleset is loaded again from its text."""
    from parrules import codecache
    from parrules import ruleset as ruleset_module

    title = parrules.load("national-2021").title  # keeps the code entry
    (entry,) = [p for p in cache_dir.glob("*.code")]
    raw = entry.read_bytes()
    marker = title.encode()
    assert marker in raw
    entry.write_bytes(raw.replace(marker, "Giả mạo".encode().ljust(len(marker), b" ")[: len(marker)]))
    text, path, from_file = ruleset_module._locate("national-2021")
    assert codecache.read_header(cache.key(text, path, from_file)) is None
    assert ruleset_module.load_header("national-2021").title == title


# ---------------------------------------------------------------- the compiled evaluator, authenticated


def _uncached(name: str, monkeypatch: pytest.MonkeyPatch) -> parrules.Ruleset:
    with monkeypatch.context() as m:
        m.setenv("PARRULES_CACHE", "0")
        return parrules.load(name)


def _generated_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The file names compile() is called with for generated code (``<parrules ...>``)."""
    import builtins

    calls: list[str] = []
    real = builtins.compile

    def spy(source, filename, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(filename).startswith("<parrules"):
            calls.append(str(filename))
        return real(source, filename, *args, **kwargs)

    monkeypatch.setattr(builtins, "compile", spy)
    return calls


def _checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the ASTs the checker runs on (as ruleset.py calls it)."""
    from parrules import ruleset as ruleset_module

    calls: list[str] = []
    real = ruleset_module.check

    def spy(ast, lines=None):  # type: ignore[no-untyped-def]
        calls.append(ast.path)
        return real(ast, lines)

    monkeypatch.setattr(ruleset_module, "check", spy)
    return calls


def test_a_hit_with_warnings_runs_the_checker(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Warnings are worded and shown with their source line by the checker: a ruleset that has
    some is checked on every load (its compiled code still comes from the cache)."""
    path = tmp_path / "warned.par"
    path.write_text(
        'ruleset "W" year 2022 level province scale 4\ninput online: percent\n'
        'field 1 "F" max 4 { score tiers online { from 95: 4  below 95: 0 } }\n',
        encoding="utf-8",
    )
    first = parrules.load(path)
    assert "W212" in [w.code for w in first.warnings]  # tier 95 of a percent: 9500 % (tests/test_checker.py)
    checks = _checks(monkeypatch)
    compiles = _generated_compiles(monkeypatch)
    again = parrules.load(path)
    assert checks == [str(path)] and compiles == []
    assert again.warnings == first.warnings and again.checked == first.checked
    assert [w.render() for w in again.warnings] == [w.render() for w in first.warnings]


@pytest.mark.parametrize("name", all_rulesets())
def test_a_hit_runs_the_kept_code_and_scores_as_a_fresh_load(
    name: str, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = _uncached(name, monkeypatch)
    compiles = _generated_compiles(monkeypatch)
    first = parrules.load(name)
    assert compiles == [fresh.compiled.filename], "a miss compiles the fast evaluator"
    assert first.compiled.code == fresh.compiled.code
    assert len(list(cache_dir.glob("*.code"))) == 1
    compiles.clear()
    generated: list[str] = []
    real_module = compile_module._Generator.module

    def spy(self, standalone):  # type: ignore[no-untyped-def]
        generated.append(self.ruleset.path)
        return real_module(self, standalone)

    monkeypatch.setattr(compile_module._Generator, "module", spy)
    checks = _checks(monkeypatch)
    reads: list[str] = []
    monkeypatch.setattr(cache, "read", lambda key: reads.append(key))  # the JSON entry is not read
    again = parrules.load(name)
    assert reads == [], "a hit reads the authenticated entry alone"
    assert compiles == [] and generated == [], "a hit neither generates nor compiles"
    assert checks == [] and again.checked == fresh.checked, "a hit without warnings keeps the checker's result"
    assert again.compiled.code == fresh.compiled.code and again.compiled.source == fresh.compiled.source
    assert again.compiled.filename == fresh.compiled.filename and again.compiled.markers == fresh.compiled.markers
    assert again.compiled.trace_points == fresh.compiled.trace_points
    # the seed's published unit (seeds 004, 000, 002), the fast and the traced evaluator alike
    assert_seed_values(again, name, again.compiled.evaluate, "code from the cache")
    assert_seed_values(again, name, again.run_traced, "code from the cache, traced")
    assert compiles == [fresh.compiled.filename], "the traced evaluator is compiled when asked for"


def test_the_key_and_the_code_are_private(cache_dir: Path) -> None:
    from parrules import codecache

    parrules.load("national-2021")
    key = cache_dir / codecache.KEY_FILE
    (code,) = cache_dir.glob("*.code")
    assert key.stat().st_mode & 0o777 == 0o600 and key.stat().st_size == 32
    assert code.stat().st_mode & 0o777 == 0o600


FORGED = "__import__('pathlib').Path({marker!r}).touch()\ndef evaluate(inputs):\n    return 'forged'\n"


def _forge(cache_dir: Path, marker: Path, *, key: bytes | None = None, magic: bytes | None = None) -> None:
    """Replace the one code entry by a code object that creates ``marker`` when run, signed
    with ``key`` (default: the user's own) for Python ``magic`` (default: this one's)."""
    from importlib.util import MAGIC_NUMBER

    from parrules import codecache

    (entry,) = cache_dir.glob("*.code")
    import marshal
    import types

    code = compile(FORGED.format(marker=str(marker)), "<parrules rulesets/national-2021.par>", "exec")
    genuine = marshal.loads(entry.read_bytes()[codecache.MAC_BYTES :])
    payload = marshal.dumps(tuple(code if type(x) is types.CodeType else x for x in genuine))  # its code replaced
    key = key if key is not None else (cache_dir / codecache.KEY_FILE).read_bytes()
    real_magic = codecache._magic
    codecache._magic = lambda: magic if magic is not None else MAGIC_NUMBER  # type: ignore[assignment]
    try:
        entry.write_bytes(codecache._mac(key, entry.stem, payload) + payload)
    finally:
        codecache._magic = real_magic  # type: ignore[assignment]


@pytest.fixture
def unmarshalled(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes of what codecache hands to marshal.loads."""
    import marshal

    from parrules import codecache

    calls: list[int] = []

    class Spy:
        dumps = staticmethod(marshal.dumps)

        @staticmethod
        def loads(data: bytes) -> object:
            calls.append(len(data))
            return marshal.loads(data)

    monkeypatch.setattr(codecache, "marshal", Spy)
    return calls


def test_a_code_entry_signed_with_the_users_key_runs(tmp_path: Path, cache_dir: Path, unmarshalled: list[int]) -> None:
    """The control for the tests below: a code entry is code that runs, so what stops a forged
    one must be its MAC (a forger holding the user's key, i.e. running as the user, wins)."""
    marker = tmp_path / "pwned"
    parrules.load("national-2021")
    _forge(cache_dir, marker)
    rs = parrules.load("national-2021")
    assert marker.exists() and rs.compiled.evaluate({}) == "forged"
    assert len(unmarshalled) == 1


def _refused(cache_dir: Path, marker: Path, unmarshalled: list[int]) -> None:
    rs = parrules.load("national-2021")
    assert not marker.exists(), "the forged code ran"
    assert unmarshalled == [], "a refused entry is never unmarshalled"
    assert_seed_values(rs, "national-2021", rs.compiled.evaluate, "forged code refused")


def test_a_code_entry_signed_with_another_key_is_refused(
    tmp_path: Path, cache_dir: Path, unmarshalled: list[int]
) -> None:
    marker = tmp_path / "pwned"
    parrules.load("national-2021")
    _forge(cache_dir, marker, key=bytes(32))
    _refused(cache_dir, marker, unmarshalled)


def test_a_code_entry_of_another_python_is_refused(tmp_path: Path, cache_dir: Path, unmarshalled: list[int]) -> None:
    marker = tmp_path / "pwned"
    parrules.load("national-2021")
    _forge(cache_dir, marker, magic=b"\x00\x00\r\n")
    _refused(cache_dir, marker, unmarshalled)


@pytest.mark.parametrize("where", [0, 31, 32, -1])
def test_a_flipped_byte_is_refused(tmp_path: Path, cache_dir: Path, unmarshalled: list[int], where: int) -> None:
    """One byte changed in the MAC (0, 31) or in the code (32: marshal's type byte; the last)."""
    marker = tmp_path / "pwned"
    parrules.load("national-2021")
    _forge(cache_dir, marker)
    (entry,) = cache_dir.glob("*.code")
    blob = bytearray(entry.read_bytes())
    blob[where] ^= 0x01
    entry.write_bytes(bytes(blob))
    _refused(cache_dir, marker, unmarshalled)


def test_a_code_entry_writable_by_others_is_not_read(
    tmp_path: Path, cache_dir: Path, unmarshalled: list[int]
) -> None:
    marker = tmp_path / "pwned"
    parrules.load("national-2021")
    _forge(cache_dir, marker)
    (entry,) = cache_dir.glob("*.code")
    entry.chmod(0o666)
    _refused(cache_dir, marker, unmarshalled)


def test_an_authentic_code_entry_is_read_before_the_json_entry(
    tmp_path: Path, cache_dir: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The code entry carries its own AST (under the MAC): the JSON entry is not read when it
    verifies (an edited JSON entry beside it changes nothing), and is read when it does not."""
    reads: list[str] = []
    real = cache.read
    monkeypatch.setattr(cache, "read", lambda key: reads.append(key) or real(key))
    parrules.load("national-2021")
    (json_entry,) = _entries(cache_dir)
    title = json.dumps("Chỉ số CCHC")[:-1]  # as the entry's body writes it (ASCII)

    def retitle(body: str) -> str:
        assert title in body
        return body.replace(title, '"K' + title[2:], 1)

    _rewrite(json_entry, retitle, reseal=True)
    parses.clear()
    reads.clear()
    assert parrules.load("national-2021").title.startswith("Chỉ số") and reads == [] and parses == []
    _json_only(cache_dir)
    assert parrules.load("national-2021").title.startswith("Khỉ số") and len(reads) == 1 and parses == []


@pytest.mark.parametrize("change", ["group-writable", "group-readable", "another owner", "a symlink", "short"])
def test_a_key_not_the_users_alone_is_not_used(
    tmp_path: Path, cache_dir: Path, unmarshalled: list[int], monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """A key others may read or write (they could sign), another user's, a link or a truncated
    one: the code entry is not read, and no code entry is written with it."""
    from parrules import codecache

    marker = tmp_path / "pwned"
    parrules.load("national-2021")
    _forge(cache_dir, marker)
    key = cache_dir / codecache.KEY_FILE
    if change == "group-writable":
        key.chmod(0o620)
    elif change == "group-readable":
        key.chmod(0o640)
    elif change == "another owner":
        real = os.geteuid()
        monkeypatch.setattr(os, "geteuid", lambda: real + 1)
        monkeypatch.setattr(cache, "_private", lambda folder, create: True)  # the folder passes; the key must not
    elif change == "a symlink":
        elsewhere = tmp_path / "key-elsewhere"
        elsewhere.write_bytes(key.read_bytes())
        elsewhere.chmod(0o600)
        key.unlink()
        key.symlink_to(elsewhere)
    else:
        key.write_bytes(key.read_bytes()[:31])
    _refused(cache_dir, marker, unmarshalled)
    assert codecache.secret_key(cache_dir, create=True) is None


def test_a_code_entry_in_a_shared_folder_is_not_read(tmp_path: Path, cache_dir: Path, unmarshalled: list[int]) -> None:
    marker = tmp_path / "pwned"
    parrules.load("national-2021")
    _forge(cache_dir, marker)
    cache_dir.chmod(0o777)
    _refused(cache_dir, marker, unmarshalled)


def test_assemble_runs_the_code_it_is_given() -> None:
    """compile.assemble(source, filename, code, ...): the given code object is run instead of
    compiling the source's fast part, and kept as ``Compiled.code``; given None, the fast part
    is compiled (what compile_checked does)."""
    from parrules.compile import assemble, code_filename, compile_checked

    rs = parrules.load("national-2021")
    assert code_filename(rs.ast) == "<parrules rulesets/national-2021.par>"  # by hand: the path loaded
    given = compile("def evaluate(inputs):\n    return 'given'\n", code_filename(rs.ast), "exec")
    tables = {
        "codes": rs.compiled.codes,
        "input_names": rs.compiled.input_names,
        "trace_points": rs.compiled.trace_points,
        "constraint_texts": rs.compiled.constraint_texts,
    }
    compiled = assemble(rs.compiled.source, code_filename(rs.ast), given, **tables)
    assert compiled.evaluate({}) == "given" and compiled.code is given
    plain = compile_checked(rs.checked)
    assert plain.code.co_filename == "<parrules rulesets/national-2021.par>" and plain.code == rs.compiled.code
    again = assemble(plain.source, plain.filename, None, **tables)
    assert again.code == plain.code and again.markers == plain.markers and again.source == plain.source
