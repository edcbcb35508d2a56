"""The `ferrule` command. The only module that prints or exits."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .errors import BindingErrors, FerruleError


def _colour(stream) -> bool:
    """Colour on a terminal; none when piped, with NO_COLOR set (no-color.org), or TERM=dumb."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR") or os.environ.get("CLICOLOR_FORCE"):
        return True
    return hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"


def paint(text: str, style: str, stream=None) -> str:
    codes = {"error": "1;31", "warning": "1;33", "help": "1;36", "ok": "1;32", "path": "1;34"}
    return f"\033[{codes[style]}m{text}\033[0m" if _colour(stream or sys.stderr) else text


def _print_error(err: FerruleError) -> None:
    print_warnings(err.warnings)
    if isinstance(err, BindingErrors):
        text = err.render()
        if _colour(sys.stderr):
            text = text.replace("error:", paint("error:", "error")).replace("= help:", paint("= help:", "help"))
        print(text, file=sys.stderr)
        return
    text = f"{paint('error:', 'error')} {err.message}"
    loc = err.location()
    if loc:
        text += f"\n  {paint('-->', 'path')} {loc}"
    if err.hint:
        text += f"\n  {paint('= help:', 'help')} {err.hint}"
    print(text, file=sys.stderr)


# Names rustc or cargo refuse for a package, or that would shadow a built-in crate.
_RUST_RESERVED = {
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become",
    "box", "do", "final", "gen", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
    "test", "core", "std", "alloc", "proc_macro",
}


def _check_new_path(path: Path, given_name: str | None = None) -> None:
    """What `new_project` does not check: the folder and names Rust and Python refuse."""
    import keyword

    from .errors import ConfigError

    if path.exists() and not path.is_dir():
        raise ConfigError(f"{path} already exists and is not a folder", hint="choose another path")
    name = given_name or path.resolve().name
    module = name.replace("-", "_")
    if module in _RUST_RESERVED or name in _RUST_RESERVED:
        raise ConfigError(f"`{name}` cannot be a crate name: Rust reserves it",
                          hint=f"choose another name, such as `{module}_py`")
    if keyword.iskeyword(module):
        raise ConfigError(f"`{name}` cannot be a module name: `import {module}` is a Python syntax error",
                          hint=f"choose another name, such as `{module}_py`")


def _cmd_new(args: argparse.Namespace) -> int:
    from .new import new_project

    init = args.command == "init"
    path = Path(args.path or ".")
    _check_new_path(path, args.name)
    if getattr(args, "bindings", "pyo3") != "pyo3":
        from .errors import ConfigError

        raise ConfigError(f"bindings `{args.bindings}` are not supported by ferrule",
                          hint="ferrule writes PyO3-style bindings: leave out -b, or pass `-b pyo3`")
    new_project(path, name=args.name, mixed=args.mixed, src=args.src, init=init)
    name = args.name or path.resolve().name
    print(f"{paint('Created', 'ok', sys.stdout)} project `{name}` in {path.resolve()}")
    where = "" if init and path == Path(".") else f"cd {path} && "
    print(f"Next: {where}ferrule develop")
    return 0


def _cargo_options(args: argparse.Namespace) -> dict:
    """The cargo options given on the command line, as `CargoOptions.with_command_line` takes them."""
    features = tuple(f for group in (args.features or []) for f in group.replace(",", " ").split() if f)
    return {"features": features, "all_features": args.all_features, "no_default_features": args.no_default_features,
            "target_dir": args.target_dir, "locked": args.locked, "frozen": args.frozen, "offline": args.offline,
            "jobs": args.jobs, "strip": args.strip, "quiet": args.quiet, "verbose": args.verbose,
            "config": tuple(args.config or ())}


def _cmd_develop(args: argparse.Namespace) -> int:
    from .develop import develop

    extras = tuple(e for group in (args.extras or []) for e in group.split(",") if e)
    groups = tuple(g for given in (args.group or []) for g in given.split(",") if g)
    result = develop(args.manifest_path, args.interpreter, release=args.release, profile=args.profile,
                     cli_options=_cargo_options(args), extras=extras, skip_install=args.skip_install, uv=args.uv,
                     groups=groups)
    from .timings import write

    write("develop")
    print_warnings(list(result.warnings))
    if args.quiet:
        return 0
    if result.installed_requirements:
        print(f"Installed dependencies: {', '.join(result.installed_requirements)}", file=sys.stderr)
    version = ".".join(map(str, result.interpreter.version))
    if result.skipped_install:
        print(f"{paint('Built', 'ok')} {result.label} into {result.site_packages} "
              f"(--skip-install: nothing installed)", file=sys.stderr)
    else:
        print(f"{paint('Installed', 'ok')} {result.label} for Python {version} into "
              f"{result.site_packages}", file=sys.stderr)
    return 0


def _package_of(manifest: Path) -> str:
    from .toml_compat import tomllib

    try:
        return str(tomllib.loads(manifest.read_text(encoding="utf-8")).get("package", {}).get("name", ""))
    except (OSError, ValueError):
        return ""


