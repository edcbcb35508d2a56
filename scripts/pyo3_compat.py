"""Ports PyO3's own test crates to ferrule and counts passing tests on both builds.

Usage: python scripts/pyo3_compat.py PYO3_CHECKOUT [--out DIR] [--only NAME ...] [--skip-pyo3]
       [--features F1,F2] [--release]

For each crate (PyO3's `pytests` and the maturin examples) it makes two copies:
- ferrule: the `pyo3` dependency line becomes `pyo3 = { package = "ferrule-runtime", version = "0.1",
  registry = "ferrule", <features kept> }` and the crate is built with `ferrule develop`;
- pyo3: the line becomes `pyo3 = { version = "=<checkout version>", <features kept> }` (crates.io)
  and the crate is built with `maturin develop`.
Everything else stays as PyO3 wrote it, except what only works inside PyO3's workspace: a
`pyo3-build-config` path dependency becomes the same version from crates.io, and `[lints]
workspace = true` is dropped. Each side's tests run with pytest in its own venv; the table
printed at the end has the pass counts side by side. Needs network access to PyPI and crates.io.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parent.parent
CRATES = ("pytests", "examples/decorator", "examples/getitem", "examples/maturin-starter",
          "examples/word-count", "examples/setuptools-rust-starter", "examples/plugin/plugin_api")
TEST_DEPS = ("pytest", "pytest-asyncio", "pytest-benchmark", "hypothesis", "typing_extensions")
# What pytests' noxfile installs besides its `dev` extra, as binary wheels only (best effort):
# without them its numpy and gevent tests are skipped.
BINARY_DEPS = {"pytests": ("numpy>=1.16", "zope.interface<7", "gevent>=22.10.2")}
DEP_LINE = re.compile(r"^(pyo3\s*=\s*)\{[^}\n]*\}\s*$|^(pyo3\.path\s*=.*)$", re.M)
FEATURES = re.compile(r"features\s*=\s*(\[[^\]]*\])")
BUILD_CONFIG_LINE = re.compile(r"^pyo3-build-config\s*=.*$", re.M)


@dataclass
class Outcome:
    built: bool
    passed: int = 0
    failed: int = 0
    log: str = ""


def run(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)


def pyo3_version(checkout: Path) -> str:
    text = (checkout / "Cargo.toml").read_text()
    return re.search(r'^version\s*=\s*"([^"]+)"', text, re.M).group(1)


def port_manifest(text: str, side: str, version: str) -> str:
    """The one-line port (ferrule) or the crates.io PyO3 line (pyo3); features kept."""
    def replace(match: re.Match) -> str:
        features = FEATURES.search(match.group(0))
        extra = f", features = {features.group(1)}" if features else ""
        if side == "ferrule":
            return f'pyo3 = {{ package = "ferrule-runtime", version = "0.1", registry = "ferrule"{extra} }}'
        return f'pyo3 = {{ version = "={version}"{extra} }}'
    text, count = DEP_LINE.subn(replace, text)
    if count != 1:
        raise SystemExit(f"expected one pyo3 dependency line, found {count}")
    text = BUILD_CONFIG_LINE.sub(f'pyo3-build-config = "={version}"', text)
    text = re.sub(r"^\[lints\]\s*\nworkspace\s*=\s*true\s*$", "", text, flags=re.M)
    if "[workspace]" not in text:
        text += "\n[workspace]\n"
    return text


def venv(path: Path, packages: list[str]) -> Path:
    python = path / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *packages], check=True)
    return python


def extras(crate: Path) -> list[str]:
    """The crate's own test requirements, as its pyproject names them (`dev` extra)."""
    pyproject = crate / "pyproject.toml"
    if not pyproject.exists():
        return []
    import tomllib
    data = tomllib.loads(pyproject.read_text())
    deps = ((data.get("project") or {}).get("optional-dependencies") or {}).get("dev") or []
    keep = []
    for dep in deps:
        req = Requirement(dep)
        if req.name.lower() in {"mypy", "pyrefly"}:
            continue
        if req.marker is None or req.marker.evaluate():
            keep.append(str(req).split(";")[0])
    return keep


def pytest_counts(python: Path, crate: Path, report: Path) -> tuple[int, int, str]:
    tests = crate / "tests"
    if not tests.is_dir():
        return 0, 0, "no tests folder"
    out = run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}", str(tests)],
              cwd=crate)
    if not report.exists():
        return 0, 0, out.stdout[-3000:] + out.stderr[-3000:]
    suite = ET.parse(report).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    total, errors = int(suite.get("tests", 0)), int(suite.get("errors", 0))
    failures, skipped = int(suite.get("failures", 0)), int(suite.get("skipped", 0))
    return total - errors - failures - skipped, errors + failures, out.stdout[-6000:]


