"""``parrules lsp`` through the Language Server Protocol, in process.

The server runs on a thread with ``start_io`` on two OS pipes; the test is the editor: it
writes framed JSON-RPC messages and reads the server's replies and notifications in order
(blocking reads, no clock: a notification the server owes is the next thing on the pipe).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from parrules.lsp import build_server

GOOD = """\
ruleset "Xã thử" year 2024 level commune scale 3

input done: count "Số hồ sơ giải quyết đúng hạn" unit "hồ sơ"
input received: count "Số hồ sơ tiếp nhận" unit "hồ sơ"
input share: percent "Tỷ lệ" in 0..100

field 1 "Cải cách thủ tục" max 3 {
  agency "Văn phòng"
  criterion 1.1 "Đúng hạn" max 2 {
    source appraisal
    score tiers rate(done, received, empty: max) { from 95%: max  below 95%: 0 }
  }
  criterion 1.2 "Tỷ lệ" max 1 {
    score if share >= 50% then max else 0
  }
}
"""

# 1.1 reads ``recieved``, an undeclared name: E130 at line 10, column 38 (1-based).
BAD = GOOD.replace("rate(done, received,", "rate(done, recieved,")


class Client:
    """The editor's side of the pipes: framed JSON-RPC, one message at a time."""

    def __init__(self, root: Path):
        to_server_r, self._to_server = os.pipe()
        self._from_server, from_server_w = os.pipe()
        self._in = os.fdopen(to_server_r, "rb")
        self._out = os.fdopen(from_server_w, "wb")
        self._writer = os.fdopen(self._to_server, "wb")
        self._reader = os.fdopen(self._from_server, "rb")
        self.server = build_server()
        self.thread = threading.Thread(target=self.server.start_io, args=(self._in, self._out), daemon=True)
        self.thread.start()
        self._id = 0
        self.notifications: list[dict[str, Any]] = []
        result = self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
        self.capabilities = result["capabilities"]
        self.notify("initialized", {})

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self._writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self._writer.flush()

    def _receive(self) -> dict[str, Any]:
        length = 0
        while True:
            line = self._reader.readline()
            assert line, "the server closed its output"
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        return json.loads(self._reader.read(length))  # type: ignore[no-any-return]

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self._id += 1
        self._send({"id": self._id, "method": method, "params": params})
        while True:
            message = self._receive()
            if message.get("id") == self._id and "method" not in message:
                assert "error" not in message, message
                return message.get("result")
            self.notifications.append(message)

    def next_notification(self, method: str) -> dict[str, Any]:
        """The next notification of this method (log messages and the like are set aside)."""
        while True:
            message = self.notifications.pop(0) if self.notifications else self._receive()
            if message.get("method") == method:
                return message["params"]  # type: ignore[no-any-return]

    def close(self) -> None:
        self.request("shutdown", None)
        self.notify("exit", None)
        self._writer.close()  # EOF: the server's reader stops
        self.thread.join()
        for f in (self._reader, self._in, self._out):
            f.close()


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    c = Client(tmp_path)
    yield c
    c.close()


def _open(client: Client, path: Path, text: str) -> dict[str, Any]:
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": path.as_uri(), "languageId": "parrules", "version": 1, "text": text}},
    )
    return client.next_notification("textDocument/publishDiagnostics")


def _position(text: str, needle: str, offset: int = 0) -> dict[str, int]:
    """The 0-based position of the first ``needle`` in ``text`` (plus ``offset`` characters)."""
    before = text[: text.index(needle) + offset]
    return {"line": before.count("\n"), "character": len(before) - (before.rfind("\n") + 1)}


def test_capabilities_advertised(client: Client) -> None:
    caps = client.capabilities
    assert caps["hoverProvider"] and caps["definitionProvider"] and caps["documentFormattingProvider"]
    assert caps["textDocumentSync"]["openClose"] is True


def test_error_on_open_then_none_once_fixed(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "xa.par"
    published = _open(client, path, BAD)
    assert published["uri"] == path.as_uri()
    # E130 alone: no knock-on E144 about the unknown name's range (issue 12, point 3)
    assert [d["code"] for d in published["diagnostics"]] == ["E130"]
    diagnostic = published["diagnostics"][0]
    assert "did you mean 'received'?" in diagnostic["message"]
    assert diagnostic["severity"] == 1  # Error
    assert diagnostic["source"] == "parrules"
    assert "recieved" in diagnostic["message"]
    # the misspelt name on line 10 (0-based 9): "    score tiers rate(done, recieved, ..."
    start = _position(BAD, "recieved")
    assert diagnostic["range"] == {
        "start": start,
        "end": {"line": start["line"], "character": start["character"] + len("recieved")},
    }
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": path.as_uri(), "version": 2}, "contentChanges": [{"text": GOOD}]},
    )
    fixed = client.next_notification("textDocument/publishDiagnostics")
    assert fixed == {"uri": path.as_uri(), "version": 2, "diagnostics": []}


