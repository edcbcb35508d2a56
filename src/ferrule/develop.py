"""`ferrule develop`: generate, build, and install into the active environment."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import cargo, cargo_config
from .codegen.stubs import generate_stubs
from .generate import prepare, write_python_config
from .install import install_develop
from .interpreter import Interpreter, find_interpreter
from .project import find_manifest, load_project


@dataclass(frozen=True)
class DevelopResult:
    module: str
    version: str
    site_packages: Path
    interpreter: Interpreter


def develop(manifest: str | None, interpreter: str | None, *, release: bool) -> DevelopResult:
    project = load_project(find_manifest(manifest))
    interp = find_interpreter(interpreter, require_venv=True)
    cargo_config.refresh(project.root)
    meta = cargo.metadata(project)
    crate = prepare(project, meta)
    write_python_config(meta, interp, project.abi3)
    artifact = cargo.build(project, meta, release=release, features=project.features)
    site = install_develop(project, interp, artifact, generate_stubs(crate))
    return DevelopResult(project.module_name, project.version, site, interp)
