"""`[project]` mistakes as one located message: pyproject-metadata's and packaging's text, our help line."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ConfigError
from ..tool_config import locate

PROJECT_KEYS = ("name", "version", "description", "readme", "requires-python", "license", "license-files",
                "authors", "maintainers", "keywords", "classifiers", "urls", "scripts", "gui-scripts",
                "entry-points", "dependencies", "optional-dependencies", "dynamic", "import-names",
                "import-namespaces")
_FIELD = re.compile(r'^Field "(?P<key>[^"]+)" ')
_ENTRY = re.compile(r"^(?P<key>[\w.-]+?)(?:\[(?P<index>\d+)\])?$")
REQUIREMENT_HELP = 'write a PEP 508 requirement, for example `"numpy>=1.24"` or `"tomli; python_version < \'3.11\'"`'


def position(path: Path, key: str | None, value: str | None = None, top: str = "project") -> tuple[int, int]:
    """Where `project.KEY` (e.g. `project.optional-dependencies.test`) is written; with `value`, the string
    itself when it is written on a later line of a list. Else the [project] header, else line 1."""
    if key is None:
        line, col = locate(path, top, None)
        return line or 1, col or 1
    parts = key.split(".")
    tables = [(".".join([top, *parts[:cut]]), ".".join(parts[cut:])) for cut in range(len(parts) - 1, -1, -1)]
    for table, name in [*tables, (top, parts[0])]:
        line, col = locate(path, table, name)
        if line is not None and line != locate(path, table, None)[0]:
            break
    else:
        return position(path, None, top=top)
    if value is not None:
        lines = path.read_text(encoding="utf-8").splitlines()
        for number in range(line, min(len(lines), line + 200) + 1):
            for quote in ('"', "'"):
                at = lines[number - 1].find(f"{quote}{value}{quote}")
                if at >= 0 and (number > line or at > col):
                    return number, at + 1
    return line, col


def unknown_keys(table: object, path: Path) -> list[str]:
    """maturin ignores keys PEP 621 does not define (published projects carry some): warnings, not errors."""
    import difflib

    out = []
    for key in [k for k in table if k not in PROJECT_KEYS] if isinstance(table, dict) else []:
        close = difflib.get_close_matches(key, PROJECT_KEYS, n=1)
        line, col = position(path, key)
        out.append(f"{path}:{line}:{col}: unknown key `{key}` in [project] is ignored"
                   + (f"; did you mean `{close[0]}`?" if close else ""))
    return out


def requirement_error(path: Path, key: str, text: str, index: int | None = None, top: str = "project") -> ConfigError:
    """A requirement packaging refuses, at its string, with packaging's reason (its first line)."""
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        Requirement(text)
        reason = "not a PEP 508 requirement"
    except InvalidRequirement as e:
        reason = str(e).splitlines()[0].rstrip(".")
    line, col = position(path, key, text, top=top)
    shown = key if index is None else f"{key}[{index}]"
    return ConfigError(f"invalid requirement `{text}` in [{top}] `{shown}`: {reason}", path=path, line=line,
                       col=col, hint=REQUIREMENT_HELP)


def metadata_error(message: str, key: str | None, path: Path, table: dict) -> ConfigError:
    """pyproject-metadata's ConfigurationError (`key` like `project.dependencies[0]`), located, with help."""
    key = key or (_FIELD.match(message).group("key") if _FIELD.match(message) else None)
    if key is not None and key.startswith("project."):
        key = key[len("project."):]
    entry = _ENTRY.match(key) if key else None
    field, index = (entry.group("key"), entry.group("index")) if entry else (key, None)
    value = _value(table, field, index)
    if index is not None and isinstance(value, str) and ("dependencies" in (field or "")):
        return requirement_error(path, field, value, int(index))
    message = message.splitlines()[0]
    if field == "name":
        message = message.split(". ")[0]  # the rest is what the help line says
    line, col = position(path, field, value if isinstance(value, str) else None)
    return ConfigError(message, path=path, line=line, col=col, hint=_help(field, value, message))


def _value(table: dict, field: str | None, index: str | None):
    value: object = table
    for part in (field or "").split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if index is not None and isinstance(value, list) and int(index) < len(value):
        value = value[int(index)]
    return value if field else None


def _help(field: str | None, value, message: str) -> str | None:
    if field == "name":
        fixed = re.sub(r"[^A-Za-z0-9._-]+", "-", str(value)).strip("-._") or "my-package"
        return f'letters, digits, `.`, `_` and `-` only, starting and ending with a letter or digit: `name = "{fixed}"`'
    if field == "version":
        return 'write a PEP 440 version such as `version = "1.0.0"`, or `dynamic = ["version"]` to take Cargo.toml\'s'
    if field == "requires-python":
        return 'write a version specifier such as `requires-python = ">=3.9"`'
    if field in ("readme", "readme.file", "license.file"):
        return f'create the file, or fix the path (relative to pyproject.toml) in `{field.split(".")[0]}`'
    if field == "license-files":
        return 'write globs that match files beside pyproject.toml, e.g. `license-files = ["LICENSE*"]`'
    found = re.search(r"expecting (.+?) \(got", message)
    if found and field:
        kind = found.group(1)
        example = {"list[str]": '["..."]', "str": '"..."', "dict[str,str]": '{ name = "..." }',
                   "list[ContactTable]": '[{ name = "...", email = "..." }]'}.get(kind.replace(" ", ""))
        return f"`{field}` must be {kind}" + (f": write `{field.split('.')[-1]} = {example}`" if example else "")
    return None