def test_incremental_change_rechecks(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "xa.par"
    assert _open(client, path, GOOD)["diagnostics"] == []
    start = _position(GOOD, "received,")
    end = {"line": start["line"], "character": start["character"] + len("received")}
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": path.as_uri(), "version": 2},
            "contentChanges": [{"range": {"start": start, "end": end}, "text": "recieved"}],
        },
    )
    diagnostic = client.next_notification("textDocument/publishDiagnostics")["diagnostics"][0]
    assert diagnostic["code"] == "E130" and diagnostic["range"]["start"] == start


def test_syntax_error_and_warning_ranges(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "xa.par"
    broken = GOOD.replace("max 2 {", "max 2,5 {")  # a decimal comma: a syntax error at the comma
    [diagnostic] = _open(client, path, broken)["diagnostics"]
    assert diagnostic["code"].startswith("E0") and diagnostic["severity"] == 1
    assert diagnostic["range"]["start"]["line"] == _position(broken, "2,5")["line"]


def test_warning_is_published_as_a_warning(client: Client, tmp_path: Path) -> None:
    # ``unused`` is declared and never read: the checker's W201, a warning, at the name
    text = GOOD.replace("input share:", "input unused: count\ninput share:")
    [diagnostic] = _open(client, tmp_path / "xa.par", text)["diagnostics"]
    assert diagnostic["code"] == "W201" and diagnostic["severity"] == 2  # Warning
    start = _position(text, "unused")
    assert diagnostic["range"] == {"start": start, "end": {**start, "character": start["character"] + len("unused")}}


def test_hover_input_and_node(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "xa.par"
    _open(client, path, GOOD)
    uri = path.as_uri()
    at_use = _position(GOOD, "share >= 50", 2)
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": at_use})
    text = hover["contents"]["value"]
    assert "input `share`" in text and "percent" in text and "Tỷ lệ" in text and "0..100" in text
    hover = client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": _position(GOOD, "done, rec", 1)}
    )
    assert "count" in hover["contents"]["value"] and "unit: hồ sơ" in hover["contents"]["value"]
    node = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": _position(GOOD, "1.1 ", 1)})
    value = node["contents"]["value"]
    assert "criterion 1.1" in value and "max: 2" in value
    assert "source: appraisal" in value and "agency: Văn phòng" in value  # the agency is field 1's
    assert "`done`" in value and "`received`" in value
    # ``max 3``: a number, not field 3's code; a blank: nothing
    assert (
        client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": _position(GOOD, "max 3", 4)})
        is None
    )


def test_definition_of_an_input(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "xa.par"
    _open(client, path, GOOD)
    found = client.request(
        "textDocument/definition",
        {"textDocument": {"uri": path.as_uri()}, "position": _position(GOOD, "received, empty", 3)},
    )
    assert found["uri"] == path.as_uri()
    assert found["range"]["start"] == _position(GOOD, "received:")  # the declared name


def test_definition_and_diagnostics_across_extends(client: Client, tmp_path: Path) -> None:
    parent = tmp_path / "xa-2024.par"
    parent.write_text(GOOD, encoding="utf-8")
    child_text = 'ruleset "Xã thử 2025" year 2025 extends "xa-2024"\n\noverride criterion 1.2 "Tỷ lệ" max 1 {\n  score if share >= 60% then max else 0\n}\n'
    child = tmp_path / "xa-2025.par"
    assert _open(client, child, child_text)["diagnostics"] == []
    found = client.request(
        "textDocument/definition",
        {"textDocument": {"uri": child.as_uri()}, "position": _position(child_text, "share >=", 1)},
    )
    assert found["uri"] == parent.as_uri()
    assert found["range"]["start"] == _position(GOOD, "share:")
    # an error in the parent: shown on the child's extends line, naming the parent's line
    parent.write_text(BAD, encoding="utf-8")
    client.notify("textDocument/didSave", {"textDocument": {"uri": child.as_uri()}})
    diagnostic = client.next_notification("textDocument/publishDiagnostics")["diagnostics"][0]
    assert diagnostic["code"] == "E130"
    assert diagnostic["range"]["start"] == _position(child_text, "extends")
    line = _position(BAD, "recieved")["line"] + 1
    assert f"xa-2024.par:{line}:" in diagnostic["message"]
    assert diagnostic["relatedInformation"][0]["location"]["uri"] == parent.as_uri()


def test_formatting_is_parrules_fmt(client: Client, tmp_path: Path) -> None:
    from parrules.render import comments_of, format_ruleset
    from parrules.ruleset import read

    messy = GOOD.replace("  criterion 1.1", "      criterion   1.1").replace("max 3 {", "max 3   {  # field one")
    path = tmp_path / "xa.par"
    path.write_text(messy, encoding="utf-8")
    _open(client, path, messy)
    edits = client.request(
        "textDocument/formatting",
        {"textDocument": {"uri": path.as_uri()}, "options": {"tabSize": 2, "insertSpaces": True}},
    )
    ast, text, _ = read(path)
    expected = format_ruleset(ast, comments_of(text))  # what `parrules fmt` prints for the file
    assert expected != messy and "# field one" in expected
    [edit] = edits
    assert edit["newText"] == expected
    assert edit["range"]["start"] == {"line": 0, "character": 0}
    assert edit["range"]["end"]["line"] >= messy.count("\n")
    # already formatted: no edit
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": path.as_uri(), "version": 2}, "contentChanges": [{"text": expected}]},
    )
    client.next_notification("textDocument/publishDiagnostics")
    assert (
        client.request(
            "textDocument/formatting",
            {"textDocument": {"uri": path.as_uri()}, "options": {"tabSize": 2, "insertSpaces": True}},
        )
        == []
    )


def test_parrules_lsp_command_serves_stdio() -> None:
    """`parrules lsp` as an editor starts it: a process speaking the protocol on stdin/stdout."""
    import subprocess
    import sys

    def frame(message: dict[str, Any]) -> bytes:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    messages = [
        {"id": 1, "method": "initialize", "params": {"processId": None, "capabilities": {}}},
        {"id": 2, "method": "shutdown", "params": None},
        {"method": "exit", "params": None},
    ]
    done = subprocess.run(
        [sys.executable, "-m", "parrules.cli", "lsp"],
        input=b"".join(frame(m) for m in messages),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    header, _, rest = done.stdout.partition(b"\r\n\r\n")
    length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
    reply = json.loads(rest[:length])
    assert reply["id"] == 1 and reply["result"]["serverInfo"]["name"] == "parrules"
    assert reply["result"]["capabilities"]["hoverProvider"] is True


def test_hover_mid_edit_uses_what_still_parses(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "xa.par"
    uri = path.as_uri()
    _open(client, path, GOOD)
    broken = GOOD + "field 2 \n"  # half-typed: a syntax error at the end of the file
    client.notify(
        "textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": broken}]}
    )
    [diagnostic] = client.next_notification("textDocument/publishDiagnostics")["diagnostics"]
    assert diagnostic["code"] == "E003" and diagnostic["severity"] == 1
    hover = client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": _position(broken, "share >=", 1)}
    )
    assert "input `share`" in hover["contents"]["value"]  # from the last text that loaded
    # a checker error (the text parses): its own declarations, a new input included
    retyped = BAD.replace('input share: percent "Tỷ lệ"', 'input ratio_share: percent "Tỷ lệ mới"').replace(
        "if share", "if ratio_share"
    )
    client.notify(
        "textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": retyped}]}
    )
    assert client.next_notification("textDocument/publishDiagnostics")["diagnostics"][0]["code"] == "E130"
    hover = client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": _position(retyped, "ratio_share >=", 1)}
    )
    assert "Tỷ lệ mới" in hover["contents"]["value"]


