"""The command line: maturin's commands and the options its users type."""

from __future__ import annotations

import argparse

from . import __version__

MANIFEST_HELP = "path to Cargo.toml (default: from pyproject.toml's manifest-path, or found from the current folder)"


def _cargo_flags(p: argparse.ArgumentParser) -> None:
    """cargo's build options, as `maturin develop`/`build` take them."""
    g = p.add_argument_group("cargo options")
    g.add_argument("-F", "--features", action="append", metavar="FEATURES",
                   help="features to activate (comma or space separated; repeatable)")
    g.add_argument("--all-features", action="store_true", help="activate all the crate's features")
    g.add_argument("--no-default-features", action="store_true", help="do not activate the `default` feature")
    g.add_argument("--profile", metavar="NAME", help="build with this cargo profile (default: dev, or pyproject's)")
    g.add_argument("--target-dir", metavar="DIR", help="folder for cargo's build output")
    g.add_argument("--locked", action="store_true", help="require Cargo.lock to be up to date")
    g.add_argument("--frozen", action="store_true", help="require Cargo.lock and the cache to be up to date")
    g.add_argument("--offline", action="store_true", help="run cargo without network access")
    g.add_argument("-j", "--jobs", type=int, metavar="N", help="number of parallel compiler jobs")
    g.add_argument("--strip", action="store_true", help="strip the library's symbols (smaller file)")
    g.add_argument("--config", action="append", metavar="KEY=VALUE", help="override a cargo config value")
    g.add_argument("-q", "--quiet", action="store_true", help="print no progress")
    g.add_argument("-v", "--verbose", action="count", default=0, help="more output from cargo (-vv for more)")


def _common(p: argparse.ArgumentParser, interpreter_help: str) -> None:
    p.add_argument("-m", "--manifest-path", help=MANIFEST_HELP)
    p.add_argument("-i", "--interpreter", help=interpreter_help)
    p.add_argument("-r", "--release", action="store_true", help="build with optimisations (profile release)")


def _new_flags(p: argparse.ArgumentParser, path_help: str, *, optional: bool) -> None:
    p.add_argument("path", nargs="?" if optional else None, help=path_help)
    p.add_argument("--name", help="package and module name (default: the folder's name)")
    p.add_argument("--mixed", action="store_true", help="mixed Rust/Python layout: python/<name>/ beside src/")
    p.add_argument("--src", action="store_true", help="with --mixed: Python first, src/<name>/ and rust/")
    p.add_argument("-b", "--bindings", default="pyo3", help="kind of bindings (ferrule writes pyo3 only)")


