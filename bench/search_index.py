#!/usr/bin/env python3
"""Benchmark of the search stage: Pagefind bundles against one Pagefind index.

    python bench/search_index.py                 # 10,000 and 50,000 cables
    python bench/search_index.py --sizes 10000   # one size
    python bench/search_index.py --full          # adds the whole leak's 251,287

For each size: generate ``cables.csv`` with ../shared/corpus/make_corpus.py,
``cablesite import`` it and ``cablesite build --no-search`` the pages (or, with
``--site-from PROJECT``, take an already built project, only read), index a
hard-linked copy of its site (``--work``, default bench/out/search/SIZE-work),
then, each in a child process whose whole process tree (Python + Pagefind) is
sampled for memory every 50 ms:
- the search stage from scratch (bundles of ``--bundle-size`` pages,
  ``--parallel`` at once), with the time and peak memory of every bundle;
- the search stage again with nothing changed (every bundle reused, no page read);
- the search stage after one cable page's text changed (with its build key);
- one Pagefind index of all cable pages, as a single bundle would be, up to
  ``--single-limit`` pages (above ~20,000 pages it needs more memory than this
  machine should give it: 8.3 GB at 23,299 pages, out of memory above 20 GB at
  50,000, measured for issue 5);
and the bytes a browser downloads for a first one-word query: until the first
results, until the whole archive was searched, and the facet data loaded on
request (chromium, when
installed). Output lands in bench/out/search/ (git-ignored); the table is
printed and written to bench/out/search/results-SIZES.md (and .json).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import astuple, replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
OUT = REPO / "bench" / "out" / "search"
sys.path[:0] = [str(REPO / "bench"), str(REPO / "tests" / "browser")]

from measure import tree_rss, tree_size  # noqa: E402

from generator.search.config import SearchConfig  # noqa: E402


class TreeMemory:
    """Samples the resident memory of this process and all its descendants."""

    def __init__(self) -> None:
        self.peak = 0
        self.window_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            rss = tree_rss(os.getpid())
            self.peak = max(self.peak, rss)
            self.window_peak = max(self.window_peak, rss)
            time.sleep(0.05)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def window(self) -> int:
        """Peak since the last call."""
        peak, self.window_peak = self.window_peak, tree_rss(os.getpid())
        return peak


# -- child process modes -------------------------------------------------------------


def site_pages(project: Path, edited: str = "", saved: Path | None = None):
    """The pages the build's search stage would index, from the build's own plan
    (kept in ``saved`` for the next runs: loading 251,287 cables takes minutes);
    ``edited``: a page changed by `edit_one_page` (its build key changes with it)."""
    from generator.search import SearchPage

    if saved is None or not saved.exists():
        pages = planned_pages(project)
        if saved is not None:
            saved.write_text(json.dumps([list(p) for p in map(astuple, pages)]), "utf-8")
    else:
        pages = [SearchPage(*row) for row in json.loads(saved.read_text("utf-8"))]
    return [
        replace(p, fingerprint=p.fingerprint + "+edit") if p.path == edited else p for p in pages
    ]


def planned_pages(project: Path):
    from generator.archive.load import load_archive
    from generator.search import search_pages
    from generator.site.config import load_config
    from generator.site.plan import plan_pages
    from generator.site.theme import theme_fingerprint

    config_file = project / "cablesite.yaml"
    os.chdir(project)  # paths of a project without a config file are relative to it
    config = load_config(config_file if config_file.exists() else None)
    archive = load_archive(config.content_dir, lambda problem: None)
    jobs = plan_pages(archive, config, theme_fingerprint(config))
    return search_pages(jobs, archive.entries)


def cpu_seconds() -> float:
    """User + system time of this process and its finished children (Pagefind)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def measure_stage(project: Path, site: Path, bundle_size: int, parallel: int, edited: str) -> dict:
    from generator.search import SearchConfig, index_search

    pages = site_pages(project, edited, site.parent / "pages.json")
    per_bundle: dict[str, dict] = {}
    with TreeMemory() as memory:
        baseline = tree_rss(os.getpid())
        started = time.monotonic()

        def on_bundle(event: str, name: str) -> None:
            if event == "start":
                memory.window()
                per_bundle[name] = {"start": time.monotonic()}
            else:
                entry = per_bundle[name]
                entry["seconds"] = time.monotonic() - entry.pop("start")
                entry["peak_rss"] = memory.window()

        report = index_search(
            site,
            pages,
            site.parent / "search-cache",
            SearchConfig(bundle_size=bundle_size, parallel=parallel),
            on_bundle=on_bundle,
        )
        wall = time.monotonic() - started
    for bundle in report.bundles:
        per_bundle.setdefault(bundle.name, {})["pages"] = bundle.pages
    files, size, widest = tree_size(site / "pagefind")
    return {
        "wall": wall,
        "cpu": cpu_seconds(),
        "peak_rss": memory.peak,
        "python_rss": baseline,
        "pages": report.pages,
        "pages_read": report.pages_read,
        "bundles": per_bundle,
        "indexed": list(report.indexed),
        "reused": len(report.reused),
        "errors": list(report.errors),
        "files": files,
        "bytes": size,
        "widest": widest,
    }


