"""Parse YAML safely and remember the line every value came from.

Uses libyaml when present (fast) and refuses anchors and aliases outright, so a crafted file
cannot expand into gigabytes ("billion laughs"). Duplicate keys, which PyYAML silently merges,
are reported as problems too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from fibrofoot.safe_text import named_key

try:
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

Path_ = tuple[str | int, ...]


@dataclass
class Located:
    """A parsed document plus the line of each value, keyed by its path (keys and list indices).

    A value under a key is on the key's line (where a block list or mapping under it starts is
    the next line, but the key is what a person looks for); a list item is on its own line.
    """

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int | None:
        """The line of the deepest part of `path` that the document has."""
        for end in range(len(path), -1, -1):
            if (line := self.lines.get(tuple(path[:end]))) is not None:
                return line
        return None


class YamlProblem(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def parse(text: str) -> Located:
    """Parse one YAML document. Raises YamlProblem with the line on any problem."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(None)
        located = Located(None)
        located.data = _Builder(loader, located.lines).build(node, ())
        return located
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = error.problem or "invalid YAML"
        if "\t" in text and "tab" in problem.lower():
            problem += " (use spaces, not tabs, to indent)"
        raise YamlProblem(f"YAML syntax error: {problem}", line) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"YAML syntax error: {error}", None) from None
    except RecursionError:
        raise YamlProblem("the YAML is nested too deeply", None) from None
    finally:
        loader.dispose()


_STR_TAG = "tag:yaml.org,2002:str"


class _Builder:
    """Turns composed nodes into Python values in one walk, noting each value's line."""

    def __init__(self, loader: yaml.SafeLoader, lines: dict[Path_, int]) -> None:
        self.loader = loader
        self.lines = lines
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: Path_, key_line: int = 0) -> Any:
        line = self.lines[path] = key_line or node.start_mark.line + 1
        # An alias (*name) hands back the very node its anchor (&name) made, scalars included;
        # the node's own mark is the anchor's, so the key's line is where the alias stands.
        if id(node) in self.seen:
            raise YamlProblem(
                "anchors and aliases (&name, *name) are not supported; write the value out in full",
                line,
            )
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        mapping: dict[Any, Any] = {}
        names: set[str] = set()
        for key_node, value_node in node.value:
            name = str(key_node.value)
            key_line = key_node.start_mark.line + 1
            if name in names:
                raise YamlProblem(f"{named_key(name)} appears twice", key_line)
            names.add(name)
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem("a key must be a plain word or number", key_line)
            mapping[self._scalar(key_node)] = self.build(value_node, (*path, name), key_line)
        return mapping

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        # Most values are text; the loader's own constructors handle numbers, dates, ...
        if node.tag == _STR_TAG:
            return node.value
        try:
            return self.loader.construct_object(node)
        except (ValueError, TypeError, OverflowError):  # e.g. 2020-13-45 read as a date
            raise YamlProblem(
                "this value cannot be read as it is; put it in quotes", node.start_mark.line + 1
            ) from None
