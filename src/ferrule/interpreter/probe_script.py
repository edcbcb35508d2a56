# Run inside the target interpreter by ferrule; prints its facts as JSON.
# Standard library only, and valid on Python 2 too, so that ferrule can say
# which interpreter it was given before refusing one it cannot target.
import json
import os
import platform
import re
import struct
import sys
import sysconfig

config = sysconfig.get_config_var
paths = sysconfig.get_paths()
implementation = getattr(sys, "implementation", None)
facts = {
    "executable": sys.executable,
    "version": list(sys.version_info[:3]),
    "implementation": implementation.name if implementation else platform.python_implementation().lower(),
    # PyPy's own version (7.3, 8.0), part of its ABI tag.
    "implementation_version": list(getattr(sys, "pypy_version_info", (0, 0))[:2]),
    "ext_suffix": config("EXT_SUFFIX") or "",
    "soabi": config("SOABI") or "",
    "abiflags": getattr(sys, "abiflags", ""),
    "include_dir": paths.get("include", ""),
    "platlib": paths.get("platlib", ""),
    "purelib": paths.get("purelib", ""),
    "scripts": paths.get("scripts", ""),
    "pointer_width": struct.calcsize("P") * 8,
    "gil_disabled": bool(config("Py_GIL_DISABLED")),
    "debug": hasattr(sys, "gettotalrefcount"),
    "platform": sysconfig.get_platform(),
    "machine": platform.machine(),
    "in_venv": sys.prefix != getattr(sys, "base_prefix", sys.prefix),
    "prefix": sys.prefix,
    # How to link libpython when embedding (pyo3-build-config's lib_name / lib_dir / shared).
    # PyPy always links its libpypy*-c shared library (pyo3-build-config says so too).
    "shared": bool(config("Py_ENABLE_SHARED")) or hasattr(sys, "pypy_version_info"),
    "lib_dir": config("LIBDIR") or "",
    # The interpreter behind a venv: the same for every venv of it, so switching venvs rebuilds nothing.
    "base_executable": getattr(sys, "_base_executable", None) or sys.executable,
}
_ldlibrary = re.match(r"lib(.+?)[.](so|a|dylib)", os.path.basename(config("LDLIBRARY") or ""))
if _ldlibrary:
    facts["lib_name"] = _ldlibrary.group(1)
elif sys.platform == "win32":
    facts["lib_name"] = "python%d%d" % sys.version_info[:2]
else:
    facts["lib_name"] = "python%d.%d%s" % (sys.version_info[0], sys.version_info[1], facts["abiflags"])
print(json.dumps(facts))
