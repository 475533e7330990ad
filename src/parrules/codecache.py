"""A loaded ruleset kept between processes whole (AST, checker's result, compiled code),
authenticated before a byte of it is read.

A cached load (parrules.cache) still decoded and validated the JSON AST, checked it,
generated the evaluator's source and compiled it in every process: ``compile()`` of ~50 KB
was the largest part of loading a shipped ruleset (docs/performance.md, start-up).  This
module keeps all of it beside the cache's JSON entry, as ``marshal`` bytes holding a code
object: code that runs.  So an entry is trusted only when this user's parrules wrote it:

* The folder is the ruleset cache's own, used only when it is a directory of this user
  that nobody else may write (``cache._private``).
* It holds a key: 32 random bytes (``secrets.token_bytes``), created once with
  ``O_CREAT | O_EXCL | O_NOFOLLOW`` and mode 0600.  It is used only when it is a regular
  file of exactly 32 bytes, owned by this user and that nobody else may read or write;
  otherwise nothing here is read or written (the load uses the JSON entry, as before).
* An entry is ``HMAC-SHA256(key, material) || payload``, where the material binds the
  payload to this Python's bytecode (``importlib.util.MAGIC_NUMBER``), to this parrules
  (``cache.fingerprint``) and to the ruleset cache's key (the ruleset's text, its path).
  The MAC is compared with ``hmac.compare_digest`` before ``marshal.loads`` sees a byte;
  an entry that fails is ignored, never unmarshalled.  After unmarshalling, the payload's
  shape is checked too (a code object named for this ruleset, tuples of text).

This is how Jupyter trusts a notebook's outputs: a signature under a per-user secret.  A
forger who can write the entry but not read the key cannot make a valid MAC; one who can
read the key runs as this user already (out of scope: docs/performance.md, the threat
model). The payload holds the resolved AST (rebuilt without the JSON decoder's word checks:
the MAC vouches that this parrules' parser made it), the files it was read from and the
parents' lookups (replayed by the caller, as for a JSON entry), what
``compile.compile_checked`` made (the fast evaluator's code, the generated source, from
which the traced evaluator is compiled on demand, and the node codes, inputs, trace points,
constraint texts and the lines each node's code starts on) and, when the checker had no
warning to give, its result (every input, declared and implied; each node's range; which
nodes read each input). So a hit neither decodes JSON, checks, generates nor compiles. A
ruleset with warnings is checked on every load (the checker words them and finds their
source lines).

Every failure (no folder, no key, another owner, an unreadable or forged entry) means the
JSON entry and compiling, as without this module: it can make loading faster, never
different.
"""

from __future__ import annotations

import hashlib
import hmac
import marshal
import os
import stat
import types
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from . import cache
from . import nodes as n
from .check import Checked, Range
from .compile import Compiled, TracePoint, assemble, code_filename

FORMAT = 3
KEY_FILE = "code-key"
KEY_BYTES = 32
MAC_BYTES = 32
# An entry larger than this is not read (the national 2022 ruleset's: ~250 KB).
MAX_CODE_BYTES = 16 * 1024 * 1024


def _magic() -> bytes:
    from importlib.util import MAGIC_NUMBER

    return MAGIC_NUMBER


def _owned_file(fd: int, private: int) -> os.stat_result | None:
    """The stat of an open file when it is a regular file of this user with no mode bit of ``private``."""
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & private:
        return None
    return st