def test_ranges_are_in_utf16_units(client: Client, tmp_path: Path) -> None:
    # the default position encoding counts UTF-16 units: an emoji before the error is two
    text = GOOD.replace('input done: count "Số hồ sơ giải quyết đúng hạn"', 'input done: count "😀" bogus')
    [diagnostic] = _open(client, tmp_path / "xa.par", text)["diagnostics"]
    assert diagnostic["code"] == "E003" and "bogus" in diagnostic["message"]
    line = _position(text, "bogus")["line"]
    column = len('input done: count "😀" '.encode("utf-16-le")) // 2
    assert diagnostic["range"] == {
        "start": {"line": line, "character": column},
        "end": {"line": line, "character": column + len("bogus")},
    }


def test_an_otherwise_row_out_of_place_is_reported_where_it_is_written(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "xa.par"
    text = GOOD.replace("{ from 95%: max  below 95%: 0 }", "{ otherwise: 0  from 95%: max }")
    published = _open(client, path, text)
    assert [d["code"] for d in published["diagnostics"]] == ["E161"]
    assert published["diagnostics"][0]["range"]["start"] == _position(text, "otherwise")
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": path.as_uri(), "version": 2},
            "contentChanges": [{"text": GOOD.replace("below 95%: 0 }", "otherwise: 0 }")}],
        },
    )
    assert client.next_notification("textDocument/publishDiagnostics")["diagnostics"] == []
