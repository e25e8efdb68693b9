"""Checks of the bank's content: the seven contributors and the roles of their signals, the
level texts, the wording rule and the characters texts may hold.

Each problem is a path into the merged bank (so the loader can name file and line) and a
sentence that says what to change. Ids, shapes and conditions are checked in `check_shapes.py`;
`cross_reference_problems` runs both.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from fibrofoot.bank.base import LEVEL_ORDER, NOT_SURE
from fibrofoot.bank.check_checkin import checkin_problems, checkin_texts
from fibrofoot.bank.check_parts import part_problems
from fibrofoot.bank.check_shapes import Problem, question_paths, shape_problems
from fibrofoot.bank.models import Bank, Role, Signal
from fibrofoot.bank.wording import forbidden_in
from fibrofoot.safe_text import harmless, unsafe_characters
from fibrofoot.yamlfile import Path_

MIN_INDEPENDENT_SIGNALS = 2
# The seven connections the source document names. Saved summaries use these ids, so a bank
# must have exactly these; the order they are listed in the bank is the order summaries use.
CONTRIBUTOR_IDS = frozenset(
    ("tender_points", "muscle_connective_tissue", "gait", "plantar_fasciitis", "osteoarthritis",
     "rheumatoid_arthritis", "peripheral_neuropathy")
)  # fmt: skip
SEVEN = ", ".join(sorted(CONTRIBUTOR_IDS))


def cross_reference_problems(bank: Bank) -> list[Problem]:
    return [
        *shape_problems(bank),
        *part_problems(bank),
        *checkin_problems(bank),
        *_contributors(bank),
        *_roles(bank),
        *_levels(bank),
        *_wording(bank),
        *_characters(bank),
    ]


def _characteristic(bank: Bank, contributor_id: str) -> Iterator[Signal]:
    for signal in bank.signals:
        if signal.role is Role.CHARACTERISTIC and contributor_id in signal.raises:
            yield signal


def independent_signals(bank: Bank, contributor_id: str) -> set[frozenset[str]]:
    """The distinct sets of questions that the characteristic signals of `contributor_id` rest on.

    Two signals on the same question(s) count once, whatever answers they match: a contributor
    needs MIN_INDEPENDENT_SIGNALS of these so that no single question can list it alone.
    Supporting signals never list a contributor, so they do not count.
    """
    return {
        frozenset(condition.question for condition in signal.when)
        for signal in _characteristic(bank, contributor_id)
    }


def _contributors(bank: Bank) -> Iterator[Problem]:
    listed = [c.id for c in bank.contributors]
    missing = sorted(CONTRIBUTOR_IDS.difference(listed))
    if missing:
        yield ("contributors",), f"these contributors are missing: {', '.join(missing)}."
    for i, contributor_id in enumerate(listed):
        if contributor_id not in CONTRIBUTOR_IDS:
            seven = f"'{contributor_id}' is not one of the seven contributors: {SEVEN}."
            yield ("contributors", i, "id"), seven
            continue
        if len(independent_signals(bank, contributor_id)) < MIN_INDEPENDENT_SIGNALS:
            yield (
                ("contributors", i, "id"),
                (
                    f"contributor '{contributor_id}' needs at least {MIN_INDEPENDENT_SIGNALS} "
                    "characteristic signals that use different questions."
                ),
            )
    for s, signal in enumerate(bank.signals):
        for r, contributor in enumerate(signal.raises):
            if contributor not in listed:
                unknown = f"there is no contributor '{contributor}'; use one of: {SEVEN}."
                yield ("signals", s, "raises", r), unknown
        for contributor, count in Counter(signal.raises).items():
            if count > 1:
                yield ("signals", s, "raises"), f"'{contributor}' is listed twice."


def _roles(bank: Bank) -> Iterator[Problem]:
    """A supporting signal needs a characteristic one to show under; "not sure" lists nothing."""
    listed = {c.id for c in bank.contributors}
    for s, signal in enumerate(bank.signals):
        if signal.role is Role.SUPPORTING:
            for r, contributor in enumerate(signal.raises):
                if contributor in listed and next(_characteristic(bank, contributor), None) is None:
                    yield (
                        ("signals", s, "raises", r),
                        (
                            f"'{contributor}' has no characteristic signal, so this supporting "
                            "signal would never be shown; name a contributor that has one."
                        ),
                    )
            continue
        for c, condition in enumerate(signal.when):
            for v, value in enumerate(condition.is_ or ()):
                if value == NOT_SURE:
                    yield (
                        ("signals", s, "when", c, "is", v),
                        (
                            "a characteristic signal may not match 'not sure': \"not sure\" "
                            "never lists a contributor by itself. Drop not_sure here, or make "
                            "the signal supporting."
                        ),
                    )


def _levels(bank: Bank) -> Iterator[Problem]:
    for level in LEVEL_ORDER:
        if level not in bank.messages.levels:
            yield ("messages", "levels"), f"the text for the '{level.value}' level is missing."


def _texts(bank: Bank) -> Iterator[tuple[Path_, str]]:
    """Every string of the bank that fibrofoot may show, with its path."""
    messages = bank.messages
    for key in ("intro", "privacy", "disclaimer", "consult", "emergency_line"):
        yield ("messages", key), getattr(messages, key)
    for key, text in messages.summary:
        yield ("messages", "summary", key), text
    if messages.foot_map is not None:
        for key, text in messages.foot_map:
            if isinstance(text, str):
                yield ("messages", "foot_map", key), text
        for region, words in messages.foot_map.regions.items():
            yield ("messages", "foot_map", "regions", region, "word"), words.word
            yield ("messages", "foot_map", "regions", region, "label"), words.label
    for level, text in messages.levels.items():
        for key, words in text:
            yield ("messages", "levels", level.value, key), words
    for i, contributor in enumerate(bank.contributors):
        yield ("contributors", i, "title"), contributor.title
        yield ("contributors", i, "explanation"), contributor.explanation
        for j, ask in enumerate(contributor.ask_your_clinician):
            yield ("contributors", i, "ask_your_clinician", j, "text"), ask.text
    for f, flag in enumerate(bank.red_flags):
        yield ("red_flags", f, "message"), flag.message
    for s, section in enumerate(bank.sections):
        yield ("sections", s, "title"), section.title
    for path, question in question_paths(bank):
        for key in ("text", "why", "label", "when_no", "scale_low", "scale_high"):
            text = getattr(question, key)
            if text is not None:
                yield (*path, key), text
        for value, area in question.map_areas.items():
            yield (*path, "map_areas", value, "caption"), area.caption
        for value, feet in question.map_feet.items():
            yield (*path, "map_feet", value, "caption"), feet.caption
        for o, option in enumerate(question.options):
            yield (*path, "options", o, "label"), option.label
            if option.negative is not None:
                yield (*path, "options", o, "negative"), option.negative
    for s, signal in enumerate(bank.signals):
        yield ("signals", s, "reason"), signal.reason
    yield from checkin_texts(bank)


def _wording(bank: Bank) -> Iterator[Problem]:
    for path, text in _texts(bank):
        if found := forbidden_in(text):
            phrases = ", ".join(f"'{phrase}'" for phrase in found)
            yield (
                path,
                (
                    f"this text uses {phrases}, which fibrofoot must never say (fibrofoot "
                    "cannot diagnose); describe what the person said instead, such as "
                    "'You mentioned ...' or 'may be worth raising with a clinician'."
                ),
            )


def _characters(bank: Bank) -> Iterator[Problem]:
    """Control and bidi-override characters can hide or reorder what a terminal shows: the
    characters `harmless` would escape are refused (and shown as its escapes)."""
    for path, text in _texts(bank):
        found = unsafe_characters(text)
        if found:
            shown = ", ".join(harmless(char) for char in found)
            yield (
                path,
                (
                    f"this text holds an invisible control or direction character ({shown}); "
                    "delete it and type that part again."
                ),
            )
