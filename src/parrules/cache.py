"""The ruleset cache: a loaded ruleset's resolved AST, kept as JSON data between processes.

Parsing is most of what a command spends on a ruleset (the national 2022 ruleset:
parse and resolve ~4x check + compile; docs/performance.md), and it gives the same AST
for the same text every time.  So ``ruleset.load`` keeps the resolved AST of every
ruleset it loaded in the user's cache directory, under a key made of:

* a fingerprint of this parrules: the identity (inode, size, mtime, ctime) of every module
  of the package and of the grammar (a new version, an edited source file or grammar:
  another key);
* whether the text came from a file or a string, and the path it was loaded as (every
  location in the AST names it);
* the ruleset's whole text.

The entry also records every parent the ``extends`` chain looked up (where the lookup
was made, the name, the file found and the SHA-256 of its text); a hit replays those
lookups and compares, so an edited, moved or newly shadowing parent is a miss.  The
checker and the compiler then run on the cached AST as on a parsed one, so warnings,
errors and the generated code are what a parse would give.

Threat model (docs/performance.md says more).  An entry is data only: JSON, read by
``json.loads`` and decoded field by field against the AST's declared types (never
pickle, marshal or generated code; nothing in the cache is ever executed or imported).
The decoder accepts only what the parser can produce: strings where the grammar has
a fixed set of words or operators (the compiler writes ``op`` and ``kind`` into the
generated source, so these are checked against the grammar's exact sets), names and
codes matching the grammar's NAME and CODE, finite decimals in canonical form, ints,
bools, and AST classes where the type allows them.  So the worst a forged entry can do
is what a forged ruleset file can do, and a ruleset cannot run code.  An entry carries
the SHA-256 of its own body: an edited or truncated file is ignored (then parsed again
and rewritten).  The directory is created 0700; one owned by another user or writable
by group or others is not used at all, nor is an entry file that is not a regular file
owned by the user and writable by them alone.  Any failure to read or write the cache
falls back to parsing: the cache can make loading faster, never different.

``PARRULES_CACHE_DIR`` relocates the cache; ``PARRULES_CACHE=0`` (or ``off``) turns it off.
Default: ``$XDG_CACHE_HOME/parrules``, else ``~/.cache/parrules``.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import os
import re
import stat
import types
import typing
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from . import nodes as n
from .limits import MAX_NUMBER_DIGITS, MAX_RULESET_BYTES, MAX_TREE_DEPTH

FORMAT = 1
# Entries kept: every edit of a ruleset makes a new one, so a miss removes the oldest beyond this.
MAX_ENTRIES = 256
# An entry larger than this is not read (the AST of a 2 MB ruleset is far below it).
MAX_ENTRY_BYTES = 64 * MAX_RULESET_BYTES


def cache_dir() -> Path | None:
    """The cache directory in use, or None when the cache is turned off."""
    if os.environ.get("PARRULES_CACHE", "").strip().lower() in ("0", "off", "no", "false"):
        return None
    if not hasattr(os, "geteuid"):  # no owner to check the directory against (Windows): no cache
        return None
    chosen = os.environ.get("PARRULES_CACHE_DIR")
    if chosen:
        return Path(chosen)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "parrules"


def _private(folder: Path, create: bool) -> bool:
    """True when ``folder`` is a directory of this user that nobody else may write to."""
    if create:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            return False
    try:
        st = os.stat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.geteuid() and not st.st_mode & 0o022


# ---------------------------------------------------------------- the key


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """SHA-256 of this parrules: its version and, for every module and grammar file, its name
    and the identity of its text: device, inode, size, mtime and ctime (``os.stat``).

    Hashing the 1.2 MB of text each run was a tenth of a cached load.  Any write to a file
    changes its ctime, which no user-level call can set back (``os.utime`` sets mtime and
    atime only), and a reinstall writes new files (new inodes); so a changed module is a new
    fingerprint as surely as with its text hashed, short of someone changing the system clock
    as root while editing parrules' files, who can run code anyway (docs/performance.md, the
    cache's threat model).  A package not in plain files (a zip) is hashed by its text."""
    from . import __version__  # read here: the package is still loading when this module is

    digest = hashlib.sha256(f"parrules {__version__} cache {FORMAT}\0".encode())
    for package in ("parrules", "parrules.grammar"):
        folder = package_folder(package)
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            if not entry.name.endswith((".py", ".lark")) or not entry.is_file():
                continue
            if isinstance(entry, Path):
                st = os.stat(entry)
                identity = f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}".encode()
            else:  # pragma: no cover - an install in a zip file
                identity = entry.read_bytes()
            digest.update(entry.name.encode() + b"\0" + identity + b"\0")
    return digest.hexdigest()


