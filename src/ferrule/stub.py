"""`ferrule stub -o PATH`: the generated stub written where the user asks, from the sources alone."""

from __future__ import annotations

from pathlib import Path

from . import cargo
from .build_cfg import predict
from .codegen.stubs import generate_stubs
from .errors import BindingErrors, CargoError, ConfigError, FerruleError
from .generate import check_crate, parse_project
from .cfgset import CfgSet
from .project import Project, find_manifest, load_project
from .runtime_features import async_enabled


def _default_build_cfgs(project: Project) -> CfgSet | None:
    """`#[cfg]` as a default `ferrule develop` would decide it (features from pyproject, the
    interpreter develop would pick); without an interpreter every item is listed."""
    from .interpreter import find_interpreter

    try:
        interp = find_interpreter(None, require_venv=False, search_from=(Path.cwd(), project.root))
        meta = cargo.metadata(project)
    except FerruleError:
        return None
    options = project.cargo
    return predict(project, options.feature_names(interp.version[:2]), all_features=options.all_features,
                   no_default_features=options.no_default_features, profile="dev", interp=interp,
                   abi3=project.abi3, ferrule_dir=meta.ferrule_dir)


def write_stub(manifest: str | None, output: Path | None) -> list[Path]:
    """One module: a `.pyi` file (PATH, or PATH/<module>.pyi for a folder). With submodules: a package folder."""
    project = load_project(find_manifest(manifest))
    # Path dependencies may hold bound classes: the workspace's members come from cargo
    # when it is there; without it, they are found through their Cargo.toml files.
    try:
        meta = cargo.metadata(project)
        packages, workspace_root = list(meta.packages), meta.workspace_root
    except CargoError:
        packages, workspace_root = [], project.crate_root
    crate, diagnostics = parse_project(project, packages, workspace_root, async_enabled(project),
                                        _default_build_cfgs(project))
    diagnostics += check_crate(crate, project)
    if diagnostics:
        raise BindingErrors(diagnostics, root=project.root)
    stubs = generate_stubs(crate)
    name = project.module_name.split(".")[-1]
    target = output if output is not None else Path(f"{name}.pyi")
    if set(stubs) == {"__init__.pyi"}:
        if target.is_dir():
            target = target / f"{name}.pyi"
        files = {target: stubs["__init__.pyi"]}
    else:
        if target.suffix == ".pyi":
            raise ConfigError(f"the module has submodules, so its stub is a folder, not the file {target}",
                              hint=f"pass a folder: `ferrule stub -o {target.with_suffix('')}`")
        files = {target / rel: text for rel, text in stubs.items()}
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sorted(files)
