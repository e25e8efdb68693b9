"""Parse YAML safely and remember the line every value came from.

Uses libyaml when present (fast) and refuses aliases outright, so a crafted file cannot expand
into gigabytes ("billion laughs"); a file with too many values or nested too deeply is refused
while it is read. Duplicate keys, which PyYAML silently merges, are reported as problems too.
Problems never repeat the file's text: a note may be what went wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

import yaml

from fibrofoot.safe_text import escape_char, named_key

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


def parse(text: str, *, plain_numbers: bool = False) -> Located:
    """Parse one YAML document. Raises YamlProblem with the line on any problem.

    With `plain_numbers`, a number must be written in plain decimal digits: YAML 1.1 reads
    `010` as 8 and `0x0A`, `1_0` or `1:30` as numbers too, a quiet surprise in a hand-written
    answers file.
    """
    loader = _Loader(text)
    try:
        return _Builder(loader, plain_numbers).document()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = error.problem or "invalid YAML"
        if "nesting depth" in problem:  # libyaml's own limit, met before ours in flow style
            raise YamlProblem(_TOO_DEEP, line) from None
        if "\t" in text and "tab" in problem.lower():
            problem += " (use spaces, not tabs, to indent)"
        raise YamlProblem(f"YAML syntax error: {problem}", line) from None
    except yaml.reader.ReaderError as error:  # a character YAML refuses: say where, in our words
        line = text.count("\n", 0, error.position) + 1
        char = chr(error.character) if isinstance(error.character, int) else error.character
        raise YamlProblem(
            f"the file holds a control character ({escape_char(char)}) that YAML cannot "
            "read; delete it and type that part again",
            line,
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"YAML syntax error: {error}", None) from None
    finally:
        loader.dispose()


MAX_VALUES = 20_000
"""Keys, list items and texts in one file: the shipped bank's largest file has about 400."""
TOO_MANY_VALUES = (
    f"the file holds more than {MAX_VALUES:,} values (keys, list items and texts); "
    "fibrofoot's files are far smaller"
)
MAX_DEPTH = 40
"""Lists and mappings inside one another: the bank goes about 8 deep."""

_TAG = "tag:yaml.org,2002:"
_STR_TAG, _INT_TAG = f"{_TAG}str", f"{_TAG}int"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("null", "bool", "int", "float", "timestamp")}
_PLAIN_INT = re.compile(r"-?(0|[1-9][0-9]*)")


class _Builder:
    """Turns the parser's events into Python values in one pass, noting each value's line.

    Building from events rather than from composed nodes means the limits on values and depth
    stop a huge or deep file after the first MAX_VALUES values, in a fraction of a second and
    with little memory, instead of after composing all of it.
    """

    def __init__(self, loader: yaml.SafeLoader, plain_numbers: bool) -> None:
        self.loader = loader
        # PyYAML's stubs leave these untyped.
        self.next_event = cast(Callable[[], yaml.Event], loader.get_event)
        self.peek_event = cast(Callable[[], yaml.Event], loader.peek_event)
        self.resolve = cast(Callable[[type, str, tuple[bool, bool]], str], loader.resolve)
        self.plain_numbers = plain_numbers
        self.located = Located(None)
        self.count = 0

    def document(self) -> Located:
        loader = self.loader
        self.next_event()  # the stream's start
        if loader.check_event(yaml.StreamEndEvent):  # nothing but comments, or nothing
            return self.located
        self.next_event()  # the document's start
        self.located.data = self.value((), 0)
        self.next_event()  # the document's end
        if not loader.check_event(yaml.StreamEndEvent):
            raise YamlProblem(
                "YAML syntax error: a second document starts here ('---'); keep one",
                _line(self.peek_event()),
            )
        return self.located

    def value(self, path: Path_, depth: int, key_line: int = 0) -> Any:
        event = self.next_event()
        line = self.located.lines[path] = key_line or _line(event)
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(
                "anchors and aliases (&name, *name) are not supported; write the value out in full",
                line,
            )
        self._count(line)
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event, line)
        if depth >= MAX_DEPTH:
            raise YamlProblem(_TOO_DEEP, line)
        assert isinstance(event, yaml.CollectionStartEvent)  # what else the parser gives here
        is_list = isinstance(event, yaml.SequenceStartEvent)
        if event.tag not in (None, "!", f"{_TAG}seq" if is_list else f"{_TAG}map"):
            raise YamlProblem(_TAG_PROBLEM, line)
        if is_list:
            items: list[Any] = []
            while not self.loader.check_event(yaml.SequenceEndEvent):
                items.append(self.value((*path, len(items)), depth + 1))
            self.next_event()
            return items
        return self._mapping(path, depth)

    def _mapping(self, path: Path_, depth: int) -> dict[Any, Any]:
        mapping: dict[Any, Any] = {}
        names: set[str] = set()
        while not self.loader.check_event(yaml.MappingEndEvent):
            key_event = self.next_event()
            key_line = _line(key_event)
            if not isinstance(key_event, yaml.ScalarEvent):
                raise YamlProblem("a key must be a plain word or number", key_line)
            self._count(key_line)
            name = key_event.value
            if name in names:
                raise YamlProblem(f"{named_key(name)} appears twice", key_line)
            names.add(name)
            key = self._scalar(key_event, key_line)
            mapping[key] = self.value((*path, name), depth + 1, key_line)
        self.next_event()
        return mapping

    def _count(self, line: int) -> None:
        self.count += 1
        if self.count > MAX_VALUES:
            raise YamlProblem(TOO_MANY_VALUES, line)

    def _scalar(self, event: yaml.ScalarEvent, line: int) -> Any:
        tag = event.tag
        explicit = tag not in (None, "!")
        if not explicit:
            tag = self.resolve(yaml.ScalarNode, event.value, event.implicit)
        # Most values are text; the loader's own constructors handle numbers, dates, ...
        if tag == _STR_TAG:
            return event.value
        if tag not in _SCALAR_TAGS:
            if explicit:  # never named in the message: it may be the start of a note
                raise YamlProblem(_TAG_PROBLEM, line)
            return event.value  # '=' and '<<', which YAML 1.1 gives types of their own
        if tag == _INT_TAG and self.plain_numbers and not _PLAIN_INT.fullmatch(event.value):
            raise YamlProblem(
                "write a number in plain digits, such as 6 (no leading zero, sign, underscore, "
                "0x or 0b); put text in quotes",
                line,
            )
        node = yaml.ScalarNode(tag, event.value, None, None, event.style)
        try:
            return self.loader.yaml_constructors[tag](self.loader, node)
        except (ValueError, TypeError, OverflowError):  # e.g. 2020-13-45 read as a date
            raise YamlProblem(
                "this value cannot be read as it is; put it in quotes", line
            ) from None


def _line(event: yaml.Event) -> int:
    return event.start_mark.line + 1 if event.start_mark is not None else 0


_TOO_DEEP = "the YAML is nested too deeply"
_TAG_PROBLEM = (
    "a value starts with '!', which YAML reads as a type tag; put the whole value in quotes"
)
