fn main() {
    pyo3_build_config::use_pyo3_cfgs();
    pyo3_build_config::add_extension_module_link_args();
    let config = pyo3_build_config::get();
    let facts = format!(
        "version={} implementation={} target_abi={} shared={} lib_name={} executable={}",
        config.version(),
        config.implementation(),
        config.target_abi(),
        config.shared(),
        config.lib_name().unwrap_or("-"),
        config.executable().unwrap_or("-"),
    );
    println!("cargo:rustc-env=FE_BUILDCFG_FACTS={facts}");
    // Lets a test read what a plain `cargo build` saw, without glue or an import.
    println!("cargo:rerun-if-env-changed=FE_BUILDCFG_SHOW");
    if std::env::var_os("FE_BUILDCFG_SHOW").is_some() {
        println!("cargo:warning=facts: {facts}");
    }
}
