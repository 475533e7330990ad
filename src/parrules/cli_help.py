"""The conventions every ``parrules`` command shares, kept out of the commands themselves.

``parrules.cli`` builds one subparser per command; ``finish`` then gives each the
same things, whoever added the command: ``--lang vi|en`` (default Vietnamese),
its summary as its description, worked examples at the foot of ``--help`` and a
formatter that wraps the page to the terminal.  When a page is shown, ``prepare``
puts its texts in the run's language (parrules.wording_vi_help, keyed by the
English written in parrules.cli and here); a run that shows no help skips both.
Also here: ``-`` for standard input and output, long lines wrapped to the
terminal, and the shell completion script (``parrules completion bash|zsh``,
made by shtab from the parser itself, so it never lags behind a new option).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from .messages import DEFAULT_LANG, LANGS

STDIO = "-"

# Worked examples at the foot of each command's --help (files of examples/ and shipped rulesets):
# (command line, note); the note, in English, is a key of parrules.wording_vi_help like every help text.
Example = tuple[str, str]
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "": (
        ("parrules list", "the rulesets shipped with parrules"),
        ("parrules score national-2022 examples/ha-giang-2022.csv", "score the units of a data file; ranked table"),
        (
            'parrules explain national-2022 examples/ha-giang-2022.csv --unit "Tỉnh Hà Giang" --node 7.3.6',
            "how a unit's node 7.3.6 was scored",
        ),
        ("parrules COMMAND --help", "options and examples of one command"),
    ),
    "list": (("parrules list", ""),),
    "check": (
        ("parrules check national-2022", ""),
        ("parrules check my-province-2024.par --lang en", "a ruleset of your own, the messages in English"),
    ),
    "template": (
        ("parrules template national-2022 -o data-2024.xlsx", "a workbook to fill in"),
        ("parrules template national-2022 -o - > data-2024.csv", "CSV on standard output"),
    ),
    "compile": (
        ("parrules compile national-2022 -o par_2022.py", ""),
        ("parrules compile national-2022 -o -", "the module on standard output"),
    ),
    "score": (
        ("parrules score national-2022 examples/ha-giang-2022.csv", ""),
        ("parrules score national-2022 data.xlsx --format xlsx -o results.xlsx", "the results as a workbook"),
        ("parrules score national-2022 data.csv --format csv -o -", "CSV on standard output"),
        ("cat data.csv | parrules score national-2022 - --lang en --format json", "data from standard input; JSON, in English"),
    ),
    "explain": (
        (
            'parrules explain national-2022 examples/ha-giang-2022.csv --unit "Tỉnh Hà Giang" --node 7.3.6',
            "the derivation of one node",
        ),
        (
            'parrules explain national-2022 examples/ha-giang-2022.csv --unit "Tỉnh Hà Giang" --lost',
            "the points lost, largest first",
        ),
        (
            'parrules explain national-2022 - --unit "Tỉnh Hà Giang" --lang en < data.csv',
            "data from standard input, in English",
        ),
    ),
    "diff": (
        ("parrules diff national-2021 national-2022", "the rules that changed"),
        ("parrules diff national-2021 national-2022 --format md", "as Markdown"),
        (
            "parrules diff old.par new.par --data examples/ha-giang-2022.csv --format json",
            "who changes class or rank, as JSON",
        ),
    ),
    "fmt": (
        ("parrules fmt my-province-2024.par", "print the canonical layout"),
        ("parrules fmt -w my-province-2024.par", "rewrite the file in place"),
        ("parrules fmt --check my-province-2024.par", "exit 1 when the file is not in canonical layout"),
    ),
    "lsp": (("parrules lsp", "started by an editor: docs/editor.md"),),
    "compare": (
        ("parrules compare 2022.csv 2023.csv", ""),
        (
            "parrules compare 2022.csv 2023.csv --aliases ten-don-vi.csv --format md",
            "units whose names differ paired by an alias file; Markdown",
        ),
    ),
    "audit": (
        (
            "parrules audit national-2022 tests/data/ha_giang_2022_published.csv --data examples/ha-giang-2022.csv",
            "recompute Hà Giang's published table from its data",
        ),
    ),
    "report": (
        ("parrules report national-2022 examples/ha-giang-2022.csv -o report.html", ""),
        (
            'parrules report bac-kan-2023-districts data.xlsx -o - --letterhead "UBND TỈNH BẮC KẠN" > report.html',
            "the page on standard output, under a letterhead",
        ),
    ),
    "test": (
        ("parrules test national-2022", ""),
        ("parrules test my-province-2024.par cases/my-province-2024.toml -q", "print only the failing cases"),
    ),
    "schema": (
        ("parrules schema national-2022 --part input", "the inputs' schema only"),
        ("parrules schema national-2022 -o national-2022.schema.json", "both schemas to a file"),
    ),
    "serve": (
        ("parrules serve --port 8000", "every shipped ruleset on port 8000"),
        ("parrules serve national-2022 --static docs/portal", "the web portal's pages too"),
    ),
    "whatif": (
        (
            'parrules whatif national-2022 examples/ha-giang-2022.csv --unit "Tỉnh Hà Giang" --set online_full_rate=60',
            "the card if 60 % of the services were online full-process",
        ),
        (
            'parrules whatif national-2022 examples/ha-giang-2022.csv --unit "Tỉnh Hà Giang" --set ndxp_in_use=15 '
            "--format json",
            "as JSON",
        ),
    ),
    "plan": (
        (
            'parrules plan national-2022 examples/ha-giang-2022.csv --unit "Tỉnh Hà Giang" --target "Nhóm A"',
            "the least-cost way to class Nhóm A",
        ),
        (
            'parrules plan national-2022 examples/ha-giang-2022.csv --unit "Tỉnh Hà Giang" --gain 2 --costs chi-phi.toml',
            "2 points more, at the costs of a cost file",
        ),
    ),
    "appendix": (
        ("parrules appendix national-2022 -o bo-tieu-chi.docx", "a Word document"),
        ("parrules appendix national-2022 -o bo-tieu-chi.html", "an HTML page"),
        ("parrules appendix my-province-2024.par -o - > bo-tieu-chi.md", "Markdown on standard output"),
    ),
    "completion": (
        (
            "parrules completion bash > ~/.local/share/bash-completion/completions/parrules",
            "bash: the script where bash-completion finds it",
        ),
        ("parrules completion zsh > ~/.zfunc/_parrules", "zsh: with fpath+=~/.zfunc before compinit"),
    ),
}
EXIT_STATUS = (
    "exit status: 0 success; 1 found what the command looks for (rejected rows, differences, "
    "a failing case, check errors); 2 user error (docs/cli.md)"
)
# positionals that name a ruleset and were given no help= (the same words for every command)
PLACEHOLDER_HELP = {
    "RULESET": "a .par file or a shipped ruleset's name",
    "OLD": "the old ruleset: a .par file or a shipped ruleset's name",
    "NEW": "the new ruleset: a .par file or a shipped ruleset's name",
}


def finish(parser: argparse.ArgumentParser, lang: str = DEFAULT_LANG) -> None:
    """Give every command ``--lang``, a description and its examples; add ``completion``.

    ``lang`` is the language the help will be shown in: kept on each parser, the texts
    are swapped only when a help page is shown (``prepare``)."""
    sub = subparsers(parser)
    p = sub.add_parser("completion", help="print the shell completion script: bash or zsh")
    p.add_argument("shell", choices=("bash", "zsh"), help="the shell")
    summaries = {choice.dest: choice.help for choice in sub._choices_actions}
    sub.help = sub.help or "one of the commands below; parrules COMMAND --help shows its options and examples"
    parser.add_argument(
        "--lang", action=_LangBeforeCommand, choices=LANGS, default=argparse.SUPPRESS,
        help="language of the output (default: vi)",
    )  # fmt: skip
    parser._help_of = ""  # type: ignore[attr-defined]
    parser._help_lang = lang  # type: ignore[attr-defined]
    for name, command in sub.choices.items():
        if not any("--lang" in action.option_strings for action in command._actions):
            command.add_argument(
                "--lang", choices=LANGS, default=DEFAULT_LANG, help="language of the output (default: vi)"
            )
        for action in command._actions:
            if action.help is None and not action.option_strings and action.metavar in PLACEHOLDER_HELP:
                action.help = PLACEHOLDER_HELP[str(action.metavar)]
            elif action.help is None and "--lang" in action.option_strings:
                action.help = "language of the output (default: vi)"
        if command.description is None:
            command.description = summaries.get(name)
        command._help_of = name  # type: ignore[attr-defined]
        command._help_lang = lang  # type: ignore[attr-defined]


class _LangBeforeCommand(argparse.Action):
    """``parrules --lang en COMMAND ...``: the language given before the command is the command's.

    argparse lets a subcommand's defaults overwrite what the program's options set, so the
    value becomes the default of the command's own ``--lang`` (given after the command, it wins)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any, option: Any = None) -> None:
        setattr(namespace, self.dest, values)
        for command in subparsers(parser).choices.values():
            for action in command._actions:
                if "--lang" in action.option_strings:
                    action.default = values


