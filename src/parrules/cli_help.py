"""The conventions every ``parrules`` command shares, kept out of the commands themselves.

``parrules.cli`` builds one subparser per command; ``finish`` then gives each the
same things, whoever added the command: ``--lang vi|en`` (default Vietnamese),
worked examples at the foot of ``--help`` and a formatter that keeps their lines.
Also here: ``-`` for standard input and output, long lines wrapped to the
terminal, and the shell completion script (``parrules completion bash|zsh``,
made by shtab from the parser itself, so it never lags behind a new option).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from .messages import DEFAULT_LANG, LANGS

STDIO = "-"

# Worked examples at the foot of each command's --help (files of examples/ and shipped rulesets).
EXAMPLES: dict[str, str] = {
    "": """\
examples:
  parrules list
  parrules score national-2022 examples/ha-giang-2022.csv
  parrules explain national-2022 examples/ha-giang-2022.csv --unit "Tỉnh Hà Giang" --node 7.3.6
  parrules COMMAND --help          options and examples of one command
exit status: 0 success; 1 found what the command looks for (rejected rows, differences,
a failing case, check errors); 2 user error (docs/cli.md)""",
    "list": """\
examples:
  parrules list""",
    "check": """\
examples:
  parrules check national-2022
  parrules check my-province-2024.par --lang en""",
    "template": """\
examples:
  parrules template national-2022 -o data-2024.xlsx
  parrules template national-2022 -o - > data-2024.csv   (CSV on standard output)""",
    "compile": """\
examples:
  parrules compile national-2022 -o par_2022.py
  parrules compile national-2022 -o -""",
    "score": """\
examples:
  parrules score national-2022 examples/ha-giang-2022.csv
  parrules score national-2022 data.xlsx --format xlsx -o results.xlsx
  parrules score national-2022 data.csv --format csv -o -            (CSV on standard output)
  cat data.csv | parrules score national-2022 - --lang en --format json""",
    "explain": """\
examples:
  parrules explain national-2022 examples/ha-giang-2022.csv --unit "Tỉnh Hà Giang" --node 7.3.6
  parrules explain national-2022 examples/ha-giang-2022.csv --unit "Tỉnh Hà Giang" --lost
  parrules explain national-2022 - --unit "Tỉnh Hà Giang" --lang en < data.csv""",
    "diff": """\
examples:
  parrules diff national-2021 national-2022
  parrules diff national-2021 national-2022 --format md
  parrules diff old.par new.par --data examples/ha-giang-2022.csv --format json""",
    "fmt": """\
examples:
  parrules fmt my-province-2024.par
  parrules fmt -w my-province-2024.par
  parrules fmt --check my-province-2024.par""",
    "lsp": """\
examples:
  parrules lsp                     (started by an editor: docs/editor.md)""",
    "compare": """\
examples:
  parrules compare 2022.csv 2023.csv
  parrules compare 2022.csv 2023.csv --aliases ten-don-vi.csv --format md""",
    "audit": """\
examples:
  parrules audit national-2022 tests/data/ha_giang_2022_published.csv --data examples/ha-giang-2022.csv""",
    "report": """\
examples:
  parrules report national-2022 examples/ha-giang-2022.csv -o report.html
  parrules report bac-kan-2023-districts data.xlsx -o - --letterhead "UBND TỈNH BẮC KẠN" > report.html""",
    "test": """\
examples:
  parrules test national-2022
  parrules test my-province-2024.par cases/my-province-2024.toml -q""",
    "schema": """\
examples:
  parrules schema national-2022 --part input
  parrules schema national-2022 -o national-2022.schema.json""",
    "serve": """\
examples:
  parrules serve national-2022 --port 8000
  parrules serve --static docs/portal""",
    "whatif": """\
examples:
  parrules whatif national-2022 examples/ha-giang-2022.csv --unit "Tỉnh Hà Giang" --set online_full_rate=60
  parrules whatif national-2022 examples/ha-giang-2022.csv --unit "Tỉnh Hà Giang" --set ndxp_in_use=15 --format json""",
    "plan": """\
