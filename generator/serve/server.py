"""The preview HTTP server: static-host URL resolution plus the live-reload channel."""

from __future__ import annotations

import socket
import threading
from collections.abc import Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.serve.reload import (
    EVENTS_PATH,
    RELOAD_SCRIPT,
    SCRIPT_PATH,
    ReloadHub,
    inject_reload_script,
    rebuilt_event,
)
from generator.serve.resolve import Resolution, content_type, resolve

# Answer for a missing page when the site has no 404.html (yet): it reloads after a build.
NOT_BUILT_PAGE = b"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
<body><h1>Not found</h1>
<p>There is no such page, or the site is still being built: this page reloads by itself
when a build finishes.</p></body></html>
"""

LOOPBACK_HOSTS = frozenset(("127.0.0.1", "localhost", "::1"))

# An idle event stream sends a comment this often, so a closed tab is noticed.
KEEPALIVE_SECONDS = 10.0


class PreviewServer(ThreadingHTTPServer):
    """Serves ``root`` at ``prefix``; ``headers`` go on every response (e.g. the deploy CSP)."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        root: Path,
        hub: ReloadHub | None = None,
        headers: Mapping[str, str] | None = None,
        prefix: str = "/",
    ) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, PreviewHandler)
        self.root = root
        self.prefix = prefix
        self.hub = hub
        self.extra_headers = dict(headers or {})
        self.header_names = {name.lower() for name in self.extra_headers}

    @property
    def loopback(self) -> bool:
        return self.server_address[0] in LOOPBACK_HOSTS

    def host_allowed(self, host_header: str) -> bool:
        """On a loopback address, only requests naming a loopback host are answered."""
        if not self.loopback:
            return True
        host = host_header.rsplit(":", 1)[0] if not host_header.endswith("]") else host_header
        return host.strip("[]").lower() in LOOPBACK_HOSTS

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        authority = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        return f"http://{authority}{self.prefix}"

    def start(self) -> threading.Thread:
        """Serve in a background thread (stop with ``stop()``)."""
        thread = threading.Thread(
            target=self.serve_forever, args=(0.1,), name="cablesite-serve", daemon=True
        )
        thread.start()
        return thread

    def stop(self) -> None:
        if self.hub is not None:
            self.hub.close()
        self.shutdown()
        self.server_close()


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "cablesite-serve"

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: a preview prints rebuilds, not every request."""

    def _answer(self, send_body: bool) -> None:
        if not self.server.host_allowed(self.headers.get("Host", "")):
            # DNS rebinding: a web page must not read an unpublished preview through us.
            self._send(403, "text/plain; charset=utf-8", b"Unknown Host header\n", send_body)
            return
        hub = self.server.hub
        path = self.path.split("?", 1)[0]
        if hub is not None and path == EVENTS_PATH:
            self._stream_events(hub)
            return
        if hub is not None and path == SCRIPT_PATH:
            self._send(200, "text/javascript; charset=utf-8", RELOAD_SCRIPT, send_body)
            return
        self._send_resolution(resolve(self.server.root, self.path, self.server.prefix), send_body)

    def _send_resolution(self, found: Resolution, send_body: bool) -> None:
        if found.location is not None:
            self.send_response(found.status)
            self.send_header("Location", found.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if found.file is None:
            self._send_missing(send_body)
            return
        try:
            body = found.file.read_bytes()
        except OSError:  # replaced by a rebuild between resolve and read
            self._send(503, "text/plain; charset=utf-8", b"Rebuilding, retry\n", send_body)
            return
        kind = content_type(found.file)
        hub = self.server.hub
        if hub is not None and kind.startswith("text/html"):
            body = inject_reload_script(body, hub.generation)
        self._send(found.status, kind, body, send_body)

    def _send_missing(self, send_body: bool) -> None:
        """No such file and no 404.html: in a preview, maybe the first build is still running."""
        hub = self.server.hub
        if hub is None:
            self._send(404, "text/plain; charset=utf-8", b"404 Not Found\n", send_body)
            return
        page = inject_reload_script(NOT_BUILT_PAGE, hub.generation)
        self._send(404, "text/html; charset=utf-8", page, send_body)

    def _send(self, status: int, kind: str, body: bytes, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if "cache-control" not in self.server.header_names:
            # A preview must never show a stale page after a rebuild.
            self.send_header("Cache-Control", "no-store")
        for name, value in self.server.extra_headers.items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _stream_events(self, hub: ReloadHub) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        generation = hub.generation
        try:
            self.wfile.write(rebuilt_event(generation))
            self.wfile.flush()
            while not hub.closed:
                newer = hub.wait_after(generation, KEEPALIVE_SECONDS)
                if hub.closed:
                    break
                message = rebuilt_event(newer) if newer != generation else b": keepalive\n\n"
                generation = newer
                self.wfile.write(message)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded
