"""Rust source → binding model, with tree-sitter-rust.

`parse_crate` is imported on first use: a build whose glue is current never parses, and the
parser's imports (tree-sitter and its grammar) would cost every such build."""


def __getattr__(name: str):
    if name == "parse_crate":
        from .crate import parse_crate

        return parse_crate
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["parse_crate"]
