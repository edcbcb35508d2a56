"""`[tool.ferrule]`, or maturin's `[tool.maturin]` when it is absent: every key maturin documents.

Each key is either read (and type-checked) or refused by name with the reason, at the
key's own line and column, so a project written for maturin ports without surprises.
"""

from __future__ import annotations

import difflib
import platform
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError

# Keys ferrule reads. `abi3` is ferrule's own; the rest are maturin's.
SUPPORTED = (
    "module-name", "python-source", "python-packages", "manifest-path", "features", "all-features",
    "no-default-features", "profile", "editable-profile", "locked", "frozen", "config", "unstable-flags",
    "rustc-args", "strip", "include", "exclude", "bindings", "compatibility", "manylinux", "auditwheel",
    "skip-auditwheel", "sdist-generator", "include-import-lib", "use-base-python", "target", "generate-ci",
    "abi3", "sdist-include", "pgo-command",
)

# Keys maturin documents (or once did) that ferrule does not do, and why.
REFUSED = {
    "data": "a `.data` folder (scripts, headers) is not written into wheels yet; ship the files inside the "
            "Python package instead",
    "targets": "ferrule builds the one cdylib named by Cargo.toml's [lib]; remove `targets`",
    "sbom": "ferrule writes no SBOM into wheels; remove [tool.maturin.sbom]",
    "cargo-extra-args": "removed in maturin 1.0: use `features`, `profile`, `locked`, `config` ... keys instead",
    "rustc-extra-args": "removed in maturin 1.0: use `rustc-args = [...]` instead",
    "zig": "zig is a cross-compiling option of `maturin build --zig`, not a config key; ferrule builds for the "
           "interpreter it runs",
}

BINDINGS = ("pyo3",)
FORMATS = ("sdist", "wheel")  # maturin's include/exclude formats
TARGET_KEYS = ("macos-deployment-target", "macosx-deployment-target")  # maturin's TargetConfig
AUDITWHEEL = ("repair", "check", "skip")


@dataclass(frozen=True)
class Feature:
    name: str
    python_version: str | None = None  # a PEP 440 specifier, e.g. ">=3.11"


@dataclass(frozen=True)
class ToolConfig:
    table: str  # "tool.ferrule" or "tool.maturin", for messages
    values: dict = field(default_factory=dict)


def table_of(pyproject: dict, path: Path | None = None) -> tuple[str, dict]:
    """The tool table a project builds from: [tool.ferrule], else [tool.maturin], else (given pyproject.toml's
    path) setuptools-rust's one `[[tool.setuptools-rust.ext-modules]]` entry as maturin keys."""
    tool = pyproject.get("tool") or {}
    if "ferrule" in tool:
        return "tool.ferrule", tool.get("ferrule") or {}
    if "maturin" not in tool and path is not None:
        from .setuptools_rust import TABLE, from_setup_py, translate

        translated = translate(pyproject, path)
        if translated is not None:
            return TABLE, translated
        if (path.parent / "setup.py").is_file():
            translated = from_setup_py(path.parent / "setup.py", pyproject)
            if translated is not None:
                return "setup.py", translated
    return "tool.maturin", tool.get("maturin") or {}


