#!/usr/bin/env python3
"""How long installing the tool takes: ferrule (core), ferrule[publish], and maturin, with pip and with uv.

    python benchmarks/install_time.py                 # writes benchmarks/results/<date>-install.{json,md}
    python benchmarks/install_time.py --rounds 3      # best of 3 per case

Each case installs into a new venv (creating the venv is not timed), first with an empty
package cache ("cold": downloads included, as for a new user), then again into another new
venv with the cache the first run filled ("warm"). ferrule is this checkout's wheel, built
first with `pip wheel --no-deps` (flit_core from the running Python). Everything else comes
from the package index pip and uv are configured for. Run it with a Python that has
flit_core and uv installed (the test venv has both).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def log(msg: str) -> None:
    print(f"[install] {msg}", file=sys.stderr, flush=True)


def run(cmd: list, env: dict | None = None) -> subprocess.CompletedProcess:
    res = subprocess.run([str(c) for c in cmd], env=env, capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(f"command failed ({res.returncode}): {' '.join(map(str, cmd))}\n{res.stdout[-3000:]}\n"
                         f"{res.stderr[-3000:]}")
    return res


def build_ferrule_wheel(out: Path) -> Path:
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", out, REPO])
    return next(out.glob("ferrule-*.whl"))


def uv_binary() -> str:
    found = shutil.which("uv") or str(Path(sys.executable).parent / "uv")
    if not Path(found).exists():
        raise SystemExit("uv is not installed: pip install uv")
    return found


def installed_count(python: Path) -> int:
    out = run([python, "-c", "import importlib.metadata as m; print(len({d.metadata['Name'].lower() "
                             "for d in m.distributions()} - {'pip', 'setuptools'}))"])
    return int(out.stdout)


def one_install(front: str, spec: str, cache: Path, scratch: Path) -> tuple[float, int]:
    venv = Path(tempfile.mkdtemp(dir=scratch, prefix="venv-"))
    run([sys.executable, "-m", "venv", venv])
    python = venv / "bin" / "python"
    env = dict(os.environ, PIP_CACHE_DIR=str(cache), UV_CACHE_DIR=str(cache / "uv"), PIP_FIND_LINKS="",
               PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("VIRTUAL_ENV", None)
    if front == "pip":
        cmd = [python, "-m", "pip", "install", "--quiet", spec]
    else:
        cmd = [uv_binary(), "pip", "install", "--quiet", "--python", python, spec]
    start = time.perf_counter()
    run(cmd, env)
    elapsed = time.perf_counter() - start
    count = installed_count(python)
    shutil.rmtree(venv)
    return elapsed, count


def measure(rounds: int = 1) -> list[dict]:
    """Every case with pip and with uv: packages installed, best cold and warm seconds."""
    scratch = Path(tempfile.mkdtemp(prefix="ferrule-install-bench-"))
    results = []
    try:
        wheel = build_ferrule_wheel(scratch / "wheel")
        log(f"built {wheel.name}")
        cases = [("ferrule", str(wheel)), ("ferrule[publish]", f"{wheel}[publish]"), ("maturin", "maturin")]
        for label, spec in cases:
            for front in ("pip", "uv"):
                best: dict[str, float] = {}
                count = 0
                for _ in range(rounds):
                    cache = Path(tempfile.mkdtemp(dir=scratch, prefix="cache-"))
                    cold, count = one_install(front, spec, cache, scratch)
                    warm, _ = one_install(front, spec, cache, scratch)
                    shutil.rmtree(cache)
                    best["cold_s"] = min(best.get("cold_s", cold), cold)
                    best["warm_s"] = min(best.get("warm_s", warm), warm)
                log(f"{label} with {front}: {count} packages, cold {best['cold_s']:.1f} s, warm {best['warm_s']:.1f} s")
                results.append({"case": label, "frontend": front, "packages": count, **best})
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return results


def render(results: list[dict]) -> list[str]:
    lines = ["Installing the tool (new venv each time; cold = empty package cache, warm = cache filled; "
             "ferrule[publish] is what the core install was before twine became an extra)", "",
             "| what | front-end | packages | cold s | warm s |", "|---|---|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['case']} | {r['frontend']} | {r['packages']} | {r['cold_s']:.1f} | {r['warm_s']:.1f} |")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=1, help="runs per case; the best is kept (default 1)")
    ap.add_argument("--out", type=Path, help="JSON result file (default benchmarks/results/<date>-install.json)")
    args = ap.parse_args()
    results = measure(args.rounds)
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d-%H%M")
    out = args.out or HERE / "results" / f"{stamp}-install.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {"date": stamp, "python": platform.python_version(), "machine": platform.machine(),
            "rounds": args.rounds, "load_avg": os.getloadavg()[0]}
    out.write_text(json.dumps({"meta": meta, "install": results}, indent=2) + "\n")
    lines = render(results)
    out.with_suffix(".md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
