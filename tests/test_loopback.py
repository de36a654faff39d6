"""The loopback server behind the demo site and the tests' fixture sites."""

from __future__ import annotations

import json
import socket
import struct
import time
from urllib.parse import urlsplit

from kaikille.loopback import serve


def test_a_client_that_goes_away_mid_answer_prints_no_traceback(tmp_path, capsys):
    """A browser closing a tab (or a stopped crawl) while a page is on its way broke the connection,
    and the server printed the BrokenPipeError's traceback on the demo user's terminal."""
    (tmp_path / "_routes.json").write_text(json.dumps({"/slow": {"body": "x" * 200_000, "delay": 0.3}}), "utf-8")
    with serve(tmp_path) as base:
        host, port = urlsplit(base).hostname, urlsplit(base).port
        for _ in range(3):
            client = socket.create_connection((host, port))
            client.sendall(b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
            # close with a reset, before the answer is written: the server's write then fails
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()
        time.sleep(1.0)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "BrokenPipe" not in captured.err, captured.err
