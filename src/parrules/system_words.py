"""The errors Python and the operating system word for us, as sentences of the run's language.

A file that cannot be opened, a side file that is not TOML, a data file that is not JSON or
not UTF-8: the reason comes from the OS (``strerror``), from tomllib, from json or from the
codec, always in English.  Printed as it is, a Vietnamese run would end in "No such file or
directory".  So each reason is read off (the OS's by its errno, the libraries' by their
message, which their sources word the same way in every release we support) and said as a
``Sentence`` of parrules.wording; a reason none of the tables knows is said with a generic
sentence (the errno's name, the position), never with the library's English on a
Vietnamese run.  The Vietnamese wordings are in wording_vi_data.py.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Callable

from .wording import Sentence, sentence

_OS: dict[int, Callable[[], Sentence]] = {
    errno.ENOENT: lambda: sentence("no such file or folder"),
    errno.EACCES: lambda: sentence("permission denied"),
    errno.EPERM: lambda: sentence("permission denied"),
    errno.EISDIR: lambda: sentence("it is a folder, not a file"),
    errno.ENOTDIR: lambda: sentence("a part of the path is not a folder"),
    errno.EEXIST: lambda: sentence("it exists already"),
    errno.ENOSPC: lambda: sentence("no space left on the disk"),
    errno.EROFS: lambda: sentence("the file system is read-only"),
    errno.ELOOP: lambda: sentence("too many levels of symbolic links"),
    errno.ENAMETOOLONG: lambda: sentence("the file name is too long"),
}


def os_reason(exc: OSError) -> Sentence | str:
    """Why the OS refused a file, as a sentence: by errno; an errno no entry names is said
    with its symbol (``EIO``) and number.  An OSError raised without an errno is one of our
    own (its text is its message) and is returned as it is."""
    if exc.errno is None:
        return exc.args[0] if exc.args and isinstance(exc.args[0], Sentence) else str(exc)
    known = _OS.get(exc.errno)
    if known is not None:
        return known()
    return sentence("the system refused it ({name}, error {code})", name=errno.errorcode.get(exc.errno, "?"), code=str(exc.errno))


_CODEC = {
    "invalid start byte": lambda: sentence("a byte that cannot start a character"),
    "invalid continuation byte": lambda: sentence("a byte that cannot continue a character"),
    "unexpected end of data": lambda: sentence("the text ends inside a character"),
}


def codec_reason(reason: str) -> Sentence:
    """Why bytes are not UTF-8 (``UnicodeDecodeError.reason``), as a sentence."""
    known = _CODEC.get(reason)
    return known() if known is not None else sentence("bytes that are not UTF-8")


# tomllib's messages (Lib/tomllib/_parser.py), their variable part read off as text
# patterns as text, compiled by re (and kept in its cache) when a message is first worded:
# compiling them at import cost every command a millisecond (start-up, docs/performance.md)
_TOML: list[tuple[str, Callable[[re.Match[str]], Sentence]]] = [
    (r"Invalid statement$", lambda m: sentence("this line is no TOML statement")),
    (r"Expected '=' after a key in a key/value pair$", lambda m: sentence("'=' is missing after the key")),
    (r"Expected ']' at the end of a table declaration$", lambda m: sentence("']' is missing at the end of the table's name")),
    (r"Expected ']]' at the end of an array declaration$", lambda m: sentence("']]' is missing at the end of the table's name")),
    (r"Expected newline or end of document after a statement$", lambda m: sentence("only one statement may stand on a line")),
    (r"Expected (.+)$", lambda m: sentence("{token} is missing here", token=m.group(1))),
    (r"Found invalid character (.+)$", lambda m: sentence("the character {char} cannot stand here", char=m.group(1))),
    (r"Illegal character (.+)$", lambda m: sentence("the character {char} cannot stand in a string", char=m.group(1))),
    (r"Cannot declare (.+) twice$", lambda m: sentence("the table {key} is declared twice", key=m.group(1))),
    (r"Cannot overwrite a value$", lambda m: sentence("a key is given a value twice")),
    (r"Cannot mutate immutable namespace (.+)$", lambda m: sentence("{key} is already given as an inline table or array", key=m.group(1))),
    (r"Cannot redefine namespace (.+)$", lambda m: sentence("{key} is already given as another kind of value", key=m.group(1))),
    (r"Duplicate inline table key (.+)$", lambda m: sentence("the key {key} is given twice in an inline table", key=m.group(1))),
    (r"Invalid initial character for a key part$", lambda m: sentence("a key cannot start with this character")),
    (r"Unclosed array$", lambda m: sentence("an array is not closed with ']'")),
    (r"Unclosed inline table$", lambda m: sentence("an inline table is not closed with '}}'")),
    (r"Unescaped '\\' in a string$", lambda m: sentence("a '\\' in a string must be written '\\\\'")),
    (r"Invalid hex value$", lambda m: sentence("a \\u escape holds a character that is not hexadecimal")),
    (r"Escaped character is not a Unicode scalar value$", lambda m: sentence("a \\u escape names no Unicode character")),
    (r"Unterminated string$", lambda m: sentence("a string is not closed with its quote")),
    (r"Invalid date or datetime$", lambda m: sentence("not a valid date or time")),
    (r"Invalid value$", lambda m: sentence("not a valid value (a number, a quoted text, true/false)")),
]


def toml_reason(message: str) -> Sentence:
    """Why a text is not TOML, from tomllib's message without its "(at line L, column C)"."""
    return _first_match(_TOML, message) or sentence("not valid TOML here")