def measure_single(project: Path, site: Path, target: Path) -> dict:
    """All cable pages in one Pagefind index (no bundles)."""
    from generator.search import SearchConfig
    from generator.search.bundles import Bundle
    from generator.search.pagefind_run import index_bundle, run_async

    pages = site_pages(project, "", site.parent / "pages.json")
    cables = tuple(p for p in pages if p.kind == "cable")
    months = tuple(sorted({p.created[:7] if p.created else "undated" for p in cables}))
    bundle = Bundle("single", months, cables)
    with TreeMemory() as memory:
        started = time.monotonic()
        run_async(lambda: index_bundle(site, bundle, target, SearchConfig()))
        wall = time.monotonic() - started
    files, size, widest = tree_size(target)
    return {
        "wall": wall,
        "cpu": cpu_seconds(),
        "peak_rss": memory.peak,
        "pages": len(cables),
        "files": files,
        "bytes": size,
        "widest": widest,
    }


def child(mode: str, *args: str) -> dict:
    command = [sys.executable, __file__, f"--{mode}", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the pipeline around the search stage ----------------------------------------------


def run(command: list[str], cwd: Path) -> float:
    started = time.monotonic()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def prepare(size: int) -> tuple[Path, dict]:
    """Corpus, content and pages (search excluded) for one size; reused when present."""
    project = OUT / str(size)
    project.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}
    corpus = project / "cables.csv"
    if not corpus.exists():
        maker = SHARED / "corpus" / "make_corpus.py"
        timings["corpus"] = run(
            [sys.executable, str(maker), "--count", str(size), "--out", str(corpus)], project
        )
    cablesite = str(Path(sys.executable).with_name("cablesite"))
    if not (project / "content" / "cables").exists():
        run([cablesite, "import", "-q", "--no-sync", "cables.csv"], project)
    (project / "cablesite.yaml").write_text("title: Search benchmark\nsearch: false\n", "utf-8")
    timings["build"] = run([cablesite, "build", "-q", "--no-search"], project)
    return project, timings


def working_site(project: Path, work: Path) -> Path:
    """A copy of the project's site to index into, made of hard links (instant, no
    space): the build and `edit_one_page` replace files, never write into them."""
    site = work / "site"
    if not site.exists():
        work.mkdir(parents=True, exist_ok=True)
        subprocess.run(["cp", "-al", str(project / "site"), str(site)], check=True)
    for name in ("search.js", "search.css"):  # the theme's current search page code
        temp = site / "static" / f"{name}.tmp"
        shutil.copyfile(REPO / "themes" / "default" / "static" / name, temp)
        os.replace(temp, site / "static" / name)
    return site


