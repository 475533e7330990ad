"""``parrules lsp``: a language server, so an editor checks a ruleset as it is typed.

The server adds no checking of its own: every diagnostic is the one ``parrules check``
gives (parse -> resolve -> check, through ``ruleset.loads`` with the document's own path,
so ``extends "NAME"`` finds the parent beside the file), moved to the 0-based ranges of
the Language Server Protocol.  Hover and go-to-definition read the same loaded ruleset
(its inputs include a parent's), and formatting is ``parrules fmt``'s ``format_ruleset``.
pygls (2.x) carries the protocol; this module is presentation and the core never imports it.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import attrs
from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path
from pygls.workspace import TextDocument

from . import __version__
from . import nodes as n
from .errors import Diagnostic, ParrulesError, RulesetError
from .parse import parse
from .render import comments_of, format_ruleset
from .ruleset import Ruleset, loads

SOURCE = "parrules"

# The token a diagnostic's column points at, so the editor underlines the word, not one character.
_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"?|[0-9]+(?:[.,][0-9]+)*%?|[A-Za-z_][A-Za-z0-9_]*|\S')
# A name or a node code under the cursor.
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[0-9]+(?:\.[0-9]+)*")
# The words before a code that make it a node's code rather than a number (``max 1`` is not field 1).
_CODE_BEFORE = re.compile(r"(?:\b(?:field|criterion|sub|remove|tie_break)\s+|\btie_break\s[0-9.,\s]*,\s*)$")
_EXTENDS = re.compile(r"\bextends\b")


@attrs.frozen
class Analysis:
    """What the server knows of one document: the checker's findings, the last ruleset that
    loaded (this text's, or an earlier text's while the user is mid-edit) and the AST of the
    text as written when it parses.  The text's own declarations win over an earlier load's."""

    path: str
    diagnostics: tuple[Diagnostic, ...]
    ruleset: Ruleset | None = None
    ast: n.Ruleset | None = None

    @property
    def inputs(self) -> dict[str, n.InputDecl]:
        found = dict(self.ruleset.inputs) if self.ruleset is not None else {}
        if self.ast is not None:
            found.update((decl.name, decl) for decl in self.ast.inputs)
        return found

    def node(self, code: str) -> n.Node | None:
        for ast in (self.ast, self.ruleset.ast if self.ruleset is not None else None):
            found = next((node for node in ast.nodes() if node.code == code), None) if ast is not None else None
            if found is not None:
                return found
        return None


def analyse(text: str, path: str, previous: Analysis | None = None) -> Analysis:
    """Load the text as the ruleset at ``path`` (parse, resolve, check: ``parrules check``)."""
    try:
        ruleset = loads(text, path)
    except RulesetError as exc:
        diagnostics = tuple(exc.diagnostics)
    except ParrulesError as exc:  # not located by the loader: shown at the file's start, without a code
        diagnostics = (Diagnostic("error", "", str(exc), n.Location(path, 1, 1)),)
    else:
        return Analysis(path, tuple(ruleset.warnings), ruleset, ruleset.checked.ruleset)
    try:
        ast: n.Ruleset | None = parse(text, path)
    except ParrulesError:
        ast = previous.ast if previous is not None else None
    return Analysis(path, diagnostics, previous.ruleset if previous is not None else None, ast)


# ---------------------------------------------------------------- positions


def _token_range(lines: list[str], line: int, column: int) -> types.Range:
    """The 0-based range (in characters) of the token at a 1-based line and column."""
    row = min(max(line, 1), max(len(lines), 1)) - 1
    text = lines[row] if row < len(lines) else ""
    start = min(max(column, 1) - 1, len(text))
    match = _TOKEN.match(text, start)
    end = match.end() if match else start
    return types.Range(types.Position(row, start), types.Position(row, end))


def _to_client(doc: TextDocument, rng: types.Range) -> types.Range:
    """Character columns -> the client's position encoding (UTF-16 by default)."""
    return doc.position_codec.range_to_client_units(doc.lines, rng)


