"""The rubric's rules, each pinned with a small hand-made transcript."""

from __future__ import annotations

from dataclasses import replace

import pytest

from scoring.grade import Grade
from scoring.rubric import grade, normalised_weights
from scoring.rubric_spec import EscalationSpec, RubricSpec
from tests.builders import (
    command,
    escalation_spec,
    good_mail_transcript,
    reply,
    said,
    spec,
    transcript,
)

ALL = ("no_mail", "board_meeting", "disconnected", "bouncing")
# An acknowledgement with words of its own (a lone "I understand." is a bare formula).
ACK = "I understand, that is a stressful start to your day."


def rules(g: Grade, dimension: str) -> list[tuple[str, float]]:
    for d in g.dimensions:
        if d.name == dimension:
            return [(e.rule, e.points) for e in d.evidence]
    raise KeyError(dimension)


def points(g: Grade, dimension: str, rule: str) -> float:
    return sum(p for r, p in rules(g, dimension) if r == rule)


# -- the model answer -----------------------------------------------------------------
def test_the_model_answer_scores_full_marks_and_passes() -> None:
    g = grade(good_mail_transcript(), spec())
    assert g.scores() == {
        "empathy": 100,
        "restating": 100,
        "avoided": 100,
        "timeliness": 100,
        "escalation": 100,
    }
    assert g.overall == 100 and g.passed and g.reasons == ()


def test_every_credit_quotes_the_trainees_own_words() -> None:
    t = good_mail_transcript()
    g = grade(t, spec())
    texts = {turn.index: turn.text for turn in t.turns}
    for d in g.dimensions:
        for e in d.evidence:
            assert e.rule.startswith(("empathy.", "restate.", "time.", "escalate.", "avoided."))
            if e.points > 0:
                assert e.turn is not None and e.quote and e.quote in texts[e.turn]
            if e.span is not None:
                assert e.turn is not None and texts[e.turn][e.span[0] : e.span[1]] == e.quote


# -- empathy --------------------------------------------------------------------------
def test_first_reply_to_venting_must_acknowledge() -> None:
    on_time = transcript(reply(ACK, said("empathy", "I understand"), venting=True))
    late = transcript(
        reply("What is the problem?", venting=True),
        reply(ACK, said("empathy", "I understand"), venting=True),
    )
    never = transcript(reply("What is the problem?", venting=True))
    assert points(grade(on_time, spec()), "empathy", "empathy.first_venting") == 50
    assert points(grade(late, spec()), "empathy", "empathy.late_ack") == 25
    assert grade(never, spec()).score("empathy") == 0


def test_the_same_i_understand_five_times_earns_less_than_twice() -> None:
    ack = said("empathy", "I understand")
    five = transcript(*(reply("I understand.", ack, venting=True) for _ in range(5)))
    twice = transcript(
        reply("I understand.", ack, venting=True),
        reply("I understand.", ack, venting=True),
        *(reply("Right.", venting=True) for _ in range(3)),
    )
    g5, g2 = grade(five, spec()), grade(twice, spec())
    assert (g5.score("empathy") or 0) < (g2.score("empathy") or 0)
    templates = [p for r, p in rules(g5, "empathy") if r == "empathy.template"]
    assert templates == [-10.0] * 4  # every reuse of the sentence costs 10
    repeated = [r for r, _ in rules(g5, "empathy") if r == "empathy.repeated"]
    assert len(repeated) == 3
    # boilerplate is compared folded: case and punctuation do not make it new
    shouty = transcript(
        *(
            reply(p, said("empathy", p), venting=True)
            for p in ("I understand", "I UNDERSTAND!", "i understand...")
        )
    )
    assert [r for r, _ in rules(grade(shouty, spec()), "empathy")].count("empathy.repeated") == 1


def test_empathy_next_to_an_avoided_phrase_is_cut_and_the_phrase_still_costs() -> None:
    clean = transcript(reply(ACK, said("empathy", "I understand"), venting=True))
    vague = transcript(
        reply(
            ACK + " maybe later.",
            said("empathy", "I understand"),
            said("avoided", "maybe later", "vague"),
            venting=True,
        )
    )
    dismissive = transcript(
        reply(
            ACK + " calm down.",
            said("empathy", "I understand"),
            said("avoided", "calm down", "dismissive"),
            venting=True,
        )
    )
    full = grade(clean, spec()).score("empathy")
    half = grade(vague, spec())
    none = grade(dismissive, spec())
    assert points(half, "empathy", "empathy.undercut") == -35  # half of 50 + 20
    assert half.score("empathy") == full // 2
    assert none.score("empathy") == 0
    assert none.score("avoided") == 75 and half.score("avoided") == 90


