"""setuptools-rust's `[[tool.setuptools-rust.ext-modules]]`, read as maturin keys when a project has neither
`[tool.ferrule]` nor `[tool.maturin]` (bcrypt builds its PyO3 crate this way).

One extension module entry is read: `target` is maturin's `module-name`, `path` its `manifest-path`, and the
options that mean the same to cargo (`features`, `rustc-flags`, `debug`, `strip`, `native`, `py-limited-api =
"cp3X"`, `cargo-manifest-args` of `--locked`/`--frozen`) become the maturin keys ferrule reads; a key that would
change the build in a way ferrule cannot follow is refused by name at its line. A `setup.py`-only project
(setuptools-rust's `RustExtension(...)` in Python code) is not read.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import ConfigError

TABLE = "tool.setuptools-rust.ext-modules"
# Keys that do not change what is built, or that ferrule already decides the same way.
IGNORED = ("rust-version", "quiet", "optional", "binding")
REFUSED = {
    "args": "extra cargo arguments are not passed on; use `features` or a [tool.maturin] table instead",
    "env": "environment variables for cargo are not set by ferrule; export them before `ferrule develop`",
    "script": "a Rust binary installed as a console script is not built by ferrule",
}


def _entry_line(path: Path, index: int, key: str | None) -> tuple[int | None, int | None]:
    """Line and column of `key` in the `index`-th `[[tool.setuptools-rust.ext-modules]]` (or of its header)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None, None
    header = re.compile(r"^\s*\[\[\s*tool\s*\.\s*(\"?)setuptools-rust\1\s*\.\s*ext-modules\s*\]\]")
    seen, at = -1, None
    for number, text in enumerate(lines, 1):
        if header.match(text):
            seen += 1
            if seen == index:
                at = number
            continue
        if at is None or seen != index:
            continue
        if re.match(r"^\s*\[", text):
            break
        found = re.match(rf"^(\s*){re.escape(key)}\s*=", text) if key else None
        if found:
            return number, len(found.group(1)) + 1
    return at, 1 if at else None


def _error(path: Path, index: int, key: str | None, message: str, hint: str | None = None) -> ConfigError:
    line, col = _entry_line(path, index, key)
    return ConfigError(message, path=path, line=line, col=col, hint=hint)


def translate(pyproject: dict, path: Path) -> dict | None:
    """maturin's keys for the project's one setuptools-rust extension, or None when it declares none."""
    table = (pyproject.get("tool") or {}).get("setuptools-rust")
    if not isinstance(table, dict):
        return None
    if table.get("bins"):
        line = next((i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                     if re.match(r"^\s*\[\[\s*tool\s*\.\s*\"?setuptools-rust\"?\s*\.\s*bins", text)), None)
        raise ConfigError("[[tool.setuptools-rust.bins]] is not supported by ferrule", path=path, line=line,
                          col=1 if line else None, hint="ferrule builds one extension module; remove the binaries")
    modules = table.get("ext-modules") or []
    if not isinstance(modules, list) or not modules:
        return None
    if len(modules) > 1:
        raise _error(path, 1, None, f"{len(modules)} [[{TABLE}]] entries: ferrule builds one extension module",
                     "build each crate as its own project (its own pyproject.toml), or keep one entry")
    entry = modules[0]
    if not isinstance(entry, dict):
        return None

    def error(key: str | None, message: str, hint: str | None = None) -> ConfigError:
        return _error(path, 0, key, message, hint)

    return _maturin_keys(entry, error, TABLE, pyproject, path.parent)


