"""Rust source → binding model, with tree-sitter-rust."""

from .crate import parse_crate

__all__ = ["parse_crate"]
