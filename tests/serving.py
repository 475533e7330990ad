"""The scoring service run for real in tests: uvicorn on a localhost socket, in a thread.

The socket is bound and listening before uvicorn starts, so a client connects at once
(a connection made before uvicorn accepts waits in the listen backlog): no test waits
for the server by sleeping or polling the clock.  Clients are made without a timeout,
for the same reason (a busy machine makes a test slower, never red).
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from parrules.ruleset import Ruleset
from parrules.serve import create_app


@contextmanager
def running(rulesets: Mapping[str, Ruleset], static: str | Path | None = None, app: Any = None) -> Iterator[str]:
    """The service over ``rulesets`` (or ``app``) on a free localhost port; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)
    port = sock.getsockname()[1]
    app = app if app is not None else create_app(rulesets, static)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()
        sock.close()


def client(base: str) -> httpx.Client:
    """An HTTP client of the service that never gives up on the clock."""
    return httpx.Client(base_url=base, timeout=None)  # httpx would give up after 5 s


def json_text(value: Any) -> str:
    """JSON text of a unit's inputs (or any plain data) with every Decimal written as the exact
    JSON number it is (json.dumps cannot write a Decimal)."""
    if isinstance(value, Mapping):
        return (
            "{" + ", ".join(f"{json.dumps(str(k), ensure_ascii=False)}: {json_text(v)}" for k, v in value.items()) + "}"
        )
    if isinstance(value, list | tuple):
        return "[" + ", ".join(json_text(v) for v in value) + "]"
    if isinstance(value, Decimal):
        return format(value, "f")
    return json.dumps(value, ensure_ascii=False)