def secret_key(folder: Path, create: bool) -> bytes | None:
    """This user's key in the cache folder (made when ``create`` and missing), else None."""
    path = folder / KEY_FILE
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, os.O_RDONLY | nofollow)
    except FileNotFoundError:
        if not create:
            return None
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | nofollow, 0o600)
        except OSError:  # made meanwhile by another process (read it next time), or not writable
            return None
        import secrets  # only once per user: it imports random and base64

        key = secrets.token_bytes(KEY_BYTES)
        try:
            written = os.write(fd, key)
        finally:
            os.close(fd)
        return key if written == KEY_BYTES else None
    except OSError:
        return None
    try:
        st = _owned_file(fd, 0o077)  # nobody else may read it, or they could sign
        if st is None or st.st_size != KEY_BYTES:
            return None
        key = os.read(fd, KEY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return key if len(key) == KEY_BYTES else None


def _mac(key: bytes, entry_key: str, payload: bytes) -> bytes:
    material = b"\0".join(
        (
            b"parrules compiled evaluator",
            str(FORMAT).encode(),
            _magic(),
            cache.fingerprint().encode(),
            entry_key.encode(),
            payload,
        )
    )
    return hmac.new(key, material, hashlib.sha256).digest()


def _path(folder: Path, entry_key: str) -> Path:
    return folder / f"{entry_key}.code"


class Kept:
    """What an authentic entry gives: the resolved AST, the files it was read from, the parents'
    lookups (replayed by the caller), the checker's result (None when it had warnings to say:
    then the checker runs, for their wording and source lines) and the compiled evaluator.

    A plain class: a NamedTuple compiles each field's annotation (a ForwardRef) as it is defined."""

    __slots__ = ("checked", "compiled", "files", "lookups", "ruleset")
    ruleset: n.Ruleset
    files: tuple[str, ...]
    lookups: tuple[cache.Lookup, ...]
    checked: Checked | None
    compiled: Compiled

    def __init__(
        self,
        ruleset: n.Ruleset,
        files: tuple[str, ...],
        lookups: tuple[cache.Lookup, ...],
        checked: Checked | None,
        compiled: Compiled,
    ):
        self.ruleset, self.files, self.lookups, self.checked, self.compiled = ruleset, files, lookups, checked, compiled


def read(entry_key: str) -> Kept | None:
    """What was kept under the ruleset cache's key ``entry_key``; None unless an authentic entry holds it."""
    payload = _authentic(entry_key)
    if payload is None:
        return None
    try:
        return _kept(marshal.loads(payload))
    except (ValueError, EOFError, TypeError, KeyError, IndexError, InvalidOperation, _Malformed):
        return None  # pragma: no cover - authentic entries are well formed


def read_header(entry_key: str) -> tuple[n.Header, tuple[cache.Lookup, ...]] | None:
    """The header of the ruleset kept under ``entry_key`` and the parents' lookups (replayed by
    the caller), without rebuilding the rest: ``parrules list`` prints seven headers, and the
    whole ASTs were most of its time.  None unless an authentic entry holds them."""
    payload = _authentic(entry_key)
    if payload is None:
        return None
    try:
        fields = _fields(marshal.loads(payload))
        tree, lookups = fields[1], fields[3]
        if type(tree) is not tuple or tree[0] != "Ruleset":
            raise _Malformed("not a ruleset")  # pragma: no cover
        header = _build(tree[1 + _HEADER_FIELD])
        if not isinstance(header, n.Header):
            raise _Malformed("not a header")  # pragma: no cover
        return header, tuple(cache.Lookup(*lookup) for lookup in lookups)
    except (ValueError, EOFError, TypeError, KeyError, IndexError, InvalidOperation, _Malformed):
        return None  # pragma: no cover - authentic entries are well formed


# where the header is among a Ruleset's fields, as ``_tree`` writes them
_HEADER_FIELD = [f.name for f in attrs.fields(n.Ruleset)].index("header")


def _authentic(entry_key: str) -> bytes | None:
    """The payload of the entry under ``entry_key`` when its MAC is this user's key's; None
    otherwise (no folder, no key, another owner, no entry, a forged or edited one)."""
    folder = cache.cache_dir()
    if folder is None or not cache._private(folder, create=False):
        return None
    key = secret_key(folder, create=False)
    if key is None:
        return None
    raw = cache.read_owned(_path(folder, entry_key), MAX_CODE_BYTES)
    if raw is None:
        return None
    mac, payload = raw[:MAC_BYTES], raw[MAC_BYTES:]
    if len(mac) != MAC_BYTES or not hmac.compare_digest(mac, _mac(key, entry_key, payload)):
        return None  # not written by this user's parrules for this key: never unmarshalled
    return payload


class _Malformed(Exception):
    """An authentic entry of an unexpected shape (never written by this version)."""


def _markers(value: Any) -> tuple[tuple[int, str, int], ...]:
    if type(value) is not tuple or any(
        type(m) is not tuple or len(m) != 3 or type(m[0]) is not int or type(m[1]) is not str or type(m[2]) is not int
        for m in value
    ):
        raise _Malformed("not markers")  # pragma: no cover
    return value


def _texts(value: Any) -> tuple[str, ...]:
    if type(value) is not tuple or any(type(x) is not str for x in value):
        raise _Malformed("not texts")  # pragma: no cover
    return value


# ---------------------------------------------------------------- the AST as marshal data
# An object is a tuple (class name, field values...), a tuple a list, a Decimal ("#", text);
# everything else (None, bool, int, str) is itself.  Rebuilt without the JSON decoder's word
# checks: the MAC says this user's parrules wrote it from an AST its parser and checker made.

_DECIMAL_TAG = "#"


def _tree(item: Any) -> Any:
    if isinstance(item, Decimal):
        return (_DECIMAL_TAG, str(item))
    if isinstance(item, tuple):
        return [_tree(x) for x in item]
    if attrs.has(type(item)):
        return (type(item).__name__, *(_tree(getattr(item, f.name)) for f in attrs.fields(type(item))))
    return item


def _build(value: Any) -> Any:
    kind = type(value)
    if kind is tuple:
        tag = value[0]
        if tag == _DECIMAL_TAG:
            return Decimal(value[1])
        return cache._CLASSES[tag](*[_build(x) for x in value[1:]])
    if kind is list:
        return tuple([_build(x) for x in value])
    return value


def _fields(value: Any) -> tuple[Any, ...]:
    """The twelve fields of an authenticated payload of this format (``write`` says what each is)."""
    if type(value) is not tuple or len(value) != 12 or value[0] != FORMAT:
        raise _Malformed("another format")  # pragma: no cover
    return value


def _kept(value: Any) -> Kept:
    """A Kept from an authenticated payload (its shape checked all the same)."""
    _format, tree, files, lookups, code, source, codes, input_names, points, constraint_texts, markers, checker = _fields(value)
    ruleset = _build(tree)
    if not isinstance(ruleset, n.Ruleset):
        raise _Malformed("not a ruleset")  # pragma: no cover
    filename = code_filename(ruleset)
    if type(code) is not types.CodeType or code.co_filename != filename or type(source) is not str:
        raise _Malformed("not this ruleset's code")  # pragma: no cover
    trace_points = tuple(
        TracePoint(node, kind, text, n.Location(*loc), _texts(branches), _texts(why))
        for node, kind, text, loc, branches, why in points
    )
    compiled = assemble(
        source,
        filename,
        code,
        codes=_texts(codes),
        input_names=_texts(input_names),
        trace_points=trace_points,
        constraint_texts=_texts(constraint_texts),
        markers=_markers(markers),
    )
    return Kept(
        ruleset,
        _texts(files),
        tuple(cache.Lookup(*lookup) for lookup in lookups),
        _checked(checker, ruleset) if checker is not None else None,
        compiled,
    )


def _checked(data: Any, ruleset: n.Ruleset) -> Checked:
    """The checker's result for ``ruleset`` as ``_checker_data`` kept it."""
    inputs, ranges, users = data
    return Checked(
        ruleset=ruleset,
        inputs={name: _build(decl) for name, decl in inputs},
        warnings=(),
        ranges={
            code: Range(None if lo is None else Decimal(lo), None if hi is None else Decimal(hi))
            for code, lo, hi in ranges
        },
        input_users={name: _texts(codes) for name, codes in users},
    )


def _checker_data(checked: Checked) -> Any:
    """The checker's result as plain data (None when it had warnings: those are said by running it)."""
    if checked.warnings:
        return None
    return (
        tuple((name, _tree(decl)) for name, decl in checked.inputs.items()),
        tuple(
            (code, None if r.lo is None else str(r.lo), None if r.hi is None else str(r.hi))
            for code, r in checked.ranges.items()
        ),
        tuple((name, tuple(codes)) for name, codes in checked.input_users.items()),
    )


def write(entry_key: str, entry: cache.Entry, checked: Checked, compiled: Compiled) -> None:
    """Keep the resolved AST, the checker's result and ``compiled`` under the ruleset cache's
    key; any error leaves no entry (the next load reads the JSON entry, checks and compiles)."""
    folder = cache.cache_dir()
    if folder is None or compiled.code is None or not cache._private(folder, create=True):
        return
    key = secret_key(folder, create=True)
    if key is None:
        return
    points = tuple(
        (p.node, p.kind, p.text, (p.loc.file, p.loc.line, p.loc.column), p.branches, p.why)
        for p in compiled.trace_points
    )
    payload = marshal.dumps(
        (
            FORMAT,
            _tree(entry.ruleset),
            entry.files,
            tuple(attrs.astuple(lookup) for lookup in entry.lookups),
            compiled.code,
            compiled.source,
            compiled.codes,
            compiled.input_names,
            points,
            compiled.constraint_texts,
            compiled.markers,
            _checker_data(checked),
        )
    )
    blob = _mac(key, entry_key, payload) + payload
    import tempfile  # only a miss writes

    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".code")  # created 0600
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(temp, _path(folder, entry_key))
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        return
