"""A develop whose sources did not change (only touched, or nothing at all) reuses the glue and stubs it wrote
last time instead of parsing the crate again: at 500 bindings the parse and the generator are a few tenths
of a second, and importing them costs every run some more.

The stamp, written after a successful develop, holds what the glue was made from: the content hash of every
file the parser read (the list `Crate.files`), the modification time of their folders (a new file that a
`mod` could now find changes its folder's), the project settings the generator reads, and the size and time
of ferrule's own Python files (an edited or upgraded generator writes new glue). Any difference, or a
missing glue folder, and the crate is parsed as before, with two exceptions that leave the glue as it was:
a file whose shape (parse/shape.py: only inert function bodies differ) is the recorded one, and a folder
whose entry names are the recorded ones (an editor saved a file by renaming over it). Such a stamp is
brought up to date, so the next develop compares with what it has just accepted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

_TOOLCHAIN = Path(__file__).resolve().parent


def _toolchain_files() -> list[list]:
    out = []
    for folder, dirs, names in os.walk(_TOOLCHAIN):
        dirs[:] = sorted(d for d in dirs if d not in ("runtime", "__pycache__"))
        for name in sorted(names):
            if name.endswith(".py"):
                st = os.stat(os.path.join(folder, name))
                out.append([os.path.join(folder, name), st.st_size, st.st_mtime_ns])
    return out


def _current(name: str, recorded, shapes: dict):
    """`recorded` when the file (sha1, str) or folder (mtime, int) is as the parser saw it; its new
    record when it differs but cannot change the glue (same shape, same entry names); else None."""
    if isinstance(recorded, int):
        mtime = os.stat(name).st_mtime_ns
        if mtime == recorded:
            return recorded
        from .parse.shape import folder_names

        return mtime if name in shapes and folder_names(name) == shapes[name] else None
    data = Path(name).read_bytes()
    digest = hashlib.sha1(data).hexdigest()
    if digest == recorded:
        return recorded
    if name not in shapes:
        return None
    from .parse.shape import shape_digest

    return digest if shape_digest(data) == shapes[name] else None


def settings(project, glue_dir: Path, options=None) -> dict:
    """Everything besides the sources that the parser and generator read (generate.prepare)."""
    from .runtime_features import async_enabled

    # `#[cfg]` is decided for the build (build_cfg.py): the features asked for and the build
    # script's cfgs of the last build change which items the glue and stub hold.
    try:
        build_cfgs = (glue_dir.parent.parent / "build-cfgs" / f"{project.package}.json").read_text(encoding="utf-8")
    except OSError:
        build_cfgs = ""
    opts = options or project.cargo
    features = [sorted(opts.feature_names(None)), opts.all_features, opts.no_default_features]
    return {"package": project.package, "lib_name": project.lib_name, "lib_path": str(project.lib_path),
            "module_name": project.module_name, "runtime_crate": project.runtime_crate, "abi3": project.abi3,
            "async": async_enabled(project, options), "glue_dir": str(glue_dir), "toolchain": _toolchain_files(),
            "features": features, "build_cfgs": build_cfgs}


def load(stamp: Path, wanted: dict) -> dict[str, str] | None:
    """The stubs written with the glue, when nothing the glue was made from has changed; else None."""
    try:
        data = json.loads(stamp.read_text(encoding="utf-8"))
        if data["settings"] != wanted or not Path(wanted["glue_dir"]).is_dir() or not data["inputs"]:
            return None
        shapes = data.get("shapes") or {}
        inputs = {}
        for name, recorded in data["inputs"].items():
            inputs[name] = _current(name, recorded, shapes)
            if inputs[name] is None:
                return None
        stubs = data["stubs"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(stubs, dict):
        return None
    if inputs != data["inputs"]:
        save(stamp, wanted, inputs, stubs, shapes)
    return stubs


def save(stamp: Path, wanted: dict, inputs: dict, stubs: dict[str, str], shapes: dict | None = None) -> None:
    """`inputs` as the parser recorded them while reading (`Crate.inputs`), not read again now: an edit
    made during the build must not be taken for what the glue was made from."""
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=stamp.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"settings": wanted, "inputs": inputs, "stubs": stubs, "shapes": shapes or {}}, f)
        os.replace(tmp, stamp)
    except OSError:
        pass  # no stamp: the next develop parses, as it would have anyway


def forget(stamp: Path) -> None:
    try:
        stamp.unlink()
    except OSError:
        pass
