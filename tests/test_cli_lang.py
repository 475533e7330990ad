"""One language per run (issue 10, point 5): every command speaks ``--lang``, Vietnamese by default.

Each command is run for real (``cli.main``) on the shipped rulesets and examples, once per
language.  The words of the other language are those of the message catalogue
(``parrules.messages``) and of every table's headers, less every word that the ruleset
files, the data files and the command line themselves hold (a title, a unit name, an
input's name or a keyword of the ruleset language is text, printed as written): none of
them may reach stdout or stderr.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from parrules import compare, messages, report
from parrules.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "ha-giang-2022.csv")
PUBLISHED = str(ROOT / "tests" / "data" / "ha_giang_2022_published.csv")
UNIT = "Tỉnh Hà Giang"
WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in WORD.findall(text)}


def _texts_of_inputs() -> set[str]:
    """Every word the inputs of these runs hold: rulesets, cases, data, published table."""
    files = [*ROOT.glob("rulesets/*.par"), *ROOT.glob("rulesets/*.toml"), Path(EXAMPLE), Path(PUBLISHED)]
    words: set[str] = set()
    for f in files:
        words |= _words(f.read_text(encoding="utf-8")) | _words(str(f.relative_to(ROOT)))  # a path is printed too
    return words


def _catalogue(lang: str) -> set[str]:
    words: set[str] = set()
    for wordings in messages.CATALOGUE.values():
        words |= _words(re.sub(r"\{[^}]*\}", " ", wordings[lang]))
    if lang == "en":
        words |= _words(" ".join(messages.TERMS["vi"]))  # the English words the Vietnamese terms replace
        words |= _words(" ".join(report.HEADERS["en"].values()) + " " + " ".join(compare.HEADERS["en"]))
        words |= _words("rows read scored rejected blank lines")  # io.DataSet.summary
    else:
        words |= _words(" ".join(messages.TERMS["vi"].values()))
        words |= _words(" ".join(report.HEADERS["vi"].values()) + " " + " ".join(compare.HEADERS["vi"]))
    return words


INPUT_WORDS = _texts_of_inputs()
# the other language's words: English words absent from the Vietnamese wording, and back
ENGLISH = _catalogue("en") - _catalogue("vi") - INPUT_WORDS
VIETNAMESE = {w for w in _catalogue("vi") - _catalogue("en") - INPUT_WORDS if not w.isascii()}


def _commands(tmp: Path, lang: str) -> Iterator[tuple[str, list[str]]]:
    yield "list", ["list"]
    yield "check", ["check", "national-2022"]
    yield "template", ["template", "national-2022", "-o", str(tmp / f"t-{lang}.csv")]
    yield "compile", ["compile", "national-2022", "-o", str(tmp / f"m_{lang}.py")]
    yield "score", ["score", "national-2022", EXAMPLE]
    yield "score csv", ["score", "national-2022", EXAMPLE, "--format", "csv", "-o", str(tmp / f"r-{lang}.csv")]
    yield "explain", ["explain", "national-2022", EXAMPLE, "--unit", UNIT]
    yield "explain --node", ["explain", "national-2022", EXAMPLE, "--unit", UNIT, "--node", "7.3.6"]
    yield "explain --lost", ["explain", "national-2022", EXAMPLE, "--unit", UNIT, "--lost", "--node", "7"]
    yield "diff", ["diff", "national-2021", "national-2022"]
    yield "diff --data", ["diff", "national-2022", "national-2022", "--data", EXAMPLE]
    yield "fmt", ["fmt", "--check", "national-2022"]
    yield "compare", ["compare", str(tmp / f"r-{lang}.csv"), str(tmp / f"r-{lang}.csv")]
    yield "audit", ["audit", "national-2022", PUBLISHED, "--data", EXAMPLE]
    yield "report", ["report", "national-2022", EXAMPLE, "-o", str(tmp / f"p-{lang}.html"), "--date", "2024-03-01"]
    yield "test", ["test", "national-2022"]
    yield "schema", ["schema", "national-2022", "-o", str(tmp / f"s-{lang}.json")]


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out + "\n" + captured.err


def test_the_vocabularies_are_not_empty() -> None:
    """The test below can fail: each language has words of its own that the inputs do not hold."""
    assert {"wrote", "derivation", "passed", "checked", "matched", "warning"} <= ENGLISH
    assert {"tròn", "chấm", "cảnh", "ghép", "dòng", "bước"} <= VIETNAMESE


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_command_speaks_one_language(lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    foreign = ENGLISH if lang == "vi" else VIETNAMESE
    seen = set()
    for name, argv in _commands(tmp_path, lang):
        words = [*argv, "--lang", lang] if lang == "en" or name in ("score", "diff") else argv  # vi: the default
        code, shown = _run(capsys, words)
        assert code in (0, 1), f"{name}: {shown}"
        stray = _words(shown) & foreign - _words(" ".join(argv))
        assert not stray, f"parrules {name} --lang {lang} printed {sorted(stray)}:\n{shown}"
        seen.add(name)
    assert len(seen) == 17


def test_explain_node_follows_lang(capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 004: 7.3.6 scores 0.6362 of 1.5 at 42.41 % (Hà Giang 2022); a decimal comma in Vietnamese."""
    argv = ["explain", "national-2022", EXAMPLE, "--unit", UNIT, "--node", "7.3.6"]
    _, vi = _run(capsys, argv)
    assert "điểm: 0,6362 trên 1,5 (42,41%)" in vi and "làm tròn" in vi and "0.6362" not in vi
    _, en = _run(capsys, [*argv, "--lang", "en"])
    assert "score: 0.6362 of 1.5 (42.41%)" in en and "rounded half_up to 4 places: 0.6362" in en