def test_blocker_in_the_reply_takes_all_empathy_credit() -> None:
    t = transcript(
        reply(
            "Sorry, but you must have deleted it.",
            said("apology", "Sorry"),
            said("avoided", "you must have deleted it", "blame"),
            venting=True,
        )
    )
    assert grade(t, spec()).score("empathy") == 0
    assert grade(t, spec(blockers=())).score("empathy") == 0  # blame contradicts anyway


def test_apology_counts_only_where_warranted() -> None:
    calm = transcript(reply("Sorry, what is it?", said("apology", "Sorry")), start_mood=1)
    upset = transcript(reply("Sorry, what is it?", said("apology", "Sorry")), start_mood=-1)
    slow = transcript(
        reply("Sorry, what is it?", said("apology", "Sorry"), seconds=90), start_mood=1
    )
    assert points(grade(calm, spec()), "empathy", "empathy.apology") == 0
    assert points(grade(upset, spec()), "empathy", "empathy.apology") == 15
    assert points(grade(slow, spec()), "empathy", "empathy.apology") == 15
    twice = transcript(
        reply("Sorry.", said("apology", "Sorry"), venting=True),
        reply("So sorry.", said("apology", "So sorry"), venting=True),
    )
    assert points(grade(twice, spec()), "empathy", "empathy.apology") == 15


def test_naming_the_impact_earns_more() -> None:
    plain = transcript(reply("I understand.", said("empathy", "I understand"), venting=True))
    impact = transcript(
        reply(
            "I understand, with your board meeting so close.",
            said("empathy", "I understand"),
            venting=True,
        )
    )
    assert points(grade(plain, spec()), "empathy", "empathy.impact") == 0
    assert points(grade(impact, spec()), "empathy", "empathy.impact") == 15


def test_a_further_outburst_must_be_acknowledged_again() -> None:
    ack = said("empathy", "I understand")
    ignored = transcript(
        reply("I understand.", ack, venting=True, mood=-1, mood_after=-1),
        reply("Let me see.", venting=True, mood=-1),
    )
    calmer = transcript(
        reply("I understand.", ack, venting=True, mood=-2, mood_after=-1),
        reply("Let me see.", venting=True, mood=-1),
    )
    assert points(grade(ignored, spec()), "empathy", "empathy.flare_up") == 0
    assert points(grade(calmer, spec()), "empathy", "empathy.steady") == 20


# -- restating ------------------------------------------------------------------------
def test_restating_credit_grows_with_coverage() -> None:
    def restating(facts: tuple[str, ...]) -> int:
        items = [said("restate", f"<{f}>", facts=(f,)) for f in facts]
        text = "So " + " ".join(f"<{f}>" for f in facts) + ", right?"
        t = transcript(reply(text, *items, revealed=ALL))
        return grade(t, spec()).score("restating")

    scores = [restating(ALL[:n]) for n in range(1, 5)]
    assert scores == [55, 70, 85, 100]


def test_only_revealed_facts_are_expected() -> None:
    t = transcript(
        reply(
            "So no mail since nine, right?",
            said("restate", "no mail since nine", facts=("no_mail",)),
            revealed=("no_mail",),
        )
    )
    assert grade(t, spec()).score("restating") == 100


def test_restating_must_be_confirmed_and_come_before_the_fix() -> None:
    restate = said("restate", "no mail since nine", facts=("no_mail",))
    unconfirmed = transcript(reply("So no mail since nine.", restate, revealed=("no_mail",)))
    g = grade(unconfirmed, spec())
    assert points(g, "restating", "restate.confirmed") == 0 and g.score("restating") == 80
    fix_first = transcript(
        reply("Fixed within 10 minutes.", said("eta", "within 10 minutes")),
        reply("So no mail since nine, right?", restate, revealed=("no_mail",)),
    )
    g = grade(fix_first, spec())
    assert points(g, "restating", "restate.before_fix") == 0 and g.score("restating") == 80
    same_reply = transcript(
        reply(
            "So no mail since nine, right? Fixed within 10 minutes.",
            restate,
            said("eta", "within 10 minutes"),
            revealed=("no_mail",),
        )
    )
    assert grade(same_reply, spec()).score("restating") == 100


