import http.client
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.serve.reload import EVENTS_PATH, SCRIPT_PATH, ReloadHub, inject_reload_script
from generator.serve.server import PreviewServer

PAGE = b"<!doctype html><html><body><p>cable</p></body></html>"


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[PreviewServer]:
    (tmp_path / "index.html").write_bytes(PAGE)
    (tmp_path / "404.html").write_bytes(b"<html><body>not here</body></html>")
    (tmp_path / "app.wasm").write_bytes(b"\0asm")
    running = PreviewServer(("127.0.0.1", 0), tmp_path, ReloadHub(), {"X-Test": "yes"})
    running.start()
    yield running
    running.stop()


def request(server: PreviewServer, path: str, method: str = "GET") -> http.client.HTTPResponse:
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=5)
    connection.request(method, path)
    return connection.getresponse()


def test_html_gets_the_reload_script_but_the_file_does_not(server: PreviewServer) -> None:
    response = request(server, "/")
    body = response.read()
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert response.getheader("X-Test") == "yes"
    assert body == inject_reload_script(PAGE, 0)
    assert f'<script src="{SCRIPT_PATH}" data-generation="0"></script></body>'.encode() in body
    assert int(response.getheader("Content-Length")) == len(body)
    assert (server.root / "index.html").read_bytes() == PAGE


def test_missing_page_is_the_404_page_with_status_404(server: PreviewServer) -> None:
    response = request(server, "/no/such/page")
    assert response.status == 404
    assert b"not here" in response.read()


def test_traversal_is_404(server: PreviewServer) -> None:
    response = request(server, "/../../../../etc/passwd")
    assert response.status == 404
    assert b"root:" not in response.read()


def test_binary_files_are_served_unchanged(server: PreviewServer) -> None:
    response = request(server, "/app.wasm")
    assert response.getheader("Content-Type") == "application/wasm"
    assert response.read() == b"\0asm"


def test_head_sends_no_body(server: PreviewServer) -> None:
    response = request(server, "/", method="HEAD")
    assert response.status == 200
    assert response.read() == b""


def test_reload_script_is_served(server: PreviewServer) -> None:
    response = request(server, SCRIPT_PATH)
    assert response.getheader("Content-Type").startswith("text/javascript")
    assert b"EventSource" in response.read()


def test_event_stream_announces_each_rebuild(server: PreviewServer) -> None:
    response = request(server, EVENTS_PATH)
    assert response.getheader("Content-Type") == "text/event-stream"
    assert response.readline() == b"event: rebuilt\n"
    assert response.readline() == b"data: 0\n"
    assert response.readline() == b"\n"
    server.hub.announce()
    assert response.readline() == b"event: rebuilt\n"
    assert response.readline() == b"data: 1\n"


def test_script_goes_before_the_last_body_end() -> None:
    html = b"<body><pre>&lt;/body&gt;</pre></BODY >"
    assert inject_reload_script(html, 3).endswith(b'data-generation="3"></script></BODY >')
    assert inject_reload_script(b"<p>x", 1).startswith(b"<p>x<script")


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("127.0.0.1:8000", 200),
        ("localhost:8000", 200),
        ("[::1]:8000", 200),
        ("LOCALHOST", 200),
        ("evil.example:8000", 403),
        ("127.0.0.1.evil.example", 403),
        ("", 403),
    ],
)
def test_only_loopback_host_names_are_answered(
    server: PreviewServer, host: str, status: int
) -> None:
    host_port = server.server_address[:2]
    connection = http.client.HTTPConnection(*host_port, timeout=5)
    connection.putrequest("GET", "/", skip_host=True)
    if host:
        connection.putheader("Host", host)
    connection.endheaders()
    assert connection.getresponse().status == status


def test_before_the_first_build_a_missing_page_waits_for_it(tmp_path: Path) -> None:
    running = PreviewServer(("127.0.0.1", 0), tmp_path / "site", ReloadHub())
    running.start()
    try:
        response = request(running, "/cable/2007/03/07ASTANA614")
        assert response.status == 404
        assert SCRIPT_PATH.encode() in response.read()
    finally:
        running.stop()


def test_ipv6_loopback(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_bytes(PAGE)
    try:
        running = PreviewServer(("::1", 0), tmp_path, ReloadHub())
    except OSError:
        pytest.skip("no IPv6 loopback here")
    running.start()
    try:
        assert running.url.startswith("http://[::1]:")
        connection = http.client.HTTPConnection("::1", running.server_address[1], timeout=5)
        connection.request("GET", "/")
        assert connection.getresponse().status == 200
    finally:
        running.stop()