def test_the_summary_and_warning_follow_lang(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.csv"  # a template: every column, no unit
    assert main(["template", "national-2022", "-o", str(empty)]) == 0
    code, vi = _run(capsys, ["score", "national-2022", str(empty)])
    assert code == 0 and "cảnh báo:" in vi and "không có đơn vị nào" in vi and "đọc 0 dòng" in vi
    code, en = _run(capsys, ["score", "national-2022", str(empty), "--lang", "en"])
    assert code == 0 and "warning:" in en and "holds no units" in en and "rows read 0" in en


def test_the_words_around_an_error_follow_lang(capsys: pytest.CaptureFixture[str]) -> None:
    code, vi = _run(capsys, ["explain", "national-2022", EXAMPLE, "--unit", "Nowhere"])
    assert code == 2 and vi.strip().startswith("lỗi: không có đơn vị 'Nowhere'")
    code, en = _run(capsys, ["explain", "national-2022", EXAMPLE, "--unit", "Nowhere", "--lang", "en"])
    assert code == 2 and en.strip().startswith("error: no unit 'Nowhere'")


def test_every_command_defaults_to_vietnamese() -> None:
    from parrules.cli import build_parser
    from parrules.cli_help import subparsers

    parser = build_parser()
    for name, command in subparsers(parser).choices.items():
        (lang,) = [a for a in command._actions if "--lang" in a.option_strings]
        assert lang.default == "vi" and list(lang.choices) == ["vi", "en"], name


def test_progress_bar_words_follow_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tqdm bar's description and unit come from the catalogue, in the run's language."""
    import argparse
    import io

    from parrules.cli import _progress

    monkeypatch.delenv("CI", raising=False)  # CI turns the bar off
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for lang, desc in (("vi", "đang chấm điểm"), ("en", "scoring")):
        stream = Terminal()
        wrap = _progress(argparse.Namespace(no_progress=False, lang=lang), stream)
        assert wrap is not None
        bar = wrap(list(range(3001)))  # more than 2,000 units: shown at once
        list(bar)
        bar.close()
        assert desc in stream.getvalue()
