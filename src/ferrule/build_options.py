"""How cargo is asked to build: from `[tool.maturin]`/`[tool.ferrule]`, then the command line on top."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .tool_config import Feature


@dataclass(frozen=True)
class CargoOptions:
    features: tuple[Feature, ...] = ()
    all_features: bool = False
    no_default_features: bool = False
    profile: str | None = None  # from the config; the command decides when it is None
    locked: bool = False
    frozen: bool = False
    offline: bool = False
    strip: bool = False
    config: tuple[str, ...] = ()
    unstable_flags: tuple[str, ...] = ()
    rustc_args: tuple[str, ...] = ()
    target_dir: str | None = None
    jobs: int | None = None
    quiet: bool = False
    verbose: int = 0

    def with_command_line(self, **given) -> "CargoOptions":
        """Command-line values win; features add to the config's, flags only switch on."""
        changes = {k: v for k, v in given.items() if v not in (None, False, 0, ())}
        if "features" in changes:
            changes["features"] = self.features + tuple(Feature(f) for f in changes["features"])
        return replace(self, **changes)

    def feature_names(self, python_version: tuple[int, int] | None) -> list[str]:
        """Features that apply to this interpreter (`{ feature, python-version }` entries are conditional)."""
        names = []
        for feature in self.features:
            if feature.python_version and python_version is not None:
                from packaging.specifiers import SpecifierSet

                if not SpecifierSet(feature.python_version).contains(".".join(map(str, python_version))):
                    continue
            if feature.name not in names:
                names.append(feature.name)
        return names

    def config_args(self) -> list[str]:
        """Flags that `cargo metadata` must see too (they can move the target folder)."""
        args = []
        for value in self.config:
            args += ["--config", value]
        if self.offline:
            args.append("--offline")
        for flag in self.unstable_flags:
            args += ["-Z", flag]
        return args

    def environment(self, base: dict[str, str]) -> dict[str, str]:
        """`--target-dir` as CARGO_TARGET_DIR, which (unlike `--config build.target-dir`) beats the caller's."""
        env = dict(base)
        if self.target_dir:
            env["CARGO_TARGET_DIR"] = str(Path(self.target_dir).resolve())
        return env

    def build_args(self, profile: str, python_version: tuple[int, int] | None) -> list[str]:
        args = self.config_args()
        if profile == "release":
            args.append("--release")
        elif profile not in ("dev", "debug"):
            args += ["--profile", profile]
        features = self.feature_names(python_version)
        if features:
            args += ["--features", ",".join(features)]
        if self.all_features:
            args.append("--all-features")
        if self.no_default_features:
            args.append("--no-default-features")
        for flag, on in (("--locked", self.locked), ("--frozen", self.frozen), ("-q", self.quiet)):
            if on:
                args.append(flag)
        args += ["-v"] * self.verbose
        if self.jobs:
            args += ["-j", str(self.jobs)]
        if self.strip:
            name = "dev" if profile in ("dev", "debug") else profile
            args += ["--config", f'profile.{name}.strip="symbols"']
        return args


def pick_profile(explicit: str | None, release: bool, configured: str | None, default: str) -> str:
    """`--profile` or `--release` on the command line, else the config's `profile`, else the command's default."""
    if explicit:
        return explicit
    if release:
        return "release"
    return configured or default