def package_folder(package: str) -> Any:
    """The folder of a package of parrules (its modules, the grammar, the shipped rulesets).

    What ``importlib.resources.files`` gives for a package on disk (the folder of its
    ``__init__``), without importing importlib.resources, which imports tempfile, shutil and
    zipfile: a tenth of a cached load's time (docs/performance.md, start-up).  A package in
    a zip file is read through importlib.resources."""
    for location in getattr(importlib.import_module(package), "__path__", ()):
        folder = Path(location)
        if folder.is_dir():
            return folder
    from importlib import resources  # pragma: no cover - an install in a zip file

    return resources.files(package)  # pragma: no cover


def key(text: str, path: str, from_file: bool) -> str:
    material = "\0".join((fingerprint(), "file" if from_file else "text", path, text))
    return hashlib.sha256(material.encode("utf-8", errors="surrogatepass")).hexdigest()


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


# ---------------------------------------------------------------- entries


@attrs.frozen
class Lookup:
    """A parent found while resolving ``extends``: from which file, by which name, what was read."""

    child: str
    name: str
    path: str
    from_file: bool
    sha256: str


@attrs.frozen
class Entry:
    ruleset: n.Ruleset  # resolved
    files: tuple[str, ...]
    lookups: tuple[Lookup, ...]


