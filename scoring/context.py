"""What the analyser and the rubric may know about the situation a reply is made in."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact the customer reveals; ``keywords`` are words that count as restating it.

    A keyword may list alternatives with ``|`` ("drop|disconnect|cut out").
    """

    id: str
    summary: str
    keywords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ExtraPhrase:
    """A scenario's own phrase: e.g. product jargon, or the customer's name."""

    signal: str
    pattern: str
    category: str | None = None
    suggestion: str | None = None


@dataclass(frozen=True, slots=True)
class ReplyContext:
    """The context of one reply.

    ``revealed`` are the ids of facts the customer has revealed so far (restating
    only counts facts already told); ``facts`` is every fact the scenario knows.
    """

    lang: str = "en"
    facts: tuple[Fact, ...] = ()
    revealed: frozenset[str] = field(default_factory=frozenset)
    customer_names: tuple[str, ...] = ()
    extra_phrases: tuple[ExtraPhrase, ...] = ()
    register: str = "formal"  # casual | standard | formal (scoring.register)