def _cmd_cargo_config(args: argparse.Namespace) -> int:
    from .cargo_config import config_folder, write_cargo_config
    from .cargo_config_standins import needed_versions
    from .project import find_manifest, find_pyproject

    crate_dir = Path(find_manifest(args.manifest_path)).parent
    pyproject = find_pyproject(crate_dir / "Cargo.toml")
    # cargo reads configs from its folder upwards: the outer of the workspace root and pyproject's folder
    # (develop's .cargo/) serves cargo run in either, and in the crate.
    candidates = [config_folder(crate_dir), pyproject.parent if pyproject is not None else crate_dir]
    folder = min(candidates, key=lambda p: len(p.parts))
    versions = needed_versions(config_folder(crate_dir) / "Cargo.lock", {_package_of(crate_dir / "Cargo.toml")})
    config = write_cargo_config(folder, standins=versions)
    print(f"Plain cargo now uses ferrule's runtime: {config} (runtime linked at {config.parent / 'ferrule-runtime'})")
    if versions:
        named = ", ".join(f"{crate} {version}" for crate, version in versions)
        print(f"and stand-in `pyo3`/`pyo3-ffi` crates over it for the dependencies on PyO3's crates ({named}), "
              f"in {config.parent / 'ferrule-pyo3'}")
    return 0


def _cmd_cache(args: argparse.Namespace) -> int:
    from .build_cache import cache_root, cache_size, clear_cache

    root = cache_root()
    if args.action == "clean":
        print(f"Removed {root} ({clear_cache(root) / 1e6:.1f} MB)")
    else:
        size = cache_size(root) if root.exists() else 0
        print(f"{root} ({size / 1e6:.1f} MB): ferrule's runtime, built once per rustc, interpreter, profile "
              "and features; `ferrule cache clean` empties it")
    return 0


def print_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        print(f"{paint('warning:', 'warning')} {warning}", file=sys.stderr)


def print_notes(notes: list[str]) -> None:
    for note in notes:
        print(note, file=sys.stderr)


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    result = build(args.manifest_path, args.interpreter, args.out, release=args.release, with_sdist=args.sdist,
                   abi3=args.abi3, profile=args.profile, cli_options=_cargo_options(args),
                   compatibility=args.compatibility)
    print_warnings(result.warnings)
    print_notes(result.notes)
    for path in (result.sdist, result.wheel):
        if path is not None and not args.quiet:
            print(f"Built {path}")
    return 0


def _cmd_stub(args: argparse.Namespace) -> int:
    from .stub import write_stub

    for path in write_stub(args.manifest_path, Path(args.output) if args.output else None):
        print(f"Wrote {path}", file=sys.stderr)
    return 0


def _cmd_generate_ci(args: argparse.Namespace) -> int:
    from .ci import github_workflow
    from .project import find_manifest, load_project

    text = github_workflow(load_project(find_manifest(args.manifest_path)), __version__, pytest=args.pytest)
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(f"Wrote {out}", file=sys.stderr)
    return 0


def _cmd_publish(args: argparse.Namespace) -> int:
    from .publish import publish

    for line in publish(args.files, manifest=args.manifest_path, interpreter=args.interpreter,
                        repository_url=args.repository_url, username=args.username, password=args.password):
        print(line, file=sys.stderr)
    return 0


def _cmd_doctor(args: argparse.Namespace) -> int:
    from .doctor import run_doctor

    report = run_doctor(args.interpreter, args.limited_api)
    for mismatch in report.comparison.mismatches:
        print(f"mismatch: {mismatch}")
    absent = report.comparison.absent_in_c
    if absent:
        print(f"note: {len(absent)} constant{'s' if len(absent) != 1 else ''} declared by the ffi "
              f"{'are' if len(absent) != 1 else 'is'} not defined by these headers: {', '.join(absent)}")
    print(report.summary(), file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1


def _cmd_cargo(args: argparse.Namespace) -> int:
    from .cargo_command import run

    cargo_args = list(args.cargo_args)
    return run(["test", *cargo_args] if args.command == "test" else cargo_args)


def main(argv: list[str] | None = None) -> int:
    from .cli_parser import build_parser, parse

    parser = build_parser(
        {"new": _cmd_new, "init": _cmd_new, "develop": _cmd_develop, "build": _cmd_build, "publish": _cmd_publish,
         "doctor": _cmd_doctor, "stub": _cmd_stub, "generate-ci": _cmd_generate_ci,
         "cargo-config": _cmd_cargo_config, "cache": _cmd_cache, "cargo": _cmd_cargo, "test": _cmd_cargo})
    args = parse(parser, sys.argv[1:] if argv is None else argv)
    if args is None:  # no command: the overview
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except FerruleError as err:
        _print_error(err)
        return 1
    except OSError as err:
        # A file ferrule had to read or write: no traceback, the OS says what went wrong.
        where = f"\n  --> {err.filename}" if err.filename else ""
        print(f"{paint('error:', 'error')} {err.strerror or err}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
