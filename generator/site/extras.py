"""The files a build writes besides the pages: static files, the 404 lookup,
robots.txt, sitemap and feed, and the export's category files.

A full build writes them all; an incremental build passes `Changed` to write
only the lookup buckets and export categories its cables are in (the rest are
small and rewritten, which costs nothing when their bytes are the same).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.archive.model import Archive
from generator.site import export, feeds, notfound, urls
from generator.site.config import SiteConfig
from generator.site.theme import static_files

Output = tuple[str, bytes]


@dataclass
class Changed:
    """The parts of the extras an incremental build must make again."""

    buckets: set[int] = field(default_factory=set)
    categories: Mapping[str, set[str]] = field(default_factory=dict)


def extras_outputs(
    archive: Archive,
    config: SiteConfig,
    html_pages: list[str],
    lookup: list[list[str]],
    changed: Changed | None = None,
) -> list[Output]:
    """Every extra file, or with ``changed`` only those that may differ."""
    outputs: list[Output] = [
        (urls.static(name), path.read_bytes()) for name, path in static_files(config).items()
    ]
    buckets = range(len(lookup)) if changed is None else sorted(changed.buckets)
    outputs += [notfound.bucket_output(archive, n, lookup[n]) for n in buckets]
    outputs.append(feeds.robots_output(config))
    if config.base_url:
        outputs += feeds.sitemap_outputs(config.base_url, html_pages)
        outputs.append(feeds.feed_output(archive, config))
    if config.export:  # the month files are page jobs ("export"), rendered in the pool
        only = None if changed is None else changed.categories
        outputs += export.category_outputs(archive, only)
    return outputs


def extras_paths(
    archive: Archive, config: SiteConfig, html_pages: int, lookup: list[list[str]]
) -> set[str]:
    """The paths of every extra file a full build writes, without making them."""
    paths = {urls.static(name) for name in static_files(config)}
    paths.update(urls.lookup(n) for n in range(len(lookup)))
    paths.add(urls.robots())
    if config.base_url:
        paths.update(feeds.sitemap_paths(html_pages))
        paths.add(urls.feed())
    if config.export:
        paths.update(export.category_paths(archive))
    return paths