def test_chinese_confirmation_question() -> None:
    t = transcript(
        reply(
            "您是说从早上九点开始收不到邮件,对吗",
            said(
                "restate",
                "从早上九点开始收不到邮件",
                facts=("no_mail",),
            ),
            revealed=("no_mail",),
            lang="zh",
        ),
        lang="zh",
    )
    assert points(grade(t, spec(lang="zh")), "restating", "restate.confirmed") == 20


@pytest.mark.parametrize(
    "text",
    [
        "我确认一下：从早上九点开始收不到邮件，没说错吧？",
        "我确认一下：从早上九点开始收不到邮件，是这样吗？",
        "我确认一下：从早上九点开始收不到邮件？",
    ],
)
def test_a_chinese_restatement_asked_back_with_full_width_marks_is_confirmed(text: str) -> None:
    t = transcript(
        reply(
            text,
            said("restate", "从早上九点开始收不到邮件", facts=("no_mail",)),
            revealed=("no_mail",),
            lang="zh",
        ),
        lang="zh",
    )
    assert points(grade(t, spec(lang="zh")), "restating", "restate.confirmed") == 20


def test_no_restatement_scores_zero() -> None:
    assert grade(transcript(reply("Let me fix it.")), spec()).score("restating") == 0


# -- avoided phrases ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("category", "score"),
    [
        ("blame", 70),
        ("shirking", 75),
        ("dismissive", 75),
        ("refusal", 80),
        ("policy", 80),
        ("impatient", 85),
        ("push_contact", 85),
        ("informal_address", 90),
        ("vague", 90),
        ("excuse", 90),
        ("speculation", 90),
        ("contact_leak", 75),
        ("disparaging", 80),
        ("something_new", 85),
    ],
)
def test_each_category_has_its_deduction(category: str, score: int) -> None:
    t = transcript(reply("Oops.", said("avoided", "Oops", category)))
    assert grade(t, spec(blockers=())).score("avoided") == score


def test_every_occurrence_costs_and_the_score_stops_at_zero() -> None:
    calm_down = said("avoided", "Calm down", "dismissive")
    two = transcript(
        reply("Calm down."), reply("Calm down.", calm_down), reply("Calm down.", calm_down)
    )
    assert grade(two, spec()).score("avoided") == 50
    many = transcript(*(reply("Calm down.", calm_down) for _ in range(6)))
    assert grade(many, spec()).score("avoided") == 0


def test_a_blocker_fails_an_otherwise_high_score() -> None:
    good = good_mail_transcript()
    last = good.turns[-1]
    text = last.text + " Next time don't fill your mailbox, that's your fault."
    blamed = replace(
        last,
        text=text,
        analysis=reply(
            text,
            said("closing", "Is there anything else I can help you with"),
            said("name_use", "Ms. Chen"),
            said("avoided", "that's your fault", "blame"),
        ).analysis,
    )
    t = replace(good, turns=(*good.turns[:-1], blamed))
    g = grade(t, spec())
    assert g.overall >= g.pass_mark
    assert not g.passed
    assert [b.quote for b in g.blockers_hit] == ["that's your fault"]
    assert g.blockers_hit[0].rule == "blocker.blame" and g.blockers_hit[0].turn == 4
    assert any("fails this scenario" in r for r in g.reasons)
    assert g.improvements[0].quote == "that's your fault"
    assert grade(t, spec(blockers=())).passed


# -- timeliness -----------------------------------------------------------------------
def test_reply_times_against_the_targets() -> None:
    eta = said("eta", "within 10 minutes")
    t = transcript(
        reply("Hello, within 10 minutes.", eta, seconds=25),  # first target 20: late
        reply("Okay.", seconds=50),  # target 45: late
        reply("Okay.", seconds=91),  # more than twice over
        reply("Okay.", seconds=45),  # on the target: fine
    )
    g = grade(t, spec())
    assert rules(g, "timeliness") == [
        ("time.first_reply", -15),
        ("time.reply", -10),
        ("time.reply", -15),
    ]
    very = transcript(reply("Hello, within 10 minutes.", eta, seconds=41))
    assert grade(very, spec()).score("timeliness") == 75


