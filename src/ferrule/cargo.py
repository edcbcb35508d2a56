"""Running cargo: metadata, and builds that inject the runtime crate and the glue."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import cache_seals, prelude_pyobject, pyo3_redirect
from .build_options import CargoOptions
from .build_cache import BuildCache, open_cache
from .cargo_config import cargo_config_args
from .errors import EXPLAINED, BindingErrors, CargoError, Diagnostic
from .project import Project
from .runtime_source import check_sources

RUNTIME_DIR = Path(__file__).parent / "runtime" / "ferrule"


@dataclass(frozen=True)
class Metadata:
    target_dir: Path
    workspace_root: Path
    cache: BuildCache = BuildCache(None)  # the build folder shared across projects, when usable
    # `cargo metadata --no-deps`' packages (the workspace's members), for the path dependencies.
    packages: tuple = field(default=(), compare=False, hash=False)

    @property
    def ferrule_dir(self) -> Path:
        return self.target_dir / "ferrule"

    def glue_dir(self, package: str) -> Path:
        """Per package: crates sharing a target folder must not see each other's glue."""
        return self.ferrule_dir / "glue" / package

    @property
    def python_config(self) -> Path:
        return self.ferrule_dir / "python.cfg"

    def interpreter_config(self) -> Path:
        """The facts file the runtime's build script reads: with the cache, its shared copy named by content,
        so every project built for one interpreter gives the runtime the same file (and reuses its build)."""
        try:
            return self.cache.python_config(self.python_config.read_text(encoding="utf-8"), self.python_config)
        except OSError:
            return self.python_config


def _cargo() -> str:
    cargo = shutil.which(os.environ.get("CARGO", "cargo"))
    if cargo is None:
        raise CargoError("cargo was not found on PATH",
                         hint="install Rust (https://rustup.rs) or set CARGO to the cargo binary")
    return cargo


def patch_args() -> list[str]:
    """Makes `ferrule-runtime = { version = "0.1", registry = "ferrule" }` resolve to the runtime shipped in
    this package, offline (the registry `ferrule` is defined here alone)."""
    return cargo_config_args()


def resolve_command(manifest: Path, redirect_args: list[str], config_args: list[str]) -> list[str]:
    """`cargo metadata` with the whole resolve, as the build would resolve (the runtime's registry, the
    stand-ins found so far): what it refuses, or which packages it holds."""
    return [_cargo(), "metadata", "--format-version", "1", "--manifest-path", str(manifest), *patch_args(),
            *redirect_args, *config_args]


