"""Preview the site locally; rebuild and reload the browser when anything changes.

Builds the site (like `cablesite build`) and serves the output folder on
127.0.0.1 with the URL rules of static hosts (`/x` serves `x.html`, `/x/`
serves `x/index.html`, unknown paths get `404.html` with status 404). While it
runs it watches content/, the theme and the config file; a change rebuilds
(incrementally, through the build cache) and reloads the open pages. A site
whose base_url has a path (https://example.org/archive/) is served under that
path, as it will be once deployed. A broken
file is reported and the last good site stays up. If the project has a
netlify.toml, its security headers (Content-Security-Policy, ...) are sent too,
so what breaks under the production policy breaks in the preview. Stop with Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

from generator.errors import CablesiteError
from generator.report import Reporter
from generator.serve.headers import deploy_headers
from generator.serve.reload import ReloadHub
from generator.serve.server import PreviewServer
from generator.serve.session import PreviewSession
from generator.serve.sitebuild import SiteBuilder

DESCRIPTION = __doc__

EXAMPLES = """\
examples:
  cablesite serve                      build, serve on http://127.0.0.1:8000/, reload on change
  cablesite serve --port 8080 --no-search
  cablesite serve --content ~/archive/content --out /tmp/preview
  cablesite serve --base-url https://example.org/archive/   preview at /archive/
  cablesite serve --bind 0.0.0.0       let other machines on your network see it (careful)
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, metavar="DIR", help="content folder to build")
    parser.add_argument("--out", type=Path, metavar="DIR", help="output folder to serve")
    parser.add_argument("--config", type=Path, metavar="FILE", help="config file to use")
    parser.add_argument(
        "--base-url", metavar="URL", help="address the site will be published at (its path is kept)"
    )
    parser.add_argument(
        "--port", type=int, default=8000, help="port to listen on (default 8000; 0: any free)"
    )
    parser.add_argument(
        "--bind", default="127.0.0.1", metavar="ADDRESS", help="address (default 127.0.0.1)"
    )
    parser.add_argument(
        "--no-search", action="store_true", help="skip the search index (faster rebuilds)"
    )


def run(args: argparse.Namespace, reporter: Reporter) -> int:
    overrides = {"base_url": args.base_url} if args.base_url is not None else {}
    try:
        builder = SiteBuilder(
            args.config, args.content, args.out, args.no_search, reporter, overrides
        )
    except CablesiteError as exc:  # a bad command-line value: no file edit can fix it
        reporter.report(exc)
        return 1
    hub = ReloadHub()
    try:
        headers = deploy_headers(Path.cwd())
        address = (args.bind, args.port)
        server = PreviewServer(address, builder.out_dir, hub, headers, builder.prefix)
    except OSError as exc:
        reporter.error(
            f"cannot listen on {args.bind}:{args.port} ({exc.strerror}); "
            "choose another port with --port"
        )
        return 1
    # Serve the previous build at once (a full archive takes minutes to build); open
    # pages reload when the first build is done.
    server.start()
    if not server.loopback:
        reporter.warning(f"listening on {args.bind}: other machines can see the preview")
    print(f"Serving {builder.out_dir} at {server.url} (Ctrl-C to stop)", flush=True)
    session = PreviewSession(builder.build, hub, reporter, builder.initial_paths())
    stop = threading.Event()
    try:
        session.rebuild()
        session.watch_forever(stop)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        stop.set()
        server.stop()
    return 0
