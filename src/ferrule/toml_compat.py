"""TOML 1.1 where it can be had: tomli 2.4+ (cargo 1.94+ reads manifests as TOML 1.1, so a Cargo.toml may
hold an inline table over several lines, as pyrage's does), else the standard library's tomllib (TOML 1.0
before Python 3.15), else any tomli before 3.11."""

import sys


def _tomli():
    try:
        import tomli
    except ImportError:
        return None
    try:
        version = tuple(int(part) for part in tomli.__version__.split(".")[:2])
    except (AttributeError, ValueError):
        return None
    return tomli if version >= (2, 4) else None


tomllib = _tomli()
if tomllib is None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on older interpreters only
        import tomli as tomllib

__all__ = ["tomllib"]
