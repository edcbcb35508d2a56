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


def _cmd_new(args: argparse.Namespace) -> int:
    from .new import new_project

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
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except FerruleError as err:
        _print_error(err)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