class PendingMetadata:
    """`cargo metadata` started in the background (develop probes the interpreter meanwhile)."""

    def __init__(self, project: Project, options: CargoOptions | None = None) -> None:
        options = options or project.cargo
        self._manifest = project.manifest
        cmd = [_cargo(), "metadata", "--no-deps", "--format-version", "1", "--manifest-path", str(project.manifest),
               *patch_args(), *options.config_args()]
        self._proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                      env=options.environment(dict(os.environ)))

    def result(self) -> Metadata:
        out, err = self._proc.communicate()
        if self._proc.returncode != 0:
            raise CargoError(f"`cargo metadata` failed:\n{err.strip()}", path=self._manifest)
        data = json.loads(out)
        check_sources(data.get("packages", []), Path(data["workspace_root"]))
        return Metadata(Path(data["target_directory"]), Path(data["workspace_root"]), open_cache(),
                        tuple(data.get("packages", [])))

    def cancel(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.communicate()


def metadata(project: Project, options: CargoOptions | None = None) -> Metadata:
    return PendingMetadata(project, options).result()


def write_if_changed(path: Path, text: str) -> bool:
    """Writes only when the content differs, so mtimes (and cargo's fingerprints) stay put."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return True


def build(project: Project, meta: Metadata, *, release: bool, features: tuple[str, ...] = (),
          options: CargoOptions | None = None, profile: str | None = None,
          python_version: tuple[int, int] | None = None,
          explain: Callable[[list[dict]], list[Diagnostic]] | None = None,
          observe: list[dict] | None = None, held: list[dict] | None = None, gate=None,
          stop_on_redirect: bool = False) -> Path:
    """Builds the cdylib; cargo's own progress and diagnostics go to the terminal.

    `options` (default: the project's config) and `profile` (default: release or dev) carry the
    maturin-style settings; `features` adds to them. When the build fails, `explain`
    turns rustc's messages into errors at the user's items (BindingErrors). `observe` receives
    cargo's artifact and build-script messages (features and cfgs the crate was built with);
    with `held`, rustc's messages go there instead of to stderr (write them with `rendered`). With `gate`
    (early_build.Gate), cargo runs while the glue is still being written. With `stop_on_redirect`, a
    dependency newly found built on PyO3 raises Redirected instead of building again at once: that
    dependency may hold bindings, which need glue first (registry_bindings).
    """
    options = (options or project.cargo).with_command_line(features=tuple(features))
    profile = profile or ("release" if release else "dev")
    redirects = pyo3_redirect.Redirects(meta.ferrule_dir, project.package, meta.workspace_root)
    while True:
        try:
            return _build_once(project, meta, options, profile, python_version, explain, observe, held, redirects,
                               gate)
        except Redirected:
            if stop_on_redirect:
                raise
            continue  # a crate built on PyO3 now resolves to a stand-in over the runtime: build again


class Redirected(Exception):
    """The build stopped at a crates.io `pyo3` that a new stand-in now replaces."""


def _build_once(project: Project, meta: Metadata, options: CargoOptions, profile: str,
                python_version: tuple[int, int] | None, explain, observe, held,
                redirects: pyo3_redirect.Redirects, gate=None) -> Path:
    # `cargo rustc` takes the same options as `cargo build`, plus arguments for the crate's own rustc.
    cmd = [_cargo(), "rustc" if options.rustc_args else "build", "--lib", "--manifest-path", str(project.manifest),
           _message_format(), *patch_args(), *redirects.args(), *options.build_args(profile, python_version)]
    interpreter_config = meta.interpreter_config()
    cmd[2:2] = meta.cache.cargo_args(interpreter_config) + _runtime_profile_args(profile)
    if not options.frozen and not options.locked:
        lock_offline(project, meta)
    if options.rustc_args:
        cmd += ["--", *options.rustc_args]
    env = options.environment(dict(os.environ))
    env["FERRULE_GLUE_DIR"] = str(meta.glue_dir(project.package))
    env["FERRULE_PYTHON_CONFIG"] = str(interpreter_config)
    prelude_pyobject.set_env(env, project.lib_path, project.runtime_crate)
    from .early_build import GATE_VAR

    env.pop(GATE_VAR, None)  # only ever this build's own gate
    if gate is not None:
        env[GATE_VAR] = str(gate.path)
    from .runtime_build_output import override_args

    cmd[2:2] = override_args(project, meta, options, interpreter_config, env)
    build_dir = meta.cache.build_dir(interpreter_config)
    with cache_seals.locked(build_dir) if build_dir is not None else nullcontext():
        if build_dir is not None:
            damaged = cache_seals.check(build_dir)
            if damaged:
                more = f" and {len(damaged) - 1} more" if len(damaged) > 1 else ""
                sys.stderr.write(f"warning: the shared build cache held a damaged file ({damaged[0]}{more}); "
                                 "compiling what it belongs to again\n")
        if gate is not None:
            gate.check()  # the glue failed while another build held the lock
        artifact, messages, artifacts, code, summary = _run_build(cmd, env, project, observe, held,
                                                                  prefix=_shown_prefix(project, meta), gate=gate)
        if build_dir is not None:
            # Also after a failed or stopped build: the units cargo finished are whole, and their old
            # seals would call them damaged next time.
            cache_seals.seal(build_dir, artifacts, meta.workspace_root)
        if gate is not None:
            gate.check()
    if code != 0:
        mapped = explain(messages) if explain is not None else []
        refused = not messages and bool(summary) and CARGO_REFUSAL.match(summary[0]) is not None
        # rustc's own words for what ferrule did not say again at the user's item (an error in the glue
        # that ferrule explained would only point the user into generated files).
        # cargo's count of rustc's errors ("could not compile ... due to 3 previous errors") would contradict
        # ferrule's own once ferrule has said every one of them again at the user's items.
        if _all_explained(messages):
            summary = []
        if refused:
            pass  # shown below unless a stand-in now takes the refused crate's place
        elif held is None:
            sys.stderr.write(rendered([m for m in messages if m.get("level") in ("error", "failure-note")])
                             + "".join(summary))
        else:
            held.extend({"level": "cargo", "rendered": line} for line in summary)  # after the errors, in order
        if mapped:
            raise BindingErrors(mapped, root=project.root)
        if not messages:  # nothing compiled: perhaps the resolver refused a crate built on PyO3
            resolve = resolve_command(project.manifest, redirects.args(), options.config_args())
            conflict, recorded = redirects.learn(resolve, env)
            if recorded:
                raise Redirected()
            if refused:
                sys.stderr.write("".join(summary))
            if conflict is not None:
                raise conflict
        failed_dependent = redirects.explain_failure(messages)
        if failed_dependent is not None:
            raise failed_dependent
        raise CargoError("cargo build failed", hint="fix the errors cargo reported above")
    if artifact is None:
        raise CargoError("cargo built no cdylib for the crate", path=project.manifest)
    redirects.prune(meta.workspace_root / "Cargo.lock")
    return artifact


def rendered(messages: list[dict]) -> str:
    """rustc's text of `messages`, without the errors ferrule said again at the user's item (nor rustc's
    closing notes, such as `rustc --explain`, when it said them all)."""
    every = _all_explained(messages)
    return "".join(m.get("rendered") or "" for m in messages
                   if not (m.get("level") == "error" and m.get(EXPLAINED))
                   and not (every and m.get("level") == "failure-note"))


def _all_explained(messages: list[dict]) -> bool:
    errors = [m for m in messages if m.get("level") == "error"]
    return bool(errors) and all(m.get(EXPLAINED) for m in errors)


_RUSTC_PATH = re.compile(r"((?:-->|:::) (?:\x1b\[[0-9;]*m)*)(?![/\\]|[A-Za-z]:)([^\s\x1b]+:\d+:\d+)")


def _shown_prefix(project: Project, meta: Metadata) -> str:
    """rustc names files from the workspace root; with Cargo.toml in a subfolder (`rust/`) of pyproject.toml's
    folder, the user reads paths from the latter: `rust/` goes before them."""
    root = meta.workspace_root.resolve()
    if root == project.root.resolve() or project.root.resolve() not in root.parents:
        return ""
    return root.relative_to(project.root.resolve()).as_posix() + "/"


def _relocated(text: str, prefix: str) -> str:
    return _RUSTC_PATH.sub(lambda m: m.group(1) + prefix + m.group(2), text) if prefix else text


# cargo's closing lines for a failed build: printed as rustc's last errors arrive, which ferrule shows
# only once the build has ended (some it says again at the user's item), so they are held until then.
CARGO_SUMMARY = re.compile(r"^(?:\x1b\[[0-9;]*m)*(?:error(?:\x1b\[[0-9;]*m)*: (?:\x1b\[[0-9;]*m)*could not compile"
                           r"|warning(?:\x1b\[[0-9;]*m)*: (?:\x1b\[[0-9;]*m)*build failed, waiting)")


def _run_build(cmd: list[str], env: dict[str, str], project: Project, observe: list[dict] | None = None,
               held: list[dict] | None = None, prefix: str = "", gate=None):
    """(cdylib, rustc's messages, every artifact message, exit code, cargo's held closing lines). `prefix`
    goes before rustc's paths; `gate` (early_build.Gate) receives cargo's process and relays its stderr."""
    artifact: Path | None = None
    messages: list[dict] = []
    artifacts: list[dict] = []
    summary: list[str] = gate.summary if gate is not None else []
    if gate is None and sys.stderr.isatty() and "NO_COLOR" not in os.environ:
        cmd = [*cmd[:2], "--color=always", *cmd[2:]]  # its stderr is a pipe now
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True) as proc:
        assert proc.stdout is not None
        if gate is not None:
            gate.started(proc)
            relay = None
        else:
            relay = threading.Thread(target=_relay, args=(proc.stderr, summary), daemon=True)
            relay.start()
        for line in proc.stdout:
            artifact = _cdylib_from(line, project, messages, artifacts, observe, held, prefix) or artifact
        proc.wait()
        if relay is not None:
            relay.join()
        elif gate is not None:
            gate.finish()
    return artifact, messages, artifacts, proc.returncode, list(summary)


# The resolver refusing a second `links = "python"` crate: when a stand-in then replaces that crate, the
# refusal was only the first attempt's and is not shown (its whole block is held from this line on).
CARGO_REFUSAL = re.compile(r"^(?:\x1b\[[0-9;]*m)*error(?:\x1b\[[0-9;]*m)*: (?:\x1b\[[0-9;]*m)*failed to select a version")


def hold(line: str, summary: list[str]) -> bool:
    """Whether cargo's stderr `line` waits in `summary`: its closing lines, and a resolver refusal."""
    if CARGO_SUMMARY.match(line) or CARGO_REFUSAL.match(line) or (summary and CARGO_REFUSAL.match(summary[0])):
        summary.append(line)
        return True
    return False


def _relay(stream, summary: list[str]) -> None:
    for line in stream:
        if hold(line, summary):
            continue
        sys.stderr.write(line)
        sys.stderr.flush()


def _runtime_profile_args(profile: str) -> list[str]:
    """The runtime and its macros are ferrule's code, not the user's: no incremental data for them (as cargo
    does for crates.io dependencies; they are path dependencies only because ferrule patches them in),
    which makes their one compile about a fifth cheaper."""
    if profile == "release":
        return []
    name = "dev" if profile == "debug" else profile
    return [arg for package in ("ferrule-runtime", "ferrule-runtime-core", "ferrule-macros")
            for arg in ("--config", f"profile.{name}.package.{package}.incremental=false")]


def lock_offline(project: Project, meta: Metadata) -> None:
    """A crate whose only dependency is the runtime gets its Cargo.lock without asking crates.io (cargo would
    fetch the index first: a network round trip, or a failure offline, to lock two path crates). Kept only
    when it holds no registry package, so it is the lock cargo would have written online."""
    lock = meta.workspace_root / "Cargo.lock"
    if lock.exists() or meta.workspace_root != project.crate_root or not _only_runtime_dependency(project):
        return
    cmd = [_cargo(), "generate-lockfile", "--offline", "--manifest-path", str(project.manifest), *patch_args()]
    if subprocess.run(cmd, capture_output=True).returncode != 0:
        return
    try:
        if "\nsource = " in lock.read_text(encoding="utf-8"):
            lock.unlink()  # something from a registry after all: let cargo lock it online
    except OSError:
        pass


def _only_runtime_dependency(project: Project) -> bool:
    from .toml_compat import tomllib

    try:
        cargo = tomllib.loads(project.manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if any(key in cargo for key in ("dev-dependencies", "build-dependencies", "target", "patch", "replace")):
        return False
    deps = cargo.get("dependencies") or {}
    return len(deps) == 1 and isinstance(next(iter(deps.values())), (str, dict))


def _message_format() -> str:
    """rustc's diagnostics as JSON (with their spans) and already rendered, in colour on a terminal."""
    color = sys.stderr.isatty() and "NO_COLOR" not in os.environ
    return "--message-format=json-diagnostic-rendered-ansi" if color else "--message-format=json"


def _cdylib_from(line: str, project: Project, messages: list[dict], artifacts: list[dict],
                 observe: list[dict] | None = None, held: list[dict] | None = None, prefix: str = "") -> Path | None:
    """The cdylib an artifact line names; rustc's messages go to `messages`."""
    if not line.startswith("{"):
        return None
    try:
        msg = json.loads(line)
    except json.JSONDecodeError:
        return None
    if msg.get("reason") == "compiler-message" and isinstance(msg.get("message"), dict):
        # Passed through as cargo would render it; kept to map glue errors back to the user's items.
        if prefix and isinstance(msg["message"].get("rendered"), str):
            msg["message"]["rendered"] = _relocated(msg["message"]["rendered"], prefix)
        msg["message"].setdefault("package_id", msg.get("package_id"))  # whose code it is (pyo3_redirect)
        messages.append(msg["message"])
        if held is not None:
            held.append(msg["message"])
        elif msg["message"].get("level") in ("error", "failure-note"):
            pass  # written when the build has failed, unless ferrule says it again at the user's item
        elif msg["message"].get("rendered"):
            sys.stderr.write(msg["message"]["rendered"])
            sys.stderr.flush()
    if observe is not None and msg.get("reason") in ("compiler-artifact", "build-script-executed"):
        observe.append(msg)
    if msg.get("reason") != "compiler-artifact":
        return None
    artifacts.append(msg)
    target = msg.get("target") or {}
    if "cdylib" not in target.get("kind", []) or target.get("name", "").replace("-", "_") != project.lib_name:
        return None
    for filename in msg.get("filenames", []):
        if filename.endswith((".so", ".dylib", ".dll", ".pyd")):
            return Path(filename)
    return None


def ensure_lockfile(project: Project) -> Path:
    """Cargo.lock next to Cargo.toml (an sdist must pin what it builds with); generated when missing."""
    lock = project.crate_root / "Cargo.lock"
    if lock.is_file():
        return lock
    cmd = [_cargo(), "generate-lockfile", "--manifest-path", str(project.manifest), *patch_args()]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        raise CargoError(f"`cargo generate-lockfile` failed:\n{out.stderr.strip()}", path=project.manifest,
                         hint="an sdist needs Cargo.lock next to Cargo.toml")
    if not lock.is_file():  # cargo wrote the workspace's lock file at its root
        raise CargoError("an sdist of a workspace member is not supported yet: its Cargo.lock is the workspace's",
                         path=project.manifest,
                         hint="build wheels only (`ferrule build` without `--sdist`), or make the crate its own "
                              "workspace (an empty `[workspace]` table in its Cargo.toml)")
    return lock