# json's messages (Lib/json/decoder.py); the position is given apart (lineno, colno)
_JSON = {
    "Expecting value": lambda: sentence("a value is expected here"),
    "Expecting property name enclosed in double quotes": lambda: sentence('a key in double quotes ("...") is expected here'),
    "Expecting ':' delimiter": lambda: sentence("':' is expected after the key"),
    "Expecting ',' delimiter": lambda: sentence("',' is expected between two items"),
    "Unterminated string starting at": lambda: sentence("a string is not closed with its quote"),
    "Invalid control character at": lambda: sentence("a control character (a line break, a tab) inside a string"),
    "Invalid \\escape": lambda: sentence("an unknown \\ escape in a string"),
    "Invalid \\uXXXX escape": lambda: sentence("a \\u escape holds a character that is not hexadecimal"),
    "Extra data": lambda: sentence("more text after the end of the JSON value"),
    "Illegal trailing comma before end of object": lambda: sentence("a ',' before the closing bracket"),
    "Illegal trailing comma before end of array": lambda: sentence("a ',' before the closing bracket"),
}


def json_reason(message: str) -> Sentence:
    """Why a text is not JSON, from ``JSONDecodeError.msg``."""
    known = _JSON.get(message)
    return known() if known is not None else sentence("not valid JSON here")


# the csv module's messages (Modules/_csv.c)
_CSV: list[tuple[str, Callable[[re.Match[str]], Sentence]]] = [
    (r"field larger than field limit \((\d+)\)", lambda m: sentence("a cell longer than {limit} characters", limit=int(m.group(1)))),
    (r"line contains NUL", lambda m: sentence("the line holds a NUL character")),
    (r"'(.)' expected after '(.)'", lambda m: sentence("{want!r} is expected after a closing {quote!r}", want=m.group(1), quote=m.group(2))),
    (r"new-line character seen in unquoted field", lambda m: sentence("a line break inside a cell that is not quoted")),
    (r"unexpected end of data", lambda m: sentence("the line ends inside a quoted cell")),
]


def csv_reason(exc: Exception) -> Sentence:
    """Why a line is not well-formed CSV, from ``csv.Error``'s message."""
    return _first_match(_CSV, str(exc)) or sentence("not readable as CSV")


def _first_match(table: list[tuple[str, Callable[[re.Match[str]], Sentence]]], message: str) -> Sentence | None:
    """The sentence of the first pattern of ``table`` that ``message`` begins with, else None."""
    for pattern, said in table:
        found = re.match(pattern, message)
        if found:
            return said(found)
    return None


def workbook_reason(exc: Exception) -> Sentence:
    """Why openpyxl cannot open a file as a workbook: not a zip archive (every .xlsx is one), a
    format it does not read (.xls, .ods), or a zip that holds no workbook."""
    import zipfile

    if isinstance(exc, zipfile.BadZipFile):
        return sentence("it is not a zip archive, as every .xlsx workbook is")
    if "does not support" in str(exc):
        return sentence("only .xlsx and .xlsm workbooks are read (save an .xls or .ods file as .xlsx)")
    return sentence("its contents are not those of a workbook")
