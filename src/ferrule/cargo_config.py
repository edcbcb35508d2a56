"""The project's `.cargo/config.toml`, so plain `cargo check` (an IDE) finds ferrule's runtime.

The runtime dependency names the registry `ferrule` (`registry = "ferrule"`), which only this config
defines, so cargo can never take the runtime from crates.io, whoever publishes there under its name.
The config makes that registry's index a local folder (no index is ever contacted: `.invalid` names no
host) and patches the runtime in by a relative path, `.cargo/ferrule-runtime/ferrule`; cargo resolves a
path in a config file against the folder that holds `.cargo/`. That folder entry is a link (a copy where
links are not allowed) to the runtime installed with this ferrule, made by `ferrule new`, `develop` and
`cargo-config`, and ignored by git. Without the config cargo stops at the unknown registry; with it but
without the link (a fresh clone, a moved venv) it stops reading the link's path. Either way offline.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from . import __version__
from .errors import ConfigError
from .toml_compat import tomllib

RUNTIME_DIR = Path(__file__).parent / "runtime"  # holds the `ferrule` (runtime) and `ferrule-macros` crates
LINK_NAME = "ferrule-runtime"
PATCH_PATH = f".cargo/{LINK_NAME}/ferrule"
REGISTRY = "ferrule"  # the dependency's `registry = "ferrule"`: defined by this config alone
REGISTRY_INDEX = "sparse+https://ferrule.invalid/index/"  # never contacted: replaced by a local folder
EMPTY_SOURCE = "registry"  # RUNTIME_DIR/registry holds no crate: the registry's stand-in source
_STAMP = ".ferrule-copy"  # in a copy: which ferrule it came from, so an upgrade replaces it

HEADER = "# Written by ferrule: plain `cargo check` (and your IDE) use ferrule's runtime through"
CONFIG_TEXT = f'''{HEADER}
# .cargo/{LINK_NAME}, a link that `ferrule develop` or `ferrule cargo-config` makes (git ignores it).
# If cargo says it cannot read .cargo/{LINK_NAME}/..., run `ferrule cargo-config`.
# The registry `{REGISTRY}` exists only here, so cargo never fetches the runtime from anywhere.
[registries.{REGISTRY}]
index = "{REGISTRY_INDEX}"
[source.ferrule-index]
registry = "{REGISTRY_INDEX}"
replace-with = "ferrule-local"
[source.ferrule-local]
directory = ".cargo/{LINK_NAME}/{EMPTY_SOURCE}"
[patch.{REGISTRY}]
ferrule-runtime = {{ path = "{PATCH_PATH}" }}
'''
# What ferrule before the `ferrule` registry wrote (a patch of crates.io): replaced on sight.
_CRATES_IO_BLOCK = f'''[patch.crates-io]
ferrule-runtime = {{ path = "{PATCH_PATH}" }}
'''
_PATCH_LINE = f'ferrule-runtime = {{ path = "{PATCH_PATH}" }}'


def cargo_config_args(runtime: Path = RUNTIME_DIR) -> list[str]:
    """The config above as cargo's `--config` options, with absolute paths into `runtime`: what ferrule's own
    cargo runs use, whatever the project's config says."""
    values = {f"registries.{REGISTRY}.index": REGISTRY_INDEX,
              "source.ferrule-index.registry": REGISTRY_INDEX,
              "source.ferrule-index.replace-with": "ferrule-local",
              "source.ferrule-local.directory": str(runtime / EMPTY_SOURCE),
              f"patch.{REGISTRY}.ferrule-runtime.path": str(runtime / "ferrule")}
    return [arg for key, value in values.items() for arg in ("--config", f"{key}={json.dumps(value)}")]


def config_folder(crate_dir: Path) -> Path:
    """Where cargo run as an IDE runs it reads its config: the workspace root, else the crate's folder."""
    for folder in (crate_dir, *crate_dir.parents):
        try:
            if "workspace" in tomllib.loads((folder / "Cargo.toml").read_text(encoding="utf-8")):
                return folder
        except (OSError, tomllib.TOMLDecodeError):
            continue
    return crate_dir


def find_config(root: Path) -> Path | None:
    """The `.cargo/config.toml` that patches in the runtime, in the project folder or above (a workspace)."""
    for folder in (root, *root.parents):
        config = folder / ".cargo" / "config.toml"
        try:
            if PATCH_PATH in config.read_text(encoding="utf-8"):  # ours, or an older ferrule's
                return config
        except OSError:
            continue
    return None


