"""Which kind of source a text is, judged by its content (never by the file name)."""

from __future__ import annotations

import re

from generator.ingest.markup import markdown_to_text
from generator.ingest.metadata import HEADER
from generator.ingest.plain import telegram_start

HTML = "wikileaks-html"
TEXT_PAGE = "wikileaks-text"
BLOG = "blog-repost"
MARKDOWN = "markdown"
TELEGRAM = "telegram"

_HTML_START = re.compile(
    r"\s*(?:<\?xml|<!--|<!doctype|<html|<head|<body|<div|<pre|<table|<p\b)", re.I
)
_MARKDOWN = re.compile(
    r"\[[A-Za-z0-9 ]{1,40}\]\([^)\n]{0,300}\)|^#{1,6} |^```|^~~~|^\*\*[A-Z]|^> ", re.M
)
# First lines of a text copy of the original site's page (anything else is a blog's title).
_SITE_CHROME = (
    "Keep Us Strong",
    "WikiLeaks",
    "Wikileaks",
    "Currently released",
    "Viewing cable",
    "Cable Viewer",
    "Browse ",
    "Articles",
    "Reference ID",
)


def _first_line(text: str) -> str:
    for line in text.split("\n", 50)[:50]:
        if line.strip():
            return line.strip()
    return ""


def looks_like_markdown(text: str) -> bool:
    return _MARKDOWN.search(text) is not None


def detect_kind(text: str) -> str | None:
    """One of the kinds above, or None when the text holds no cable we can see."""
    if _HTML_START.match(text[:2000]) and re.search(r"<(?:html|body|pre)\b", text, re.I):
        return HTML
    if HEADER.search(text):
        return TEXT_PAGE if _first_line(text).startswith(_SITE_CHROME) else BLOG
    if looks_like_markdown(text):
        plain = markdown_to_text(text)
        return MARKDOWN if telegram_start(plain.split("\n", 400)) is not None else None
    return TELEGRAM if telegram_start(text.split("\n", 400)) is not None else None
