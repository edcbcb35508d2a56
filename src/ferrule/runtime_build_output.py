"""The output of the runtime's build scripts, computed by ferrule so cargo can skip them.

cargo runs no build script of a package whose `links` name has a
`[target.<triple>.<links>]` table in its config: it takes that table as the
script's output. A clean build otherwise compiles and runs both of the
runtime's scripts before the runtime itself can start (0.2-0.4 s here). The
output is a function of the interpreter facts file and of the runtime's `abi3*`
features; this module is the Python twin of `ferrule-core/build.rs`, and
`tests/test_runtime_build_output.py` checks the two agree on every kind of
interpreter.

Only used where ferrule knows those features: the crate is alone (no workspace),
the runtime is its only dependency, and neither its manifest nor the requested
features name `abi3`, so no `abi3*` feature can be on; and the build is an
extension module (no libpython link). Elsewhere the scripts run, as before. Each
kind of build keeps its own runtime artifacts in the shared cache (cargo hashes
the override in), so neither kind rebuilds the other's.
"""

from __future__ import annotations

import json
from pathlib import Path

MIN_MINOR, MAX_MINOR = 9, 14  # as ferrule-core/build.rs
_FLAGS = ("Py_LIMITED_API", "Py_GIL_DISABLED", "Py_DEBUG", "Py_REF_DEBUG", "PyPy")
RUN_SCRIPTS_VAR = "FERRULE_RUN_BUILD_SCRIPTS"  # set: the scripts always run (to compare, or as a way out)
_IMPLEMENTATIONS = {"pypy": "PyPy", "graalpy": "GraalVM"}


def _minor_of(version: str) -> int | None:
    parts = version.split(".")
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def _facts(text: str) -> dict:
    """`parse_facts` of build.rs: the facts file's `key=value` lines over the same defaults."""
    facts = {"minor": MIN_MINOR, "abi3": None, "gil_disabled": False, "debug": False, "implementation": "cpython",
             "executable": None, "pointer_width": None, "shared": True, "lib_name": None, "lib_dir": None}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if not sep:
            continue
        key, value = key.strip(), value.strip()
        if key == "version":
            facts["minor"] = _minor_of(value) or MIN_MINOR
        elif key == "abi3" and value:
            facts["abi3"] = _minor_of(value)
        elif key in ("gil_disabled", "debug", "shared"):
            facts[key] = value == "1"
        elif key == "implementation" and value:
            facts["implementation"] = value
        elif key in ("executable", "lib_name", "lib_dir"):
            facts[key] = value or None
        elif key == "pointer_width":
            facts["pointer_width"] = int(value) if value.isdigit() else None
    if facts["implementation"] == "pypy":
        facts["abi3"] = None  # PyPy has no stable ABI
    return facts


def build_output(config_text: str) -> tuple[list[str], list[str], str]:
    """(rustc cfgs, check-cfgs, the hex `PYO3_CONFIG`) that ferrule-core/build.rs prints for a facts
    file, with no `abi3*` feature on."""
    f = _facts(config_text)
    api = min(f["abi3"], f["minor"]) if f["abi3"] is not None else f["minor"]
    check = [f"cfg(Py_3_{m})" for m in range(MIN_MINOR, MAX_MINOR + 1)] + [f"cfg({name})" for name in _FLAGS]
    cfgs = [f"Py_3_{m}" for m in range(MIN_MINOR, min(api, MAX_MINOR) + 1)]
    if f["implementation"] == "pypy":
        cfgs.append("PyPy")
    if f["abi3"] is not None:
        cfgs.append("Py_LIMITED_API")
    if f["gil_disabled"]:
        cfgs.append("Py_GIL_DISABLED")
    if f["debug"]:
        cfgs += ["Py_DEBUG", "Py_REF_DEBUG"]
    implementation = _IMPLEMENTATIONS.get(f["implementation"], "CPython")
    lines = [f"implementation={implementation}", f"version=3.{f['minor']}", f"shared={str(f['shared']).lower()}"]
    lines.append(f"target_abi={implementation}-abi3-3.{api}" if f["abi3"] is not None else "abi3=false")
    for key in ("lib_name", "lib_dir", "executable", "pointer_width"):
        if f[key] is not None and str(f[key]):
            lines.append(f"{key}={f[key]}")
    flags = (["Py_DEBUG", "Py_REF_DEBUG"] if f["debug"] else []) + (["Py_GIL_DISABLED"] if f["gil_disabled"] else [])
    lines += [f"build_flags={','.join(flags)}", "suppress_build_script_link_lines=false"]
    return cfgs, check, "".join(line + "\n" for line in lines).encode().hex()


def override_args(project, meta, options, interpreter_config: Path, env: dict) -> list[str]:
    """`--config` arguments standing in for both build scripts, or [] where they must run."""
    from .cargo import _only_runtime_dependency

    if env.get("FERRULE_EMBED") or env.get(RUN_SCRIPTS_VAR, "") not in ("", "0") or meta.workspace_root != project.crate_root or not _only_runtime_dependency(project):
        return []
    try:
        manifest = project.manifest.read_text(encoding="utf-8")
        config = interpreter_config.read_text(encoding="utf-8")
    except OSError:
        return []
    if "abi3" in manifest or any("abi3" in feature.name for feature in options.features):
        return []
    triple = host_triple(meta, interpreter_config)
    cfgs, check, hex_config = build_output(config)
    table = f"target.{triple}"
    from .prelude_pyobject import CFG, ENV_VAR

    # The facade's own script (`ferrule/build.rs`): its prelude cfg, then PyO3's config for dependents.
    facade = [CFG] if env.get(ENV_VAR) == "1" else []
    return ["--config", f"{table}.python.rustc-cfg={json.dumps(facade)}",
            "--config", f"{table}.python.rustc-check-cfg={json.dumps([f'cfg({CFG})'])}",
            "--config", f"{table}.ferrule-python.rustc-cfg={json.dumps(cfgs)}",
            "--config", f"{table}.ferrule-python.rustc-check-cfg={json.dumps(check)}",
            "--config", f'{table}.ferrule-python.PYO3_CONFIG="{hex_config}"',
            "--config", f'{table}.python.PYO3_CONFIG="{hex_config}"']


def host_triple(meta, interpreter_config: Path) -> str:
    """rustc's host triple: what cargo recorded of `rustc -vV` in the build folder, else this machine's
    usual triple (before the first build). A wrong answer costs only speed: cargo ignores an override
    for another triple, and the scripts run."""
    folders = [meta.cache.build_dir(interpreter_config), meta.target_dir]
    for folder in filter(None, folders):
        try:
            outputs = json.loads((Path(folder) / ".rustc_info.json").read_text(encoding="utf-8"))["outputs"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        for output in outputs.values() if isinstance(outputs, dict) else ():
            triple = _host_line(str(output.get("stdout", "")) if isinstance(output, dict) else "")
            if triple:
                return triple
    from .tool_config import host_triple as usual_triple

    return usual_triple()


def _host_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.startswith("host: "):
            return line[len("host: "):].strip() or None
    return None