def locate(path: Path, table: str, key: str | None) -> tuple[int | None, int | None]:
    """Line and column of `key = ...` inside `[table]` (or of the table's header when key is None)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None, None
    header_at = None
    current = None
    header = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")  # [table] or [[array.of.tables]]
    for number, text in enumerate(lines, 1):
        found = header.match(text)
        if found:
            current = found.group(1).replace('"', "").replace(" ", "")
            if current == table and header_at is None:
                header_at = number
            continue
        if key is None or current is None:
            continue
        if current == table:
            match = re.match(rf"""^(\s*)(["']?){re.escape(key)}\2\s*[=.]""", text)
        elif table.startswith(current + ".") or current == "tool" and table.startswith("tool."):
            dotted = table[len(current) + 1:] + "." + key
            match = re.match(rf"^(\s*){re.escape(dotted)}\s*=", text)
        else:
            match = None
        if match:
            return number, len(match.group(1)) + 1
    if key is not None and header_at is None:
        for number, text in enumerate(lines, 1):  # written as `[tool.maturin.KEY]` or similar
            if re.match(rf"^\s*\[\s*{re.escape(table)}\.{re.escape(key)}\b", text):
                return number, 1
    return header_at, 1 if header_at else None


class Reader:
    """Type-checked access to one tool table, every error pointing at the key."""

    def __init__(self, path: Path, table: str, values: dict) -> None:
        self.path, self.table, self.values = path, table, values

    def error(self, key: str | None, message: str, hint: str | None = None) -> ConfigError:
        line, col = locate(self.path, self.table, key)
        return ConfigError(message, path=self.path, line=line, col=col, hint=hint)

    def check_keys(self) -> None:
        for key in self.values:
            if key in REFUSED:
                raise self.error(key, f"[{self.table}] `{key}` is not supported by ferrule", REFUSED[key])
            if key not in SUPPORTED:
                close = difflib.get_close_matches(key, SUPPORTED, n=1)
                raise self.error(key, f"unknown key `{key}` in [{self.table}]",
                                 f"did you mean `{close[0]}`?" if close else
                                 "see maturin's configuration keys; ferrule reads the same ones")

    def string(self, key: str, default: str | None = None) -> str | None:
        value = self.values.get(key, default)
        if value is not None and not isinstance(value, str):
            raise self.error(key, f"[{self.table}] `{key}` must be a string, not {_kind(value)}",
                             f'write `{key} = "..."`')
        return value

    def boolean(self, key: str) -> bool:
        value = self.values.get(key, False)
        if not isinstance(value, bool):
            raise self.error(key, f"[{self.table}] `{key}` must be true or false, not {_kind(value)}",
                             f"write `{key} = true`")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.values.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, f"[{self.table}] `{key}` must be a list of strings, not {_kind(value)}",
                             f'write `{key} = ["..."]`' + (f' (for one: `{key} = ["{value}"]`)'
                                                           if isinstance(value, str) else ""))
        return tuple(value)

    def choice(self, key: str, allowed: tuple[str, ...], reason: str) -> str | None:
        value = self.string(key)
        if value is not None and value not in allowed:
            raise self.error(key, f"[{self.table}] {key} = \"{value}\" is not supported by ferrule", reason)
        return value

    def features(self) -> tuple[Feature, ...]:
        value = self.values.get("features", [])
        hint = 'write `features = ["a", "b"]`, or `{ feature = "a", python-version = ">=3.11" }` for a conditional one'
        if not isinstance(value, list):
            raise self.error("features", f"[{self.table}] `features` must be a list, not {_kind(value)}",
                             f'write `features = ["{value}"]`' if isinstance(value, str) else hint)
        out = []
        for item in value:
            if isinstance(item, str):
                out.append(Feature(item))
            elif isinstance(item, dict) and isinstance(item.get("feature"), str) and \
                    set(item) <= {"feature", "python-version"} and isinstance(item.get("python-version", ""), str):
                spec = item.get("python-version")
                if spec is not None:
                    _check_specifier(self, spec)
                out.append(Feature(item["feature"], spec))
            else:
                raise self.error("features", f"[{self.table}] `features` entry {item!r} is neither a feature "
                                             "name nor a `{ feature, python-version }` table", hint)
        return tuple(out)

    def patterns(self, key: str) -> tuple[str, ...]:
        """include/exclude: globs, or maturin's `{ path, format }` tables (format sdist/wheel)."""
        value = self.values.get(key, [])
        if not isinstance(value, list):  # a bare string too, as maturin refuses it
            raise self.error(key, f"[{self.table}] `{key}` must be a list of glob patterns, not {_kind(value)}",
                             f'write `{key} = ["{value}"]`' if isinstance(value, str) else f'write `{key} = ["..."]`')
        out = []
        for item in value:
            if isinstance(item, dict):
                if item.get("from") == "out-dir":
                    raise self.error(key, f"[{self.table}] `{key}` from `out-dir` is not supported by ferrule",
                                     "copy the generated files into the Python package from build.rs' caller")
                formats = item.get("format", list(FORMATS))
                formats = [formats] if isinstance(formats, str) else formats
                unknown = [f for f in formats if f not in FORMATS] if isinstance(formats, list) else [formats]
                if unknown:
                    shown = f"`{unknown[0]}`" if isinstance(unknown[0], str) else repr(unknown[0])
                    raise self.error(key, f"[{self.table}] `{key}` format {shown} is not recognised: the formats "
                                          "are `sdist` and `wheel`",
                                     'write `format = "sdist"`, `format = "wheel"` or `format = ["sdist", "wheel"]`')
                if key == "include" and "sdist" not in formats:
                    raise self.error(key, f"[{self.table}] `include` for wheels only is not supported by ferrule",
                                     "wheels hold the Python package's files; put the file inside it")
                item = item.get("path")
            if not isinstance(item, str):
                raise self.error(key, f"[{self.table}] `{key}` entry {item!r} is not a glob pattern")
            parts = Path(item).parts
            if Path(item).is_absolute() or ".." in parts:
                raise self.error(key, f"[{self.table}] {key} pattern `{item}` points outside the project",
                                 "patterns are relative to the folder of pyproject.toml and stay inside it")
            out.append(item)
        return tuple(out)

    def targets(self, host: str) -> None:
        """`[target.<triple>]` tables. maturin reads only the one of the triple it builds for; ferrule builds
        for the host, so other triples' tables stay unused, and the host's is refused where it would matter."""
        value = self.values.get("target", {})
        if not isinstance(value, dict):
            raise self.error("target", f"[{self.table}] `target` must be a table of target triples, not "
                                       f"{_kind(value)}", 'write `[tool.maturin.target.<triple>]` tables')
        for triple, settings in value.items():
            where = f"{self.table}.target.{triple}"
            if not isinstance(settings, dict):
                raise self.error("target", f"[{where}] must be a table, not {_kind(settings)}",
                                 'write `macos-deployment-target = "11.0"` inside it')
            for key, setting in settings.items():
                line, col = locate(self.path, where, key)
                if line is None:  # written inline: point at the `target` table
                    line, col = locate(self.path, self.table, "target")
                if key not in TARGET_KEYS:
                    raise ConfigError(f"unknown key `{key}` in [{where}]", path=self.path, line=line, col=col,
                                      hint="maturin's only per-target key is `macos-deployment-target`")
                if not isinstance(setting, str):
                    raise ConfigError(f"[{where}] `{key}` must be a string, not {_kind(setting)}", path=self.path,
                                      line=line, col=col, hint=f'write `{key} = "11.0"`')
                if triple == host:
                    raise ConfigError(f"[{where}] `{key}` is not supported by ferrule", path=self.path,
                                      line=line, col=col,
                                      hint="ferrule does not set MACOSX_DEPLOYMENT_TARGET nor tag macOS wheels; "
                                           "remove the key")


def host_triple() -> str:
    """This machine's target triple as rustc spells it (enough to tell which `[target.X]` table is ours)."""
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "x64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    if sys.platform == "darwin":
        return f"{machine}-apple-darwin"
    if sys.platform == "win32":
        return f"{machine}-pc-windows-msvc"
    return f"{machine}-unknown-linux-{'musl' if platform.libc_ver()[0] == 'musl' else 'gnu'}"


def _check_specifier(reader: Reader, spec: str) -> None:
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        SpecifierSet(spec)
    except InvalidSpecifier:
        raise reader.error("features", f"python-version `{spec}` is not a version specifier",
                           'write for example `python-version = ">=3.11"`') from None


def _kind(value: object) -> str:
    names = {str: "a string", bool: "a boolean", int: "a number", float: "a number", list: "a list",
             dict: "a table"}
    return names.get(type(value), type(value).__name__)