def build(side: str, python: Path, crate: Path, options: list[str]) -> subprocess.CompletedProcess:
    env = dict(os.environ, VIRTUAL_ENV=str(python.parent.parent))
    env["PATH"] = f"{python.parent}{os.pathsep}{env['PATH']}"
    if side == "ferrule":
        return run([str(python), "-m", "ferrule", "develop", "-m", str(crate / "Cargo.toml"), "-i", str(python),
                    *options], cwd=crate, env=env)
    return run([str(python), "-m", "maturin", "develop", "-m", str(crate / "Cargo.toml"), *options],
               cwd=crate, env=env)


def one(side: str, python: Path, checkout: Path, rel: str, out: Path, version: str,
        options: list[str]) -> Outcome:
    crate = out / side / rel.replace("/", "_")
    if crate.exists():
        shutil.rmtree(crate)
    shutil.copytree(checkout / rel, crate, ignore=shutil.ignore_patterns("target", "*.so"))
    manifest = crate / "Cargo.toml"
    manifest.write_text(port_manifest(manifest.read_text(), side, version))
    extra = extras(crate)
    if extra:
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *extra],
                       check=False)
    for dep in BINARY_DEPS.get(rel, ()):
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                        "--only-binary=:all:", dep], check=False)
    built = build(side, python, crate, options)
    if built.returncode != 0:
        return Outcome(False, log=(built.stdout + built.stderr)[-8000:])
    passed, failed, log = pytest_counts(python, crate, out / f"{side}-{rel.replace('/', '_')}.xml")
    return Outcome(True, passed, failed, log)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", type=Path, help="a PyO3 checkout (a release tag, e.g. v0.29.2)")
    parser.add_argument("--out", type=Path, default=Path("target/pyo3-compat"))
    parser.add_argument("--only", nargs="*", default=None, help="crates to run, e.g. pytests examples/getitem")
    parser.add_argument("--skip-pyo3", action="store_true", help="build only the ferrule side")
    parser.add_argument("--features", "-F", default="",
                        help="cargo features for both builds, e.g. experimental-async,experimental-inspect "
                             "(as PyO3's test-introspection nox session builds pytests)")
    parser.add_argument("--release", action="store_true", help="release builds on both sides")
    args = parser.parse_args()
    checkout, out = args.checkout.resolve(), args.out.resolve()
    version = pyo3_version(checkout)
    options = (["--features", args.features] if args.features else []) + (["--release"] if args.release else [])
    out.mkdir(parents=True, exist_ok=True)
    sides = ("ferrule",) if args.skip_pyo3 else ("ferrule", "pyo3")
    pythons = {
        "ferrule": venv(out / "venv-ferrule", [str(REPO), *TEST_DEPS]),
    }
    if "pyo3" in sides:
        pythons["pyo3"] = venv(out / "venv-pyo3", ["maturin>=1.9,<2", *TEST_DEPS])
    results: dict[str, dict[str, Outcome]] = {}
    for rel in args.only or CRATES:
        results[rel] = {side: one(side, pythons[side], checkout, rel, out, version, options)
                        for side in sides}
        for side, outcome in results[rel].items():
            (out / f"{side}-{rel.replace('/', '_')}.log").write_text(outcome.log)
    label = f"features {args.features}" if args.features else "default features"
    print(f"\nPyO3 {version} test crates, one-line port, {label} (logs in {out})\n")
    print(f"{'crate':40} {'ferrule':>16} {'pyo3':>16}")
    totals = {side: 0 for side in sides}
    for rel, by_side in results.items():
        cells = []
        for side in ("ferrule", "pyo3"):
            o = by_side.get(side)
            cells.append("-" if o is None else (f"{o.passed} passed" + (f", {o.failed} failed" if o.failed else ""))
                         if o.built else "build failed")
            if o is not None:
                totals[side] += o.passed
        print(f"{rel:40} {cells[0]:>16} {cells[1]:>16}")
    print(f"{'total passed':40} {totals.get('ferrule', 0):>16} {totals.get('pyo3', '-'):>16}")
    (out / "summary.json").write_text(json.dumps(
        {rel: {s: o.__dict__ for s, o in by.items()} for rel, by in results.items()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
