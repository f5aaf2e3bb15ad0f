"""Live reload: a build counter that pages watch over Server-Sent Events.

Each successful rebuild bumps ``generation``. Every HTML response gets a
script tag carrying the generation it was served from; the script opens
``EVENTS_PATH`` and reloads when the server announces a newer generation. The
server also announces the current generation on connect, so a rebuild that
finished between page load and connect is not missed. The tag is added at
serve time only: built files never contain it.
"""

from __future__ import annotations

import re
import threading

EVENTS_PATH = "/__cablesite/events"
SCRIPT_PATH = "/__cablesite/reload.js"

# An external script (not inline) so pages keep working under `script-src 'self'`.
RELOAD_SCRIPT = b"""\
(() => {
  const served = document.currentScript && document.currentScript.dataset.generation;
  const source = new EventSource("/__cablesite/events");
  source.addEventListener("rebuilt", (event) => {
    if (event.data !== served) {
      source.close();
      location.reload();
    }
  });
})();
"""

_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


class ReloadHub:
    """The build generation, and a way for event streams to wait for the next one."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.generation = 0
        self.closed = False

    def announce(self) -> int:
        """Called after a successful rebuild: wake every waiting stream."""
        with self._changed:
            self.generation += 1
            self._changed.notify_all()
            return self.generation

    def wait_after(self, generation: int, timeout: float) -> int:
        """The generation once it differs from ``generation``, or the same after ``timeout``."""
        with self._changed:
            self._changed.wait_for(
                lambda: self.generation != generation or self.closed, timeout=timeout
            )
            return self.generation

    def close(self) -> None:
        """Let every stream end so the server can shut down."""
        with self._changed:
            self.closed = True
            self._changed.notify_all()


def rebuilt_event(generation: int) -> bytes:
    return f"event: rebuilt\ndata: {generation}\n\n".encode()


def inject_reload_script(html: bytes, generation: int) -> bytes:
    """The page with the reload script tag before its last ``</body>`` (or at the end)."""
    tag = f'<script src="{SCRIPT_PATH}" data-generation="{generation}"></script>'.encode()
    matches = list(_BODY_END.finditer(html))
    if not matches:
        return html + tag
    at = matches[-1].start()
    return html[:at] + tag + html[at:]