def read_owned(path: Path, limit: int) -> bytes | None:
    """The bytes of ``path`` when it is a regular file (not followed through a link) of this
    user that nobody else may write, of at most ``limit`` bytes; else None (an entry of the
    ruleset cache, or of parrules.codecache, that is not to be trusted is not read)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o022:
            return None
        if st.st_size > limit:
            return None
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            return fh.read(limit + 1)
    except OSError:
        return None
    finally:
        if fd >= 0:
            os.close(fd)


def read(entry_key: str) -> Entry | None:
    """The entry stored under ``entry_key``, or None (no cache, no entry, or one not to be trusted)."""
    folder = cache_dir()
    if folder is None or not _private(folder, create=False):
        return None
    raw = read_owned(folder / f"{entry_key}.json", MAX_ENTRY_BYTES)
    if raw is None:
        return None
    try:
        return _decode_entry(raw, entry_key)
    except (ValueError, TypeError, KeyError, IndexError, RecursionError, InvalidOperation, _Invalid):
        return None


def write(entry_key: str, entry: Entry) -> None:
    """Store an entry (atomically: a reader sees the old file or the whole new one); errors are ignored."""
    folder = cache_dir()
    if folder is None or not _private(folder, create=True):
        return
    import json  # here and in _decode_entry: a hit on parrules.codecache's entry never reads JSON (start-up)

    body = json.dumps(
        {
            "key": entry_key,
            "files": list(entry.files),
            "lookups": [attrs.astuple(lookup) for lookup in entry.lookups],
            "ast": _Encoder().encode(entry.ruleset),
        },
        ensure_ascii=True,
        separators=(",", ":"),
    )
    blob = json.dumps({"format": FORMAT, "sha256": text_hash(body), "body": body}, separators=(",", ":"))
    import tempfile  # only a miss writes; a hit never needs it

    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")  # created 0600
        try:
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(blob)
            os.replace(temp, folder / f"{entry_key}.json")
        except BaseException:
            os.unlink(temp)
            raise
        _prune(folder)
    except OSError:
        return


def _prune(folder: Path) -> None:
    """Remove the least recently written entries beyond MAX_ENTRIES."""
    entries = list(folder.glob("*.json"))
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda p: p.stat().st_mtime_ns)
    for old in entries[: len(entries) - MAX_ENTRIES]:
        old.unlink(missing_ok=True)
        old.with_suffix(".code").unlink(missing_ok=True)  # its compiled evaluator (parrules.codecache)


def _decode_entry(raw: bytes, entry_key: str) -> Entry:
    import json

    outer = json.loads(raw.decode("ascii"))
    if not isinstance(outer, dict) or outer.get("format") != FORMAT:
        raise _Invalid("another format")
    body = outer["body"]
    if not isinstance(body, str) or text_hash(body) != outer["sha256"]:
        raise _Invalid("the entry was changed after it was written")
    data = json.loads(body)
    if data["key"] != entry_key:
        raise _Invalid("another key")
    files = tuple(_string(f) for f in data["files"])
    lookups = tuple(
        Lookup(_string(child), _string(name), _string(path), _boolean(from_file), _string(sha))
        for child, name, path, from_file, sha in data["lookups"]
    )
    ruleset = _Decoder().decode(data["ast"])
    return Entry(ruleset, files, lookups)


# ---------------------------------------------------------------- AST <-> JSON


class _Invalid(Exception):
    """The entry is not one the parser could have produced."""


def _string(value: Any) -> str:
    if type(value) is not str:
        raise _Invalid("not a text")
    return value


def _boolean(value: Any) -> bool:
    if type(value) is not bool:
        raise _Invalid("not a boolean")
    return value


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")  # grammar: NAME
_CODE = re.compile(r"[0-9]+(\.[0-9]+)*\Z")  # grammar: CODE
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?(E[+-][0-9]+)?\Z")


def _words(*words: str) -> Callable[[str], bool]:
    allowed = frozenset(words)
    return allowed.__contains__


def _name(text: str) -> bool:
    return _NAME.match(text) is not None


def _code(text: str) -> bool:
    return _CODE.match(text) is not None


def _name_or_code(text: str) -> bool:
    return _name(text) or _code(text)


# Strings the parser draws from a fixed set, or from NAME / CODE, checked on the way in.
# BinOp.op, Compare.op, BoolOp.op and Extremum.kind are written into generated code as they are.
_TEXT_RULES: dict[tuple[str, str], Callable[[str], bool]] = {
    ("BinOp", "op"): _words("+", "-", "*", "/"),
    ("Compare", "op"): _words("<", "<=", ">", ">=", "==", "!="),
    ("BoolOp", "op"): _words("and", "or"),
    ("Extremum", "kind"): _words("min", "max"),
    ("InputDecl", "type"): _words(*n.INPUT_TYPES),
    ("InputDecl", "name"): _name,
    ("InputDecl", "implicit_for"): _code,
    ("Monotone", "direction"): _words("increasing", "decreasing"),
    ("Monotone", "input"): _name,
    ("Node", "kind"): _words("field", "criterion", "sub"),
    ("Node", "code"): _code,
    ("Node", "source"): _words("self", "appraisal", "survey"),
    ("Classes", "measure"): _words("index", "total"),
    ("Ranking", "measure"): _words("index", "total"),
    ("Ranking", "tie_break"): _code,
    ("Header", "level"): _words("province", "department", "district", "commune", "ministry"),
    ("Header", "rounding_mode"): _words("half_up", "half_even", "down", "up"),
    ("Remove", "what"): _words("node", "input"),
    ("Remove", "code"): _name_or_code,
    ("Ref", "name"): _name,
    ("Let", "name"): _name,
    ("Choice", "input"): _name,
    ("PointsInput", "input"): _name,
    ("Downgrade", "members"): _name,
}

_CLASSES = {
    name: cls
    for name, cls in vars(n).items()
    if isinstance(cls, type) and attrs.has(cls) and cls.__module__ == n.__name__
}


class _Encoder:
    """AST -> JSON-ready lists: an object is [class name, field values...]; a Location is
    [file number, line, column] with the file names listed once; a Decimal its str()."""

    def __init__(self) -> None:
        self.files: dict[str, int] = {}

    def encode(self, ruleset: n.Ruleset) -> list[Any]:
        tree = self.value(ruleset)
        return [list(self.files), tree]

    def value(self, item: Any) -> Any:
        if isinstance(item, n.Location):
            index = self.files.setdefault(item.file, len(self.files))
            return [index, item.line, item.column]
        if attrs.has(type(item)):
            return [type(item).__name__, *(self.value(getattr(item, f.name)) for f in attrs.fields(type(item)))]
        if isinstance(item, tuple):
            return [self.value(x) for x in item]
        if isinstance(item, Decimal):
            return str(item)
        if item is None or isinstance(item, bool | int | str):
            return item
        raise TypeError(f"no JSON form for {type(item).__name__}")  # pragma: no cover - the AST holds nothing else


_Decode = Callable[["_Decoder", Any, int], Any]


class _Decoder:
    """JSON -> AST, checking every value against the type its field declares (and _TEXT_RULES)."""

    def __init__(self) -> None:
        self.files: list[str] = []

    def decode(self, data: Any) -> n.Ruleset:
        files, tree = data
        if type(files) is not list:
            raise _Invalid("no file table")
        self.files = [_string(f) for f in files]
        ruleset = _schema().decode_object(self, tree, 0, (n.Ruleset,))
        assert isinstance(ruleset, n.Ruleset)
        return ruleset


class _Annotated:
    """An object whose one annotation is ``text``: get_type_hints resolves each distinct
    annotation of nodes.py once (per class, it compiled all ~160 of them: half a cached
    load's decoding; docs/performance.md, start-up)."""

    def __init__(self, text: str):
        self.__annotations__ = {"field": text}


class _Schema:
    """Per class, per field: how to decode the field's JSON value (built once from the type hints)."""

    def __init__(self) -> None:
        self.fields: dict[type, list[tuple[str, _Decode]]] = {}
        hints: dict[str, Any] = {}  # annotation text -> type (typing.get_type_hints, once per text)
        for cls in _CLASSES.values():
            for f in attrs.fields(cls):
                if f.type not in hints:
                    hints[f.type] = typing.get_type_hints(_Annotated(f.type), vars(n))["field"]
            self.fields[cls] = [
                (f.name, self._for_type(hints[f.type], _TEXT_RULES.get((cls.__name__, f.name))))
                for f in attrs.fields(cls)
            ]

    def decode_object(self, decoder: _Decoder, value: Any, depth: int, allowed: tuple[type, ...]) -> Any:
        if type(value) is not list or not value or depth > MAX_TREE_DEPTH:
            raise _Invalid("not an AST object")
        cls = _CLASSES.get(value[0]) if type(value[0]) is str else None
        if cls is None or cls not in allowed:
            raise _Invalid(f"{value[0]!r} is not allowed here")
        fields = self.fields[cls]
        if len(value) != len(fields) + 1:
            raise _Invalid(f"{cls.__name__} has {len(fields)} fields")
        kwargs = {
            name: decode(decoder, item, depth + 1) for (name, decode), item in zip(fields, value[1:], strict=True)
        }
        return cls(**kwargs)

    def _for_type(self, hint: Any, rule: Callable[[str], bool] | None) -> _Decode:
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if hint is n.Location:
            return _decode_location
        if origin is tuple:
            item = self._for_type(args[0], rule)

            def decode_tuple(decoder: _Decoder, value: Any, depth: int) -> tuple[Any, ...]:
                if type(value) is not list:
                    raise _Invalid("not a list")
                return tuple(item(decoder, x, depth + 1) for x in value)

            return decode_tuple
        if origin in (typing.Union, types.UnionType):
            optional = type(None) in args
            rest = tuple(a for a in args if a is not type(None))
            if all(attrs.has(a) for a in rest):
                inner = self._objects(rest)
            else:
                (only,) = rest
                inner = self._for_type(only, rule)

            def decode_union(decoder: _Decoder, value: Any, depth: int) -> Any:
                if value is None:
                    if optional:
                        return None
                    raise _Invalid("a value is missing")
                return inner(decoder, value, depth)

            return decode_union
        if attrs.has(hint):
            return self._objects((hint,))
        if hint is str:

            def decode_str(decoder: _Decoder, value: Any, depth: int) -> str:
                text = _string(value)
                if rule is not None and not rule(text):
                    raise _Invalid(f"{text!r} cannot be written in a ruleset here")
                return text

            return decode_str
        if hint is bool:
            return lambda decoder, value, depth: _boolean(value)
        if hint is int:
            return lambda decoder, value, depth: _integer(value)
        if hint is Decimal:
            return lambda decoder, value, depth: _decimal(value)
        raise TypeError(f"no decoder for {hint!r}")  # pragma: no cover - nodes.py holds no other type

    def _objects(self, allowed: tuple[type, ...]) -> _Decode:
        def decode_object(decoder: _Decoder, value: Any, depth: int) -> Any:
            return self.decode_object(decoder, value, depth, allowed)

        return decode_object


def _integer(value: Any) -> int:
    if type(value) is not int or not -(10**MAX_NUMBER_DIGITS) < value < 10**MAX_NUMBER_DIGITS:
        raise _Invalid("not a whole number")
    return value


def _decimal(value: Any) -> Decimal:
    text = _string(value)
    if len(text) > 2 * MAX_NUMBER_DIGITS or _DECIMAL.match(text) is None:
        raise _Invalid("not a number")
    number = Decimal(text)
    if not number.is_finite() or str(number) != text:
        raise _Invalid("not a number in canonical form")
    return number


def _decode_location(decoder: _Decoder, value: Any, depth: int) -> n.Location:
    if type(value) is not list or len(value) != 3:
        raise _Invalid("not a location")
    index, line, column = value
    if type(index) is not int or not 0 <= index < len(decoder.files):
        raise _Invalid("not a file of the entry")
    return n.Location(decoder.files[index], _integer(line), _integer(column))


@functools.lru_cache(maxsize=1)
def _schema() -> _Schema:
    return _Schema()
