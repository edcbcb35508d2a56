"""tree-sitter plumbing: one parser, node text and positions."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import tree_sitter
import tree_sitter_rust

from .model import Span


@lru_cache(maxsize=1)
def _parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_rust.language()))


class SourceFile:
    """A parsed file: its bytes, tree and path."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        self.data = data
        self.tree = _parser().parse(data)

    @classmethod
    def read(cls, path: Path) -> "SourceFile":
        return cls(path, path.read_bytes())

    def text(self, node: tree_sitter.Node) -> str:
        return self.data[node.start_byte:node.end_byte].decode("utf-8")

    def span(self, node: tree_sitter.Node) -> Span:
        row, col = node.start_point
        # tree-sitter columns are byte offsets; report characters as rustc does.
        line_start = node.start_byte - col
        chars = len(self.data[line_start:node.start_byte].decode("utf-8", errors="replace"))
        return Span(self.path, row + 1, chars + 1)

    def syntax_errors(self) -> list[tree_sitter.Node]:
        found: list[tree_sitter.Node] = []
        stack = [self.tree.root_node]
        while stack and len(found) < 5:
            node = stack.pop()
            if node.is_error or node.is_missing:
                found.append(node)
                continue
            if node.has_error:
                stack.extend(reversed(node.children))
        return found


def child_of_type(node: tree_sitter.Node, *types: str) -> tree_sitter.Node | None:
    for child in node.children:
        if child.type in types:
            return child
    return None


class ExpandedSource(SourceFile):
    """A macro expansion parsed as source: positions map back to where each token was written."""

    def __init__(self, path: Path, data: bytes, offsets: list[int], spans: list[Span], site: Span) -> None:
        super().__init__(path, data)
        self.offsets = offsets
        self.spans = spans
        self.site = site  # the outermost macro invocation, where `file!()`/`line!()` point

    def span(self, node: tree_sitter.Node) -> Span:
        import bisect

        i = bisect.bisect_right(self.offsets, node.start_byte) - 1
        if i < 0:
            return self.spans[0] if self.spans else Span(self.path, 1, 1)
        origin = self.spans[i]
        return Span(origin.path, origin.line, origin.col + (node.start_byte - self.offsets[i]))

    def syntax_errors(self) -> list[tree_sitter.Node]:
        return []  # rustc reports a macro that expands to invalid code
