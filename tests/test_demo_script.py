"""scripts/demo.sh, the README's quick start as one command: it must work on this
machine, say where it works, remove what it made, and end with one verdict line."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run_demo(tmp_path: Path, **extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "CARGO_TARGET_DIR", "FERRULE_DEMO_DIR")}
    env.update({"TMPDIR": str(tmp_path), "PYTHON": sys.executable, **extra})
    return subprocess.run(["bash", str(REPO / "scripts" / "demo.sh")], capture_output=True, text=True, env=env,
                          timeout=900)


def test_demo_builds_calls_and_cleans_up(tmp_path):
    out = run_demo(tmp_path)
    lines = out.stdout.strip().splitlines()
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    work = next(line.split("working in ", 1)[1] for line in lines if "working in " in line)
    assert Path(work).parent == tmp_path
    assert "demo: from demo import add; add(1, 2) -> 3" in lines
    assert lines[-2] == f"demo: removed {work}"
    assert lines[-1].startswith("demo: OK")
    assert not Path(work).exists()
    assert list(tmp_path.iterdir()) == []


def test_demo_dir_is_kept_when_asked(tmp_path):
    # A broken interpreter makes the demo fail at once; the folder asked for stays, and the verdict says FAILED.
    keep = tmp_path / "kept"
    out = run_demo(tmp_path, FERRULE_DEMO_DIR=str(keep), PYTHON=str(tmp_path / "no-such-python"))
    lines = out.stdout.strip().splitlines()
    assert out.returncode != 0
    assert lines[-2] == f"demo: left everything in {keep} (FERRULE_DEMO_DIR)"
    assert lines[-1] == "demo: FAILED (see the error above)"
    assert keep.is_dir()
