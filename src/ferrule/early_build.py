"""cargo started while the generator still parses and writes the glue, on a build that compiles the crate anyway.

A project's first build (and every build after `cargo clean`, and every sdist install) waits on the
runtime's compile, which needs no glue. So when the project's crate has no cargo fingerprint yet,
ferrule starts cargo first and generates meanwhile; the runtime compiles in parallel with the parse
(0.1-0.3 s less on a clean develop here). Two things keep that exact:

- The gate. cargo gets `FERRULE_GLUE_GATE`, a file holding ferrule's process id and start time; ferrule replaces it
  with `ready` once every glue file is written, and the attributes read no glue before (see
  `ferrule-macros/src/glue_gate.rs`). If ferrule dies first, the attributes see the process gone and stop.
- The check. cargo decides what is fresh before it compiles anything, so glue written later would go
  unseen by a unit cargo already called fresh. A cold crate is never fresh; if cargo nonetheless reports
  one of the glued crates fresh (a fingerprint ferrule did not find), the build is run again the usual way.

If the generator fails (a binding mistake), cargo and the compilers it started are stopped at once.
Linux only (the gate's liveness check reads /proc), and not under a rustc wrapper from the environment;
elsewhere, and with FERRULE_NO_EARLY_BUILD=1, the glue is written before cargo starts, as always.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

GATE_VAR = "FERRULE_GLUE_GATE"
OFF_VAR = "FERRULE_NO_EARLY_BUILD"
# A wrapper may run rustc where the gate file or ferrule's process cannot be seen (sccache-dist, a sandbox).
_WRAPPERS = ("RUSTC_WRAPPER", "RUSTC_WORKSPACE_WRAPPER", "CARGO_BUILD_RUSTC_WRAPPER",
             "CARGO_BUILD_RUSTC_WORKSPACE_WRAPPER")


def applies(package: str, meta) -> bool:
    """Whether cargo is sure to compile `package`: no fingerprint of it in any folder cargo may keep them in."""
    if not sys.platform.startswith("linux") or os.environ.get(OFF_VAR):
        return False
    if any(os.environ.get(name) for name in _WRAPPERS):
        return False
    folders = [meta.target_dir]
    shared = meta.cache.build_dir(meta.interpreter_config())
    if shared is not None:
        folders.append(shared)
    elif os.environ.get("CARGO_BUILD_BUILD_DIR"):
        return False  # the user's build folder (it may be a template): do not guess where fingerprints are
    return not any(any(folder.glob(pattern)) for folder in folders
                   for pattern in (f"*/.fingerprint/{package}-*", f"*/*/.fingerprint/{package}-*"))


def _identity(pid: int) -> str | None:
    """`<pid> <start time>`: a pid alone could be reused by another process after ferrule's end."""
    try:
        fields = Path("/proc", str(pid), "stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return f"{pid} {fields[19]}" if len(fields) > 19 else None  # field 22 of stat(5): starttime


class Gate:
    """The file cargo's attributes wait on, and the cargo run to stop if the generator fails."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(folder)
        fd, name = tempfile.mkstemp(dir=folder, prefix="gate-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(f"{_identity(os.getpid()) or os.getpid()}\n")
        self.path = Path(name)
        self.cancelled = False
        self._process = None
        self._relay: threading.Thread | None = None
        self._ready = threading.Event()
        self._held: list[str] = []
        self._lock = threading.Lock()
        self.summary: list[str] = []  # cargo's closing lines and a resolver refusal (cargo.hold), shown later

    def started(self, process) -> None:
        """cargo's process (called by the build as it starts it); stopped at once if already cancelled.
        Its stderr is held until the glue is complete, then passed on, and dropped if the glue fails."""
        with self._lock:
            self._process = process
            if self.cancelled:
                _stop_tree(process.pid)
        self._relay = threading.Thread(target=self._pass_on, args=(process.stderr,), daemon=True)
        self._relay.start()

    def _pass_on(self, stream) -> None:
        for line in stream:
            with self._lock:  # the same lock as open(), so held lines come out first and in order
                if self.cancelled:
                    continue
                from .cargo import hold

                if hold(line, self.summary):
                    continue
                if not self._ready.is_set():
                    self._held.append(line)
                    continue
                sys.stderr.write(line)
                sys.stderr.flush()

    @property
    def running(self) -> bool:
        return self._process is not None

    def open(self) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text("ready\n", encoding="utf-8")
        os.replace(tmp, self.path)
        with self._lock:  # what cargo printed so far is shown now, not with its next line
            self._ready.set()
            sys.stderr.write("".join(self._held))
            sys.stderr.flush()
            self._held = []

    def finish(self) -> None:
        """Waits until cargo's stderr has been passed on (it ends with cargo)."""
        if self._relay is not None:
            self._relay.join()

    def check(self) -> None:
        """Raises CargoError once the build was cancelled (the glue could not be generated)."""
        if self.cancelled:
            from .errors import CargoError

            raise CargoError("cargo was stopped: the glue could not be generated")

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


def _remove_abandoned(folder: Path) -> None:
    """Gates of ferrules that were killed (the file names the process that wrote it)."""
    for gate in folder.glob("gate-*.txt"):
        try:
            owner = gate.read_text(encoding="utf-8").strip()
        except OSError:
            continue
        pid = owner.split()[0] if owner else ""
        if owner != "ready" and pid.isdigit() and _identity(int(pid)) != owner:
            try:
                gate.unlink()
            except OSError:
                pass


def run(folder: Path, glue_dir: Path, build: Callable[[Gate, Callable], Path], prepare: Callable[[], object],
        explainer: Callable[[object], Callable]) -> tuple[object, Path | None, BaseException | None]:
    """Runs `build(gate, explain)` in a thread while `prepare()` writes the glue below `glue_dir`.

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

    before = time.time()
    thread = threading.Thread(target=work, name="ferrule-cargo", daemon=True)
    thread.start()
    try:
        try:
            box["crate"] = prepare()
        finally:
            prepared.set()
        _backdate(glue_dir, before)
        gate.open()
        thread.join()
        gate.finish()
    except BaseException:
        gate.cancel()
        if gate.running:  # not yet started (waiting for another build's lock): it will not start now
            thread.join()
        gate.remove()
        raise
    gate.remove()
    return box["crate"], box.get("artifact"), box.get("error")


def _backdate(glue_dir: Path, before: float) -> None:
    """Glue written after cargo started gets that moment as its mtime. cargo dates a crate's build to
    when its rustc started; glue the attributes waited for would otherwise look newer than the build
    that read it, and the next build would compile the crate again for nothing."""
    for folder, _, names in os.walk(glue_dir):
        for name in names:
            path = os.path.join(folder, name)
            try:
                if os.stat(path).st_mtime > before:
                    os.utime(path, (before, before))
            except OSError:
                pass


def compiled_fresh(seen: list[dict], manifests: set[str]) -> bool:
    """Whether cargo reported a crate with glue (by manifest path) as fresh: it did not read the new glue."""
    return any(msg.get("reason") == "compiler-artifact" and msg.get("fresh")
               and os.path.realpath(msg.get("manifest_path", "")) in manifests for msg in seen)


def _stop_tree(pid: int) -> None:
    """cargo and every process under it (rustc, the linker): killing cargo alone leaves its compilers
    writing into the build folder."""
    stopped: list[int] = []
    tree = [pid]
    while True:  # stopped first, so none starts another process while the tree is read
        fresh = [process for process in tree if process not in stopped]
        if not fresh:
            break
        for process in fresh:
            _signal(process, signal.SIGSTOP)
        stopped += fresh
        tree = [pid, *_descendants(pid)]
    for process in stopped:
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