def test_eta_required_and_vague_times() -> None:
    none = transcript(reply("Let me look."))
    assert grade(none, spec()).score("timeliness") == 75
    assert grade(none, spec(eta_required=False)).score("timeliness") == 100
    vague = transcript(
        reply(
            "I'll fix it soon, within 10 minutes.",
            said("avoided", "soon", "vague"),
            said("eta", "within 10 minutes"),
        )
    )
    assert grade(vague, spec()).score("timeliness") == 90


def test_a_promise_needs_a_time_in_it_or_the_next_reply() -> None:
    promise = said("ownership", "I'll take care of it")
    bare = transcript(reply("I'll take care of it.", promise), reply("Okay."))
    timed = transcript(
        reply("I'll take care of it.", promise),
        reply("You'll hear from me within 10 minutes.", said("eta", "within 10 minutes")),
    )
    assert points(grade(bare, spec(eta_required=False)), "timeliness", "time.promise_eta") == -10
    assert points(grade(timed, spec()), "timeliness", "time.promise_eta") == 0


# -- escalation -----------------------------------------------------------------------
BASE = (
    reply(
        "I'm sorry, I understand.",
        said("apology", "I'm sorry"),
        said("empathy", "I understand"),
        venting=True,
    ),
    reply(
        "So no mail since nine and mail bounces, right?",
        said("restate", "no mail since nine", facts=["no_mail"]),
        said("restate", "mail bounces", facts=["bouncing"]),
    ),
)
NOTE = "No mail since nine; mail to her bounces; quota checked"


def escalated(*told: object, target: str = "second_line", note: str = NOTE, at: int = 4) -> object:
    turns = list(BASE)
    while len(turns) < at - 2:
        turns.append(reply("One moment."))
    turns.extend(told)  # type: ignore[arg-type]
    turns.append(command("escalate", target, note))
    return transcript(*turns, outcome="escalated")


TOLD = reply(
    "I'm passing this to second line; they will call you within 30 minutes.",
    said("escalate", "I'm passing this to second line"),
    said("eta", "within 30 minutes"),
)
TOLD_NO_ETA = reply(
    "I'm passing this to second line.", said("escalate", "I'm passing this to second line")
)


def test_a_complete_escalation_earns_everything() -> None:
    g = grade(escalated(TOLD), escalation_spec())  # type: ignore[arg-type]
    assert g.score("escalation") == 100 and g.score("timeliness") == 100 and g.passed


def test_an_eta_less_escalation_loses_timeliness_and_escalation_points() -> None:
    with_eta = grade(escalated(TOLD), escalation_spec())  # type: ignore[arg-type]
    without = grade(escalated(TOLD_NO_ETA), escalation_spec())  # type: ignore[arg-type]
    assert without.score("escalation") < with_eta.score("escalation")
    assert without.score("timeliness") < with_eta.score("timeliness")
    assert points(without, "escalation", "escalate.told_when") == 0
    assert points(without, "timeliness", "time.handoff_eta") == -20


def test_escalating_a_plain_password_reset_costs_escalation_points() -> None:
    reset = spec(escalation=EscalationSpec(expected=False), facts=())
    handled = transcript(
        reply(
            "I'll reset it now; you'll have a new password within 2 minutes.",
            said("eta", "within 2 minutes"),
        )
    )
    over = transcript(
        reply(
            "I'll pass this to second line; they'll call within 2 minutes.",
            said("escalate", "I'll pass this to second line"),
            said("eta", "within 2 minutes"),
        ),
        command("escalate", "second_line", "password reset"),
        outcome="escalated",
    )
    said_only = transcript(
        reply(
            "I'll pass this to second line; they'll call within 2 minutes.",
            said("escalate", "I'll pass this to second line"),
            said("eta", "within 2 minutes"),
        )
    )
    assert grade(handled, reset).score("escalation") == 100
    assert grade(over, reset).score("escalation") == 0
    assert grade(said_only, reset).score("escalation") == 50


