"""Model → Rust glue and `.pyi` stubs."""