def prepare(parser: argparse.ArgumentParser) -> None:
    """Before ``parser``'s help is shown: its examples, and every text in the help's language.

    Done once, when a help page or a completion script is made, so a run that shows no help
    never builds the examples nor imports the catalogue (start-up, docs/performance.md)."""
    name = getattr(parser, "_help_of", None)
    lang = getattr(parser, "_help_lang", "en")
    if name is None or getattr(parser, "_help_ready", False):
        return
    parser._help_ready = True  # type: ignore[attr-defined]
    if name in EXAMPLES and not parser.epilog:
        parser.epilog = examples(name, lang)
    if lang == "en":
        if name and parser.description:
            parser.description = sentence_of(parser.description)
        return
    from .argparse_vi import VI
    from .wording_vi_help import HELP

    def said(text: Any) -> Any:
        return HELP.get(text) or VI.get(text) or text if isinstance(text, str) else text

    parser.description = said(parser.description)
    if name and parser.description:  # a command's summary, shown above its options as a sentence
        parser.description = sentence_of(parser.description)
    for action in parser._actions:
        action.help = said(action.help)
        for choice in getattr(action, "_choices_actions", ()):
            choice.help = said(choice.help)


def sentence_of(summary: str) -> str:
    """A command's summary (``score every unit ...``) as its help's description: capital, full stop."""
    return summary[:1].upper() + summary[1:] + ("" if summary.endswith(".") else ".")