def _maturin_keys(entry: dict, error, where: str, pyproject: dict, root: Path,
                  package_dir: object = None) -> dict:
    """maturin's keys for one extension's options (kebab-case names); `error(key, message, hint)` locates."""
    TABLE = where  # noqa: N806 - messages name where the options were written
    out: dict = {}
    for key, value in entry.items():
        if key in REFUSED:
            raise error(key, f"[[{TABLE}]] `{key}` is not supported by ferrule", REFUSED[key])
        if key in ("target", "path") and not isinstance(value, str):
            raise error(key, f"[{TABLE}] `{key}` must be a string, not {type(value).__name__}")
        if key in ("features", "rustc-flags") and not (isinstance(value, list)
                                                        and all(isinstance(v, str) for v in value)):
            raise error(key, f"[{TABLE}] `{key}` must be a list of strings, not {type(value).__name__}",
                        f"write `{key} = [{value!r}]`".replace("'", '"') if isinstance(value, str) else None)
        if key == "target":
            out["module-name"] = value
        elif key == "path":
            out["manifest-path"] = value
        elif key == "features":
            out["features"] = value
        elif key == "rustc-flags":
            out["rustc-args"] = value
        elif key == "debug":
            # setuptools-rust: True always debug, False always release, unset: debug only for editable installs.
            if value is True:
                out["profile"] = "dev"
            elif value is False:
                out["profile"] = "release"
        elif key == "strip":
            if value not in ("No", "Debug", "All"):
                raise error(key, f"[[{TABLE}]] `strip` must be \"No\", \"Debug\" or \"All\", not {value!r}")
            out["strip"] = value != "No"
        elif key == "native":
            if value is True:
                out["rustc-args"] = [*out.get("rustc-args", []), "-C", "target-cpu=native"]
        elif key == "py-limited-api":
            if isinstance(value, str) and re.fullmatch(r"cp3\d+", value):
                out["abi3"] = f"3.{value[3:]}"
            elif value not in ("auto", True, False):
                raise error(key, f"[[{TABLE}]] `py-limited-api` must be \"auto\", true, false or \"cp3X\", "
                                 f"not {value!r}")
        elif key == "cargo-manifest-args":
            for arg in value if isinstance(value, list) else [value]:
                if arg not in ("--locked", "--frozen", "--offline"):
                    raise error(key, f"[[{TABLE}]] `cargo-manifest-args` entry {arg!r} is not supported by "
                                     "ferrule", "`--locked`, `--frozen` and `--offline` are")
                if arg != "--offline":
                    out[arg[2:]] = True
        elif key == "binding":
            if value != "PyO3":
                raise error(key, f"[[{TABLE}]] binding = {value!r} is not supported by ferrule",
                            "ferrule builds PyO3-style bindings only; remove the key or set \"PyO3\"")
        elif key not in IGNORED:
            raise error(key, f"unknown key `{key}` in [[{TABLE}]]", "see setuptools-rust's RustExtension options")
    source = package_dir or ((pyproject.get("tool") or {}).get("setuptools") or {}).get("package-dir")
    if isinstance(source, dict) and isinstance(source.get(""), str) and source[""] not in ("", "."):
        top = str(out.get("module-name", "")).split(".")[0]
        if top and (root / source[""] / top).is_dir():
            out["python-source"] = source[""]
    return out


SETUP_PY_NAMES = ("target", "path", "args", "cargo_manifest_args", "features", "rustc_flags", "rust_version",
                  "quiet", "debug", "binding", "strip", "script", "native", "optional", "py_limited_api", "env")


def from_setup_py(setup: Path, pyproject: dict) -> dict | None:
    """maturin's keys for setup.py's one `RustExtension(...)` call (tiktoken's form), read without running
    setup.py: every argument must be a literal (or `Binding.X`/`Strip.X`); anything else is an error there."""
    import ast

    try:
        source = setup.read_text(encoding="utf-8")
        tree = ast.parse(source)
    except (OSError, SyntaxError, ValueError):
        return None
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
             and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) == "RustExtension"]
    if not calls:
        return None
    calls.sort(key=lambda c: (c.lineno, c.col_offset))

    def at(node: ast.AST, message: str, hint: str | None = None) -> ConfigError:
        return ConfigError(message, path=setup, line=node.lineno, col=node.col_offset + 1, hint=hint)

    if len(calls) > 1:
        raise at(calls[1], f"{len(calls)} RustExtension(...) calls in setup.py: ferrule builds one extension module",
                 "build each crate as its own project (its own pyproject.toml), or keep one")
    call = calls[0]
    nodes: dict[str, ast.AST] = dict(zip(("target", "path"), call.args))
    nodes.update({k.arg: k.value for k in call.keywords if k.arg})
    if len(call.args) > 2 or any(k.arg is None for k in call.keywords):
        raise at(call, "setup.py's RustExtension(...) passes arguments ferrule cannot read without running it",
                 'give them by name, or write [tool.maturin] with `module-name` (and `features`) in pyproject.toml')
    entry: dict = {}
    for name, node in nodes.items():
        if isinstance(node, ast.Attribute) and name in ("binding", "strip"):
            entry[name.replace("_", "-")] = node.attr  # Binding.PyO3, Strip.All
            continue
        try:
            entry[name.replace("_", "-")] = ast.literal_eval(node)
        except ValueError:
            raise at(node, f"setup.py's RustExtension argument `{name}` is not a literal, so ferrule cannot read "
                           "it without running setup.py",
                     f"write it as a literal, or write [tool.maturin] in pyproject.toml") from None
    where = {name.replace("_", "-"): node for name, node in nodes.items()}
    unknown = next((name for name in nodes if name not in SETUP_PY_NAMES), None)
    if unknown:
        raise at(nodes[unknown], f"unknown RustExtension argument `{unknown}` in setup.py",
                 "see setuptools-rust's RustExtension options")

    def error(key: str | None, message: str, hint: str | None = None) -> ConfigError:
        return at(where.get(key, call) if key else call, message, hint)

    package_dir = None
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "package_dir":
            try:
                package_dir = ast.literal_eval(node.value)
            except ValueError:
                pass
    return _maturin_keys(entry, error, "setup.py RustExtension", pyproject, setup.parent, package_dir)
