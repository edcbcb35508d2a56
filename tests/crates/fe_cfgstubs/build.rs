fn main() {
    pyo3_build_config::use_pyo3_cfgs();
    // A cfg of the crate's own that only this script knows: ferrule learns it from cargo.
    println!("cargo::rustc-check-cfg=cfg(fe_custom)");
    println!("cargo:rustc-cfg=fe_custom");
}