def edit_one_page(site: Path, pages_glob: str = "cable/*/*/*.html") -> str:
    """Change one word of one cable page (the middle one), as an edit and rebuild
    would; the file is replaced, not written into (it is a hard link)."""
    files = sorted(site.glob(pages_glob))
    target = files[len(files) // 2]
    html = target.read_text("utf-8")
    marker = "Benchmark edit here."
    if marker in html:
        html = html.replace(marker, "")
    else:
        html = html.replace("</pre>", marker + "</pre>", 1)
    temp = target.with_name(target.name + ".tmp")
    temp.write_text(html, "utf-8")
    os.replace(temp, target)
    return target.relative_to(site).as_posix()


def first_query_bytes(site: Path, word: str = "trafficking") -> dict | None:
    """Bytes a browser loads for a first one-word search: until the first results show
    (the newest bundle alone) and until every bundle was searched, facets included."""
    try:
        from browser_support import CHROMIUM, chromium, first_results_bytes, serve, wait_ready
    except ImportError:
        return None
    if not CHROMIUM.exists():
        return None
    transfers: list[tuple[str, int]] = []
    with chromium() as browser, serve(site, "/", transfers) as base:
        page = browser.new_page()
        page.goto(f"{base}search.html?q={word}")
        wait_ready(page, timeout=600_000)
        page.wait_for_load_state("networkidle")
    return {
        "first_results": first_results_bytes(site, transfers),
        "complete": sum(size for _, size in transfers),
        "requests": len(transfers),
        "by_kind": bytes_by_kind(transfers),
        "facets": sum(f.stat().st_size for f in site.glob("pagefind/*/filter/*")),
    }


def bytes_by_kind(transfers: list[tuple[str, int]]) -> dict[str, list[int]]:
    """{kind of file: [requests, bytes]}: Pagefind's page lists (pf_meta), word index
    chunks, filter (facet) data, result fragments, its code, and the rest."""
    kinds: dict[str, list[int]] = {}
    for path, size in transfers:
        suffix = path.split("?")[0].rsplit(".", 1)[-1] if "/pagefind/" in path else "site"
        entry = kinds.setdefault(suffix, [0, 0])
        entry[0] += 1
        entry[1] += size
    return kinds


def bench_size(size: int, args: argparse.Namespace) -> dict:
    print(f"== {size:,} cables", flush=True)
    if args.site_from:
        project, timings = Path(args.site_from).resolve(), {}
    else:
        project, timings = prepare(size)
    work = Path(args.work or OUT / f"{size}-work")
    site = working_site(project, work)
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    shutil.rmtree(work / "search-cache", ignore_errors=True)
    (work / "pages.json").unlink(missing_ok=True)
    stage = [str(project), str(site), str(args.bundle_size), str(args.parallel)]
    result = {"size": size, "prep": timings}
    result["cold"] = child("stage", *stage, "")
    print(f"   bundles: {result['cold']['wall']:.1f} s", flush=True)
    result["noop"] = child("stage", *stage, "")
    result["edited_file"] = edit_one_page(site)
    result["edit"] = child("stage", *stage, result["edited_file"])
    result["first_query_bytes"] = first_query_bytes(site) if args.browser else None
    if size <= args.single_limit:
        single = work / "single-index"
        shutil.rmtree(single, ignore_errors=True)
        result["single"] = child("single", str(project), str(site), str(single))
        print(f"   single: {result['single']['wall']:.1f} s", flush=True)
    else:
        result["single"] = None
    return result


# -- report ---------------------------------------------------------------------------


def mb(value: float) -> str:
    return f"{value / 2**20:,.0f} MB"


def failed(stage: dict) -> str:
    """The bundles Pagefind failed on, with its error: a run with any is not a result."""
    return "; ".join(stage["errors"]) or "none"


def table(results: list[dict], args: argparse.Namespace) -> str:
    lines = [
        f"Search index benchmark, {dt.date.today()}, {platform.node()} "
        f"({os.cpu_count()} cores), Python {platform.python_version()}, Pagefind 1.5.2, "
        f"bundle size {args.bundle_size:,}, {args.parallel} bundle(s) at once",
        "",
        "| cables | variant | bundles | wall | CPU | peak RSS | largest bundle peak | files "
        "| index bytes | most files in a folder | first query | failed bundles |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        cold = r["cold"]
        largest = max(b.get("peak_rss", 0) for b in cold["bundles"].values())
        fq = r["first_query_bytes"]
        query = (
            f"{fq['first_results'] / 1000:,.0f} KB first results, "
            f"{fq['complete'] / 1000:,.0f} KB complete ({fq['requests']} requests), "
            f"facet data {fq.get('facets', 0) / 1000:,.0f} KB"
            if fq
            else "-"
        )
        lines.append(
            f"| {r['size']:,} | bundles, cold | {len(cold['bundles'])} | {cold['wall']:.1f} s "
            f"| {cold['cpu']:.1f} s | {mb(cold['peak_rss'])} | {mb(largest)} | {cold['files']:,} "
            f"| {mb(cold['bytes'])} "
            f"| {cold['widest']:,} | {query} | {failed(cold)} |"
        )
        for key, label in (("noop", "nothing changed"), ("edit", "one cable edited")):
            run_ = r[key]
            lines.append(
                f"| {r['size']:,} | bundles, {label} | {len(run_['indexed'])} re-indexed "
                f"| {run_['wall']:.1f} s | {run_['cpu']:.1f} s | {mb(run_['peak_rss'])} | | | | | "
                f"| {failed(run_)} |"
            )
        single = r["single"]
        if single:
            lines.append(
                f"| {r['size']:,} | one index | 1 | {single['wall']:.1f} s "
                f"| {single['cpu']:.1f} s | {mb(single['peak_rss'])} | {mb(single['peak_rss'])} "
                f"| {single['files']:,} "
                f"| {mb(single['bytes'])} | {single['widest']:,} | | |"
            )
        else:
            lines.append(
                f"| {r['size']:,} | one index | skipped: above --single-limit "
                f"({args.single_limit:,} pages; needs > 8 GB) | | | | | | | | |"
            )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--full", action="store_true", help="also 251,287 cables")
    parser.add_argument("--bundle-size", type=int, default=SearchConfig.bundle_size)
    parser.add_argument("--single-limit", type=int, default=20_000)
    parser.add_argument("--no-browser", dest="browser", action="store_false")
    parser.add_argument(
        "--parallel", type=int, default=SearchConfig.parallel, help="bundles indexed at once"
    )
    parser.add_argument(
        "--site-from",
        metavar="PROJECT",
        help="index this already built project (content/ and site/, only read) instead of "
        "generating one; e.g. bench/out/251287/ours",
    )
    parser.add_argument(
        "--work",
        metavar="DIR",
        help="where the linked site copy and indexes go (default: bench/out/search/SIZE-work)",
    )
    parser.add_argument("--stage", nargs=5, help=argparse.SUPPRESS)
    parser.add_argument("--single", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--query-bytes", metavar="SITE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        project, site, size, parallel, edited = args.stage
        stage = measure_stage(Path(project), Path(site), int(size), int(parallel), edited)
        print(json.dumps(stage))
        return 0
    if args.query_bytes:
        print(json.dumps(first_query_bytes(Path(args.query_bytes))))
        return 0
    if args.single:
        print(json.dumps(measure_single(*(Path(a) for a in args.single))))
        return 0
    sizes = sorted(set(args.sizes) | ({251_287} if args.full else set()))
    results = [bench_size(size, args) for size in sizes]
    text = table(results, args)
    OUT.mkdir(parents=True, exist_ok=True)
    name = "results-" + "-".join(str(size) for size in sizes)
    (OUT / f"{name}.md").write_text(text, "utf-8")
    (OUT / f"{name}.json").write_text(json.dumps(results, indent=1), "utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
