"""cargo started while the generator still parses and writes the glue, on a build that compiles the crate anyway.

A project's first build (and every build after `cargo clean`, and every sdist install) waits on the
runtime's compile, which needs no glue. So when the project's crate has no cargo fingerprint yet,
ferrule starts cargo first and generates meanwhile; the runtime compiles in parallel with the parse
(0.2-0.5 s saved here on a clean build). Two things keep that exact:

- The gate. cargo gets `FERRULE_GLUE_GATE`, a file holding ferrule's process id; ferrule replaces it
  with `ready` once every glue file is written, and the attributes read no glue before (see
  `ferrule-macros/src/glue_gate.rs`). If ferrule dies first, the attributes see the process gone and stop.
- The check. cargo decides what is fresh before it compiles anything, so glue written later would go
  unseen by a unit cargo already called fresh. A cold crate is never fresh; if cargo nonetheless reports
  one of the glued crates fresh (a fingerprint ferrule did not find), the build is run again the usual way.

If the generator fails (a binding mistake), cargo and the compilers it started are stopped at once.
Linux only (the gate's liveness check reads /proc); elsewhere, and with FERRULE_NO_EARLY_BUILD=1, the
glue is written before cargo starts, as always.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import threading
from pathlib import Path
from typing import Callable

GATE_VAR = "FERRULE_GLUE_GATE"
OFF_VAR = "FERRULE_NO_EARLY_BUILD"


def applies(package: str, meta) -> bool:
    """Whether cargo is sure to compile `package`: no fingerprint of it in any folder cargo may keep them in."""
    if not sys.platform.startswith("linux") or os.environ.get(OFF_VAR):
        return False
    folders = [meta.target_dir]
    shared = meta.cache.build_dir(meta.interpreter_config())
    if shared is not None:
        folders.append(shared)
    elif os.environ.get("CARGO_BUILD_BUILD_DIR"):
        return False  # the user's build folder (it may be a template): do not guess where fingerprints are
    return not any(any(folder.glob(pattern)) for folder in folders
                   for pattern in (f"*/.fingerprint/{package}-*", f"*/*/.fingerprint/{package}-*"))


class Gate:
    """The file cargo's attributes wait on, and the cargo run to stop if the generator fails."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=folder, prefix="gate-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
        self.path = Path(name)
        self.cancelled = False
        self._process = None
        self._lock = threading.Lock()

    def started(self, process) -> None:
        """cargo's process (called by the build as it starts it); stopped at once if already cancelled."""
        with self._lock:
            self._process = process
            if self.cancelled:
                _stop_tree(process.pid)

    def open(self) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text("ready\n", encoding="utf-8")
        os.replace(tmp, self.path)

    def cancel(self) -> None:
        with self._lock:
            self.cancelled = True
            if self._process is not None and self._process.poll() is None:
                _stop_tree(self._process.pid)

    def remove(self) -> None:
        try:
            self.path.unlink()
        except OSError:
            pass


def run(folder: Path, build: Callable[[Gate, Callable], Path], prepare: Callable[[], object],
        explainer: Callable[[object], Callable]) -> tuple[object, Path | None, BaseException | None]:
    """Runs `build(gate, explain)` in a thread while `prepare()` writes the glue.

    Returns (crate, cdylib, the build's error); raises what `prepare` raised (after stopping cargo).
    `explain` waits for the parse, then maps rustc's errors with `explainer(crate)`.
    """
    gate = Gate(folder)
    prepared = threading.Event()
    box: dict = {}

    def explain(messages):
        prepared.wait()
        return explainer(box["crate"])(messages) if "crate" in box else []

    def work():
        try:
            box["artifact"] = build(gate, explain)
        except BaseException as err:  # noqa: BLE001 - handed to the caller's thread
            box["error"] = err

    thread = threading.Thread(target=work, name="ferrule-cargo", daemon=True)
    thread.start()
    try:
        try:
            box["crate"] = prepare()
        finally:
            prepared.set()
        gate.open()
    except BaseException:
        gate.cancel()
        thread.join()
        gate.remove()
        raise
    thread.join()
    gate.remove()
    return box["crate"], box.get("artifact"), box.get("error")


def compiled_fresh(seen: list[dict], manifests: set[str]) -> bool:
    """Whether cargo reported a crate with glue (by manifest path) as fresh: it did not read the new glue."""
    return any(msg.get("reason") == "compiler-artifact" and msg.get("fresh")
               and os.path.realpath(msg.get("manifest_path", "")) in manifests for msg in seen)


def _stop_tree(pid: int) -> None:
    """cargo and every process under it (rustc, the linker): killing cargo alone leaves its compilers
    writing into the build folder."""
    tree = [pid]
    for _ in range(2):  # stopped first, so none starts another process while the tree is read
        for process in tree:
            _signal(process, signal.SIGSTOP)
        tree = [pid, *_descendants(pid)]
    for process in tree:
        _signal(process, signal.SIGKILL)


def _signal(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


def _descendants(pid: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path("/proc", entry, "stat").read_text()
        except OSError:
            continue
        fields = stat.rpartition(")")[2].split()  # after the command name, which may hold spaces
        if len(fields) > 1:
            parents.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found
