"""The `ferrule` command. The only module that prints or exits."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import BindingErrors, FerruleError


def _print_error(err: FerruleError) -> None:
    if isinstance(err, BindingErrors):
        print(err.render(), file=sys.stderr)
        return
    text = f"error: {err.message}"
    loc = err.location()
    if loc:
        text += f"\n  --> {loc}"
    if err.hint:
        text += f"\n  = help: {err.hint}"
    print(text, file=sys.stderr)


# Names rustc or cargo refuse for a package, or that would shadow a built-in crate.
_RUST_RESERVED = {
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become",
    "box", "do", "final", "gen", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
    "test", "core", "std", "alloc", "proc_macro",
}


def _check_new_path(path: Path) -> None:
    """What `new_project` does not check: the folder and names Rust and Python refuse."""
    import keyword

    from .errors import ConfigError

    if path.exists() and not path.is_dir():
        raise ConfigError(f"{path} already exists and is not a folder", hint="choose another path")
    name = path.resolve().name
    module = name.replace("-", "_")
    if module in _RUST_RESERVED or name in _RUST_RESERVED:
        raise ConfigError(f"`{name}` cannot be a crate name: Rust reserves it",
                          hint=f"choose another name, such as `{module}_py`")
    if keyword.iskeyword(module):
        raise ConfigError(f"`{name}` cannot be a module name: `import {module}` is a Python syntax error",
                          hint=f"choose another name, such as `{module}_py`")


def _cmd_new(args: argparse.Namespace) -> int:
    from .new import new_project

    _check_new_path(Path(args.path))
    path = new_project(Path(args.path))
    print(f"Created project `{path.name}` in {path}")
    print(f"Next: cd {args.path} && ferrule develop")
    return 0


def _cmd_develop(args: argparse.Namespace) -> int:
    from .develop import develop

    result = develop(args.manifest_path, args.interpreter, release=args.release)
    version = ".".join(map(str, result.interpreter.version))
    print(f"Installed {result.module} {result.version} for Python {version} into {result.site_packages}",
          file=sys.stderr)
    return 0


def _cmd_cargo_config(args: argparse.Namespace) -> int:
    from .cargo_config import write_cargo_config
    from .project import find_manifest

    root = Path(find_manifest(args.manifest_path)).parent
    config = write_cargo_config(root)
    print(f"Plain cargo now uses ferrule's runtime: {config} (runtime linked at {config.parent / 'ferrule-runtime'})")
    return 0


def print_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    result = build(args.manifest_path, args.interpreter, args.out, release=args.release, with_sdist=args.sdist,
                   abi3=args.abi3)
    print_warnings(result.warnings)
    for path in (result.sdist, result.wheel):
        if path is not None:
            print(f"Built {path}")
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ferrule", description="Build Python extension modules written in Rust.")
    parser.add_argument("--version", action="version", version=f"ferrule {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p_new = sub.add_parser("new", help="create a new project")
    p_new.add_argument("path", help="folder to create; its last part names the crate and the module")
    p_new.set_defaults(func=_cmd_new)

    p_dev = sub.add_parser("develop", help="build and install into the active virtualenv")
    p_dev.add_argument("-m", "--manifest-path", help="path to Cargo.toml (default: found from the current folder)")
    p_dev.add_argument("-i", "--interpreter", help="Python interpreter to build and install for")
    p_dev.add_argument("-r", "--release", action="store_true", help="build with optimisations")
    p_dev.set_defaults(func=_cmd_develop)

    p_cfg = sub.add_parser("cargo-config", help="let plain `cargo check` (your IDE) find ferrule's runtime")
    p_cfg.add_argument("-m", "--manifest-path", help="path to Cargo.toml (default: found from the current folder)")
    p_cfg.set_defaults(func=_cmd_cargo_config)

    p_build = sub.add_parser("build", help="build a wheel (and with --sdist a source distribution)")
    p_build.add_argument("-m", "--manifest-path", help="path to Cargo.toml (default: found from the current folder)")
    p_build.add_argument("-i", "--interpreter", help="Python interpreter to build for (default: the active one)")
    p_build.add_argument("-r", "--release", action="store_true", help="build with optimisations")
    p_build.add_argument("-o", "--out", help="folder for the archives (default: target/wheels in the project)")
    p_build.add_argument("--sdist", action="store_true", help="also build a source distribution")
    p_build.add_argument("--abi3", metavar="3.X", help="build for the stable ABI of Python 3.X and later")
    p_build.set_defaults(func=_cmd_build)

    p_pub = sub.add_parser("publish", help="build and upload to a package index (or upload the given files)")
    p_pub.add_argument("files", nargs="*", help="wheels and sdists to upload (default: build both, release)")
    p_pub.add_argument("-m", "--manifest-path", help="path to Cargo.toml (default: found from the current folder)")
    p_pub.add_argument("-i", "--interpreter", help="Python interpreter to build for (default: the active one)")
    p_pub.add_argument("--repository-url", help="upload URL (default: $FERRULE_REPOSITORY_URL, else PyPI)")
    p_pub.add_argument("-u", "--username", help="user name (default: $FERRULE_USERNAME, else __token__)")
    p_pub.add_argument("-p", "--password", help="password or API token (default: $FERRULE_PASSWORD)")
    p_pub.set_defaults(func=_cmd_publish)

    p_doc = sub.add_parser("doctor", help="check the runtime's C API declarations against an interpreter's headers")
    p_doc.add_argument("-i", "--interpreter", help="Python interpreter whose headers to check against")
    p_doc.add_argument("--limited-api", nargs="?", const="3.9", metavar="3.X",
                       help="check the limited API (stable ABI) as of 3.X (default 3.9)")
    p_doc.set_defaults(func=_cmd_doctor)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except FerruleError as err:
        _print_error(err)
        return 1
    except OSError as err:
        # A file ferrule had to read or write: no traceback, the OS says what went wrong.
        where = f"\n  --> {err.filename}" if err.filename else ""
        print(f"error: {err.strerror or err}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