examples:
  parrules plan national-2022 examples/ha-giang-2022.csv --unit "Tỉnh Hà Giang" --target "Nhóm A"
  parrules plan national-2022 examples/ha-giang-2022.csv --unit "Tỉnh Hà Giang" --gain 2 --costs chi-phi.toml""",
    "appendix": """\
examples:
  parrules appendix national-2022 -o bo-tieu-chi.docx
  parrules appendix national-2022 -o bo-tieu-chi.html
  parrules appendix my-province-2024.par -o - > bo-tieu-chi.md""",
    "completion": """\
examples:
  parrules completion bash > ~/.local/share/bash-completion/completions/parrules
  parrules completion zsh > ~/.zfunc/_parrules      (with fpath+=~/.zfunc before compinit)""",
}


def finish(parser: argparse.ArgumentParser) -> None:
    """Give every command ``--lang`` and its examples; add ``completion``."""
    sub = subparsers(parser)
    p = sub.add_parser("completion", help="print the shell completion script: bash or zsh")
    p.add_argument("shell", choices=("bash", "zsh"), help="the shell")
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EXAMPLES[""]
    for name, command in sub.choices.items():
        if not any("--lang" in action.option_strings for action in command._actions):
            command.add_argument(
                "--lang", choices=LANGS, default=DEFAULT_LANG, help="language of the output (default: vi)"
            )
        command.formatter_class = argparse.RawDescriptionHelpFormatter
        if name in EXAMPLES and not command.epilog:
            command.epilog = EXAMPLES[name]


def subparsers(parser: argparse.ArgumentParser) -> Any:
    """The parser's subcommands action (``sub.choices`` maps each name to its parser)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise LookupError("the parser has no commands")  # pragma: no cover - build_parser adds them


def lang_of(argv: list[str]) -> str:
    """The language asked for on a command line argparse could not read (its error still needs words)."""
    for i, word in enumerate(argv):
        if word.startswith("--lang="):
            return word.split("=", 1)[1] if word.split("=", 1)[1] in LANGS else DEFAULT_LANG
        if word == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            return argv[i + 1]
    return DEFAULT_LANG


# ---------------------------------------------------------------- completion


# what shtab completes an argument's value with: files for these metavars (shtab.FILE, shtab.DIR)
_FILE = {"bash": "_shtab_compgen_files", "zsh": "_files", "tcsh": "f"}
_DIR = {"bash": "_shtab_compgen_dirs", "zsh": "_files -/", "tcsh": "d"}
_FILE_METAVARS = {"RULESET", "DATA", "FILE", "OLD", "NEW", "OLD_RESULTS", "NEW_RESULTS", "PUBLISHED_TABLE", "CASES"}


def completion(parser: argparse.ArgumentParser, shell: str) -> str:
    """The completion script of ``shell`` for the whole command line (shtab, from the parser itself)."""
    import shtab

    for command in [parser, *subparsers(parser).choices.values()]:
        for action in command._actions:
            if action.metavar in _FILE_METAVARS:
                action.complete = _FILE  # type: ignore[attr-defined]
            elif action.metavar == "DIR":
                action.complete = _DIR  # type: ignore[attr-defined]
    return str(shtab.complete(parser, shell=shell))


# ---------------------------------------------------------------- standard input and output


def is_stdio(name: object) -> bool:
    return name == STDIO


def stdin_file(args: argparse.Namespace, folder: Callable[[], Path]) -> Path:
    """``DATA`` given as ``-``: standard input, kept in a file of ``folder()`` named for its format.

    The reader chooses CSV, XLSX or JSON by a file's suffix; standard input has none, so
    its first bytes decide: a zip archive (``PK``) is a workbook, ``{`` or ``[`` JSON,
    anything else CSV.  Read once per run (``diff --data -`` reads the data twice)."""
    from .io import MAX_DATA_BYTES

    kept = getattr(args, "_stdin_path", None)
    if kept is not None:
        return Path(kept)
    data = sys.stdin.buffer.read(MAX_DATA_BYTES + 1)  # one byte more: the reader refuses it as too big
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:2]
    suffix = ".xlsx" if head == b"PK" else ".json" if head[:1] in (b"{", b"[") else ".csv"
    path = folder() / f"stdin{suffix}"
    path.write_bytes(data)
    args._stdin_path = str(path)
    return path