def _file_uri(file: str) -> str | None:
    """The URI of a file a location names: a path on disk, or a shipped ruleset."""
    if file.startswith("rulesets/"):
        shipped = resources.files("parrules.rulesets").joinpath(file.split("/", 1)[1])
        if isinstance(shipped, Path) and shipped.is_file():
            return from_fs_path(str(shipped))
    if Path(file).is_file():
        return from_fs_path(str(Path(file).resolve()))
    return None


def _same_file(a: str, b: str) -> bool:
    try:
        return a == b or Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def to_lsp(diagnostic: Diagnostic, doc: TextDocument, path: str) -> types.Diagnostic:
    """An LSP diagnostic: in this document at its token; in a parent file at the ``extends``
    line, the message naming the parent's file:line:col and a link to it."""
    lines = doc.source.splitlines()
    severity = types.DiagnosticSeverity.Error if diagnostic.severity == "error" else types.DiagnosticSeverity.Warning
    if _same_file(diagnostic.loc.file, path):
        rng = _token_range(lines, diagnostic.loc.line, diagnostic.loc.column)
        return types.Diagnostic(
            _to_client(doc, rng), diagnostic.message, severity=severity, code=diagnostic.code or None, source=SOURCE
        )
    row = next((i for i, line in enumerate(lines) if _EXTENDS.search(line.split("#", 1)[0])), 0)
    found = _EXTENDS.search(lines[row]) if row < len(lines) else None
    rng = _token_range(lines, row + 1, found.start() + 1 if found else 1)
    related = None
    uri = _file_uri(diagnostic.loc.file)
    if uri is not None:
        at = types.Position(max(diagnostic.loc.line - 1, 0), max(diagnostic.loc.column - 1, 0))
        related = [types.DiagnosticRelatedInformation(types.Location(uri, types.Range(at, at)), diagnostic.message)]
    return types.Diagnostic(
        _to_client(doc, rng),
        f"in {diagnostic.loc}: {diagnostic.message}",
        severity=severity,
        code=diagnostic.code or None,
        source=SOURCE,
        related_information=related,
    )


# ---------------------------------------------------------------- hover and definition


def _word_at(line: str, character: int) -> tuple[str, int] | None:
    """(word, start column) of the name or code under a 0-based character position."""
    for match in _WORD.finditer(line):
        if match.start() <= character <= match.end():
            return match.group(), match.start()
    return None


def _node_code_at(analysis: Analysis, line: str, character: int) -> n.Node | None:
    found = _word_at(line, character)
    if found is None or not found[0][0].isdigit() or not _CODE_BEFORE.search(line[: found[1]]):
        return None
    return analysis.node(found[0])


def _input_at(analysis: Analysis, line: str, character: int) -> n.InputDecl | None:
    found = _word_at(line, character)
    if found is None or found[0][0].isdigit():
        return None
    return analysis.inputs.get(found[0])


def describe_input(decl: n.InputDecl) -> str:
    """The declaration of an input as hover text (Markdown)."""
    kind = decl.type
    if decl.options:
        kind += " {" + ", ".join(decl.options) + "}"
    head = f"**input `{decl.name}`**: {kind}"
    lines = [head]
    if decl.description:
        lines.append(decl.description)
    if decl.low is not None or decl.high is not None:
        low = "" if decl.low is None else decl.low
        high = "" if decl.high is None else decl.high
        lines.append(f"- range: {low}..{high}")
    if decl.unit:
        lines.append(f"- unit: {decl.unit}")
    if decl.implicit_for:
        lines.append(f"- the points of {decl.implicit_for} (`score points`)")
    if decl.loc.line:
        lines.append(f"- declared at {decl.loc}")
    return "\n\n".join(lines[:2]) + ("\n\n" + "\n".join(lines[2:]) if len(lines) > 2 else "")


