"""``--help`` in the run's language (issue 10, points 5 and 6).

Every text a help page shows is written once, in English, where it belongs (the
``help=`` strings of parrules.cli, the examples' notes of parrules.cli_help) and
has its Vietnamese in parrules.wording_vi_help.  The texts are collected from the
parser objects themselves (every command, every option, the command list), so a
new option without a Vietnamese entry, or an entry left behind by a changed
text, fails here.  The help pages are read through ``main``, as a user gets them.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest

from parrules import cli_help
from parrules.argparse_vi import VI as ARGPARSE_VI
from parrules.cli import build_parser, main
from parrules.cli_help import EXAMPLES, EXIT_STATUS, subparsers
from parrules.wording_vi_help import HELP


def _parser_texts(parser: argparse.ArgumentParser) -> Iterator[str]:
    """The texts one parser holds: its description and every action's help (the command list's too)."""
    if parser.description:
        yield parser.description
    for action in parser._actions:
        if isinstance(action.help, str) and action.help != argparse.SUPPRESS:
            yield action.help
        for choice in getattr(action, "_choices_actions", ()):
            if choice.help:
                yield choice.help


def _english() -> dict[str, list[str]]:
    """Every English text of the help, per command ("" for the program), from a parser built in English."""
    parser = build_parser(lang="en")
    texts = {"": list(_parser_texts(parser))}
    for name, command in subparsers(parser).choices.items():
        texts[name] = list(_parser_texts(command))
    for name, examples in EXAMPLES.items():
        texts.setdefault(name, []).extend(["examples:", *(note for _, note in examples if note)])
    texts[""].append(EXIT_STATUS)
    return texts


ENGLISH = _english()
COMMANDS = sorted(name for name in ENGLISH if name)
OURS = {text for texts in ENGLISH.values() for text in texts if text not in ARGPARSE_VI}


def _help(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    with pytest.raises(SystemExit) as stop:
        main([*words, "--help"])
    assert stop.value.code == 0
    return capsys.readouterr().out


def _flat(text: str) -> str:
    """Whitespace (argparse's line breaks) as single spaces; ``%%`` as the ``%`` argparse shows."""
    return " ".join(text.replace("%%", "%").split())


# ---------------------------------------------------------------- the catalogue


def test_every_text_of_the_parser_has_its_vietnamese() -> None:
    missing = sorted(OURS - set(HELP))
    assert not missing, f"help texts without a Vietnamese entry in parrules.wording_vi_help: {missing}"


def test_the_catalogue_has_no_stale_entry() -> None:
    stale = sorted(set(HELP) - OURS)
    assert not stale, f"entries of parrules.wording_vi_help that no help shows any more: {stale}"


def test_every_command_is_collected_from_the_parser() -> None:
    """The commands come from the parser, so a new command is checked without editing this file."""
    assert set(COMMANDS) == set(subparsers(build_parser()).choices)
    assert {"score", "explain", "completion"} <= set(COMMANDS)
    assert all(ENGLISH[name] for name in COMMANDS)


def _metavars() -> set[str]:
    parser = build_parser(lang="en")
    return {
        str(action.metavar)
        for command in [parser, *subparsers(parser).choices.values()]
        for action in command._actions
        if isinstance(action.metavar, str)
    }


def test_every_argument_says_what_it_is() -> None:
    """No blank line in a help page: every argument of every command has its help text."""
    parser = build_parser(lang="en")
    for command in [parser, *subparsers(parser).choices.values()]:
        for action in command._actions:
            assert action.help, (command.prog, action.option_strings or action.metavar)


_KEPT = re.compile(
    r"%\(\w+\)[sdr]|%%|--[a-z][a-z-]*|\b[\w./*-]+\.(?:par|py|csv|xlsx|json|toml|md)\b|\b(?:"
    + "|".join(sorted(_metavars(), key=len, reverse=True))
    + r")\b"
)


@pytest.mark.parametrize("english", sorted(HELP))
def test_a_translation_keeps_placeholders_options_and_names(english: str) -> None:
    """``%(default)s``, ``%%``, option names, metavars (FILE) and file names are typed as shown: kept."""
    vietnamese = HELP[english]
    assert sorted(_KEPT.findall(vietnamese)) == sorted(_KEPT.findall(english)), (english, vietnamese)
    assert vietnamese != english
    assert vietnamese.strip() == vietnamese and "  " not in vietnamese


# ---------------------------------------------------------------- the help pages


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_vietnamese_help_has_no_english_sentence(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    shown = _flat(_help(capsys, *([name] if name else [])))
    for english in ENGLISH[name]:
        vietnamese = HELP.get(english) or ARGPARSE_VI[english]
        assert _flat(english) not in shown, (name, english)
        assert _flat(vietnamese).lower() in shown.lower(), (name, vietnamese)
    # argparse's own words too (its headings, -h, --version): said in Vietnamese
    for english in ("usage:", "positional arguments", "options:", "show this help", "show program's version"):
        assert english not in shown, (name, english)


_ENGLISH_WORDS = re.compile(r"\b(?:the|of|and|with|for|default|when|to|from|is|each|every|one)\b")


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_vietnamese_help_has_no_english_word(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A net under the catalogue: the page's prose, without the usage and the example command
    lines (typed as they are), holds none of English's commonest words."""
    monkeypatch.setenv("COLUMNS", "100")
    page = _help(capsys, *([name] if name else []))
    prose = page.split("\n\n", 1)[1]  # past the usage
    prose = "\n".join(line for line in prose.replace(" \\\n", " ").splitlines() if "parrules " not in line)
    assert not _ENGLISH_WORDS.findall(prose), (name, _ENGLISH_WORDS.findall(prose))


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_english_help_is_the_source_text(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With --lang en (anywhere on the line) every text is shown as cli.py and cli_help.py write it."""
    monkeypatch.setenv("COLUMNS", "100")
    words = [name] if name else []
    for shown in (_help(capsys, *words, "--lang", "en"), _help(capsys, "--lang=en", *words)):
        flat = _flat(shown)
        assert flat.startswith("usage: parrules") and "options:" in flat
        for english in ENGLISH[name]:
            assert _flat(english).lower() in flat.lower(), (name, english)
            if english in HELP:
                assert _flat(HELP[english]) not in flat, (name, HELP[english])


def test_a_few_vietnamese_texts_read_as_written(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Checked by eye at 80 columns (docs/cli.md); pinned here as a reader sees them."""
    monkeypatch.setenv("COLUMNS", "80")
    score = _help(capsys, "score")
    assert score.startswith("cách dùng: parrules score [-h]")
    assert "\nChấm điểm mọi đơn vị trong một tệp dữ liệu; in bảng xếp hạng.\n" in score
    assert "\ntham số vị trí:\n  RULESET               một tệp .par hoặc tên một bộ chỉ số có sẵn\n" in score
    assert "  --sheet NAME          trang tính XLSX cần đọc (mặc định: trang đầu tiên)\n" in score
    assert "\nví dụ:\n  parrules score national-2022 examples/ha-giang-2022.csv\n  # kết quả dưới dạng sổ tính Excel\n" in score
    top = _help(capsys)
    assert re.search(r"\n    explain +cách tính điểm của một đơn vị\n", top)
    assert re.search(r"\n  --version +hiện số phiên bản rồi thoát\n", top)
    assert re.search(r"\n  --lang \{vi,en\} +ngôn ngữ đầu ra: vi tiếng Việt, en tiếng Anh \(mặc định: vi\)\n", top)
    assert "\nmã thoát: 0 thành công; 1 lệnh tìm thấy điều nó tìm (dòng bị loại, khác biệt," in top
    fractions = _help(capsys, "explain")
    assert "ghi dạng phân số: 0,8441 là 84,41%\n" in fractions  # argparse's %% shown as one %


def test_python_m_parrules_helps_in_vietnamese_and_in_english() -> None:
    def run(*words: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "parrules", *words], capture_output=True, check=False, env={"COLUMNS": "80"}
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.decode("utf-8")

    assert "\nCách tính điểm của một đơn vị.\n" in run("explain", "--help")
    assert "\nHow a unit's score was derived.\n" in run("explain", "--help", "--lang", "en")


def test_no_command_prints_the_help_in_the_runs_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    vi = capsys.readouterr().out
    assert vi.startswith("cách dùng: parrules") and "\nví dụ:\n" in vi and "\ntùy chọn:\n" in vi
    assert main(["--lang", "en"]) == 2
    en = capsys.readouterr().out
    assert en.startswith("usage: parrules") and "\nexamples:\n" in en


# ---------------------------------------------------------------- wrapped to the terminal


@pytest.mark.parametrize("columns", [60, 120])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_help_fits_the_terminal(
    columns: int, lang: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    widest = 0
    for name in ["", *COMMANDS]:
        page = _help(capsys, *([name] if name else []), "--lang", lang)
        for line in page.splitlines():
            assert len(line) <= columns, (name, line)
            widest = max(widest, len(line))
        # a wrapped example still pastes as its command: the continued lines join back to it
        shown = page.replace(" \\\n", " ").splitlines()
        for command, _ in EXAMPLES[name]:
            assert any(" ".join(line.split()) == command for line in shown), (name, command)
    assert widest > columns - 20  # the width is used, not argparse's 80 columns


def test_a_long_example_breaks_between_shell_words() -> None:
    command = 'parrules explain national-2022 examples/ha-giang-2022.csv --unit "Tỉnh Hà Giang" --node 7.3.6'
    lines = cli_help._wrap_help(f"  # a note that is long enough to be wrapped at forty columns\n  {command}", 40)
    assert lines == [
        "  # a note that is long enough to be",
        "  # wrapped at forty columns",
        "  parrules explain national-2022 \\",
        "      examples/ha-giang-2022.csv \\",
        '      --unit "Tỉnh Hà Giang" \\',
        "      --node 7.3.6",  # an option stays with its value
    ]


# ---------------------------------------------------------------- completion, start-up


@pytest.mark.parametrize(("lang", "said"), [("vi", "Chấm điểm mọi đơn vị"), ("en", "Score every unit")])
def test_completion_scripts_describe_in_the_runs_language(
    lang: str, said: str, capsys: pytest.CaptureFixture[str], tmp_path: object
) -> None:
    assert main(["completion", "zsh", "--lang", lang]) == 0
    zsh = capsys.readouterr().out
    assert zsh.startswith("#compdef parrules") and f"score:'{said}" in zsh
    assert re.search(r'":[^"]*:_files"', zsh)  # RULESET still completes files, whatever its description
    assert main(["completion", "bash", "--lang", lang]) == 0
    bash = capsys.readouterr().out
    done = subprocess.run(["bash", "-n"], input=bash.encode(), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr


def test_a_run_without_help_never_reads_the_help_catalogue() -> None:
    """The texts are swapped only when shown: `parrules list` imports no catalogue of help."""
    code = (
        "import sys, parrules.cli\nparrules.cli.main(['list'])\n"
        "print('parrules.wording_vi_help' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "False"
