"""Hand-made transcripts for rubric and debrief tests, without the analyser.

    said("empathy", "I understand")                  # a signal on the first "I understand"
    reply("I understand. Calm down.", said("empathy", "I understand"),
          said("avoided", "Calm down", category="dismissive"), seconds=12, venting=True)
    transcript(reply(...), command("escalate", target="second_line", note="..."))

Spans are found in the reply text (each phrase after the previous match of the same
phrase), turns are numbered in order, and the moods chain from one turn to the next
unless given.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from scoring.context import Fact
from scoring.rubric_spec import EscalationSpec, RubricSpec
from scoring.signal import Analysis, Signal
from scoring.transcript import Transcript, Turn

MAIL_FACTS: tuple[Fact, ...] = (
    Fact("no_mail", "No new mail since nine this morning", ("no mail|no email", "since nine")),
    Fact("board_meeting", "She presents to the board in forty minutes", ("board", "meeting")),
    Fact("disconnected", 'Outlook shows "Disconnected"', ("disconnected",)),
    Fact("bouncing", "Colleagues' mail to her bounces back", ("bounce|bouncing",)),
)


@dataclass(frozen=True, slots=True)
class Said:
    name: str
    phrase: str
    category: str | None = None
    facts: tuple[str, ...] = ()
    suggestion: str | None = None


def said(
    name: str,
    phrase: str,
    category: str | None = None,
    facts: tuple[str, ...] | list[str] = (),
    suggestion: str | None = None,
) -> Said:
    return Said(name, phrase, category, tuple(facts), suggestion)


def analysis(text: str, *items: Said, lang: str = "en") -> Analysis:
    signals: list[Signal] = []
    cursor: dict[str, int] = {}
    for item in items:
        start = text.find(item.phrase, cursor.get(item.phrase, 0))
        if start < 0:
            raise ValueError(f"{item.phrase!r} is not in {text!r}")
        end = start + len(item.phrase)
        cursor[item.phrase] = end
        rule = f"test.{item.name}" + (f".{item.category}" if item.category else "")
        signals.append(
            Signal(
                item.name,
                (start, end),
                item.phrase,
                rule,
                item.category,
                item.suggestion,
                item.facts,
            )
        )
    signals.sort(key=lambda s: s.span)
    return Analysis(text, lang, tuple(signals))


def reply(
    text: str,
    *items: Said,
    seconds: float = 10.0,
    venting: bool = False,
    mood: int | None = None,
    mood_after: int | None = None,
    customer_line: str = "",
    customer_reply: str = "",
    revealed: tuple[str, ...] = (),
    lang: str = "en",
) -> Turn:
    return Turn(
        index=0,
        text=text,
        response_seconds=seconds,
        customer_line=customer_line,
        customer_reply=customer_reply,
        state_before="s",
        mood_before=mood if mood is not None else 99,
        venting=venting,
        state_after="s",
        mood_after=mood_after if mood_after is not None else 99,
        patience_after=3,
        analysis=analysis(text, *items, lang=lang),
        revealed=revealed,
    )


def command(
    name: str,
    target: str | None = None,
    note: str = "",
    *items: Said,
    seconds: float = 10.0,
    lang: str = "en",
) -> Turn:
    text = f"/{name}" + (f" {target}" if target else "") + (f" {note}" if note else "")
    return Turn(
        index=0,
        text=text,
        response_seconds=seconds,
        customer_line="",
        customer_reply="",
        state_before="s",
        mood_before=99,
        venting=False,
        state_after="s",
        mood_after=99,
        patience_after=3,
        analysis=analysis(note, *items, lang=lang) if note else None,
        command=name,
        target=target,
        note=note,
    )


def transcript(
    *turns: Turn, outcome: str | None = "resolved", lang: str = "en", start_mood: int = -2
) -> Transcript:
    """Number the turns; chain unset moods (each turn keeps the mood it found)."""
    out: list[Turn] = []
    mood = start_mood
    for i, t in enumerate(turns, start=1):
        before = mood if t.mood_before == 99 else t.mood_before
        after = before if t.mood_after == 99 else t.mood_after
        out.append(replace(t, index=i, mood_before=before, mood_after=after))
        mood = after
    final = outcome or "opening"
    return Transcript(lang=lang, turns=tuple(out), final_state=final, outcome=outcome)


def spec(**overrides: object) -> RubricSpec:
    """The mail-outage rubric (no escalation expected), with overrides."""
    base = RubricSpec(
        kind="angry",
        lang="en",
        reply_target_seconds=45.0,
        first_reply_target_seconds=20.0,
        eta_required=True,
        escalation=EscalationSpec(),
        facts=MAIL_FACTS,
        customer_names=("Ms. Chen",),
        blockers=("blame",),
    )
    return replace(base, **overrides)  # type: ignore[arg-type]


def escalation_spec(**overrides: object) -> RubricSpec:
    """A rubric expecting escalation to second line in turns 2-4 with two note facts."""
    esc = EscalationSpec(
        expected=True,
        targets=("second_line",),
        window=(2, 4),
        note_facts=("no_mail", "bouncing"),
    )
    return spec(escalation=esc, **overrides)


def good_mail_transcript() -> Transcript:
    """The model answer to the mail outage (mirrors scenarios/replies/*.good.txt)."""
    return transcript(
        reply(
            "Good morning, this is Alex at the IT service desk. I'm really sorry, Ms. Chen"
            " — I understand how stressful this is with your board meeting coming up.",
            said("greeting", "Good morning"),
            said("apology", "I'm really sorry"),
            said("name_use", "Ms. Chen"),
            said("empathy", "I understand how stressful this is"),
            said("restate", "board meeting", facts=("board_meeting",)),
            seconds=8,
            venting=True,
            mood=-2,
            mood_after=-1,
            revealed=("board_meeting", "bouncing", "disconnected", "no_mail"),
        ),
        reply(
            "So just to confirm: you haven't received any email since nine this morning,"
            ' Outlook shows "Disconnected", and your colleagues\' messages to you are'
            " bouncing — is that right?",
            said(
                "restate",
                "you haven't received any email since nine this morning",
                facts=("no_mail",),
            ),
            said("restate", 'Outlook shows "Disconnected"', facts=("disconnected",)),
            said("restate", "messages to you are bouncing", facts=("bouncing",)),
            seconds=20,
            venting=True,
            mood_after=0,
        ),
        reply(
            "Thank you. Your mailbox is over its size limit, which is why mail bounces."
            " I'm raising the limit right now and I will call you back within 10 minutes"
            " to confirm mail is arriving, well before your meeting.",
            said("ownership", "I'm raising the limit right now"),
            said("eta", "within 10 minutes"),
            seconds=25,
            mood_after=1,
        ),
        reply(
            "Is there anything else I can help you with before your meeting, Ms. Chen?",
            said("closing", "Is there anything else I can help you with"),
            said("name_use", "Ms. Chen"),
            seconds=10,
            mood_after=2,
        ),
    )
