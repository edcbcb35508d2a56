//! Turns the target interpreter's facts into cfgs (`Py_3_9`..`Py_3_14`,
//! `Py_LIMITED_API`, `Py_GIL_DISABLED`, `Py_DEBUG`, `Py_REF_DEBUG`, `PyPy`).
//!
//! ferrule writes those facts to a small file and names it in
//! `FERRULE_PYTHON_CONFIG`; it rewrites the file only when a fact changes, so an
//! unchanged interpreter never causes a rebuild and a different one always does.
//! Without the variable (a plain `cargo check`), `python3` is asked directly.
use std::process::Command;

const MIN_MINOR: u32 = 9;
const MAX_MINOR: u32 = 14;

struct Facts {
    minor: u32,
    abi3: Option<u32>,
    gil_disabled: bool,
    debug: bool,
    pypy: bool,
}

fn main() {
    println!("cargo:rerun-if-env-changed=FERRULE_PYTHON_CONFIG");
    println!("cargo:rerun-if-env-changed=FERRULE_PYTHON");
    for minor in MIN_MINOR..=MAX_MINOR {
        println!("cargo:rustc-check-cfg=cfg(Py_3_{minor})");
    }
    for name in ["Py_LIMITED_API", "Py_GIL_DISABLED", "Py_DEBUG", "Py_REF_DEBUG", "PyPy"] {
        println!("cargo:rustc-check-cfg=cfg({name})");
    }
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
    if facts.pypy {
        facts.abi3 = None;
    }
    let top = match facts.abi3 {
        Some(abi3_minor) => abi3_minor.min(facts.minor),
        None => facts.minor,
    };
    for minor in MIN_MINOR..=top.min(MAX_MINOR) {
        println!("cargo:rustc-cfg=Py_3_{minor}");
    }
    if facts.pypy {
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

fn parse_facts(text: &str) -> Facts {
    let mut facts = Facts { minor: MIN_MINOR, abi3: None, gil_disabled: false, debug: false, pypy: false };
    for line in text.lines() {
        let Some((key, value)) = line.split_once('=') else { continue };
        let value = value.trim();
        match key.trim() {
            "version" => facts.minor = minor_of(value).unwrap_or(MIN_MINOR),
            "abi3" if !value.is_empty() => facts.abi3 = minor_of(value),
            "gil_disabled" => facts.gil_disabled = value == "1",
            "debug" => facts.debug = value == "1",
            "implementation" => facts.pypy = value == "pypy",
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

fn probe_python() -> Facts {
    let python = std::env::var("FERRULE_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = "import sys, sysconfig; print('version=%d.%d' % sys.version_info[:2]); \
                  print('gil_disabled=%d' % bool(sysconfig.get_config_var('Py_GIL_DISABLED'))); \
                  print('debug=%d' % hasattr(sys, 'gettotalrefcount')); \
                  print('implementation=' + sys.implementation.name)";
    match Command::new(&python).args(["-c", script]).output() {
        Ok(out) if out.status.success() => parse_facts(&String::from_utf8_lossy(&out.stdout)),
        _ => Facts { minor: MIN_MINOR, abi3: None, gil_disabled: false, debug: false, pypy: false },
    }
}