def describe_node(node: n.Node, ruleset: Ruleset | None) -> str:
    """A node as hover text: its maximum, where its points come from and who answers for them."""
    lines = [f"**{node.kind} {node.code}** {node.title}", f"- max: {node.max}"]
    known = ruleset is not None and node.code in ruleset.codes  # an earlier load may not have it yet
    source = ruleset.source_of(node.code) if ruleset is not None and known else node.source
    agency = ruleset.agency_of(node.code) if ruleset is not None and known else node.agency
    if source:
        lines.append(f"- source: {source}")
    if agency:
        lines.append(f"- agency: {agency}")
    if node.score is not None:
        reads = n.input_names(node.score)
        if reads:
            lines.append("- reads: " + ", ".join(f"`{name}`" for name in reads))
    if node.children:
        lines.append("- sum of: " + ", ".join(child.code for child in node.children))
    return lines[0] + "\n\n" + "\n".join(lines[1:])


# ---------------------------------------------------------------- the server


class ParrulesServer(LanguageServer):
    """The language server, with the last analysis of every open document."""

    def __init__(self) -> None:
        super().__init__("parrules", __version__)
        self.analyses: dict[str, Analysis] = {}

    def document(self, uri: str) -> tuple[TextDocument, str]:
        doc = self.workspace.get_text_document(uri)
        return doc, doc.path or uri

    def check(self, uri: str) -> None:
        """Re-check a document and publish what the checker finds (an empty list clears)."""
        doc, path = self.document(uri)
        analysis = analyse(doc.source, path, self.analyses.get(uri))
        self.analyses[uri] = analysis
        found = [to_lsp(d, doc, path) for d in analysis.diagnostics]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=doc.version)
        )

    def analysis(self, uri: str) -> Analysis:
        if uri not in self.analyses:
            self.check(uri)
        return self.analyses[uri]


def build_server() -> ParrulesServer:
    """A server with every feature registered (a new one per call: tests run several)."""
    server = ParrulesServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ParrulesServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ParrulesServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ParrulesServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.check(params.text_document.uri)  # a parent saved beside it may change what it means

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ParrulesServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.analyses.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ParrulesServer, params: types.HoverParams) -> types.Hover | None:
        doc, _path = ls.document(params.text_document.uri)
        analysis = ls.analysis(params.text_document.uri)
        at = doc.position_codec.position_from_client_units(doc.lines, params.position)
        line = doc.lines[at.line].rstrip("\r\n") if at.line < len(doc.lines) else ""
        decl = _input_at(analysis, line, at.character)
        if decl is not None:
            text = describe_input(decl)
        else:
            node = _node_code_at(analysis, line, at.character)
            if node is None:
                return None
            text = describe_node(node, analysis.ruleset)
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: ParrulesServer, params: types.DefinitionParams) -> types.Location | None:
        doc, path = ls.document(params.text_document.uri)
        analysis = ls.analysis(params.text_document.uri)
        at = doc.position_codec.position_from_client_units(doc.lines, params.position)
        line = doc.lines[at.line].rstrip("\r\n") if at.line < len(doc.lines) else ""
        target: n.InputDecl | n.Node | None = _input_at(analysis, line, at.character) or _node_code_at(
            analysis, line, at.character
        )
        if target is None or not target.loc.line:
            return None
        loc = target.loc
        if _same_file(loc.file, path):
            return types.Location(
                params.text_document.uri, _to_client(doc, _token_range(doc.source.splitlines(), loc.line, loc.column))
            )
        uri = _file_uri(loc.file)
        if uri is None:
            return None
        there = types.Position(loc.line - 1, loc.column - 1)
        return types.Location(uri, types.Range(there, there))

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: ParrulesServer, params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
        doc, path = ls.document(params.text_document.uri)
        try:
            formatted = format_ruleset(parse(doc.source, path), comments_of(doc.source))
        except ParrulesError:
            return None  # the diagnostics already say why; a file that does not parse is left as it is
        if formatted == doc.source:
            return []
        end = types.Position(len(doc.lines), 0)
        return [types.TextEdit(types.Range(types.Position(0, 0), end), formatted)]

    return server


def main() -> None:
    """Serve over stdin/stdout until the editor says exit."""
    build_server().start_io()
