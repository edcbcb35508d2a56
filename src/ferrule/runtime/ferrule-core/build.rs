//! Turns the target interpreter's facts into cfgs (`Py_3_9`..`Py_3_14`,
//! `Py_LIMITED_API`, `Py_GIL_DISABLED`, `Py_DEBUG`, `Py_REF_DEBUG`, `PyPy`), and hands
//! them to `ferrule-runtime`'s build script (`DEP_FERRULE_PYTHON_PYO3_CONFIG`), which passes
//! them on as PyO3's ffi crate does (`links = "python"`, `DEP_PYTHON_PYO3_CONFIG`), so a
//! `build.rs` using `pyo3-build-config` works.
//!
//! ferrule writes those facts to a small file and names it in
//! `FERRULE_PYTHON_CONFIG`; it rewrites the file only when a fact changes, so an
//! unchanged interpreter never causes a rebuild and a different one always does.
//! Without the variable (plain cargo), the interpreter is chosen as PyO3 chooses
//! it: `PYO3_PYTHON`, else the active virtualenv or conda env, else `python3`.
use std::process::Command;

const MIN_MINOR: u32 = 9;
const MAX_MINOR: u32 = 14;

#[derive(Default)]
struct Facts {
    minor: u32,
    abi3: Option<u32>,
    gil_disabled: bool,
    debug: bool,
    implementation: String, // sys.implementation.name
    executable: Option<String>,
    pointer_width: Option<u32>,
    shared: bool,
    lib_name: Option<String>,
    lib_dir: Option<String>,
}

impl Facts {
    fn is_pypy(&self) -> bool {
        self.implementation == "pypy"
    }

    /// The newest version whose API the build may use (the stable ABI's minimum under abi3).
    fn api_minor(&self) -> u32 {
        match self.abi3 {
            Some(abi3_minor) => abi3_minor.min(self.minor),
            None => self.minor,
        }
    }
}

fn main() {
    println!("cargo:rerun-if-env-changed=FERRULE_PYTHON_CONFIG");
    println!("cargo:rerun-if-env-changed=FERRULE_PYTHON");
    let ferrule_build = std::env::var_os("FERRULE_PYTHON_CONFIG").is_some();
    let mut facts = match std::env::var("FERRULE_PYTHON_CONFIG") {
        Ok(path) => {
            println!("cargo:rerun-if-changed={path}");
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("ferrule: cannot read interpreter config {path}: {e}"));
            parse_facts(&text)
        }
        Err(_) => probe_python(),
    };
    if let Some(feature_minor) = abi3_feature() {
        facts.abi3 = Some(facts.abi3.map_or(feature_minor, |m| m.max(feature_minor)));
    }
    // PyPy has no stable ABI: abi3 builds for the PyPy version itself, as PyO3 does.
    if facts.is_pypy() {
        facts.abi3 = None;
    }
    emit_cfgs(&facts);
    export_pyo3_config(&facts);
    link_libpython(&facts, ferrule_build);
}

/// Programs and `cargo test` binaries start the interpreter, so they link libpython, as PyO3 does.
/// Extension modules must not: the interpreter that loads them provides its symbols. Those are
/// ferrule's own builds (they name the config file) or builds that say so as for PyO3;
/// `ferrule cargo` names the config file too and asks for the link with `FERRULE_EMBED`.
fn link_libpython(facts: &Facts, ferrule_build: bool) {
    println!("cargo:rerun-if-env-changed=PYO3_BUILD_EXTENSION_MODULE");
    println!("cargo:rerun-if-env-changed=FERRULE_EMBED");
    let embed = std::env::var_os("FERRULE_EMBED").is_some();
    if (ferrule_build && !embed) || std::env::var_os("PYO3_BUILD_EXTENSION_MODULE").is_some() {
        return;
    }
    let Some(name) = &facts.lib_name else { return };
    if let Some(dir) = &facts.lib_dir {
        println!("cargo:rustc-link-search=native={dir}");
    }
    println!("cargo:rustc-link-lib={name}");
}

/// Every cfg the runtime's code is compiled with: the one place that decides them.
fn emit_cfgs(facts: &Facts) {
    for minor in MIN_MINOR..=MAX_MINOR {
        println!("cargo:rustc-check-cfg=cfg(Py_3_{minor})");
    }
    for name in ["Py_LIMITED_API", "Py_GIL_DISABLED", "Py_DEBUG", "Py_REF_DEBUG", "PyPy"] {
        println!("cargo:rustc-check-cfg=cfg({name})");
    }
    for minor in MIN_MINOR..=facts.api_minor().min(MAX_MINOR) {
        println!("cargo:rustc-cfg=Py_3_{minor}");
    }
    if facts.is_pypy() {
        println!("cargo:rustc-cfg=PyPy");
    }
    if facts.abi3.is_some() {
        println!("cargo:rustc-cfg=Py_LIMITED_API");
    }
    if facts.gil_disabled {
        println!("cargo:rustc-cfg=Py_GIL_DISABLED");
    }
    if facts.debug {
        println!("cargo:rustc-cfg=Py_DEBUG");
        println!("cargo:rustc-cfg=Py_REF_DEBUG");
    }
}

