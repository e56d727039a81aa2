"""The debrief's fixed words and number formats (English message ids; renderers translate).

Every word here is marked with ``N_`` so the catalogs carry it; a renderer shows
``words.gettext(DIMENSION_TITLES[name])`` or ``words.text(fmt_seconds(...))``.
"""

from __future__ import annotations

from scoring.message import ENGLISH, N_, Words, msg

DIMENSION_TITLES: dict[str, str] = {
    "empathy": N_("Empathy"),
    "restating": N_("Restating"),
    "avoided": N_("Avoided phrases"),
    "timeliness": N_("Timeliness"),
    "escalation": N_("Escalation"),
    "etiquette": N_("Etiquette"),
    "resolution": N_("Problem solving"),
}
MOOD_WORDS: dict[int, str] = {
    -2: N_("furious"),
    -1: N_("upset"),
    0: N_("neutral"),
    1: N_("calmer"),
    2: N_("satisfied"),
}
CONFUSED_MOOD_WORDS: dict[int, str] = {
    -2: N_("lost"),
    -1: N_("confused"),
    0: N_("following"),
    1: N_("confident"),
    2: N_("relieved"),
}
OUTCOME_WORDS: dict[str, str] = {
    "resolved": N_("resolved"),
    "escalated": N_("handed on (escalated)"),
    "hung_up": N_("the customer hung up"),
    "complaint_filed": N_("the customer filed a complaint"),
    "abandoned": N_("ended by you before a resolution"),
}
KIND_WORDS: dict[str, str] = {
    "angry": N_("angry customer"),
    "confused": N_("confused customer"),
    "vip": N_("VIP customer"),
}
LANGUAGE_WORDS: dict[str, str] = {"en": N_("English"), "zh": N_("Chinese")}
SOURCES: dict[str, str] = {
    "000": N_("IT service communication skills"),
    "002": N_("Helpdesk user-first service training"),
}
# Signal names and avoided-phrase categories as the debrief labels highlighted phrases.
SIGNAL_WORDS: dict[str, str] = {
    "empathy": N_("empathy"),
    "apology": N_("apology"),
    "restate": N_("restate"),
    "avoided": N_("avoided"),
    "eta": N_("eta"),
    "escalate": N_("escalate"),
    "greeting": N_("greeting"),
    "closing": N_("closing"),
    "jargon": N_("jargon"),
    "name_use": N_("name_use"),
    "ownership": N_("ownership"),
    "alternative": N_("alternative"),
    "plain_step": N_("plain_step"),
    "check_understanding": N_("check_understanding"),
    "contact_leak": N_("contact_leak"),
    "shirking": N_("shirking"),
    "refusal": N_("refusal"),
    "blame": N_("blame"),
    "dismissive": N_("dismissive"),
    "policy": N_("policy"),
    "vague": N_("vague"),
    "impatient": N_("impatient"),
    "informal_address": N_("informal_address"),
    "disparaging": N_("disparaging"),
    "push_contact": N_("push_contact"),
    "excuse": N_("excuse"),
    "speculation": N_("speculation"),
}


def mood_word(kind: str, mood: int) -> str:
    """The customer's mood in a word (English message id; renderers translate it)."""
    words = CONFUSED_MOOD_WORDS if kind == "confused" else MOOD_WORDS
    return words[max(-2, min(2, mood))]


def language_name(code: str) -> str:
    """A scenario language's name (English message id; renderers translate it)."""
    return LANGUAGE_WORDS.get(code, code)


def dimension_title(name: str) -> str:
    """A dimension's display name (English message id; renderers translate it)."""
    return DIMENSION_TITLES.get(name, name.replace("_", " ").capitalize())


def fmt_points(points: float) -> str:
    """ "+50", "-12.5", "0" — evidence points as the renderers show them."""
    text = f"{points:+.1f}".rstrip("0").rstrip(".")
    return "0" if points == 0 else text


def fmt_seconds(seconds: float) -> str:
    if seconds >= 60:
        minutes, rest = divmod(round(seconds), 60)
        return msg("{minutes}m{seconds}s", minutes=minutes, seconds=str(rest).zfill(2))
    shown = f"{seconds:.0f}" if seconds >= 10 else f"{seconds:.1f}".removesuffix(".0")
    return msg("{seconds}s", seconds=shown)


def shown(score: int | None, words: Words = ENGLISH) -> str:
    """A score as shown to a reader: the number, or "not assessed" in their language."""
    return words.gettext("not assessed") if score is None else str(score)


def fmt_weight(weight: float) -> str:
    return f"{weight * 100:.0f}%"


def fmt_mood(mood: int) -> str:
    return f"{mood:+d}" if mood else "0"


def quoted(text: str) -> str:
    """A say-instead in quotes, unless it is advice that quotes its own model phrase."""
    return text if any(q in text for q in '"“”「」') else f"“{text}”"


def one_line(text: str) -> str:
    """Whitespace (newlines included) folded to single spaces."""
    return " ".join(text.split())
