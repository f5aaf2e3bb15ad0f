"""Clean-ups shared by the readers: paragraph marks, Markdown syntax, blog footers."""

from __future__ import annotations

import re

# The original site put a "¶" link before each paragraph; it is not part of the cable.
_PILCROW = re.compile(r"^([ \t]*)¶[ \t]?", re.M)
_MD_LINK = re.compile(r"\[([^\]\n]{0,200})\]\([^)\n]{0,500}\)")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MD_FENCE = re.compile(r"^[ \t]*(?:```|~~~)[^\n]*\n?", re.M)
_MD_STRONG = re.compile(r"\*\*([^*\n]{1,200})\*\*")
_MD_QUOTE = re.compile(r"^>[ ]?", re.M)

# Lines that start a blog's footer: everything from there on is not the cable.
_FOOTER_PREFIXES = (
    "Post a comment",
    "Leave a Reply",
    "Leave a Comment",
    "Leave a comment",
    "%d bloggers like this",
    "You are commenting using",
    "Fill in your details below",
    "Connecting to %s",
    "Trackback URL",
    "Blog at WordPress.com",
    "Create a free website or blog",
    "Share this:",
    "Like this:",
    "Rate this:",
    "Report this ad",
    "About these ads",
    "Posted in ",
    "Filed under",
    "Bookmark the permalink",
)
# Single lines a blog puts right after a post (category, ads), trimmed from the end.
_TRAILING_CHROME = frozenset(
    (
        "Wikileaks",
        "WikiLeaks",
        "Advertisements",
        "Related",
        "Share this:",
        "Like this:",
        "Loading...",
    )
)


def remove_pilcrows(text: str) -> str:
    return _PILCROW.sub(r"\1", text) if "¶" in text else text


def _is_quoted(text: str) -> bool:
    """Whether the text is a Markdown block quote ("> " before most lines)."""
    lines = [line for line in text.split("\n") if line.strip()]
    return bool(lines) and sum(line.startswith(">") for line in lines) * 2 >= len(lines)


def markdown_to_text(text: str) -> str:
    """Telegram text of a Markdown repost: quotes, links, bold, escapes and fences removed."""
    if _is_quoted(text):
        text = _MD_QUOTE.sub("", text)
    text = _MD_FENCE.sub("", text)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    if "**" in text:
        text = _MD_STRONG.sub(r"\1", text)
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    return text


def dedent_lines(lines: list[str]) -> list[str]:
    """Without the indentation every non-blank line shares (a Markdown code block)."""
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    common = min(indents, default=0)
    if common == 0:
        return lines
    return [line[common:] if line.strip() else line.strip(" ") for line in lines]


def footer_start(lines: list[str]) -> int:
    """Index of the first blog-footer line (len(lines) when there is none)."""
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped and stripped.startswith(_FOOTER_PREFIXES):
            return index
    return len(lines)


def trim_lines(lines: list[str]) -> list[str]:
    """Without blank lines at both ends and blog chrome lines at the end."""
    end = len(lines)
    while end and (not lines[end - 1].strip() or lines[end - 1].strip() in _TRAILING_CHROME):
        end -= 1
    start = 0
    while start < end and not lines[start].strip():
        start += 1
    return lines[start:end]
