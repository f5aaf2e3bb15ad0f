import io
from pathlib import Path

import pytest

from generator.cable import Cable
from generator.content.cablefile import format_cable_file
from generator.content.layout import cable_path
from generator.report import Reporter
from generator.serve.sitebuild import SiteBuilder
from generator.site.theme import DEFAULT_THEME


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    item = Cable(
        "07ASTANA614", "2007-03-07T12:06", None, "SECRET", "Embassy Astana", "S", (), (), "T\n"
    )
    path = cable_path(tmp_path / "content", item.id, item.created)
    path.parent.mkdir(parents=True)
    path.write_text(format_cable_file(item), encoding="utf-8", newline="")
    (tmp_path / "cablesite.yaml").write_text("title: Test archive\nworkers: 1\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def builder(log: io.StringIO) -> SiteBuilder:
    return SiteBuilder(None, None, None, True, Reporter(stream=log))


def test_a_good_build_watches_content_config_and_theme(project: Path) -> None:
    log = io.StringIO()
    outcome = builder(log).build()
    assert outcome.ok, log.getvalue()
    assert set(outcome.watched) >= {
        project / "content",
        project / "cablesite.yaml",
        DEFAULT_THEME,
    }
    assert "Test archive" in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_a_broken_config_fails_but_is_still_watched(project: Path) -> None:
    (project / "cablesite.yaml").write_text("page_size: -3\n")
    log = io.StringIO()
    outcome = builder(log).build()
    assert not outcome.ok
    assert "page_size" in log.getvalue()
    assert project / "cablesite.yaml" in outcome.watched
    assert project / "content" in outcome.watched


def test_a_broken_cable_is_reported_and_pages_are_not_reloaded(project: Path) -> None:
    broken = project / "content" / "cables" / "2007" / "03" / "07ASTANA615.md"
    broken.write_text("---\nid: [\n---\n", encoding="utf-8")
    log = io.StringIO()
    site_builder = builder(log)
    outcome = site_builder.build()
    assert not outcome.ok
    assert f"{broken}:" in log.getvalue()
    assert site_builder.reporter.errors == 0  # counted per build, not for the session


def test_a_base_url_with_a_path_is_served_under_it(project: Path) -> None:
    (project / "cablesite.yaml").write_text("base_url: https://example.org/archive/\n")
    assert builder(io.StringIO()).prefix == "/archive/"
    (project / "cablesite.yaml").write_text("title: x\n")
    assert builder(io.StringIO()).prefix == "/"
    overridden = SiteBuilder(
        None, None, None, True, Reporter(stream=io.StringIO()), {"base_url": "http://h/a/b"}
    )
    assert overridden.prefix == "/a/b/"
