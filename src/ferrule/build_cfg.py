"""The cfgs rustc enables for the user's crate in one build, so `#[cfg(...)]` on
bound items is decided as rustc decides it (glue and stub then hold exactly the
items that are compiled).

Before the build they are predicted: the target's (`rustc --print cfg`),
`debug_assertions` by profile, the crate's features (the closure of what was
asked for through its `[features]` table), and what its build script printed
last time (or, before any build, what `pyo3_build_config::use_pyo3_cfgs()`
prints for this interpreter). cargo's JSON then says what the build really
had; if any predicate the crate wrote comes out differently, the glue is
written again and the crate rebuilt once.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .cfgset import CfgSet
from .project import Project, _load_toml


@dataclass(frozen=True)
class Observed:
    """What cargo reported for the crate's own units."""

    features: tuple[str, ...] | None = None
    debug_assertions: bool | None = None
    build_cfgs: tuple[str, ...] | None = None


@functools.lru_cache(maxsize=4)
def target_cfgs(rustc: str) -> CfgSet:
    try:
        out = subprocess.run([rustc, "--print", "cfg"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return CfgSet()
    if out.returncode != 0:
        return CfgSet()
    lines = [line for line in out.stdout.splitlines() if line.strip() != "debug_assertions"]
    return CfgSet.from_lines(lines)


def _rustc() -> str:
    return os.environ.get("RUSTC", "rustc")


def feature_closure(manifest: Path, requested: list[str], *, all_features: bool, default: bool) -> set[str]:
    """The crate's enabled features: what was asked for, `default`, and what those enable in turn."""
    try:
        cargo = _load_toml(manifest)
    except Exception:  # noqa: BLE001 - a broken manifest is cargo's to report
        return set(requested)
    table = {k: list(v) for k, v in (cargo.get("features") or {}).items() if isinstance(v, list)}
    optional = {name for section in ("dependencies", "build-dependencies")
                for name, spec in (cargo.get(section) or {}).items()
                if isinstance(spec, dict) and spec.get("optional")}
    explicit_dep = {e[4:] for entries in table.values() for e in entries if isinstance(e, str) and e.startswith("dep:")}
    implicit = optional - explicit_dep - set(table)  # an optional dependency is its own feature unless `dep:` names it
    known = set(table) | implicit
    todo = list(known) if all_features else [f.split("/", 1)[1] if f.startswith(_own(cargo)) else f for f in requested]
    if default and "default" in table:
        todo.append("default")
    enabled: set[str] = set()
    while todo:
        name = todo.pop()
        if name in enabled or "/" in name or name.startswith("dep:"):
            if "/" in name and not name.split("/", 1)[0].endswith("?"):
                dep = name.split("/", 1)[0]
                if dep in implicit and dep not in enabled:
                    todo.append(dep)
            continue
        if name not in known:
            continue
        enabled.add(name)
        todo += [e for e in table.get(name, []) if isinstance(e, str)]
    return enabled


def _own(cargo: dict) -> str:
    return str((cargo.get("package") or {}).get("name", "")) + "/"


def pyo3_cfgs(version: tuple[int, int], abi3: str | None, implementation: str, gil_disabled: bool) -> list[str]:
    """What `pyo3_build_config::use_pyo3_cfgs()` prints for an interpreter."""
    minor = int(abi3.split(".")[1]) if abi3 else version[1]
    out = [f"Py_3_{m}" for m in range(7, minor + 1)]
    if abi3:
        out.append("Py_LIMITED_API")
    if implementation == "pypy":
        out.append("PyPy")
    if gil_disabled:
        out.append("Py_GIL_DISABLED")
    return out


def _saved(meta_dir: Path, package: str) -> Path:
    return meta_dir / "build-cfgs" / f"{package}.json"


def predict(project: Project, features: list[str], *, all_features: bool, no_default_features: bool, profile: str,
            interp, abi3: str | None, ferrule_dir: Path) -> CfgSet:
    cfg = target_cfgs(_rustc())
    names = set(cfg.names)
    if profile not in ("release", "bench"):
        names.add("debug_assertions")
    enabled = feature_closure(project.manifest, features, all_features=all_features, default=not no_default_features)
    pairs = set(cfg.pairs) | {("feature", f) for f in enabled}
    build = _previous_build_cfgs(project, ferrule_dir, interp, abi3)
    return CfgSet(frozenset(names), frozenset(pairs)).union(CfgSet.from_lines(build))


def _previous_build_cfgs(project: Project, ferrule_dir: Path, interp, abi3: str | None) -> list[str]:
    key = _interp_key(interp, abi3)
    try:
        saved = json.loads(_saved(ferrule_dir, project.package).read_text(encoding="utf-8"))
        if saved.get("interpreter") == key:
            return list(saved.get("cfgs", []))
    except (OSError, ValueError, AttributeError):
        pass
    build_rs = project.crate_root / "build.rs"
    try:
        text = build_rs.read_text(encoding="utf-8")
    except OSError:
        return []
    if "use_pyo3_cfgs" in text and interp is not None:
        return pyo3_cfgs(interp.version[:2], abi3, interp.implementation, interp.gil_disabled)
    return []


def _interp_key(interp, abi3: str | None) -> str:
    if interp is None:
        return ""
    return f"{interp.implementation}-{interp.version[0]}.{interp.version[1]}-{abi3 or ''}-{int(interp.gil_disabled)}"


def observed(messages: list[dict], project: Project) -> Observed:
    """The crate's features and debug_assertions (its compiler-artifact) and its build script's cfgs."""
    ours = None
    features = debug = None
    for msg in messages:
        if msg.get("reason") == "compiler-artifact" and Path(msg.get("manifest_path", "")) == project.manifest.resolve():
            if "lib" in " ".join((msg.get("target") or {}).get("kind", [])) or "cdylib" in (msg.get("target") or {}).get("kind", []):
                ours = msg.get("package_id")
                features = tuple(msg.get("features") or ())
                debug = bool((msg.get("profile") or {}).get("debug_assertions"))
    # A crate that failed to compile has no artifact: its build script's package id names its folder.
    root = project.crate_root.resolve().as_posix()
    build = None
    for msg in messages:
        pid = str(msg.get("package_id", ""))
        mine = pid == ours if ours is not None else (f"file://{root}#" in pid or f"file://{root})" in pid)
        if msg.get("reason") == "build-script-executed" and mine:
            build = tuple(msg.get("cfgs") or ())
    if ours is not None and build is None:
        build = ()
    return Observed(features, debug, build)


def actual(predicted: CfgSet, seen: Observed) -> CfgSet:
    """The predicted set with what cargo reported in place of the guesses."""
    names, pairs = set(predicted.names), set(predicted.pairs)
    if seen.features is not None:
        pairs = {p for p in pairs if p[0] != "feature"} | {("feature", f) for f in seen.features}
    if seen.debug_assertions is not None:
        names.discard("debug_assertions")
        if seen.debug_assertions:
            names.add("debug_assertions")
    target = target_cfgs(_rustc())
    base = CfgSet(frozenset(names), frozenset(pairs))
    if seen.build_cfgs is not None:
        extra = CfgSet.from_lines(seen.build_cfgs)
        # Build-script cfgs replace the predicted ones: keep only target cfgs, features and debug_assertions.
        keep_names = {n for n in base.names if n in target.names or n == "debug_assertions"}
        keep_pairs = {p for p in base.pairs if p in target.pairs or p[0] == "feature"}
        base = CfgSet(frozenset(keep_names) | extra.names, frozenset(keep_pairs) | extra.pairs)
    return base


def differs(predicted: CfgSet, real: CfgSet) -> bool:
    """Whether any predicate the crate wrote evaluates differently under the two sets."""
    return any(CfgSet(predicted.names, predicted.pairs).evaluate(p) != CfgSet(real.names, real.pairs).evaluate(p)
               for p in predicted.seen)


def remember(project: Project, ferrule_dir: Path, interp, abi3: str | None, seen: Observed) -> None:
    if seen.build_cfgs is None:
        return
    path = _saved(ferrule_dir, project.package)
    text = json.dumps({"interpreter": _interp_key(interp, abi3), "cfgs": list(seen.build_cfgs)})
    try:
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError:
        pass


def compile_exact(project: Project, meta, interp, *, abi3: str | None, options, profile: str, release: bool,
                  explainer=None):
    """prepare + cargo build with `#[cfg]` decided for this build; returns (crate, cdylib).
    `explainer(crate)` maps rustc's errors in glue (default: glue_errors.explainer)."""
    from . import cargo, early_build, glue_errors
    from .errors import BindingErrors, CargoError
    from .generate import prepare

    cfg: CfgSet | None = None

    def generate():
        nonlocal cfg
        if cfg is None:  # predicted here: with an early cargo, `rustc --print cfg` runs alongside it
            cfg = predict(project, options.feature_names(interp.version[:2]), all_features=options.all_features,
                          no_default_features=options.no_default_features, profile=profile, interp=interp,
                          abi3=abi3, ferrule_dir=meta.ferrule_dir)
        return prepare(project, meta, options, cfg)

    explain_with = explainer or (lambda c: glue_errors.explainer(c, meta.glue_dir(project.package)))
    for attempt in (1, 2):
        seen: list[dict] = []
        held: list[dict] | None = [] if attempt == 1 else None  # shown unless the build is redone

        def build(gate=None, explain=None):
            return cargo.build(project, meta, release=release, options=options, profile=profile,
                               python_version=interp.version[:2], observe=seen, held=held, explain=explain,
                               gate=gate, stop_on_redirect=True)

        crate, artifact, failure, again = None, None, None, True
        if attempt == 1 and early_build.applies(project.package, meta):
            crate, artifact, failure = early_build.run(meta.ferrule_dir / "gates", meta.glue_dir(project.package),
                                                       build, generate, explain_with)
            if isinstance(failure, cargo.Redirected):  # nothing compiled: glue for the redirected crates first
                crate, failure = None, None
            elif failure is not None and not isinstance(failure, (BindingErrors, CargoError)):
                raise failure
            glued = {os.path.realpath(c.root / "Cargo.toml") for c in [crate, *crate.dependencies]} if crate else set()
            # cargo judged a glued crate fresh before its glue was written (whatever came of it after):
            # build once more, in order.
            again = crate is None or early_build.compiled_fresh(seen, glued)
            if again:
                seen.clear()
                held = []
                failure = None
        if crate is None:
            crate = generate()
        while again:
            try:
                artifact = build(explain=explain_with(crate))
                again = False
            except cargo.Redirected:
                crate = generate()  # now with the glue of the crates compiled against the stand-in
            except (BindingErrors, CargoError) as err:
                failure, again = err, False
        found = observed(seen, project)
        remember(project, meta.ferrule_dir, interp, abi3, found)
        real = actual(cfg, found)
        if attempt == 2 or not differs(cfg, real):
            if held:
                sys.stderr.write(cargo.rendered(held))
                sys.stderr.flush()
            if failure is not None:
                raise failure
            return crate, artifact
        changed = sorted(p for p in cfg.seen if CfgSet(cfg.names, cfg.pairs).evaluate(p)
                         != CfgSet(real.names, real.pairs).evaluate(p))
        sys.stderr.write(f"note: the build had other cfgs than ferrule expected (`{'`, `'.join(changed)}`); "
                         "writing the glue for them and building again\n")
        cfg = real  # the prediction missed: glue for what rustc really compiles, once more
    raise AssertionError("unreachable")
