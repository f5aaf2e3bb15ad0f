"""How the preview runs a build: re-read the config, build, list what to watch."""

from __future__ import annotations

from pathlib import Path

from generator.errors import CablesiteError
from generator.report import Reporter
from generator.serve.session import BuildOutcome
from generator.site import urls
from generator.site.config import CONFIG_NAME, SiteConfig, find_config, load_config
from generator.site.theme import theme_folders


class SiteBuilder:
    """Builds with the same options as `cablesite build`; the config is re-read every time."""

    def __init__(
        self,
        config_file: Path | None,
        content_dir: Path | None,
        out_dir: Path | None,
        no_search: bool,
        reporter: Reporter,
        overrides: dict[str, object] | None = None,
    ) -> None:
        self.config_file = config_file
        self.overrides: dict[str, object] = dict(overrides or {})
        if content_dir is not None:
            self.overrides["content_dir"] = content_dir
        if out_dir is not None:
            self.overrides["out_dir"] = out_dir
        if no_search:
            self.overrides["search"] = False
        self.reporter = reporter
        load_config(None, self.overrides)  # bad command-line values: ConfigError right away
        config = self._config_or_defaults()
        self.out_dir = config.out_dir
        # Served under the base URL's path, as deployed (its 404 page links from there).
        self.prefix = urls.base_path(config.base_url)

    def _config_path(self) -> Path | None:
        return self.config_file if self.config_file is not None else find_config(Path.cwd())

    def _config_or_defaults(self) -> SiteConfig:
        try:
            return self._load(self.reporter)
        except CablesiteError:
            return load_config(None, self.overrides)

    def _load(self, reporter: Reporter) -> SiteConfig:
        return load_config(self._config_path(), self.overrides, warn=reporter.warning)

    def initial_paths(self) -> list[Path]:
        """What the first build will read (before it runs)."""
        return self.watched_paths(self._config_or_defaults())

    def watched_paths(self, config: SiteConfig) -> list[Path]:
        """Everything a build reads: content, the themes, the config file (even if absent)."""
        config_file = self.config_file or Path.cwd() / CONFIG_NAME
        return [config.content_dir, config_file, *theme_folders(config)]

    def _fresh_reporter(self) -> Reporter:
        """One reporter per build, so warnings grouped in one build show again in the next."""
        main = self.reporter
        return Reporter(
            quiet=main.quiet, verbose=main.verbose, stream=main.stream, limit=main.limit
        )

    def build(self) -> BuildOutcome:
        """Build once, reporting any failure; says what to watch either way."""
        reporter = self._fresh_reporter()
        try:
            outcome = self._build(reporter)
        finally:
            reporter.flush()  # counted per build: a fixed error does not fail the session
        if outcome.ok and reporter.errors:
            # The build skipped the broken files; reloading would turn the page being
            # edited into a 404, so open pages wait for a build without errors.
            return BuildOutcome(False, outcome.watched)
        return outcome

    def _build(self, reporter: Reporter) -> BuildOutcome:
        try:
            config = self._load(reporter)
        except CablesiteError as exc:
            reporter.report(exc)  # still watch the config file and the default folders
            defaults = load_config(None, self.overrides)
            return BuildOutcome(False, tuple(self.watched_paths(defaults)))
        watched = tuple(self.watched_paths(config))
        try:
            _run_build(config, reporter)
        except CablesiteError as exc:
            reporter.report(exc)
            return BuildOutcome(False, watched)
        except OSError as exc:
            reporter.error(f"build failed: {exc.strerror or exc}", getattr(exc, "filename", None))
            return BuildOutcome(False, watched)
        return BuildOutcome(True, watched)


def _run_build(config: SiteConfig, reporter: Reporter) -> None:
    from generator.site.build import build  # imported late: the build pulls in the renderer

    build(config, reporter)
