"""`[project] dynamic` fields taken from Cargo.toml's [package], as maturin takes them (ahocorasick_rs lists
`license` and core metadata's `home_page`/`project_url`)."""

from __future__ import annotations

from email.parser import BytesParser
from pathlib import Path

import pytest

from ferrule.archive.metadata import load_metadata
from ferrule.project import load_project

CARGO = """[package]
name = "finder"
version = "0.4.1"
edition = "2021"
authors = ["Ada Lovelace <ada@example.org>", "Engine Team"]
description = "Finds needles"
license = "{license}"
homepage = "https://example.org/finder"
repository = "https://example.org/finder.git"
keywords = ["search", "text"]

[lib]
crate-type = ["cdylib"]

[dependencies]
ferrule-runtime = {{ version = "0.1", registry = "ferrule" }}
"""


def _metadata(tmp_path: Path, dynamic: str, license: str = "MIT OR Apache-2.0", extra: str = ""):
    (tmp_path / "src").mkdir(exist_ok=True)
    (tmp_path / "src" / "lib.rs").write_text("")
    (tmp_path / "Cargo.toml").write_text(CARGO.format(license=license))
    (tmp_path / "pyproject.toml").write_text(f'[project]\nname = "finder"\n{extra}dynamic = {dynamic}\n')
    meta = load_metadata(load_project(tmp_path / "Cargo.toml"))
    return BytesParser().parsebytes(meta.metadata), meta


def test_dynamic_fields_come_from_cargo_toml(tmp_path: Path) -> None:
    fields, _ = _metadata(tmp_path, '["version", "description", "license", "authors", "keywords", "urls"]')
    assert (fields["Version"], fields["Summary"], fields["License-Expression"]) == \
        ("0.4.1", "Finds needles", "MIT OR Apache-2.0")
    assert "Ada Lovelace <ada@example.org>" in fields["Author-email"] and fields["Author"] == "Engine Team"
    assert fields["Keywords"] == "search,text"
    assert sorted(fields.get_all("Project-URL")) == ["Homepage, https://example.org/finder",
                                                      "Repository, https://example.org/finder.git"]
    assert fields.get_all("Dynamic") is None  # all filled in: the wheel's metadata is static


@pytest.mark.parametrize("extra", ["", 'classifiers = ["License :: OSI Approved :: Apache Software License"]\n'])
def test_a_license_that_is_no_spdx_expression_is_license_text(tmp_path: Path, extra: str) -> None:
    fields, _ = _metadata(tmp_path, '["version", "license"]', license="Apache 2.0", extra=extra)
    assert fields["License"] == "Apache 2.0" and fields["License-Expression"] is None


def test_a_name_that_is_no_project_field_is_ignored_with_a_warning_at_it(tmp_path: Path) -> None:
    fields, meta = _metadata(tmp_path, '["version", "home_page"]')
    assert fields["Version"] == "0.4.1"
    line = (tmp_path / "pyproject.toml").read_text().splitlines()
    col = line[2].index('"home_page"') + 1
    assert meta.warnings == (f"{tmp_path / 'pyproject.toml'}:3:{col}: `home_page` in [project] `dynamic` is not a "
                             "[project] field; ignored",)


def test_a_dynamic_readme_from_setuptools_or_cargo(tmp_path: Path) -> None:
    (tmp_path / "GUIDE.rst").write_text("Finder\n======\n\nFinds needles.\n")
    (tmp_path / "CRATE.md").write_text("# finder crate\n")
    extra = '[tool.setuptools.dynamic]\nreadme = {file = "GUIDE.rst", content-type = "text/x-rst"}\n'
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "lib.rs").write_text("")
    (tmp_path / "Cargo.toml").write_text(CARGO.format(license="MIT").replace('keywords', 'readme = "CRATE.md"\nkeywords'))
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "finder"\ndynamic = ["version", "readme"]\n\n' + extra)
    meta = load_metadata(load_project(tmp_path / "Cargo.toml"))
    fields = BytesParser().parsebytes(meta.metadata)
    assert fields["Description-Content-Type"] == "text/x-rst" and "Finds needles." in fields.get_payload()
    # built by maturin, setuptools' table is a leftover maturin does not read (safetensors): Cargo.toml's
    (tmp_path / "pyproject.toml").write_text('[build-system]\nrequires = ["maturin>=1"]\nbuild-backend = "maturin"\n\n'
                                             '[project]\nname = "finder"\ndynamic = ["version", "readme"]\n\n'
                                             + extra.replace("GUIDE.rst", "MISSING.rst"))
    fields = BytesParser().parsebytes(load_metadata(load_project(tmp_path / "Cargo.toml")).metadata)
    assert fields["Description-Content-Type"] == "text/markdown" and "# finder crate" in fields.get_payload()
    # without setuptools' table, Cargo.toml's `readme` (maturin's rule)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "finder"\ndynamic = ["version", "readme"]\n')
    fields = BytesParser().parsebytes(load_metadata(load_project(tmp_path / "Cargo.toml")).metadata)
    assert fields["Description-Content-Type"] == "text/markdown" and "# finder crate" in fields.get_payload()


def test_license_classifiers_beside_an_spdx_license_are_kept_with_a_warning(tmp_path: Path) -> None:
    """sqloxide writes `license = "MIT"` and a `License ::` classifier: pyproject-metadata refuses that pair
    (PEP 639 allows it to), maturin keeps both, and so does ferrule, warning at `license`. (A dynamic
    license beside such classifiers is license text, above.)"""
    extra = ('license = "MIT"\nclassifiers = ["Programming Language :: Rust", "License :: OSI Approved :: MIT License",\n'
             '  "Topic :: Database"]\n')
    fields, meta = _metadata(tmp_path, '["version"]', license="MIT", extra=extra)
    assert fields["License-Expression"] == "MIT"
    assert fields.get_all("Classifier") == ["Programming Language :: Rust", "License :: OSI Approved :: MIT License",
                                            "Topic :: Database"]
    warning, = [w for w in meta.warnings if "License ::" in w]
    assert warning.startswith(f"{tmp_path / 'pyproject.toml'}:3:1: `license` is an SPDX expression")
    assert "kept, as maturin does" in warning