def write_cargo_config(root: Path, standins: list[tuple[str, str]] | None = None) -> Path:
    """Adds the runtime patch to `root/.cargo/config.toml` (keeping what is there) and links the runtime.
    `standins`: the (`pyo3`/`pyo3-ffi`, version) crates to patch with stand-ins (cargo_config_standins); None
    keeps the config's."""
    from . import cargo_config_standins

    config = root / ".cargo" / "config.toml"
    try:
        text = config.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    start = text.find(cargo_config_standins.BEGIN)
    kept = text[start:] if start >= 0 and standins is None else ""
    text = cargo_config_standins.without_block(text)
    if text.startswith(HEADER) or text.startswith("# Written by ferrule so that a plain `cargo check`"):
        text = CONFIG_TEXT  # ours, perhaps from an older ferrule
    elif CONFIG_TEXT not in text:
        text = text.replace(_CRATES_IO_BLOCK, "")  # an older ferrule's entry, added to the user's config
        if "ferrule-runtime" in text or f"[patch.{REGISTRY}]" in text or f"[registries.{REGISTRY}]" in text:
            raise ConfigError(f"{config} already configures `ferrule-runtime` or a registry `{REGISTRY}`, so "
                              "ferrule cannot add its entry", path=config,
                              hint="remove those entries (ferrule writes the registry, the source and the patch "
                                   "itself), then run `ferrule cargo-config` again")
        text = text.rstrip("\n") + ("\n\n" if text.strip() else "") + CONFIG_TEXT
    config.parent.mkdir(parents=True, exist_ok=True)
    block = cargo_config_standins.write_standins(config.parent, standins) if standins is not None else kept
    if block:
        text = text.rstrip("\n") + "\n\n" + block
    if not config.is_file() or config.read_text(encoding="utf-8") != text:
        config.write_text(text, encoding="utf-8")
    link_runtime(config.parent)
    return config


_LEAVE_PROJECT = False


def leave_project_config() -> None:
    """From now on `refresh` changes nothing: this ferrule is a build front-end's temporary copy."""
    global _LEAVE_PROJECT
    _LEAVE_PROJECT = True


def refresh(root: Path) -> None:
    """Before a build: renews the link of a project whose config uses it; rewrites an older ferrule's config
    (an absolute path, or a patch of crates.io) as this one writes it. Nothing under a PEP 517 front-end."""
    if _LEAVE_PROJECT:
        return
    legacy = root / ".cargo" / "config.toml"
    try:
        if legacy.read_text(encoding="utf-8").startswith("# Written by ferrule so that a plain `cargo check`"):
            write_cargo_config(root)
            return
    except OSError:
        pass
    config = find_config(root)
    if config is None:
        return
    try:
        if CONFIG_TEXT not in config.read_text(encoding="utf-8"):
            write_cargo_config(config.parent.parent)
        else:
            link_runtime(config.parent)
    except (OSError, ConfigError):
        pass  # a read-only checkout, or a config ferrule will not edit, still builds: only plain cargo misses it


def link_runtime(cargo_dir: Path) -> None:
    """Makes `cargo_dir/ferrule-runtime` lead to this ferrule's runtime, replacing a stale one."""
    link = cargo_dir / LINK_NAME
    _ignore_in_git(cargo_dir)
    if link.is_symlink():
        if Path(os.readlink(link)) == RUNTIME_DIR:
            return
        link.unlink()
    elif link.is_dir():
        stamp = link / _STAMP
        if stamp.is_file() and stamp.read_text(encoding="utf-8") == _copy_stamp():
            return
        shutil.rmtree(link)
    try:
        link.symlink_to(RUNTIME_DIR, target_is_directory=True)
    except OSError:  # Windows without the right to make links
        tmp = cargo_dir / f"{LINK_NAME}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(RUNTIME_DIR, tmp, ignore=shutil.ignore_patterns("target", "__pycache__"))
        (tmp / _STAMP).write_text(_copy_stamp(), encoding="utf-8")
        os.replace(tmp, link)


def _copy_stamp() -> str:
    return f"{__version__} {RUNTIME_DIR}\n"


def _ignore_in_git(cargo_dir: Path) -> None:
    ignore = cargo_dir / ".gitignore"
    try:
        lines = ignore.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    from .cargo_config_standins import FOLDER

    missing = [entry for entry in (f"/{LINK_NAME}", f"/{FOLDER}") if entry not in lines]
    if missing:
        ignore.write_text("\n".join([*lines, *missing]) + "\n", encoding="utf-8")
