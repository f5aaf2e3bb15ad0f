"""How the preview runs a build: reload the config, build, list what to watch."""

from __future__ import annotations

from pathlib import Path

from generator.errors import CablesiteError
from generator.report import Reporter
from generator.serve.session import BuildOutcome
from generator.site.config import CONFIG_NAME, SiteConfig, find_config, load_config


class SiteBuilder:
    """Builds with the same options as `cablesite build`; the config is re-read every time."""

    def __init__(
        self,
        config_file: Path | None,
        content_dir: Path | None,
        out_dir: Path | None,
        no_search: bool,
        reporter: Reporter,
    ) -> None:
        self.config_file = config_file
        self.overrides: dict[str, object] = {}
        if content_dir is not None:
            self.overrides["content_dir"] = content_dir
        if out_dir is not None:
            self.overrides["out_dir"] = out_dir
        if no_search:
            self.overrides["search"] = False
        self.reporter = reporter
        self.out_dir = self._config_or_defaults().out_dir

    def _config_path(self) -> Path | None:
        return self.config_file if self.config_file is not None else find_config(Path.cwd())

    def _config_or_defaults(self) -> SiteConfig:
        try:
            return self._load()
        except CablesiteError:
            return load_config(None, self.overrides)

    def _load(self) -> SiteConfig:
        return load_config(self._config_path(), self.overrides, warn=self.reporter.warning)

    def watched_paths(self, config: SiteConfig) -> list[Path]:
        """Everything a build reads: content, the themes, the config file (even if absent)."""
        paths = [config.content_dir, self.config_file or Path.cwd() / CONFIG_NAME]
        if config.theme_dir is not None:
            paths.append(config.theme_dir)
        paths.extend(_default_theme_dirs())
        return paths

    def build(self) -> BuildOutcome:
        """Build once, reporting any failure; says what to watch either way."""
        try:
            config = self._load()
        except CablesiteError as exc:
            self.reporter.report(exc)  # watch the config file and default folders
            return BuildOutcome(False, tuple(self.watched_paths(load_config(None, self.overrides))))
        watched = tuple(self.watched_paths(config))
        try:
            _run_build(config, self.reporter)
        except CablesiteError as exc:
            self.reporter.report(exc)
            return BuildOutcome(False, watched)
        except OSError as exc:
            self.reporter.error(f"build failed: {exc}")
            return BuildOutcome(False, watched)
        return BuildOutcome(True, watched)


def _run_build(config: SiteConfig, reporter: Reporter) -> None:
    from generator.site.build import build  # imported late: the build pulls in the renderer

    build(config, reporter)


def _default_theme_dirs() -> list[Path]:
    """The package's own theme, so theme work in a checkout reloads too."""
    package = Path(__file__).resolve().parents[1]
    return [path for path in (package / "theme", package / "site" / "theme") if path.is_dir()]
