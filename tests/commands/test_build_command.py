"""`cablesite build`: flags, exit status, errors as PATH: error: MESSAGE."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "site"))

from sitecorpus import write_cable  # noqa: E402

from generator.cable import Cable  # noqa: E402
from generator.commands import build as build_command  # noqa: E402
from generator.report import Reporter  # noqa: E402


def run(args: list[str], capsys) -> tuple[int, str]:
    import argparse

    parser = argparse.ArgumentParser()
    build_command.add_arguments(parser)
    reporter = Reporter(quiet=False)
    status = build_command.run(parser.parse_args(args), reporter)
    reporter.flush()
    return status, capsys.readouterr().err


def test_build_writes_the_site(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    write_cable(content, Cable("07X1", "2007-01-02T03:04", None, None, None, None, (), (), "t\n"))
    status, err = run(["--content", str(content), "--out", "out", "--no-search"], capsys)
    assert status == 0, err
    assert (tmp_path / "out/cable/2007/01/07X1.html").is_file()
    assert "built 1 cables" in err
    assert not (tmp_path / "out/sitemap.xml").exists()  # no base URL, no sitemap


def test_config_problems_exit_1_without_traceback(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cablesite.yaml").write_text("page_size: many\n")
    status, err = run(["--no-search"], capsys)
    assert status == 1
    assert f"{tmp_path / 'cablesite.yaml'}: error: 1 problem(s)" in err
    assert "page_size" in err and "Traceback" not in err


def test_bad_base_url_flag(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, err = run(["--base-url", "example.org", "--no-search"], capsys)
    assert status == 1 and "command line" in err and "base_url" in err


def test_help_lists_every_flag():
    text = build_command.EXAMPLES + build_command.DESCRIPTION
    assert "--base-url" in text and "--no-search" in text
    import argparse

    parser = argparse.ArgumentParser()
    build_command.add_arguments(parser)
    flags = {a for action in parser._actions for a in action.option_strings}
    assert {"--content", "--out", "--base-url", "--config", "--no-search"} <= flags


@pytest.mark.parametrize("flag", ["--content", "--out", "--config"])
def test_path_flags_take_a_value(flag):
    import argparse

    parser = argparse.ArgumentParser()
    build_command.add_arguments(parser)
    with pytest.raises(SystemExit):
        parser.parse_args([flag])
