//! Hands the interpreter config of `ferrule-runtime-core`'s build script to dependents' build
//! scripts as PyO3's ffi crate does (`links = "python"`, `DEP_PYTHON_PYO3_CONFIG`), so a
//! `build.rs` using `pyo3-build-config` works.
fn main() {
    println!("cargo:rerun-if-env-changed=DEP_FERRULE_PYTHON_PYO3_CONFIG");
    // Set by ferrule for a crate that means ffi's `PyObject` beside the prelude (see src/lib.rs).
    println!("cargo:rerun-if-env-changed=FERRULE_PRELUDE_WITHOUT_PYOBJECT");
    println!("cargo:rustc-check-cfg=cfg(ferrule_prelude_without_pyobject)");
    if std::env::var_os("FERRULE_PRELUDE_WITHOUT_PYOBJECT").is_some_and(|v| v == "1") {
        println!("cargo:rustc-cfg=ferrule_prelude_without_pyobject");
    }
    if let Some(config) = std::env::var_os("DEP_FERRULE_PYTHON_PYO3_CONFIG") {
        println!("cargo:PYO3_CONFIG={}", config.to_string_lossy());
    }
}
