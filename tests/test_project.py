"""Cargo.toml + pyproject.toml → Project."""

from __future__ import annotations

from pathlib import Path

import pytest

from ferrule.errors import ConfigError
from ferrule.project import load_project

CARGO = """[package]
name = "my-crate"
version = "1.2.3"
edition = "2021"

[lib]
{lib}
crate-type = ["cdylib", "rlib"]

[dependencies]
{dep}
"""


def make(tmp_path: Path, *, lib: str = "", dep: str = 'ferrule-runtime = { version = "0.1", registry = "ferrule" }', pyproject: str = "[project]\nname = \"dist\"\n"):
    (tmp_path / "src").mkdir(parents=True, exist_ok=True)
    (tmp_path / "src/lib.rs").write_text("")
    (tmp_path / "Cargo.toml").write_text(CARGO.format(lib=lib, dep=dep))
    (tmp_path / "pyproject.toml").write_text(pyproject)
    return tmp_path / "Cargo.toml"


def test_defaults_come_from_cargo(tmp_path: Path) -> None:
    project = load_project(make(tmp_path))
    assert (project.package, project.lib_name, project.module_name) == ("my-crate", "my_crate", "my_crate")
    assert (project.version, project.dist_name, project.runtime_crate) == ("1.2.3", "dist", "ferrule")
    assert project.lib_path == tmp_path / "src/lib.rs"


def test_renamed_runtime_and_lib_name(tmp_path: Path) -> None:
    project = load_project(make(tmp_path, lib='name = "fast"', dep='pyo3 = { package = "ferrule-runtime", version = "0.1", registry = "ferrule" }'))
    assert (project.lib_name, project.runtime_crate) == ("fast", "pyo3")


def test_a_cargo_toml_in_toml_1_1_is_read(tmp_path: Path) -> None:
    """cargo 1.94+ reads manifests as TOML 1.1: pyrage writes its PyO3 line as an inline table over several
    lines with a trailing comma, which TOML 1.0 (the standard tomllib before 3.15) refuses."""
    from ferrule.toml_compat import tomllib

    if tomllib.__name__ != "tomli":
        pytest.skip("tomli 2.4+ (ferrule's dependency) is not installed here")
    dep = ('pyo3 = {\n  package = "ferrule-runtime",\n  version = "0.1",\n  registry = "ferrule",\n'
           '  features = [\n    "abi3-py310",\n  ],\n}')
    project = load_project(make(tmp_path, lib='name = "pyrage"', dep=dep))
    assert (project.lib_name, project.runtime_crate) == ("pyrage", "pyo3")


def test_tool_ferrule_settings(tmp_path: Path) -> None:
    pyproject = '[project]\nname = "d"\nversion = "9.0"\n[tool.ferrule]\nmodule-name = "pkg.my_crate"\n' \
                'features = ["x"]\nabi3 = "3.9"\n'
    project = load_project(make(tmp_path, pyproject=pyproject))
    assert (project.module_name, project.features, project.abi3, project.version) == (
        "pkg.my_crate", ("x",), "3.9", "9.0")


def test_module_name_may_differ_from_the_lib_name(tmp_path: Path) -> None:
    # As maturin: the library is installed under the module's name (the #[pymodule] is checked against it).
    project = load_project(make(tmp_path, pyproject='[tool.ferrule]\nmodule-name = "pkg._native"\n'))
    assert (project.module_name, project.lib_name) == ("pkg._native", "my_crate")


def test_missing_crate_root_file(tmp_path: Path) -> None:
    manifest = make(tmp_path, lib='path = "src/nope.rs"')
    with pytest.raises(ConfigError, match="nope.rs does not exist") as raised:
        load_project(manifest)
    line = manifest.read_text().splitlines().index('path = "src/nope.rs"') + 1
    assert (raised.value.path, raised.value.line, raised.value.col) == (manifest, line, 1)
    assert "name the crate's root file" in raised.value.hint


def test_invalid_toml_reports_line_and_column(tmp_path: Path) -> None:
    manifest = make(tmp_path, pyproject='[project]\nname = "d"\nversion = = 1\n')
    with pytest.raises(ConfigError) as info:
        load_project(manifest)
    assert (info.value.line, info.value.col) == (3, 11)
    assert info.value.message.startswith("invalid TOML: ") and "line 3" not in info.value.message
    assert info.value.hint.endswith("in pyproject.toml; nothing was built or installed")


