import io
import os
import threading
import time
from pathlib import Path

from generator.report import Reporter
from generator.serve.reload import ReloadHub
from generator.serve.session import BuildOutcome, PreviewSession


class FakeBuild:
    def __init__(self, watched: Path) -> None:
        self.watched = watched
        self.calls = 0
        self.fail = False

    def __call__(self) -> BuildOutcome:
        self.calls += 1
        return BuildOutcome(not self.fail, (self.watched,))


def wait_until(condition, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_changes_rebuild_and_failures_keep_the_generation(tmp_path: Path) -> None:
    cable = tmp_path / "A.md"
    cable.write_text("one")
    build = FakeBuild(tmp_path)
    hub = ReloadHub()
    log = io.StringIO()
    session = PreviewSession(build, hub, Reporter(stream=log), [tmp_path], interval=0.05)
    assert session.rebuild() is True
    assert hub.generation == 1
    stop = threading.Event()
    loop = threading.Thread(target=session.watch_forever, args=(stop,))
    loop.start()
    try:
        build.fail = True
        cable.write_text("broken")
        os.utime(cable, ns=(1, 1))
        assert wait_until(lambda: build.calls == 2)
        assert hub.generation == 1  # the last good site stays, pages are not reloaded
        build.fail = False
        cable.write_text("fixed")
        assert wait_until(lambda: hub.generation == 2)
    finally:
        stop.set()
        loop.join(timeout=5)
    assert not loop.is_alive()
    assert "A.md changed: rebuilding" in log.getvalue()
    assert "open pages keep the last good version" in log.getvalue()


def test_an_edit_saved_during_the_first_build_triggers_another(tmp_path: Path) -> None:
    cable = tmp_path / "A.md"
    cable.write_text("one")

    def build_while_editing() -> BuildOutcome:
        if build.calls == 0:
            cable.write_text("edited while the build ran")
        return FakeBuild.__call__(build)

    build = FakeBuild(tmp_path)
    session = PreviewSession(
        build_while_editing, ReloadHub(), Reporter(stream=io.StringIO()), [tmp_path], 0.05
    )
    session.rebuild()
    stop = threading.Event()
    loop = threading.Thread(target=session.watch_forever, args=(stop,))
    loop.start()
    try:
        assert wait_until(lambda: build.calls == 2)
    finally:
        stop.set()
        loop.join(timeout=5)
