"""The ``parrules`` command: list, check, template, score, explain.

Exit status: 0 success; 1 when a ruleset check found errors or some data rows
were rejected (every other row is still scored); 2 for a user error (missing
file, unknown ruleset/unit/node, a ruleset that does not load), printed as one
line plus the located diagnostic, never a traceback.

Everything the commands print goes through ``safe_text.terminal`` (the streams
are wrapped in ``main``): a unit name, a ruleset title or a file name holding
``ESC [ 2 J`` or U+202E is shown as ``\x1b[2J`` or ``\u202e``, never obeyed.
Table cells are neutralised before that by the writers of ``parrules.report``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from . import __version__, cli_help, report
from .argparse_vi import speaking
from .errors import InputError, NotFound, ParrulesError, RulesetError
from .messages import DEFAULT_LANG
from .messages import text as msg
from .safe_text import for_terminal, terminal
from .system_words import os_reason
from .wording import said, sentence

if TYPE_CHECKING:
    from . import io as data_io
    from .stream import StreamRun

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2

# Start-up (docs/performance.md): a command imports what it needs inside its function, so
# `parrules list` never loads babel, openpyxl, matplotlib or tqdm (tests/test_startup.py).
# parrules.io is not imported by every command, hence its decimal styles are repeated here (a test keeps them equal).
DECIMAL_STYLES = ("comma", "dot")


class UsageError(Exception):
    """Bad command-line arguments (argparse would otherwise exit on its own)."""


class ShownText:
    """A text stream that writes every control, format and bidi character as its escape (``safe_text.terminal``).

    Newlines and tabs stay.  The one guard between what the commands print and
    the terminal: no message, however it was built, can move the cursor, clear
    the screen, set the window title or reorder a line.
    """

    def __init__(self, raw: TextIO):
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(terminal(text))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any):
        # every parser's help formatter, from its first argument on: argparse's own, which
        # add_argument makes to check each argument, imports shutil for the terminal's width
        kwargs.setdefault("formatter_class", cli_help.HelpFormatter)
        super().__init__(*args, **kwargs)

    def format_help(self) -> str:
        cli_help.prepare(self)  # the examples, and the texts in the run's language, only when shown
        return super().format_help()

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def _add_data_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("data", metavar="DATA", help="units' data: .csv, .xlsx or .json, one row per unit; - for stdin")
    p.add_argument(
        "--decimal",
        choices=DECIMAL_STYLES,
        default="comma",
        help="number format of text cells: comma = Vietnamese 1.050 / 84,41 (default); dot = 1050 / 84.41",
    )
    p.add_argument("--unit-column", metavar="HEADER", help="header of the unit-name column (default: unit / Đơn vị)")
    p.add_argument("--sheet", metavar="NAME", help="XLSX sheet to read (default: the first)")
    p.add_argument("--delimiter", metavar="CHAR", help="CSV delimiter (default: guessed from the header: , ; or tab)")
    _add_fractions_options(p)


def _add_fractions_options(p: argparse.ArgumentParser) -> None:
    how = p.add_mutually_exclusive_group()  # a percent column whose values all lie in 0..1 (D211)
    how.add_argument(
        "--fractions",
        action="store_const",
        const=True,
        default=None,
        help="a percent column whose values all lie in 0..1 holds fractions: 0,8441 is 84.41 %%",
    )
    how.add_argument(
        "--no-fractions",
        dest="fractions",
        action="store_const",
        const=False,
        help="such a column holds percents as written: 0,8441 is 0.8441 %%",
    )


class _OneCommand:
    """The subcommands action while one command runs: only that command's parser is built.

    Building the parsers of all commands (their options, help texts and examples) was a
    tenth of ``parrules score``'s start-up (docs/performance.md); the others are dropped
    unbuilt.  ``main`` uses it only when the first word names a command."""

    def __init__(self, sub: Any, command: str):
        self._sub, self._command = sub, command

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        return self._sub.add_parser(name, **kwargs) if name == self._command else _Unbuilt()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sub, name)


class _Unbuilt:
    """A command's parser that is not built: whatever is added to it is dropped."""

    def add_argument(self, *args: Any, **kwargs: Any) -> None:
        return None

    def add_mutually_exclusive_group(self, *args: Any, **kwargs: Any) -> _Unbuilt:
        return self

    add_argument_group = add_mutually_exclusive_group