def test_an_unclosed_string_says_to_close_it(tmp_path: Path) -> None:
    manifest = make(tmp_path, pyproject='[project]\nname = "d\nversion = "1"\n')
    with pytest.raises(ConfigError) as info:
        load_project(manifest)
    assert info.value.line == 2
    assert "must close on the line it opens" in info.value.hint


# --- [tool.maturin], as maturin projects write it ---------------------------------------------

def maturin(tmp_path: Path, body: str, **kwargs) -> Path:
    return make(tmp_path, pyproject='[build-system]\nrequires = ["maturin>=1,<2"]\nbuild-backend = "maturin"\n\n'
                                     '[project]\nname = "dist"\nversion = "1.0"\n\n[tool.maturin]\n' + body, **kwargs)


def test_tool_maturin_is_read_when_tool_ferrule_is_absent(tmp_path: Path) -> None:
    (tmp_path / "python/pkg").mkdir(parents=True)
    (tmp_path / "python/pkg/__init__.py").write_text("")
    project = load_project(maturin(tmp_path, 'features = ["fast", "pyo3/extension-module"]\nprofile = "release"\n'
                                             'python-source = "python"\nmodule-name = "pkg._native"\n'
                                             'locked = true\nstrip = true\nbindings = "pyo3"\n'
                                             'compatibility = "manylinux2014"\nexclude = ["**/*.pyc"]\n'))
    assert project.tool_table == "tool.maturin"
    assert project.features == ("fast", "pyo3/extension-module")
    assert project.module_name == "pkg._native"
    assert project.python_source == (tmp_path / "python").resolve()
    assert (project.cargo.profile, project.cargo.locked, project.cargo.strip) == ("release", True, True)
    assert project.exclude == ("**/*.pyc",)


def test_tool_ferrule_wins_over_tool_maturin(tmp_path: Path) -> None:
    manifest = make(tmp_path, pyproject='[project]\nname = "d"\n[tool.ferrule]\nfeatures = ["a"]\n'
                                        '[tool.maturin]\nfeatures = ["b"]\n')
    assert load_project(manifest).features == ("a",)


def test_features_as_a_string_is_refused_at_the_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_project(maturin(tmp_path, 'strip = true\nfeatures = "fast"\n'))
    err = info.value
    assert "`features` must be a list, not a string" in err.message
    assert (err.path.name, err.line, err.col) == ("pyproject.toml", 11, 1)
    assert err.hint == 'write `features = ["fast"]`'


def test_conditional_features_follow_the_python_version(tmp_path: Path) -> None:
    project = load_project(maturin(tmp_path, 'features = ["always", { feature = "new", python-version = ">=3.11" },'
                                             ' { feature = "old", python-version = "<3.11" }]\n'))
    assert project.cargo.feature_names((3, 12)) == ["always", "new"]
    assert project.cargo.feature_names((3, 9)) == ["always", "old"]


def test_unknown_key_gets_a_suggestion_and_its_position(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_project(maturin(tmp_path, '  python-sorce = "python"\n'))
    assert info.value.message == "unknown key `python-sorce` in [tool.maturin]"
    assert info.value.hint == "did you mean `python-source`?"
    assert (info.value.line, info.value.col) == (10, 3)


@pytest.mark.parametrize("body, key, reason", [
    ('data = "dist.data"\n', "data", ".data"),
    ('cargo-extra-args = "--features x"\n', "cargo-extra-args", "removed in maturin 1.0"),
    ('bindings = "cffi"\n', "bindings", "PyO3-style bindings only"),
    ('compatibility = "musllinux_1_2"\n', "compatibility", "musl target"),
    ('manylinux = "manylinux_2_x"\n', "manylinux", "not a platform tag"),
])
def test_unsupported_keys_are_refused_by_name_with_the_reason(tmp_path: Path, body: str, key: str,
                                                               reason: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_project(maturin(tmp_path, body))
    assert key in info.value.message and "not supported by ferrule" in info.value.message
    assert reason in (info.value.hint or "")
    assert (info.value.line, info.value.col) == (10, 1)


def test_bad_types_name_the_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="`locked` must be true or false, not a string"):
        load_project(maturin(tmp_path, 'locked = "yes"\n'))
    with pytest.raises(ConfigError, match="`rustc-args` must be a list of strings"):
        load_project(maturin(tmp_path, 'rustc-args = "-Ctarget-cpu=native"\n'))


def test_manifest_path_in_a_subfolder(tmp_path: Path) -> None:
    from ferrule.project import find_manifest

    make(tmp_path / "rust")
    (tmp_path / "rust/pyproject.toml").unlink()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "d"\nversion = "1"\n'
                                             '[tool.maturin]\nmanifest-path = "rust/Cargo.toml"\n')
    found = find_manifest(None, cwd=tmp_path)
    assert found == (tmp_path / "rust/Cargo.toml").resolve()
    project = load_project(found)
    assert project.root == tmp_path and project.crate_root == found.parent
    assert project.pyproject == tmp_path / "pyproject.toml"
    # -m pointing at the crate still finds the pyproject.toml above it
    assert load_project(tmp_path / "rust/Cargo.toml").pyproject == tmp_path / "pyproject.toml"