def test_over_escalation_costs_as_much_as_under_escalation() -> None:
    under = grade(transcript(*BASE), escalation_spec())
    over = grade(escalated(TOLD), spec())  # type: ignore[arg-type]
    assert under.score("escalation") == over.score("escalation") == 0
    assert under.improvements[0].dimension == "escalation"


def test_wrong_target_outside_window_and_thin_note() -> None:
    wrong = grade(escalated(TOLD, target="vendor"), escalation_spec())  # type: ignore[arg-type]
    assert wrong.score("escalation") == 80
    late = grade(escalated(reply("Hm."), reply("Hm."), TOLD, at=7), escalation_spec())  # type: ignore[arg-type]
    assert points(late, "escalation", "escalate.window") == 0
    thin = grade(escalated(TOLD, note="No mail since nine"), escalation_spec())  # type: ignore[arg-type]
    assert points(thin, "escalation", "escalate.note") == 7.5
    assert thin.score("escalation") == 93  # 92.5 rounds half up


def test_the_best_of_several_escalations_is_graded() -> None:
    t = transcript(
        *BASE,
        command("escalate", "vendor", NOTE),
        TOLD,
        command("escalate", "second_line", NOTE),
        outcome="escalated",
    )
    sp = escalation_spec()
    g = grade(t, replace(sp, escalation=replace(sp.escalation, window=(2, 5))))
    assert g.score("escalation") == 100
    assert ("escalate.again", 0.0) in rules(g, "escalation")


def test_saying_it_is_escalated_without_the_command() -> None:
    t = transcript(*BASE, TOLD, outcome="escalated")
    g = grade(t, escalation_spec())
    assert points(g, "escalation", "escalate.decision") == 40
    assert points(g, "escalation", "escalate.target") == 0
    assert points(g, "escalation", "escalate.note") == 0


# -- etiquette ------------------------------------------------------------------------
def test_etiquette_only_when_weighted() -> None:
    t = good_mail_transcript()
    assert "etiquette" not in grade(t, spec()).scores()
    weights = {
        "empathy": 0.2,
        "restating": 0.2,
        "avoided": 0.2,
        "timeliness": 0.1,
        "escalation": 0.1,
        "etiquette": 0.2,
    }
    g = grade(t, spec(weights=weights))
    # greeting 25 + closing 25 + name twice 25 + no jargon 20
    assert g.score("etiquette") == 95


def test_jargon_costs_more_with_a_confused_customer() -> None:
    weights = {"empathy": 1.0, "etiquette": 1.0}
    t = transcript(
        reply(
            "Good morning. Your SMTP relay is down.",
            said("greeting", "Good morning"),
            said("jargon", "SMTP relay"),
        ),
    )
    confused = grade(t, spec(kind="confused", weights=weights))
    angry = grade(t, spec(weights=weights))
    assert points(confused, "etiquette", "etiquette.jargon") == -10
    assert points(angry, "etiquette", "etiquette.jargon") == -5
    assert confused.score("etiquette") == 15 and angry.score("etiquette") == 20


# -- overall, pass/fail, reasons, improvements ----------------------------------------
def test_overall_is_the_normalised_weighted_mean() -> None:
    weights = {
        "empathy": 2.0,
        "restating": 0.0,
        "avoided": 2.0,
        "timeliness": 0.0,
        "escalation": 0.0,
    }
    assert normalised_weights(spec(weights=weights))["empathy"] == 0.5
    t = transcript(reply("I understand.", said("empathy", "I understand"), venting=True))
    g = grade(t, spec(weights=weights))
    # a lone "I understand." is a bare formula: 25 + 20 steady
    assert g.score("empathy") == 45 and g.score("avoided") == 100
    assert g.overall == 73  # 0.5 * 45 + 0.5 * 100, rounded half up


def test_only_good_outcomes_pass() -> None:
    good = good_mail_transcript()
    for outcome, words in [
        ("hung_up", "hung up"),
        ("complaint_filed", "complaint"),
        ("abandoned", "ended the call"),
        (None, "unfinished"),
    ]:
        g = grade(replace(good, outcome=outcome), spec())
        assert g.overall == 100 and not g.passed
        assert len(g.reasons) == 1 and words in g.reasons[0]
    assert grade(replace(good, outcome="escalated"), spec()).passed


