"""Which of the runtime crate's Cargo features a build turns on, read from the
manifests before cargo runs (cargo's own resolution comes too late for binding
errors): the runtime dependency's `features`, the crate's features that the
build enables (`default`, `-F`, `--all-features`) and what they name as
`<runtime key>/<feature>`, closed over the runtime's own `[features]` table."""

from __future__ import annotations

from pathlib import Path

from .build_options import CargoOptions
from .project import Project, _load_toml, _runtime_dependency

RUNTIME_MANIFEST = Path(__file__).parent / "runtime" / "ferrule" / "Cargo.toml"


def runtime_features(project: Project, options: CargoOptions | None = None) -> set[str]:
    options = options or project.cargo
    cargo = _load_toml(project.manifest)
    found = _runtime_dependency(cargo, project.manifest)
    if found is None:
        return set()
    key, spec, _ = found
    wanted = {str(f) for f in spec.get("features") or []}
    if spec.get("default-features", True) is not False:
        wanted.add("default")
    table = cargo.get("features") or {}
    start = set(options.feature_names(None))
    if options.all_features:
        start |= set(table)
    if not options.no_default_features and "default" in table:
        start.add("default")
    seen: set[str] = set()
    stack = list(start)
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        dep, slash, feature = name.partition("/")
        if slash:
            if dep.rstrip("?") == key:
                wanted.add(feature)
            continue
        stack.extend(str(entry) for entry in table.get(name) or [] if not str(entry).startswith("dep:"))
    return _closed(wanted, _load_toml(RUNTIME_MANIFEST).get("features") or {})


def _closed(features: set[str], table: dict) -> set[str]:
    out: set[str] = set()
    stack = list(features)
    while stack:
        name = stack.pop()
        if name in out or name.startswith("dep:") or "/" in name:
            continue
        out.add(name)
        stack.extend(str(entry) for entry in table.get(name) or [])
    return out


def async_enabled(project: Project, options: CargoOptions | None = None) -> bool:
    return "experimental-async" in runtime_features(project, options)