def test_manifest_path_that_names_nothing(tmp_path: Path) -> None:
    from ferrule.project import find_manifest

    (tmp_path / "pyproject.toml").write_text('[project]\nname = "d"\n[tool.maturin]\nmanifest-path = "rust/Cargo.toml"\n')
    with pytest.raises(ConfigError) as info:
        find_manifest(None, cwd=tmp_path)
    assert "manifest-path `rust/Cargo.toml` names no Cargo.toml" in info.value.message
    assert (info.value.line, info.value.col) == (4, 1)


def test_python_first_layout_finds_rust_cargo_toml(tmp_path: Path) -> None:
    from ferrule.project import find_manifest

    make(tmp_path / "rust")
    (tmp_path / "rust/pyproject.toml").rename(tmp_path / "pyproject.toml")
    assert find_manifest(None, cwd=tmp_path) == tmp_path / "rust/Cargo.toml"


def test_profile_and_cargo_flags_reach_cargo(tmp_path: Path) -> None:
    from ferrule.build_options import pick_profile

    project = load_project(maturin(tmp_path, 'profile = "fast"\nno-default-features = true\nlocked = true\n'
                                             'config = ["net.offline=true"]\nunstable-flags = ["build-std"]\n'))
    options = project.cargo.with_command_line(features=("x",), jobs=2, offline=True)
    profile = pick_profile(None, False, options.profile, "dev")
    args = options.build_args(profile, (3, 11))
    assert profile == "fast" and args[args.index("--profile") + 1] == "fast"
    for flag in ("--no-default-features", "--locked", "--offline", "-Z"):
        assert flag in args
    assert args[args.index("--features") + 1] == "x" and args[args.index("-j") + 1] == "2"
    assert args[args.index("--config") + 1] == "net.offline=true"
    # the command line wins over pyproject's profile; --release means release
    assert pick_profile("dev", False, "fast", "dev") == "dev" and pick_profile(None, True, "fast", "dev") == "release"


def test_git_sdist_generator_is_refused_only_for_sdists(tmp_path: Path) -> None:
    from ferrule.build import sdist

    project = load_project(maturin(tmp_path, 'sdist-generator = "git"\n'))
    with pytest.raises(ConfigError) as info:
        sdist(project, tmp_path / "dist")
    assert "sdist-generator = \"git\" is not supported" in info.value.message
    assert (info.value.line, info.value.col) == (10, 1) and "git ls-files" in info.value.hint


def test_backend_profiles_follow_maturins_rules(tmp_path: Path) -> None:
    from ferrule.backend import _profile

    project = load_project(maturin(tmp_path, 'profile = "fast"\neditable-profile = "dev"\n'))
    assert _profile(None, project, editable=False) == "fast"
    assert _profile(None, project, editable=True) == "dev"
    assert _profile({"profile": "debug"}, project, editable=False) == "dev"
    plain = load_project(make(tmp_path / "plain"))
    assert _profile(None, plain, editable=True) == "release"


def test_python_first_src_layout_is_found_without_python_source(tmp_path: Path) -> None:
    make(tmp_path / "rust")
    (tmp_path / "rust/pyproject.toml").rename(tmp_path / "pyproject.toml")
    (tmp_path / "src/my_crate").mkdir(parents=True)
    (tmp_path / "src/my_crate/__init__.py").write_text("")
    assert load_project(tmp_path / "rust/Cargo.toml").python_source == tmp_path / "src"


