"""`#[cfg(...)]` evaluated as rustc will for this build, so the model (and with it
the glue and the stub) holds exactly the items that will be compiled.

The set of enabled cfgs (`CfgSet`) comes from `ferrule.build_cfg`; without one
(a parse with no build in view) every item is kept, as before. A predicate this
module cannot read is taken as true: rustc then decides, and glue for an item
it drops is never included.
"""

from __future__ import annotations

import contextvars

from ..cfgset import CfgSet


ACTIVE: contextvars.ContextVar[CfgSet | None] = contextvars.ContextVar("ferrule_cfg", default=None)


def compiled(attrs) -> bool:
    """False when a `#[cfg(...)]` among `attrs` is off for this build."""
    cfg = ACTIVE.get()
    if cfg is None:
        return True
    return all(cfg.evaluate(a.args) for a in attrs if a.name == "cfg" and a.args)


def cfg_enabled(predicate: str) -> bool:
    """One `cfg_attr` predicate for this build (true without a build in view, like `compiled`)."""
    cfg = ACTIVE.get()
    return True if cfg is None else cfg.evaluate(predicate)


def attribute_off(src, node) -> bool:
    """For statements: whether an `attribute_item` node is a `#[cfg]` that is off."""
    cfg = ACTIVE.get()
    if cfg is None or node.type != "attribute_item":
        return False
    from .attributes import read_attribute

    attr = read_attribute(src, node)
    return attr is not None and attr.name == "cfg" and bool(attr.args) and not cfg.evaluate(attr.args)