def write_bytes_out(out: TextIO, data: bytes) -> None:
    """Binary output (a workbook) to standard output, past the text wrapper."""
    raw = getattr(out, "raw", out)
    buffer = getattr(raw, "buffer", None)
    if buffer is None:
        raise OSError("standard output takes no binary data here; write the workbook to a file with -o FILE")
    raw.flush()
    buffer.write(data)
    buffer.flush()


# ---------------------------------------------------------------- long lines


def width() -> int | None:
    """The width to wrap to: ``COLUMNS`` when set, else the terminal's when stdout is one.

    None (no wrapping) when the output goes to a file or a pipe: a program reading it gets
    every row on one line."""
    import os

    if not os.environ.get("COLUMNS", "").strip().isdigit():
        try:
            if not sys.stdout.isatty():
                return None
        except (AttributeError, ValueError):
            return None
    return max(40, shutil.get_terminal_size((80, 24)).columns)


def wrap_lines(text: str, columns: int | None = None) -> str:
    """Every line longer than the terminal wrapped at word boundaries, continued under its text.

    A continuation is indented like its line's text (plus two spaces), so a derivation's
    steps and a diff's entries stay readable; a line without spaces to break at is kept.
    Nothing is wrapped when there is no width (output to a file or a pipe)."""
    limit = columns or width()
    if limit is None:
        return text
    out = []
    for line in text.split("\n"):
        if len(line) <= limit:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip(" "))]
        out.extend(
            textwrap.wrap(
                line,
                width=limit,
                subsequent_indent=indent + "  ",
                break_long_words=False,
                break_on_hyphens=False,
                drop_whitespace=True,
            )
            or [line]
        )
    return "\n".join(out)


def column_widths(widths: list[int], wrappable: list[bool], columns: int | None = None, gap: int = 2) -> list[int | None]:
    """Widths to give tabulate's ``maxcolwidths`` so a table fits the terminal.

    Only the wrappable (text) columns are narrowed, the widest first, never below 10
    characters; number columns keep their width, so a table stays a table."""
    floor = 10
    limit = columns or width() or sum(widths) + gap * len(widths)
    shown = list(widths)
    total = sum(shown) + gap * (len(shown) - 1)
    while total > limit:
        candidates = [i for i, w in enumerate(shown) if wrappable[i] and w > floor]
        if not candidates:
            break
        i = max(candidates, key=lambda k: shown[k])  # one character at a time from the widest: balanced
        shown[i] -= 1
        total -= 1
    return [w if w != widths[i] else None for i, w in enumerate(shown)]


def header_widths(
    headers: list[str], data: list[int], limits: list[int | None], wrappable: list[bool], columns: int | None = None
) -> list[int | None]:
    """``maxheadercolwidths`` for a table still too wide once its text columns are narrowed.

    A number column is as wide as its header ("Tăng/giảm chỉ số") plus tabulate's padding
    of 2 when the header is the wider; that header may wrap, at words, down to the width
    of the column's numbers.  Text columns keep ``limits``."""
    limit = columns or width() or sum(data) + sum(map(len, headers)) + 2 * len(headers)

    def shown(i: int, head: int) -> int:
        if wrappable[i]:
            return limits[i] or max(len(headers[i]) + 2, data[i])
        return max(head + 2, data[i])

    heads = [len(h) for h in headers]
    total = sum(shown(i, heads[i]) for i in range(len(heads))) + 2 * (len(heads) - 1)
    out: list[int | None] = list(limits)
    for i in sorted(range(len(heads)), key=lambda k: heads[k] - data[k], reverse=True):
        if total <= limit or wrappable[i]:
            continue
        words = max(len(word) for word in headers[i].split())  # never a word cut in two
        two_lines = next(
            w for w in range(words, heads[i] + 1) if len(textwrap.wrap(headers[i], w, break_long_words=False)) <= 2
        )
        floor = max(data[i] - 2, two_lines)
        if floor < heads[i]:
            before = shown(i, heads[i])
            out[i] = floor
            total -= before - shown(i, floor)
    return out