def build_parser(command: str | None = None, lang: str = DEFAULT_LANG) -> argparse.ArgumentParser:
    """The command line's parser; with ``command``, only that command's (start-up: ``main``).

    ``lang``: the language of its help (parrules.wording_vi_help), swapped in when shown."""
    parser = _Parser(prog="parrules", description="Score Vietnam's PAR Index (Chỉ số CCHC) from ruleset files.")
    parser.add_argument("--version", action="version", version=f"parrules {__version__}")
    sub: Any = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    if command is not None:
        sub = _OneCommand(sub, command)

    sub.add_parser("list", help="the rulesets shipped with parrules")

    p = sub.add_parser("check", help="check a ruleset; print warnings and errors with file:line:col")
    p.add_argument("ruleset", metavar="RULESET", help="a .par file or a shipped ruleset's name")

    p = sub.add_parser("template", help="write an empty data file (one column per input) for a ruleset")
    p.add_argument("ruleset", metavar="RULESET")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="data.xlsx or data.csv")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    p = sub.add_parser(
        "compile", help="write the standalone Python module (standard library only) of a ruleset, for portals"
    )
    p.add_argument("ruleset", metavar="RULESET")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the module to write, e.g. par_2022.py")

    p = sub.add_parser("score", help="score every unit of a data file; ranked table")
    p.add_argument("ruleset", metavar="RULESET")
    _add_data_options(p)
    p.add_argument("--format", choices=report.FORMATS, default="table", help="output format (default: table)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the result to FILE (required for xlsx)")
    p.add_argument("--lang", choices=report.LANGS, default="vi", help="headers and number format (default: vi)")
    _add_progress_option(p)

    p = sub.add_parser("explain", help="how a unit's score was derived")
    p.add_argument("ruleset", metavar="RULESET")
    _add_data_options(p)
    p.add_argument("--unit", required=True, metavar="NAME", help="the unit (as in the unit-name column)")
    p.add_argument("--node", metavar="CODE", help="one node, e.g. 3.4.1 (default: every node)")
    p.add_argument("--lost", action="store_true", help="list points lost per leaf, largest first, with the agency")
    p.add_argument("--lang", choices=report.LANGS, default="vi")
    p.add_argument(
        "--sensitivity", action="store_true", help="points each leaf gains per unit of each of its inputs (re-scored)"
    )

    p = sub.add_parser("diff", help="what changed between two rulesets; with --data, who changes class or rank")
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p.add_argument("--format", choices=("text", "md", "json"), default="text", help="output format (default: text)")
    p.add_argument("--data", metavar="DATA", help="score these units under both rulesets; list who changes class or rank")
    p.add_argument("--decimal", choices=DECIMAL_STYLES, default="comma", help="as for score")
    p.add_argument("--unit-column", metavar="HEADER", help="as for score")
    p.add_argument("--sheet", metavar="NAME", help="as for score")
    p.add_argument("--delimiter", metavar="CHAR", help="as for score")
    _add_fractions_options(p)
    p = sub.add_parser("fmt", help="print a ruleset in canonical layout (comments kept)")
    p.add_argument("ruleset", metavar="RULESET")
    how = p.add_mutually_exclusive_group()
    how.add_argument("-w", "--write", action="store_true", help="rewrite the file in place")
    how.add_argument("--check", action="store_true", help="exit 1 when the file is not in canonical layout")
    sub.add_parser("lsp", help="a language server on stdin/stdout: an editor checks rulesets as you type")
    p = sub.add_parser("compare", help="two years' results side by side: points, index, rank, class and changes")
    p.add_argument("old", metavar="OLD_RESULTS", help="last year's results (.csv, .xlsx or .json, as score writes); - for stdin")
    p.add_argument("new", metavar="NEW_RESULTS", help="this year's results; - for stdin")
    p.add_argument("--format", choices=("table", "csv", "md", "json"), default="table", help="output format (default: table)")
    p.add_argument("--lang", choices=report.LANGS, default="vi", help="headers and number format (default: vi)")
    p.add_argument("--aliases", metavar="FILE", help="CSV old_name,new_name pairing units whose names differ")
    p.add_argument(
        "--decimal",
        choices=("auto", "comma", "dot"),
        default="auto",
        help="decimal mark of text cells (default auto: comma if any number has one, else dot)",
    )

    p = sub.add_parser("audit", help="recompute a published table; list the cells that differ")
    p.add_argument("ruleset", metavar="RULESET")
    p.add_argument("published", metavar="PUBLISHED_TABLE", help="CSV: unit, code, published; or unit + one column per code; - for stdin")
    p.add_argument("--data", required=True, metavar="DATA", help="the units' inputs, as score reads them")
    p.add_argument("--aliases", metavar="FILE", help="TOML or CSV: published name -> the data's name")
    p.add_argument("--communes", metavar="FILE", help="CSV district,class: the communes' classes (downgrade rule)")
    p.add_argument("--decimal", choices=DECIMAL_STYLES, default="comma", help="as for score")
    p.add_argument("--unit-column", metavar="HEADER", help="as for score")
    p.add_argument("--sheet", metavar="NAME", help="as for score")
    p.add_argument("--delimiter", metavar="CHAR", help="as for score")
    _add_fractions_options(p)
    p.add_argument("--lang", choices=report.LANGS, default="vi", help="headers and number format (default: vi)")
    _add_report_parser(sub)
    _add_test_parser(sub)
    _add_web_parsers(sub)
    _add_appendix_parser(sub)
    _add_whatif_parser(sub)
    _add_plan_parser(sub)
    cli_help.finish(parser, lang)  # --lang and examples on every command; `completion`
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (the console script exits with it)."""
    out, err = cast(TextIO, ShownText(sys.stdout)), cast(TextIO, ShownText(sys.stderr))
    words = list(argv) if argv is not None else sys.argv[1:]
    lang = cli_help.lang_of(words)  # the language of the words around an error, before argparse has read it
    try:
        # the first word names the command: only its parser is built (else all, for help and errors)
        with speaking(lang):  # argparse's own words (usage errors) in the run's language
            args = build_parser(words[0] if words and words[0] in COMMANDS else None, lang).parse_args(words)
        if args.command is None:
            with speaking(lang):
                build_parser(lang=lang).print_help(out)
            return EXIT_USAGE
        handler = COMMANDS[args.command]
        _note_shadowing(args, err)
        return handler(args, out, err)
    except UsageError as exc:
        print(exc, file=err)
        return EXIT_USAGE
    except RulesetError as exc:
        print(msg("ruleset_unusable", lang, n=len(exc.diagnostics)), file=err)
        for d in exc.diagnostics:
            print(d.render(lang), file=err)
        return EXIT_USAGE
    except ParrulesError as exc:
        print(msg("error", lang, message=exc.say(lang)), file=err)
        return EXIT_USAGE
    except BrokenPipeError:  # output piped into `head` and the like
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:  # pragma: no cover
            pass
        return EXIT_OK
    except OSError as exc:
        where = f" {exc.filename!r}" if getattr(exc, "filename", None) else ""
        print(msg("cannot_use", lang, where=where, why=said(os_reason(exc), lang)), file=err)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(msg("interrupted", lang), file=err)
        return 130


def _note_shadowing(args: argparse.Namespace, err: TextIO) -> None:
    """A ruleset name finds ./NAME.par before the shipped ruleset NAME; say so when it does."""
    from .ruleset import shadowed

    for attr in ("ruleset", "old", "new"):
        name = getattr(args, attr, None)
        if isinstance(name, str) and args.command != "compare":
            local = shadowed(name)
            if local is not None:
                print(msg("shadows", args.lang, name=name, local=local), file=err)


# ---------------------------------------------------------------- commands


def cmd_list(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .ruleset import load_header, shipped

    names = shipped()
    if not names:
        print(msg("none_shipped", args.lang), file=out)
        return EXIT_OK
    for name in names:
        try:
            header = load_header(name)  # checked, not compiled: only the header is printed
            print(f"{name:<28} {header.year or '':<5} {header.level or '':<11} {for_terminal(header.title)}", file=out)
        except ParrulesError as exc:
            first = exc.diagnostics[0].render(args.lang) if isinstance(exc, RulesetError) else exc.say(args.lang)
            print(f"{name:<28} {msg('does_not_load', args.lang, why=first.splitlines()[0])}", file=out)
    return EXIT_OK


def cmd_fmt(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .render import comments_of, format_ruleset
    from .ruleset import read

    ast, text, path = read(args.ruleset)  # a file that is no ruleset: E195, its text never shown
    formatted = format_ruleset(ast, comments_of(text))
    if args.check:
        if formatted == text:
            return EXIT_OK
        print(msg("not_canonical", args.lang, path=path), file=err)
        return 1
    if args.write:
        Path(path).write_text(formatted, encoding="utf-8")
        print(msg("formatted", args.lang, path=path), file=err)
        return EXIT_OK
    out.write(formatted)
    return EXIT_OK


def cmd_lsp(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The language server (docs/editor.md); pygls is the optional ``editor`` extra."""
    try:
        from .lsp import main as serve
    except ImportError as exc:
        print(msg("lsp_needs", args.lang, why=exc), file=err)
        return EXIT_USAGE
    serve()
    return EXIT_OK


