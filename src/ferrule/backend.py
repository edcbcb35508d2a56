"""ferrule's PEP 517 / PEP 660 build backend: `build-backend = "ferrule.backend"`.

Each hook only delegates. Wheels are release builds for the interpreter running
the hook; `config_settings` may set `profile = "debug"`.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from . import build as _build
from .archive.metadata import load_metadata
from .archive.wheel import write_metadata_dir
from .interpreter import probe
from .errors import FerruleError
from .project import find_manifest, load_project


def _reported(hook):
    """A FerruleError is shown as ferrule shows it (file, line, hint), not as a traceback."""
    @functools.wraps(hook)
    def run(*args, **kwargs):
        try:
            return hook(*args, **kwargs)
        except FerruleError as err:
            from .cli import _print_error

            _print_error(err)
            raise SystemExit(1) from None
    return run


def _project():
    return load_project(find_manifest(None))


def _profile(config_settings, project, editable: bool) -> str:
    """`-C profile=...`, else pyproject's (editable-)profile, else release, as maturin's backend does."""
    given = (config_settings or {}).get("profile")
    if given:
        return "dev" if given == "debug" else given
    return (editable and project.editable_profile) or project.cargo.profile or "release"


def _wheel(wheel_directory, config_settings, *, editable: bool) -> str:
    from . import cargo_config

    # pip's and uv's build environments are deleted afterwards: the project's runtime link must not
    # lead into one (this build passes the runtime to cargo itself).
    cargo_config.leave_project_config()
    project = _project()
    result = _build.wheel(project, probe(sys.executable), Path(wheel_directory), release=True,
                          profile=_profile(config_settings, project, editable), editable=editable)
    from .cli import print_notes, print_warnings

    print_warnings(result.warnings)
    print_notes(result.notes)
    assert result.wheel is not None
    return result.wheel.name


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


@_reported
def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    from .cli import print_warnings

    meta = load_metadata(_project())
    print_warnings(list(meta.warnings))
    return write_metadata_dir(Path(metadata_directory), meta)


def prepare_metadata_for_build_editable(metadata_directory, config_settings=None):
    return prepare_metadata_for_build_wheel(metadata_directory, config_settings)


@_reported
def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _wheel(wheel_directory, config_settings, editable=False)


@_reported
def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    return _wheel(wheel_directory, config_settings, editable=True)


@_reported
def build_sdist(sdist_directory, config_settings=None):
    return _build.sdist(_project(), Path(sdist_directory)).name
