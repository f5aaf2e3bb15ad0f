"""Docs that can't drift: every command, flag and config key is in the README."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from generator.cli import COMMANDS, build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def subcommand_parsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(subparsers.choices)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_and_flag_is_documented(command: str) -> None:
    assert f"cablesite {command}" in README
    parser = subcommand_parsers()[command]
    common = {"--help", "--quiet", "--verbose"}  # documented once for all commands
    flags = {
        option
        for action in parser._actions
        for option in action.option_strings
        if option.startswith("--") and option not in common
    }
    missing = sorted(flag for flag in flags if not re.search(re.escape(flag) + r"\b", README))
    assert not missing, f"README does not mention {missing} of `cablesite {command}`"


def test_every_config_key_is_documented() -> None:
    keys = re.findall(r"^([a-z_]+):", (ROOT / "cablesite.yaml").read_text(encoding="utf-8"), re.M)
    assert keys, "cablesite.yaml lists its options"
    missing = [key for key in keys if f"`{key}`" not in README]
    assert not missing, f"README does not mention config keys {missing}"