def cmd_diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Exit 0 when the rulesets do not differ, 1 when they do, 2 for an error."""
    from . import io as data_io
    from .diff import diff_rulesets, format_diff, impact
    from .ruleset import load

    old, new = load(args.old), load(args.new)
    changes = diff_rulesets(old, new)
    effect = None
    if args.data:
        runs = []
        for rs, side in ((old, "OLD"), (new, "NEW")):
            data = _read_data(args, rs)
            run = data_io.score_data(rs, data)
            for rejected in run.rejected:
                print(f"{msg(side, args.lang)} ({getattr(args, side.lower())}): {rejected.render(args.lang)}", file=err)
            runs.append(run)
        effect = impact(old, new, runs[0].cards, runs[1].cards)
    out.write(format_diff(changes, args.format, args.old, args.new, effect, args.lang, cli_help.width()))
    return EXIT_REJECTED if changes else EXIT_OK


def cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .ruleset import load

    try:
        rs = load(args.ruleset)
    except RulesetError as exc:
        for d in exc.diagnostics:
            print(d.render(args.lang), file=out)
        print(msg("check_errors", args.lang, n=len(exc.diagnostics)), file=out)
        return EXIT_REJECTED
    for d in rs.warnings:
        print(d.render(args.lang), file=out)
    print(
        msg("check_ok", args.lang, path=rs.path, title=rs.title, year=rs.header.year or "",
            level=rs.header.level or "", inputs=len(rs.inputs), nodes=len(rs.codes), warnings=len(rs.warnings)),
        file=out,
    )  # fmt: skip
    return EXIT_OK


def cmd_template(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from . import io as data_io
    from .ruleset import load

    rs = load(args.ruleset)
    if cli_help.is_stdio(args.output):  # -o -: the CSV template on standard output
        import tempfile

        from .workbook import write_template

        with tempfile.TemporaryDirectory(prefix="parrules-") as folder:
            write_template(rs, Path(folder) / "template.csv")
            out.write((Path(folder) / "template.csv").read_text(encoding="utf-8-sig"))
        return EXIT_OK
    _refuse_to_overwrite_inputs(args, rs.files)  # even with --force: it overwrites an output, never an input
    target = Path(args.output)
    if target.exists() and not args.force:
        raise data_io.DataError(msg("exists", args.lang, path=str(target)))
    from .workbook import write_template

    write_template(rs, target)
    print(msg("wrote_template", args.lang, path=target, n=len(rs.inputs)), file=err)
    return EXIT_OK


def cmd_compile(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The complete standalone module (docs/standalone.md): ASCII, so written as it is."""
    from .ruleset import load

    rs = load(args.ruleset)
    if cli_help.is_stdio(args.output):
        out.write(rs.to_source())
        return EXIT_OK
    _refuse_to_overwrite_inputs(args, rs.files)
    Path(args.output).write_text(rs.to_source(), encoding="utf-8")
    print(msg("wrote_module", args.lang, path=args.output, n=len(rs.codes)), file=err)
    return EXIT_OK


