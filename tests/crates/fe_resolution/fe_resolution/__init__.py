"""A mixed package: the extension is `fe_resolution._native`."""
from ._native import *  # noqa: F401,F403
from . import _native


def native_name() -> str:
    return _native.__name__