def test_below_the_pass_mark_fails_with_the_numbers() -> None:
    g = grade(good_mail_transcript(), spec(pass_mark=101))
    assert g.reasons == ("Overall 100 is below the pass mark of 101.",)


def test_an_attempt_without_a_reply_is_not_graded() -> None:
    for t in (transcript(outcome=None), transcript(command("end"), outcome="abandoned")):
        g = grade(t, spec())
        assert not g.graded and not g.passed and g.overall is None
        assert set(g.scores().values()) == {None}
        assert g.improvements == () and "not graded" in g.reasons[0]
    one = grade(transcript(reply("Hello, how can I help?"), outcome=None), spec())
    assert one.graded and one.overall is not None


def test_improvements_are_the_three_most_valuable_with_a_rewrite() -> None:
    t = transcript(
        reply(
            "Hey, what's the problem?",
            said("avoided", "Hey", "informal_address"),
            seconds=75,
            venting=True,
        ),
        reply(
            "Calm down, it's probably Outlook.",
            said("avoided", "Calm down", "dismissive", suggestion="I can hear how urgent this is."),
            said("avoided", "probably", "vague"),
            venting=True,
        ),
        outcome="hung_up",
    )
    g = grade(t, spec())
    assert len(g.improvements) == 3
    values = [i.value for i in g.improvements]
    assert values == sorted(values, reverse=True)
    assert all(i.say_instead for i in g.improvements)
    assert g.improvements[0].dimension == "empathy"
    calm = [i for i in g.improvements if i.quote == "Calm down"]
    assert calm and calm[0].say_instead == "I can hear how urgent this is."


def test_rewrites_follow_the_transcript_language() -> None:
    t = transcript(reply("喂,什么事?", venting=True, lang="zh"), lang="zh", outcome="hung_up")
    g = grade(t, spec(lang="zh", customer_names=("陈女士",)))
    first = g.improvements[0]
    assert first.dimension == "empathy" and "陈女士" in first.say_instead
    assert "我理解" in first.say_instead


def test_a_hand_off_note_is_graded_on_the_facts_it_carries_as_content() -> None:
    def note_points(note: str, s: RubricSpec) -> float:
        t = transcript(
            reply("I'm so sorry, Ms. Chen."),
            command("escalate", "second_line", note),
            reply("Second line has it and will call you within 10 minutes."),
        )
        return points(grade(t, s), "escalation", "escalate.note")

    full = "Ms Chen has had no mail since nine and colleagues' mail to her bounces back."
    assert note_points(full, escalation_spec()) == 15
    assert note_points("no mail, bounce", escalation_spec()) == 7.5  # bare keywords: half
    # with no facts listed, a note must still carry a fact of the case
    any_facts = spec(escalation=EscalationSpec(True, ("second_line",), (2, 4), ()))
    assert note_points("urgent", any_facts) == 0
    assert note_points("urgent: no mail since nine, the board is in 40 minutes", any_facts) == 15


def test_a_lone_formula_earns_half_of_a_real_acknowledgement() -> None:
    lone = transcript(reply("I'm sorry.", said("apology", "I'm sorry"), venting=True))
    real = transcript(
        reply(
            "I'm sorry, Ms. Chen, with the board in forty minutes that's the worst timing.",
            said("apology", "I'm sorry"),
            venting=True,
        )
    )
    assert points(grade(lone, spec()), "empathy", "empathy.bare_formula") == 25
    assert points(grade(real, spec()), "empathy", "empathy.first_venting") == 50
    assert (grade(lone, spec()).score("empathy") or 0) < (grade(real, spec()).score("empathy") or 0)


def test_blame_in_the_hand_off_note_fails_like_blame_in_a_reply() -> None:
    good = good_mail_transcript()
    note = "Mailbox full since 9. Probably someone in her team deleted the archive."
    blamed = command(
        "escalate",
        "second_line",
        note,
        said("avoided", "Probably someone in her team deleted the archive", "blame"),
    )
    t = replace(good, turns=(*good.turns, blamed))
    g = grade(t, spec())
    assert not g.passed
    assert [b.rule for b in g.blockers_hit] == ["blocker.blame"]
    assert grade(t, spec()).score("avoided") == grade(good, spec()).score("avoided")
    assert grade(t, spec(blockers=())).blockers_hit == ()