def _refuse_to_overwrite_inputs(args: argparse.Namespace, inputs: Sequence[str | Path]) -> None:
    """-o FILE must not be one of the command's inputs (the data, the ruleset, a parent it extends).

    Compared as files, not as names: ``./DATA.csv``, a symlink or a hard link to the data is
    the data.  Checked before anything is written, with exit status 2."""
    output = getattr(args, "output", None)
    if not output or cli_help.is_stdio(output):  # -o -: standard output is no input
        return
    for source in inputs:
        try:
            same = os.path.samefile(output, source)
        except (OSError, ValueError):  # the output does not exist yet (or cannot be a file): not an input
            continue
        if same:
            raise UsageError(msg("refuse_input", args.lang, command=args.command, output=output, source=source))


def _read(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from .ruleset import load

    if not cli_help.is_stdio(args.data):
        _refuse_to_overwrite_inputs(args, [args.data])  # before anything is read or written
    rs = load(args.ruleset)
    _refuse_to_overwrite_inputs(args, rs.files)
    return rs, _read_data(args, rs)


def _read_data(args: argparse.Namespace, rs: Any) -> data_io.DataSet:
    """The units of ``args.data`` for ``rs``, read with the command's reading options."""
    from . import io as data_io

    return data_io.read_data(
        cli_help.stdin_file(args, _scratch) if cli_help.is_stdio(args.data) else args.data,
        rs,
        unit_column=args.unit_column,
        decimal=args.decimal,
        sheet=args.sheet,
        delimiter=args.delimiter,
        fractions=args.fractions,
    )


def _scratch() -> Path:
    """A folder for this process's scratch files (standard input kept as a file), removed at exit."""
    import atexit
    import shutil
    import tempfile

    folder = tempfile.mkdtemp(prefix="parrules-")
    atexit.register(shutil.rmtree, folder, True)
    return Path(folder)


def _write_output(args: argparse.Namespace, text: str, out: TextIO, encoding: str = "utf-8") -> None:
    """The command's result to -o FILE, or to standard output for ``-o -`` (no BOM there)."""
    if cli_help.is_stdio(args.output):
        out.write(text)
    else:
        Path(args.output).write_text(text, encoding=encoding)


def _finish(args: argparse.Namespace, data: data_io.DataSet, run: data_io.ScoreRun | StreamRun, err: TextIO) -> int:
    """What score and report tell on stderr after a batch, and their exit status."""
    if data.rows_read == 0:
        print(msg("warning", args.lang, message=msg("no_units", args.lang, path=args.data)), file=err)
    for warning in data.warnings:
        print(msg("warning", args.lang, message=said(warning, args.lang)), file=err)
    for rejected in run.rejected:
        print(rejected.render(args.lang), file=err)
    if args.output and not cli_help.is_stdio(args.output):
        print(msg("wrote", args.lang, path=args.output), file=err)
    print(run.summary(args.lang), file=err)
    return EXIT_REJECTED if run.rejected else EXIT_OK


def _html(args: argparse.Namespace, rs: Any, run: data_io.ScoreRun, title: str | None, when: Any) -> str:
    """The self-contained HTML page of a scored batch (score --format html and report)."""
    return report.html_report(
        rs,
        run.cards,
        run.rejected,
        lang=args.lang,
        title=title,
        date=when,
        source="stdin" if cli_help.is_stdio(args.data) else Path(args.data).name,
        summary=run.summary(args.lang),
        letterhead=getattr(args, "letterhead", ()),
    )


def cmd_score(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from . import io as data_io
    from .aggregate import standings

    if args.format == "xlsx" and not args.output:
        raise UsageError(msg("xlsx_needs_output", args.lang))
    if args.format in ("csv", "json", "md", "table"):  # read, scored and written in chunks (parrules.stream)
        done = _score_streamed(args, out, err)
        if done is not None:
            return done
    rs, data = _read(args)
    run = data_io.score_data(rs, data, progress=_progress(args, err))
    table = report.standings_table(rs, standings(rs, run.cards), args.lang)
    if args.format == "xlsx":  # ranking, node points, points lost, rejected rows and run details
        from .workbook import write_results

        when = _report_date(None, args.lang)
        if cli_help.is_stdio(args.output):  # -o -: the workbook's bytes on standard output
            target = _scratch() / "results.xlsx"
            write_results(rs, run.cards, target, run.rejected, lang=args.lang, date=when, source=args.data)
            cli_help.write_bytes_out(out, target.read_bytes())
        else:
            write_results(rs, run.cards, args.output, run.rejected, lang=args.lang, date=when, source=args.data)
    else:
        if args.format == "html":  # the same page as `parrules report`
            text = _html(args, rs, run, None, _report_date(None, args.lang))
        else:
            text = report.render(table, args.format, args.lang, rs, None if args.output else cli_help.width())
        if args.output:
            _write_output(args, text, out, "utf-8-sig" if args.format == "csv" else "utf-8")
        else:
            out.write(text)
    return _finish(args, data, run, err)


def _score_streamed(args: argparse.Namespace, out: TextIO, err: TextIO) -> int | None:
    """score --format csv/json/md/table of a CSV, XLSX or JSON file through parrules.stream
    (columns, in chunks); None for another kind of file, which the rows' path reads."""
    from . import io as data_io
    from . import limits
    from .ruleset import load

    if not cli_help.is_stdio(args.data):
        _refuse_to_overwrite_inputs(args, [args.data])
    path = cli_help.stdin_file(args, _scratch) if cli_help.is_stdio(args.data) else Path(args.data)
    if path.suffix.lower() not in (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".json"):
        return None
    if args.format != "csv" and (not path.is_file() or path.stat().st_size < limits.STREAM_MIN_BYTES):
        return None  # a small file: the rows' path writes the same text, without numpy's import (and
        # a missing one is refused there, after the ruleset is read, as before)
    if cli_help.is_stdio(args.data) and path.stat().st_size > data_io.MAX_DATA_BYTES:
        return None  # standard input is kept up to that bound only: the whole-file reader refuses it
    from .stream import score_file  # numpy and the columns' modules: only for a streamed run

    rs = load(args.ruleset)
    _refuse_to_overwrite_inputs(args, rs.files)
    options = dict(
        fmt=args.format,
        lang=args.lang,
        unit_column=args.unit_column,
        decimal=args.decimal,
        delimiter=args.delimiter,
        fractions=args.fractions,
        sheet=args.sheet,
        columns=None if args.output else cli_help.width(),
        progress=_chunk_progress(args, err),
    )
    if args.output and not cli_help.is_stdio(args.output):
        with open(args.output, "w", encoding="utf-8-sig" if args.format == "csv" else "utf-8") as target:
            run = score_file(rs, path, target, **options)
    else:
        run = score_file(rs, path, out, **options)
    return _finish(args, run.data, run, err)


def _find_unit(args: argparse.Namespace, data: Any, err: TextIO) -> Any:
    """The row of ``--unit`` for explain, whatif and plan: None (its rejection printed) when the
    row was rejected; NotFound, listing some units, when the file has no such unit."""
    found = data.find(args.unit)
    if found is not None:
        return found
    rejected = data.rejected_unit(args.unit)
    if rejected is not None:
        print(rejected.render(args.lang), file=err)
        return None
    known = [u.unit for u in data.units]
    shown = ", ".join(repr(k) for k in known[:8]) + (" ..." if len(known) > 8 else "")
    raise NotFound(msg("no_unit", args.lang, unit=args.unit, path=args.data, shown=shown or msg("none", args.lang)))


def cmd_explain(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    rs, data = _read(args)
    found = _find_unit(args, data, err)
    if found is None:
        return EXIT_REJECTED
    if args.node is not None:
        rs.position(args.node)  # NotFound for an unknown code, before scoring
    try:
        card = rs.evaluate(found.inputs, unit=found.unit)
    except InputError as exc:
        from .problems import every_problem  # every problem of the unit, not just the first

        for problem in every_problem(rs, found.inputs, first=exc):
            print(problem.located(unit=found.unit, row=found.row).render(args.lang), file=err)
        return EXIT_REJECTED
    if getattr(args, "sensitivity", False):
        return _print_sensitivity(rs, card, args, out)
    if args.lost:
        table = report.lost_table(card, args.lang)
        if not table.rows:
            print(msg("no_points_lost", args.lang, unit=for_terminal(found.unit)), file=out)
        else:
            print(report.render_text(table, "table", args.lang, rs, columns=cli_help.width()), file=out)
        if args.node is None:
            return EXIT_OK
        print(file=out)
    from .explain import explain

    print(cli_help.wrap_lines(explain(card, args.node, args.lang)), file=out)
    return EXIT_OK


def _table_input(args: argparse.Namespace, name: str) -> str:
    """A table named on the command line; ``-`` is standard input (kept in a file, read once a run)."""
    return str(cli_help.stdin_file(args, _scratch)) if cli_help.is_stdio(name) else name


def cmd_compare(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .compare import compare_results, comparison_table, read_aliases, read_results

    if cli_help.is_stdio(args.old) and cli_help.is_stdio(args.new):
        raise UsageError(msg("one_stdin", args.lang, command="compare"))
    aliases = read_aliases(args.aliases) if args.aliases else None
    old = read_results(_table_input(args, args.old), decimal=args.decimal)  # `-`: standard input
    new = read_results(_table_input(args, args.new), decimal=args.decimal)
    comparison = compare_results(old, new, aliases)
    table = comparison_table(comparison, args.lang)
    out.write(report.render(table, args.format, args.lang, columns=cli_help.width()))
    for warning in comparison.warnings:
        print(msg("warning", args.lang, message=said(warning, args.lang)), file=err)
    for side, names in (("OLD", comparison.unmatched_old), ("NEW", comparison.unmatched_new)):
        if names:
            shown = "; ".join(repr(name) for name in names)
            only = msg("only_in", args.lang, n=len(names), side=msg(side, args.lang), path=getattr(args, side.lower()), shown=shown)
            print(msg("warning", args.lang, message=only), file=err)
    print(
        msg("matched", args.lang, matched=len(comparison.matched), old=len(comparison.unmatched_old),
            new=len(comparison.unmatched_new)),
        file=err,
    )  # fmt: skip
    # 1 when a unit could not be paired (as score's 1 for a rejected row): the table is complete,
    # but a unit's change is missing until an alias pairs it (docs/cli.md, exit status)
    return EXIT_REJECTED if comparison.unmatched_old or comparison.unmatched_new else EXIT_OK


def cmd_audit(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from . import io as data_io
    from .audit import audit, findings_table, read_aliases, read_members, read_published

    if cli_help.is_stdio(args.published) and cli_help.is_stdio(args.data):
        raise UsageError(msg("one_stdin", args.lang, command="audit"))
    rs, data = _read(args)
    ignored: list[str] = []
    published = read_published(_table_input(args, args.published), rs, ignored)  # `-`: standard input
    if ignored:
        shown = ", ".join(repr(name) for name in ignored)
        not_audited = sentence(
            "not audited, no code: column(s) {shown} (name a column total, index, rank ...)", shown=shown
        )
        print(msg("warning", args.lang, message=not_audited.say(args.lang)), file=err)
    aliases = read_aliases(args.aliases) if args.aliases else None
    members = read_members(args.communes) if args.communes else None
    run = data_io.score_data(rs, data)
    for rejected in run.rejected:
        print(rejected.render(args.lang), file=err)
    findings = audit(rs, run.cards, published, aliases=aliases, members=members)
    if findings:
        shown = report.render_text(findings_table(findings, args.lang), "table", args.lang, rs, cli_help.width())
        out.write(shown + "\n")
    differ = sum(not f.is_note for f in findings)
    notes = len(findings) - differ
    summary = msg("audited", args.lang, n=len(published), m=differ)
    print(summary + (msg("audit_notes", args.lang, k=notes) if notes else ""), file=out)
    return EXIT_REJECTED if differ else EXIT_OK


# ---------------------------------------------------------------- report, progress


def _add_progress_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress bar (it is shown on a terminal only, when scoring takes more than a second)",
    )


def _add_report_parser(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("report", help="one self-contained HTML page: ranked table, charts, points lost")
    p.add_argument("ruleset", metavar="RULESET")
    _add_data_options(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the HTML file to write")
    p.add_argument("--lang", choices=report.LANGS, default="vi", help="headers and number format (default: vi)")
    p.add_argument("--title", metavar="TEXT", help="the page heading (default: the ruleset's title)")
    p.add_argument(
        "--letterhead",
        action="append",
        default=[],
        metavar="TEXT",
        help='a line of the issuing body above the heading, repeatable: --letterhead "UBND TỈNH ..." '
        '--letterhead "SỞ NỘI VỤ"',
    )
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="the report's date (default: SOURCE_DATE_EPOCH when set, else today)",
    )
    _add_progress_option(p)


def _bar_options(args: argparse.Namespace, err: TextIO) -> dict[str, Any] | None:
    """tqdm's options for a progress bar of this run, or None when none is shown.

    Shown only on a terminal (never when stderr is captured or piped, never with CI set),
    not with --no-progress; its words in the run's language.
    """
    if getattr(args, "no_progress", False) or os.environ.get("CI"):
        return None
    try:
        if not err.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    lang = getattr(args, "lang", "vi")
    bar_stream = err.raw if isinstance(err, ShownText) else err  # the bar's own \r, not shown as text
    return {"file": bar_stream, "unit": msg("unit_word", lang), "desc": msg("scoring", lang), "leave": False}


def _progress(args: argparse.Namespace, err: TextIO):  # type: ignore[no-untyped-def]
    """A wrapper showing a tqdm bar while units are scored, or None (``_bar_options``): at
    once for more than 2,000 units, otherwise after one second."""
    options = _bar_options(args, err)
    if options is None:
        return None

    def wrap(units):  # type: ignore[no-untyped-def]
        from tqdm import tqdm

        total = len(units) if hasattr(units, "__len__") else None
        delay = 0.0 if total is not None and total > 2000 else 1.0
        return tqdm(units, total=total, delay=delay, **options)

    return wrap


def _chunk_progress(args: argparse.Namespace, err: TextIO) -> Callable[[Iterable[Any]], Iterator[Any]] | None:
    """The same bar for a streamed score (parrules.stream): counts the units of each chunk
    read (the file's length in units is not known ahead); shown after one second."""
    options = _bar_options(args, err)
    if options is None:
        return None

    def wrap(chunks: Iterable[Any]) -> Iterator[Any]:
        from tqdm import tqdm

        with tqdm(total=None, delay=1.0, **options) as bar:
            for chunk in chunks:
                yield chunk
                bar.update(len(chunk.rows) + len(chunk.others))

    return wrap


def _report_date(text: str | None, lang: str = "vi") -> Any:
    import datetime

    if text is not None:
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise UsageError(msg("bad_date", lang, text=text)) from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise UsageError(msg("bad_epoch", lang, epoch=epoch)) from None
    return datetime.date.today()


def cmd_report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from . import io as data_io

    when = _report_date(args.date, args.lang)
    rs, data = _read(args)
    run = data_io.score_data(rs, data, progress=_progress(args, err))
    _write_output(args, _html(args, rs, run, args.title, when), out)
    return _finish(args, data, run, err)


# ---------------------------------------------------------------- test (worked examples)


def _add_test_parser(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("test", help="run the worked examples (case files) of a ruleset; exit 1 when one fails")
    p.add_argument("ruleset", metavar="RULESET")
    p.add_argument(
        "cases",
        metavar="CASES",
        nargs="*",
        help="case files (.toml; default: NAME.cases.toml and cases/NAME*.toml beside the ruleset)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print only the failing cases and the summary")


def cmd_test(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .cases import CaseFileError, default_cases, read_cases, run_cases, summary
    from .ruleset import load

    rs = load(args.ruleset)
    files = [Path(f) for f in args.cases] or default_cases(rs)
    if not files:
        raise UsageError(msg("no_cases", args.lang, ruleset=args.ruleset, stem=Path(rs.path).stem))
    results = []
    for path in files:
        try:
            cases = read_cases(path, rs)
        except CaseFileError as exc:  # the case file is wrong, not the ruleset: located, exit 2
            print(msg("case_file_unusable", args.lang, path=path, n=len(exc.diagnostics)), file=err)
            for d in exc.diagnostics:
                print(d.render(args.lang), file=err)
            return EXIT_USAGE
        for result in run_cases(rs, cases):
            results.append(result)
            if not result.passed or not args.quiet:
                print(cli_help.wrap_lines(result.report(args.lang)), file=out)
    print(summary(results, args.lang), file=out)
    return EXIT_OK if all(r.passed for r in results) else EXIT_REJECTED

# ---------------------------------------------------------------- schema, serve (issue 13)


def _add_web_parsers(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("schema", help="JSON Schema (2020-12) of a ruleset's inputs and results, for front ends")
    p.add_argument("ruleset", metavar="RULESET")
    p.add_argument("--part", choices=("all", "input", "result"), default="all", help="which schema (default: both)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the schema to FILE")
    p = sub.add_parser("serve", help="the scoring service: an HTTP API (JSON) over the rulesets named")
    p.add_argument("rulesets", nargs="*", metavar="RULESET", help="rulesets served (default: every shipped one)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    p.add_argument("--static", metavar="DIR", help="also serve the files of DIR at / (e.g. docs/portal)")
    p.add_argument(
        "--allow-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="a web origin whose pages may call the API from the browser (CORS); repeatable",
    )


def cmd_schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .ruleset import load
    from .schema import dumps, schemas

    rs = load(args.ruleset)
    name = Path(args.ruleset).stem if args.ruleset.endswith(".par") else args.ruleset
    data = schemas(rs, name)
    text = dumps(data if args.part == "all" else data[args.part], indent=2) + "\n"
    if args.output:
        _refuse_to_overwrite_inputs(args, rs.files)
        _write_output(args, text, out)
        if not cli_help.is_stdio(args.output):
            print(msg("wrote", args.lang, path=args.output), file=err)
    else:
        out.write(text)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        from .serve import load_rulesets, serve
    except ImportError as exc:  # starlette / uvicorn not installed
        raise UsageError(msg("serve_needs", args.lang, why=exc)) from None
    if args.static is not None and not Path(args.static).is_dir():
        raise UsageError(msg("not_a_folder", args.lang, path=args.static))
    rulesets = load_rulesets(args.rulesets)

    def announce(url: str, names: list[str]) -> None:
        print(msg("serving", args.lang, url=url, n=len(names), names=", ".join(names)), file=out)
        out.flush()

    serve(
        rulesets,
        host=args.host,
        port=args.port,
        static=args.static,
        announce=announce,
        allow_origins=args.allow_origin,
    )
    return EXIT_OK


# ---------------------------------------------------------------- whatif, explain --sensitivity (issue 11)


def _add_whatif_parser(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("whatif", help="a unit's card before and after changing inputs, node by node, with derivations")
    p.add_argument("ruleset", metavar="RULESET")
    _add_data_options(p)
    p.add_argument("--unit", required=True, metavar="NAME", help="the unit (as in the unit-name column)")
    p.add_argument(
        "--set",
        dest="changes",
        action="append",
        required=True,
        metavar="NAME=VALUE",
        help="an input's new value, read as a data cell (--decimal); repeatable: --set on_time_dept=66.186",
    )
    p.add_argument("--format", choices=("text", "json", "md"), default="text", help="output format (default: text)")
    p.add_argument("--lang", choices=report.LANGS, default="vi", help="headers and number format (default: vi)")


def cmd_whatif(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Exit 0 with the changes shown; 1 when the unit or the changed inputs cannot be scored."""
    from . import io as data_io
    from .problems import every_problem
    from .whatif import read_changes, what_if, with_ranks
    from .whatif_report import format_whatif

    rs, data = _read(args)
    found = _find_unit(args, data, err)
    if found is None:
        return EXIT_REJECTED
    try:
        changes = read_changes(rs, args.changes, args.decimal, found.unit)
    except ValueError as exc:  # raised with its sentence (parrules.wording)
        raise UsageError(f"parrules whatif: {said(exc.args[0] if exc.args else str(exc), args.lang)}") from None
    except InputError as exc:
        print(exc.render(args.lang), file=err)
        return EXIT_REJECTED
    try:
        result = what_if(rs, found.inputs, changes, found.unit)
    except InputError as exc:
        after = {**found.inputs, **changes}
        try:
            rs.evaluate(found.inputs, found.unit)
        except InputError:  # the unit's own data: every problem of it, as explain says them
            after = found.inputs
        for problem in every_problem(rs, after, first=exc):
            print(problem.located(unit=found.unit, row=found.row).render(args.lang), file=err)
        return EXIT_REJECTED
    peers = data_io.score_data(rs, data).cards
    out.write(format_whatif(with_ranks(result, peers), args.format, args.lang))
    return EXIT_OK


def _print_sensitivity(rs: Any, card: Any, args: argparse.Namespace, out: TextIO) -> int:
    from .whatif import sensitivity
    from .whatif_report import sensitivity_table

    rows = sensitivity(rs, card.inputs, card.unit)
    if args.node is not None:
        rows = [r for r in rows if r.leaf == args.node or r.leaf.startswith(args.node + ".")]
    shown = report.render_text(sensitivity_table(rows, args.lang), "table", args.lang, None, cli_help.width())
    print(shown, file=out)
    return EXIT_OK


# ---------------------------------------------------------------- appendix (issue 11)


def _add_appendix_parser(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("appendix", help="the ruleset as the decision's appendix: criteria, maxima, scoring methods")
    p.add_argument("ruleset", metavar="RULESET")
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="bo-tieu-chi.docx, .html or .md; - for Markdown on stdout"
    )
    p.add_argument("--format", choices=("md", "html", "docx"), help="the format (default: from FILE's suffix)")


def cmd_appendix(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from . import appendix
    from .ruleset import load

    fmt = args.format or ("md" if args.output == "-" else appendix.format_of(args.output))
    if fmt is None:
        raise UsageError(msg("appendix_format", args.lang, output=args.output))
    if args.output == "-" and fmt == "docx":
        raise UsageError(msg("appendix_stdout", args.lang))
    rs = load(args.ruleset)
    _refuse_to_overwrite_inputs(args, rs.files)
    try:
        document = appendix.render(appendix.build(rs), fmt)
    except ImportError:  # python-docx (the docx extra) is not installed
        raise UsageError(msg("appendix_docx", args.lang)) from None
    if args.output == "-":
        out.write(str(document))
        return EXIT_OK
    if isinstance(document, bytes):
        Path(args.output).write_bytes(document)
    else:
        Path(args.output).write_text(document, encoding="utf-8")
    print(msg("wrote_appendix", args.lang, path=args.output, n=len(rs.codes), title=rs.title), file=err)
    return EXIT_OK


def cmd_completion(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The shell's completion script (shtab, made from this parser: every command and option)."""
    out.write(cli_help.completion(build_parser(lang=args.lang), args.shell))
    return EXIT_OK


# ---------------------------------------------------------------- plan (issue 11)


def _add_plan_parser(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("plan", help="the least-cost changes to a unit's inputs that reach a class, a total or a gain")
    p.add_argument("ruleset", metavar="RULESET")
    _add_data_options(p)
    p.add_argument("--unit", required=True, metavar="NAME", help="the unit (as in the unit-name column)")
    goal = p.add_mutually_exclusive_group(required=True)
    goal.add_argument("--target", metavar="CLASS", help='a class to reach (or better), e.g. "Nhóm A"')
    goal.add_argument("--total", metavar="POINTS", help="a total to reach, e.g. 85")
    goal.add_argument("--gain", metavar="POINTS", help="points to gain, e.g. 2")
    p.add_argument("--costs", metavar="FILE", help="TOML: cost per unit, change cost, fixed, min, max per input")
    p.add_argument("--format", choices=("text", "json", "md"), default="text", help="output format (default: text)")


def _goal_number(text: str | None, decimal: str) -> Decimal | str | None:
    """``--total``/``--gain`` read as a data cell is (``--decimal``: 0,5 on a Vietnamese run); a text
    that is no number in that style is left to plan, which reads it with a point or says why not."""
    if text is None:
        return None
    from .io import parse_number  # the one way to read a number

    try:
        return parse_number(text, decimal)
    except ValueError:
        return text


def cmd_plan(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Exit 0 when the plan reaches the target, 1 when it cannot (the best reachable is shown)."""
    from .plan import CostFileError, format_plan, plan, read_costs

    rs, data = _read(args)
    found = _find_unit(args, data, err)
    if found is None:
        return EXIT_REJECTED
    try:
        costs = read_costs(args.costs, rs) if args.costs else None
    except CostFileError as exc:  # the cost file is wrong, not the ruleset: located, exit 2
        print(msg("file_unusable", args.lang, path=args.costs, n=len(exc.diagnostics)), file=err)
        for d in exc.diagnostics:
            print(d.render(args.lang), file=err)
        return EXIT_USAGE
    total, gain = (_goal_number(text, args.decimal) for text in (args.total, args.gain))
    try:
        result = plan(rs, found.inputs, target=args.target, total=total, gain=gain, costs=costs, unit=found.unit)
    except InputError as exc:
        print(exc.located(unit=found.unit, row=found.row).render(args.lang), file=err)
        return EXIT_REJECTED if exc.code not in ("D212", "D213") else EXIT_USAGE
    out.write(format_plan(result, args.format, args.lang))
    return EXIT_OK if result.reached else EXIT_REJECTED


COMMANDS = {
    "list": cmd_list,
    "check": cmd_check,
    "template": cmd_template,
    "compile": cmd_compile,
    "score": cmd_score,
    "explain": cmd_explain,
    "diff": cmd_diff,
    "fmt": cmd_fmt,
    "lsp": cmd_lsp,
    "compare": cmd_compare,
    "audit": cmd_audit,
    "report": cmd_report,
    "test": cmd_test,
    "schema": cmd_schema,
    "serve": cmd_serve,
    "whatif": cmd_whatif,
    "plan": cmd_plan,
    "appendix": cmd_appendix,
    "completion": cmd_completion,
}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