def build_parser(commands: dict) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ferrule", description="Build Python extension modules written in Rust.")
    parser.add_argument("-V", "--version", action="version", version=f"ferrule {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("new", help="create a new project in a new folder")
    _new_flags(p, "folder to create; its last part names the crate and the module", optional=False)
    p = sub.add_parser("init", help="create a new project in an existing folder")
    _new_flags(p, "folder to set up (default: the current one)", optional=True)

    p = sub.add_parser("develop", help="build and install into a virtualenv (active, or .venv beside the project)")
    _common(p, "Python interpreter to build and install for")
    p.add_argument("-E", "--extras", action="append", metavar="EXTRAS",
                   help="also install these optional dependencies (comma separated)")
    p.add_argument("-G", "--group", action="append", metavar="GROUPS",
                   help="also install these [dependency-groups] (PEP 735; comma separated)")
    p.add_argument("--skip-install", action="store_true",
                   help="only build the extension into the Python package (mixed layout); install nothing")
    p.add_argument("--uv", action="store_true", help="install dependencies with uv instead of pip")
    _cargo_flags(p)

    p = sub.add_parser("cargo-config", help="let plain `cargo check` (your IDE) find ferrule's runtime")
    p.add_argument("-m", "--manifest-path", help=MANIFEST_HELP)

    p = sub.add_parser("cargo", help="run cargo (test, run, build...) with the glue written and libpython linked",
                       description="Writes the glue of the crate in this folder and of its path dependencies "
                                   "that use the runtime, then runs `cargo ARGS...` with ferrule's runtime, linked "
                                   "against libpython: for `cargo test` and programs that embed Python.")
    p.add_argument("cargo_args", nargs=argparse.REMAINDER, metavar="ARGS", help="cargo's subcommand and options")
    p = sub.add_parser("test", help="`ferrule cargo test`: cargo's tests, with the glue they need",
                       description="Same as `ferrule cargo test ARGS...`.")
    p.add_argument("cargo_args", nargs=argparse.REMAINDER, metavar="ARGS", help="cargo test's options")

    p = sub.add_parser("cache", help="show or empty the build folder shared by every project")
    p.add_argument("action", nargs="?", choices=["show", "clean"], default="show",
                   help="show (default): its folder and size; clean: remove it (not while a build runs)")

    p = sub.add_parser("build", help="build a wheel (and with --sdist a source distribution)")
    _common(p, "Python interpreter to build for (default: the active one)")
    p.add_argument("-o", "--out", help="folder for the archives (default: target/wheels in the project)")
    p.add_argument("--sdist", action="store_true", help="also build a source distribution")
    p.add_argument("--abi3", metavar="3.X", help="build for the stable ABI of Python 3.X and later")
    p.add_argument("--compatibility", "--manylinux", metavar="TAG",
                   help="platform tag the wheel must have: pypi, linux, manylinux2014, manylinux_2_N "
                        "(default: pyproject's, else the oldest the library allows)")
    _cargo_flags(p)

    p = sub.add_parser("publish", help="build and upload to a package index (or upload the given files)")
    p.add_argument("files", nargs="*", help="wheels and sdists to upload (default: build both, release)")
    p.add_argument("-m", "--manifest-path", help=MANIFEST_HELP)
    p.add_argument("-i", "--interpreter", help="Python interpreter to build for (default: the active one)")
    p.add_argument("--repository-url", help="upload URL (default: $FERRULE_REPOSITORY_URL, else PyPI)")
    p.add_argument("-u", "--username", help="user name (default: $FERRULE_USERNAME, else __token__)")
    p.add_argument("-p", "--password", help="password or API token (default: $FERRULE_PASSWORD)")

    p = sub.add_parser("stub", help="write the generated .pyi stub where you ask (nothing is built)")
    p.add_argument("-m", "--manifest-path", help=MANIFEST_HELP)
    p.add_argument("-o", "--output", metavar="PATH",
                   help="file (or folder, for a module with submodules) to write; default: <module>.pyi here")

    p = sub.add_parser("generate-ci", help="write a CI workflow that builds, tests and publishes wheels")
    p.add_argument("ci", choices=["github"], help="the CI system")
    p.add_argument("-m", "--manifest-path", help=MANIFEST_HELP)
    p.add_argument("-o", "--output", metavar="PATH", help="file to write (default: - for standard output)")
    p.add_argument("--pytest", action="store_true", help="run the project's tests with pytest on each wheel")

    p = sub.add_parser("doctor", help="check the runtime's C API declarations against an interpreter's headers")
    p.add_argument("-i", "--interpreter", help="Python interpreter whose headers to check against")
    p.add_argument("--limited-api", nargs="?", const="3.9", metavar="3.X",
                   help="check the limited API (stable ABI) as of 3.X (default 3.9)")

    parser.allow_abbrev = False
    for name, choice in sub.choices.items():
        choice.set_defaults(func=commands[name])
        # maturin's `--target TRIPLE` must not be read as a prefix of `--target-dir`, nor `--rel` as `--release`.
        choice.allow_abbrev = False
    parser.subcommands = sub.choices  # type: ignore[attr-defined]
    return parser


def parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace | None:
    """None when no command is given. An option a subcommand does not know gets that subcommand's usage."""
    if argv and argv[0] in ("cargo", "test"):  # everything after it is cargo's, options included
        sub = parser.subcommands[argv[0]]  # type: ignore[attr-defined]
        if argv[1:2] in (["-h"], ["--help"]):
            sub.print_help()
            raise SystemExit(0)
        args = sub.parse_args([], argparse.Namespace(command=argv[0]))
        args.cargo_args = argv[1:]
        return args
    args, unknown = parser.parse_known_args(argv)
    if args.command is None:
        if unknown:
            parser.error(f"unrecognized arguments: {' '.join(unknown)}")
        return None
    if unknown:
        sub = parser.subcommands[args.command]  # type: ignore[attr-defined]
        sub.error(f"unrecognized arguments: {' '.join(unknown)}")
    return args