def examples(name: str, lang: str = "en") -> str:
    """The foot of ``name``'s help (``""``: the program's): its examples, each under its note."""
    words: dict[str, str] = {}
    if lang != "en":
        from .wording_vi_help import HELP as words

    def said(text: str) -> str:
        return words.get(text, text)

    lines = [said("examples:")]
    for command, note in EXAMPLES[name]:
        if note:
            lines.append(f"  # {said(note)}")
        lines.append(f"  {command}")
    if name == "":
        lines.append(said(EXIT_STATUS))
    return "\n".join(lines)


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help, wrapped to ``width()`` (the terminal's, ``COLUMNS``), examples included.

    argparse wraps the options' help; the description and the examples are wrapped here:
    a note continues as ``# ...``, a command line breaks between shell words with `` \\``
    (so a wrapped example can still be pasted into a shell), any other line under its text."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        if width is None:  # argparse's own margin of 2 columns
            width = _columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)

    def _format_usage(self, usage: Any, actions: Any, groups: Any, prefix: Any) -> str:
        """argparse keeps a group of options (``(--target CLASS | --total POINTS | ...)``) on one
        line, however long; such a line is broken at its spaces, under the usage's indent."""
        import textwrap  # here: only help and wrapped output need it (start-up)

        text = super()._format_usage(usage, actions, groups, prefix)
        lines = []
        for line in text.rstrip("\n").split("\n"):
            indent = line[: len(line) - len(line.lstrip(" "))] if line.startswith(" ") else ""
            if len(line) <= self._width or not indent:
                lines.append(line)
            else:
                lines.extend(textwrap.wrap(line, self._width, initial_indent=indent, subsequent_indent=indent))
        return "\n".join(lines) + "\n\n"

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "".join(indent + line + "\n" for line in _wrap_help(text, max(width, 20)))


def _columns() -> int:
    """The help's width: the terminal's (``COLUMNS``), or 80 columns in a pipe, as argparse does."""
    return width() or terminal_columns(80)


def terminal_columns(fallback: int) -> int:
    """``shutil.get_terminal_size(...).columns`` without importing shutil (it loads bz2, lzma and
    fnmatch: a tenth of a command's start-up, docs/performance.md): ``COLUMNS`` when a positive
    number, else the terminal's width of the real standard output, else ``fallback``."""
    import os

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else fallback


_SHELL_WORD = re.compile(r"""(?:"[^"]*"|'[^']*'|\S)+""")


def _option_words(words: list[str]) -> list[str]:
    """Shell words with each option kept beside its value (``--unit "Tỉnh Hà Giang"``, ``> file``)."""
    out: list[str] = []
    for word in words:
        takes_value = out and (out[-1] in (">", "<", "|") or (out[-1].startswith("-") and len(out[-1]) > 1))
        if takes_value and " " not in out[-1] and not (word.startswith("-") and len(word) > 1):
            out[-1] += " " + word
        else:
            out.append(word)
    return out


def _wrap_help(text: str, limit: int) -> list[str]:
    import textwrap  # here: only help and wrapped output need it (start-up)

    out: list[str] = []
    for line in text.splitlines():
        if len(line) <= limit:
            out.append(line)
            continue
        lead = line[: len(line) - len(line.lstrip(" "))]
        body = line.lstrip(" ")
        if lead and body.startswith("# "):  # an example's note
            out.extend(textwrap.wrap(body[2:], limit, initial_indent=lead + "# ", subsequent_indent=lead + "# "))
        elif lead:  # an example's command line: shell words, continued with a backslash
            current = lead
            for word in _option_words(_SHELL_WORD.findall(body)):
                if current.strip() and len(current) + 1 + len(word) + 2 > limit:
                    out.append(current + " \\")
                    current = lead + "    " + word
                else:
                    current = current + (" " if current.strip() else "") + word
            out.append(current)
        else:
            out.extend(textwrap.wrap(line, limit, break_long_words=False) or [line])
    return out


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
        prepare(command)  # the options' descriptions (zsh shows them) in the run's language
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
        from .wording import sentence

        raise OSError(sentence("standard output takes no binary data here; write the workbook to a file with -o FILE"))
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
    return max(40, terminal_columns(80))


def wrap_lines(text: str, columns: int | None = None) -> str:
    """Every line longer than the terminal wrapped at word boundaries, continued under its text.

    A continuation is indented like its line's text (plus two spaces), so a derivation's
    steps and a diff's entries stay readable; a line without spaces to break at is kept.
    Nothing is wrapped when there is no width (output to a file or a pipe)."""
    import textwrap  # here: only help and wrapped output need it (start-up)

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
    import textwrap  # here: only help and wrapped output need it (start-up)

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