/// `cargo:PYO3_CONFIG=<hex>`: the `key=value` lines pyo3-build-config's `get()` reads from
/// `DEP_PYTHON_PYO3_CONFIG`. A version-specific build says `abi3=false`, which every
/// pyo3-build-config release reads silently; a stable-ABI build names its `target_abi` (0.29's key).
fn export_pyo3_config(facts: &Facts) {
    let implementation = match facts.implementation.as_str() {
        "pypy" => "PyPy",
        "graalpy" => "GraalVM",
        _ => "CPython",
    };
    let mut lines = vec![
        format!("implementation={implementation}"),
        format!("version=3.{}", facts.minor),
        format!("shared={}", facts.shared),
    ];
    match facts.abi3 {
        Some(_) => lines.push(format!("target_abi={implementation}-abi3-3.{}", facts.api_minor())),
        None => lines.push("abi3=false".into()),
    }
    let optional = [("lib_name", facts.lib_name.clone()), ("lib_dir", facts.lib_dir.clone()),
                    ("executable", facts.executable.clone()),
                    ("pointer_width", facts.pointer_width.map(|w| w.to_string()))];
    for (key, value) in optional {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            lines.push(format!("{key}={value}"));
        }
    }
    let mut flags = Vec::new();
    if facts.debug {
        flags.extend(["Py_DEBUG", "Py_REF_DEBUG"]);
    }
    if facts.gil_disabled {
        flags.push("Py_GIL_DISABLED");
    }
    lines.push(format!("build_flags={}", flags.join(",")));
    lines.push("suppress_build_script_link_lines=false".into());
    let text = lines.iter().map(|line| format!("{line}\n")).collect::<String>();
    let hex: String = text.bytes().map(|b| format!("{b:02x}")).collect();
    println!("cargo:PYO3_CONFIG={hex}");
}

fn parse_facts(text: &str) -> Facts {
    let mut facts = Facts { minor: MIN_MINOR, implementation: "cpython".into(), shared: true, ..Facts::default() };
    for line in text.lines() {
        let Some((key, value)) = line.split_once('=') else { continue };
        let value = value.trim();
        let text = || Some(value.to_string()).filter(|v| !v.is_empty());
        match key.trim() {
            "version" => facts.minor = minor_of(value).unwrap_or(MIN_MINOR),
            "abi3" if !value.is_empty() => facts.abi3 = minor_of(value),
            "gil_disabled" => facts.gil_disabled = value == "1",
            "debug" => facts.debug = value == "1",
            "implementation" if !value.is_empty() => facts.implementation = value.to_string(),
            "executable" => facts.executable = text(),
            "pointer_width" => facts.pointer_width = value.parse().ok(),
            "shared" => facts.shared = value == "1",
            "lib_name" => facts.lib_name = text(),
            "lib_dir" => facts.lib_dir = text(),
            _ => {}
        }
    }
    facts
}

fn minor_of(version: &str) -> Option<u32> {
    version.split('.').nth(1)?.parse().ok()
}

fn abi3_feature() -> Option<u32> {
    let mut found = None;
    for minor in MIN_MINOR..=MAX_MINOR {
        if std::env::var_os(format!("CARGO_FEATURE_ABI3_PY3{minor}")).is_some() {
            found = Some(minor);
        }
    }
    if found.is_none() && std::env::var_os("CARGO_FEATURE_ABI3").is_some() {
        found = Some(MIN_MINOR);
    }
    found
}

/// PyO3's order: `PYO3_PYTHON`, the active virtualenv, the active conda env, `python3` on PATH.
fn choose_python() -> String {
    for var in ["FERRULE_PYTHON", "PYO3_PYTHON"] {
        println!("cargo:rerun-if-env-changed={var}");
        if let Some(python) = std::env::var_os(var).filter(|v| !v.is_empty()) {
            return python.to_string_lossy().into_owned();
        }
    }
    let bin = if cfg!(windows) { "Scripts/python.exe" } else { "bin/python" };
    for var in ["VIRTUAL_ENV", "CONDA_PREFIX"] {
        println!("cargo:rerun-if-env-changed={var}");
        if let Some(prefix) = std::env::var_os(var).filter(|v| !v.is_empty()) {
            return std::path::Path::new(&prefix).join(bin).to_string_lossy().into_owned();
        }
    }
    "python3".into()
}

fn probe_python() -> Facts {
    let python = choose_python();
    // The same facts as ferrule's own probe writes to its config file.
    let script = r#"
import os, re, struct, sys, sysconfig
c = sysconfig.get_config_var
print("version=%d.%d" % sys.version_info[:2])
print("gil_disabled=%d" % bool(c("Py_GIL_DISABLED")))
print("debug=%d" % hasattr(sys, "gettotalrefcount"))
print("implementation=" + sys.implementation.name)
print("executable=" + (getattr(sys, "_base_executable", None) or sys.executable))
print("pointer_width=%d" % (struct.calcsize("P") * 8))
print("shared=%d" % (bool(c("Py_ENABLE_SHARED")) or sys.implementation.name == "pypy"))
m = re.match(r"lib(.+?)\.(so|a|dylib)", os.path.basename(c("LDLIBRARY") or ""))
print("lib_name=" + (m.group(1) if m else "python%d.%d%s" % (sys.version_info[:2] + (getattr(sys, "abiflags", ""),))))
print("lib_dir=" + (c("LIBDIR") or ""))
"#;
    match Command::new(&python).args(["-c", script]).output() {
        Ok(out) if out.status.success() => parse_facts(&String::from_utf8_lossy(&out.stdout)),
        _ => parse_facts(""),
    }
}
