"""ferrule: write Rust with PyO3's API, import it from Python.

The toolchain parses the crate, generates the glue and the type stub from one
model, runs cargo and installs or packages the result.
"""

__version__ = "0.1.0"
