# Run inside the target interpreter by ferrule; prints its facts as JSON.
# Standard library only, and valid on every Python ferrule supports.
import json
import platform
import struct
import sys
import sysconfig

config = sysconfig.get_config_var
paths = sysconfig.get_paths()
facts = {
    "executable": sys.executable,
    "version": list(sys.version_info[:3]),
    "implementation": sys.implementation.name,
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
}
print(json.dumps(facts))
