"""Every error the toolchain reports. Only the CLI prints them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class FerruleError(Exception):
    """Root of ferrule's errors: one message, optionally with a location and a hint."""

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None,
                 col: int | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.col = col
        self.hint = hint
        self.warnings: list[str] = []  # said before the error: what was noticed on the way

    def location(self) -> str:
        if self.path is None:
            return ""
        parts = [str(self.path)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)


def keep_warnings(warnings):
    """Context manager: an error raised inside carries `warnings`, so they are printed before it."""
    from contextlib import contextmanager

    @contextmanager
    def kept():
        try:
            yield
        except FerruleError as err:
            err.warnings = [*warnings, *(w for w in err.warnings if w not in warnings)]
            raise
    return kept()


class ConfigError(FerruleError):
    """Cargo.toml or pyproject.toml is missing or wrong."""


class InterpreterError(FerruleError):
    """No usable Python interpreter."""


class CargoError(FerruleError):
    """cargo is missing or the build failed."""


class InstallError(FerruleError):
    """The built module could not be installed."""


@dataclass(frozen=True)
class Diagnostic:
    """One problem with a binding, found before cargo runs."""

    message: str
    path: Path
    line: int
    col: int
    hint: str | None = None

    def render(self, root: Path | None = None, level: str | None = "error") -> str:
        """As rustc shows it; `level` None leaves the `error:` off (a warning printer adds its own)."""
        shown = self.path
        if root is not None:
            try:
                shown = self.path.relative_to(root)
            except ValueError:
                pass
        text = f"{level + ': ' if level else ''}{self.message}\n  --> {shown}:{self.line}:{self.col}"
        if self.hint:
            text += f"\n  = help: {self.hint}"
        return text


class BindingErrors(FerruleError):
    """All the binding mistakes of a crate, reported together."""

    def __init__(self, diagnostics: list[Diagnostic], root: Path | None = None) -> None:
        # File by file, in source order, as rustc reports them.
        diagnostics = sorted(diagnostics, key=lambda d: (str(d.path), d.line, d.col))
        first = diagnostics[0]
        super().__init__(first.message, path=first.path, line=first.line, col=first.col, hint=first.hint)
        self.diagnostics = diagnostics
        self.root = root

    def render(self) -> str:
        blocks = [d.render(self.root) for d in self.diagnostics]
        count = len(self.diagnostics)
        blocks.append(f"error: could not generate bindings due to {count} previous error{'s' if count != 1 else ''}")
        return "\n\n".join(blocks)


class PublishError(FerruleError):
    """An upload to a package index failed."""


# Set on a rustc message that `glue_errors` said again at the user's item (cargo then leaves it out).
EXPLAINED = "ferrule_explained"