def test_module_named_apart_from_the_lib_is_placed_by_its_python_name(tmp_path: Path) -> None:
    # [lib] name = "pkg_native", module-name = "pkg._native": maturin's layout, pkg/_native<EXT_SUFFIX>.
    from ferrule.archive.contents import extension_files

    pyproject = '[project]\nname = "pkg"\nversion = "1.0"\n[tool.maturin]\nmodule-name = "pkg._native"\n'
    manifest = make(tmp_path, lib='name = "pkg_native"', pyproject=pyproject)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg/__init__.py").write_text("from ._native import *\n")
    project = load_project(manifest)
    assert (project.lib_name, project.module_name) == ("pkg_native", "pkg._native")
    library = tmp_path / "libpkg_native.so"
    library.write_bytes(b"\x7fELF")
    paths = [e.path for e in extension_files(project, ".cpython-311-x86_64-linux-gnu.so", library,
                                             {"__init__.pyi": ""})]
    assert "pkg/_native.cpython-311-x86_64-linux-gnu.so" in paths and "pkg/_native.pyi" in paths
    assert not any("pkg_native" in p for p in paths)


# --- Cargo.toml mistakes point at their line ---------------------------------------------------

def test_a_crate_still_on_pyo3_is_told_the_line_to_change(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_project(make(tmp_path, dep='serde = "1"\npyo3 = { version = "0.22", features = ["extension-module"] }'))
    err = info.value
    assert err.message == "the crate does not depend on ferrule's runtime: `pyo3` is PyO3 itself"
    assert (err.path.name, err.line, err.col) == ("Cargo.toml", 12, 1)
    assert err.hint.startswith('write `pyo3 = { package = "ferrule-runtime", version = "0.1", registry = "ferrule", '
                               'features = ["extension-module"] }` under [dependencies]')
    # the plain string form and the `[dependencies.pyo3]` table form
    with pytest.raises(ConfigError) as info:
        load_project(make(tmp_path, dep='pyo3 = "0.22"'))
    assert (info.value.line, info.value.col) == (11, 1)
    assert 'write `pyo3 = { package = "ferrule-runtime", version = "0.1", registry = "ferrule" }`' in info.value.hint
    with pytest.raises(ConfigError) as info:
        load_project(make(tmp_path, dep='serde = "1"\n\n[dependencies.pyo3]\nversion = "0.22"\n'))
    assert (info.value.line, info.value.col) == (13, 1) and "PyO3 itself" in info.value.message


def test_no_runtime_dependency_points_at_the_dependencies_table_or_the_top(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_project(make(tmp_path, dep='serde = "1"'))
    assert info.value.message == "the crate does not depend on ferrule's runtime"
    assert (info.value.line, info.value.col) == (10, 1) and 'ferrule-runtime = { version = "0.1", registry = "ferrule" }' in info.value.hint
    (tmp_path / "Cargo.toml").write_text('[package]\nname = "x"\nversion = "1.0.0"\n\n[lib]\ncrate-type = ["cdylib"]\n')
    with pytest.raises(ConfigError) as info:
        load_project(tmp_path / "Cargo.toml")
    assert (info.value.line, info.value.col) == (1, 1)


def test_a_crate_without_a_cdylib_is_told_where_and_what_to_write(tmp_path: Path) -> None:
    manifest = make(tmp_path)
    text = manifest.read_text()
    manifest.write_text(text.replace('crate-type = ["cdylib", "rlib"]', '  crate-type = ["rlib"]'))
    with pytest.raises(ConfigError) as info:
        load_project(manifest)
    assert info.value.message == "the crate does not build a `cdylib`, which a Python extension module is"
    assert (info.value.line, info.value.col) == (8, 3)
    assert info.value.hint == 'write `crate-type = ["cdylib", "rlib"]`'
    manifest.write_text(text.replace('crate-type = ["cdylib", "rlib"]\n', ""))  # [lib] without the key
    with pytest.raises(ConfigError) as info:
        load_project(manifest)
    assert (info.value.line, info.value.col) == (6, 1) and "to [lib]" in info.value.hint
    manifest.write_text(text.replace('[lib]\n\ncrate-type = ["cdylib", "rlib"]\n', ""))  # no [lib] at all
    with pytest.raises(ConfigError) as info:
        load_project(manifest)
    assert (info.value.line, info.value.col) == (1, 1)
    assert info.value.hint.startswith('add `[lib]` with `crate-type = ["cdylib"]`')


# --- pyproject.toml values ----------------------------------------------------------------------

def test_a_feature_entry_of_the_wrong_kind_names_the_table_form(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_project(maturin(tmp_path, "features = [1]\n"))
    assert info.value.message == ("[tool.maturin] `features` entry 1 is neither a feature name nor a "
                                  "`{ feature, python-version }` table")
    assert (info.value.line, info.value.col) == (10, 1)


def test_an_include_format_that_is_not_maturins_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_project(maturin(tmp_path, 'include = [{ path = "x", format = "zip" }]\n'))
    assert info.value.message == ("[tool.maturin] `include` format `zip` is not recognised: the formats are "
                                  "`sdist` and `wheel`")
    assert (info.value.line, info.value.col) == (10, 1)
    with pytest.raises(ConfigError, match="`exclude` format `tar` is not recognised"):
        load_project(maturin(tmp_path, 'exclude = [{ path = "x", format = ["sdist", "tar"] }]\n'))
    # the known formats still work
    project = load_project(maturin(tmp_path, 'include = [{ path = "x", format = ["sdist", "wheel"] }]\n'))
    assert project.include == ("x",)


def test_target_tables_of_other_triples_stay_unused_and_the_hosts_is_refused(tmp_path: Path) -> None:
    from ferrule.tool_config import host_triple

    other = "aarch64-apple-darwin" if not host_triple().endswith("darwin") else "x86_64-unknown-linux-gnu"
    body = f'strip = true\n\n[tool.maturin.target.{other}]\nmacos-deployment-target = "11.0"\n'
    assert load_project(maturin(tmp_path, body)).cargo.strip
    body = f'\n[tool.maturin.target.{host_triple()}]\nmacos-deployment-target = "11.0"\n'
    with pytest.raises(ConfigError) as info:
        load_project(maturin(tmp_path, body))
    assert info.value.message == (f"[tool.maturin.target.{host_triple()}] `macos-deployment-target` is not "
                                  "supported by ferrule")
    assert (info.value.line, info.value.col) == (12, 1) and "MACOSX_DEPLOYMENT_TARGET" in info.value.hint
    with pytest.raises(ConfigError) as info:
        load_project(maturin(tmp_path, f'\n[tool.maturin.target.{other}]\nios-deployment-target = "11.0"\n'))
    assert info.value.message == f"unknown key `ios-deployment-target` in [tool.maturin.target.{other}]"
    assert (info.value.line, info.value.col) == (12, 1)
    with pytest.raises(ConfigError, match="`macos-deployment-target` must be a string, not a number"):
        load_project(maturin(tmp_path, f'\n[tool.maturin.target.{other}]\nmacos-deployment-target = 11\n'))


PYO3 = 'pyo3 = { package = "ferrule-runtime", version = "0.1", registry = "ferrule" }'


@pytest.mark.parametrize("pyproject, extra, abi3", [
    # maturin's habit: abi3 asked for in pyproject's features, through the runtime's key.
    ('[tool.maturin]\nfeatures = ["pyo3/abi3-py310"]\n', "", "3.10"),
    ('[tool.maturin]\nfeatures = ["pyo3/extension-module", "pyo3?/abi3"]\n', "", "3.9"),
    # A crate feature that turns it on, by default or when asked for.
    ("", '\n[features]\ndefault = ["stable"]\nstable = ["pyo3/abi3-py311"]\n', "3.11"),
    ('[tool.maturin]\nfeatures = ["stable"]\n', '\n[features]\nstable = ["fast"]\nfast = ["pyo3/abi3-py312"]\n', "3.12"),
    # Not asked for: not abi3; another dependency's abi3 feature is not the runtime's.
    ("", '\n[features]\nstable = ["pyo3/abi3-py311"]\n', None),
    ('[tool.maturin]\nfeatures = ["other/abi3-py310"]\n', "", None),
    ('[tool.maturin]\nno-default-features = true\n', '\n[features]\ndefault = ["pyo3/abi3-py311"]\n', None),
], ids=["pyproject", "optional key", "default feature", "chain", "unrequested", "other dependency",
        "no default features"])
def test_abi3_turned_on_through_features(tmp_path: Path, pyproject: str, extra: str, abi3) -> None:
    project = load_project(make(tmp_path, dep=PYO3 + extra, pyproject='[project]\nname = "d"\n' + pyproject))
    assert project.abi3 == abi3


def test_abi3_from_command_line_features(tmp_path: Path) -> None:
    from ferrule.project import with_command_line_abi3

    project = load_project(make(tmp_path, dep=PYO3 + '\n[features]\nstable = ["pyo3/abi3-py310"]\n'))
    assert project.abi3 is None
    for cli, abi3 in ([{"features": ["pyo3/abi3-py311"]}, "3.11"], [{"features": ["stable"]}, "3.10"],
                      [{"all_features": True}, "3.10"], [{}, None]):
        options = project.cargo.with_command_line(**cli)
        assert with_command_line_abi3(project, options, cli).abi3 == abi3, cli
