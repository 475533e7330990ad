"""Text from a ruleset or a data file, made safe for each output format.

A unit name, class label, node title, agency or message is data, and every
output format has characters that turn data into instructions: a spreadsheet
runs a cell that begins with ``=`` as a formula, a terminal obeys ``ESC [ 2 J``,
a Markdown table splits a cell at ``|``, a browser reorders text after U+202E.
Escaping at each call site misses one call site sooner or later, so every writer
of the presentation layer passes every text cell through one of the functions
here, one per format, and the CLI passes everything it prints through
``terminal`` as a last guard.

The rules, in order:

1. *Shown, not obeyed.*  A character of the Unicode categories Cc (C0, DEL, C1
   controls), Cf (format characters: bidi overrides and isolates, zero-width
   spaces and joiners, the BOM), Cs (lone surrogates, which cannot even be
   encoded), Zl and Zp (line and paragraph separators) is replaced by its Python
   escape, ``\\x1b``, ``\\u202e``, ``\\U000e0001``: a reader sees that the
   character is there and which one it is.  A text cell keeps none of them, not
   even a newline or a tab; a whole message keeps its own newlines and tabs.
2. *Formulas stay text* (OWASP, CSV injection): a CSV cell that begins, after
   any leading white space, with ``=``, ``+``, ``-`` or ``@``, or a compatibility
   form of one (full-width ``＝``, small ``﹦`` ...), gets a leading ``'``; tab,
   CR and NUL are already shown by rule 1.  An XLSX cell is written with data
   type ``s`` (never a formula), and one that looks like a formula also gets
   Excel's hidden quote prefix, so editing it keeps it text.  Numbers are never
   passed through here: a negative number stays a number.
3. *Each format's own syntax*: HTML escapes ``& < > " '``; Markdown escapes its
   inline syntax with backslashes (``\\|`` keeps a table's columns); JSON escapes
   rule 1's characters as ``\\uXXXX`` (so it stays valid and round-trips the
   exact text); a matplotlib label escapes ``$`` so it is never mathtext.
"""

from __future__ import annotations

import re
import unicodedata

SHOWN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""Unicode categories never written as themselves: controls, format characters, surrogates, separators."""

FORMULA_STARTS = frozenset("=+-@")
"""A spreadsheet reads a cell beginning with one of these as a formula (after NFKC: ＝ is =)."""


def _escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def is_shown(ch: str) -> bool:
    """Whether a character is written as its escape (rule 1), never as itself."""
    return unicodedata.category(ch) in SHOWN_CATEGORIES


def visible(text: str, keep: str = "") -> str:
    """Rule 1: every control, format character, surrogate and line separator as its escape; ``keep`` stays."""
    if text.isprintable():  # the common case: nothing to show (isprintable is False for every shown category)
        return text
    return "".join(_escape(ch) if ch not in keep and is_shown(ch) else ch for ch in text)


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would read this text (after its leading white space) as a formula."""
    stripped = text.lstrip()
    if not stripped:
        return False
    return unicodedata.normalize("NFKC", stripped[0])[:1] in FORMULA_STARTS or stripped[0] == "\u2212"


def for_terminal(text: str) -> str:
    """A text cell or a name inside a message, for a terminal: no control of any kind, not even a newline."""
    return visible(text)


def terminal(text: str) -> str:
    """A whole message or page of text for a terminal: its own newlines and tabs kept, every other control shown."""
    return visible(text, keep="\n\t")


def for_csv(text: str) -> str:
    """A CSV text cell: controls shown; a leading ``'`` when a spreadsheet would read it as a formula."""
    text = visible(text)
    return "'" + text if looks_like_formula(text) else text


def from_csv(cell: str) -> str:
    """A CSV text cell as ``for_csv`` wrote it, back to the text: the ``'`` before a formula-looking text removed.

    For readers of our own CSV (``compare`` reads what ``score`` wrote), so that a
    name matches across a CSV and a JSON or XLSX results file.
    """
    return cell[1:] if cell.startswith("'") and looks_like_formula(cell[1:]) else cell


XLSX_CELL_LIMIT = 32767
"""The most characters an Excel cell holds; a longer text is cut, and ends with an ellipsis to say so."""


def for_xlsx(text: str) -> tuple[str, bool]:
    """An XLSX text cell: (the text with controls shown, whether it needs Excel's quote prefix).

    The caller writes it with data type ``s``; the quote prefix (not a visible
    ``'``) keeps a formula-looking text as text when someone edits the cell.
    """
    text = visible(text)
    if len(text) > XLSX_CELL_LIMIT:  # Excel refuses the whole workbook ("unreadable content") otherwise
        text = text[: XLSX_CELL_LIMIT - 1] + "…"
    return text, looks_like_formula(text)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&!#])")


def for_markdown(text: str) -> str:
    """A Markdown table cell: controls shown, then inline syntax (``| * _ [ ] < > ...``) backslash-escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", visible(text))


def for_html(text: str) -> str:
    """HTML text or an attribute value: controls and bidi characters shown, then ``html.escape``."""
    import html  # here: it loads html.entities, which no command but the HTML writers needs (start-up)

    return html.escape(visible(text), quote=True)


def for_chart(text: str) -> str:
    """A matplotlib label: controls shown, ``$`` escaped so that it is never read as mathtext."""
    return visible(text).replace("$", r"\$")


def for_json(json_text: str) -> str:
    """JSON text from ``json.dumps(..., ensure_ascii=False)`` with rule 1's characters as ``\\uXXXX``.

    ``json.dumps`` escapes C0 controls but writes DEL, C1 controls, bidi
    characters and lone surrogates as themselves.  They can only occur inside
    JSON strings (the syntax is ASCII), where ``\\uXXXX`` means the same
    character: the result parses to the same value.
    """
    if json_text.isprintable():
        return json_text

    def escape(ch: str) -> str:
        code = ord(ch)
        if code <= 0xFFFF:
            return f"\\u{code:04x}"
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"

    return "".join(escape(ch) if ch not in "\n\t" and is_shown(ch) else ch for ch in json_text)


def for_script_json(json_text: str) -> str:
    """JSON text for a ``<script type="application/json">`` block of an HTML page (the report's data).

    ``for_json``, then ``< > &`` as ``\\u003c \\u003e \\u0026`` (the same characters to
    ``JSON.parse``): no title can end the script with ``</script>`` or open a comment with
    ``<!--``, whatever it holds.  U+2028 and U+2029 are already escaped by rule 1.
    """
    return for_json(json_text).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_SHEET_FORBIDDEN = re.compile(r"[\\/?*\[\]:]")


def sheet_title(text: str) -> str:
    """A worksheet name Excel accepts: controls shown, ``\\ / ? * [ ] :`` replaced, at most 31 characters."""
    title = _SHEET_FORBIDDEN.sub("_", visible(text)).strip("'")[:31]
    return title or "Sheet"
