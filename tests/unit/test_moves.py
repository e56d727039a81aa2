"""Right and wrong moves: recognised by content per sentence, graded under resolution."""

from __future__ import annotations

import pytest

from scoring.moves import BLOCKER, RIGHT, WRONG, Move, moves_in_text, moves_in_turn
from scoring.rubric import grade, normalised_weights
from tests.builders import command, reply, spec, transcript

UNLOCK = Move("unlock", RIGHT, "Unlock the account", ("i've|i have|i'll|let me", "unlock"))
RULES = Move("rules", RIGHT, "Say the 12-character rule", ("at least 12",), after=("unlock",))
HAND_OFF = Move("hand_off", RIGHT, "Hand it to second line", escalate=("second_line",))
ASK_PASSWORD = Move(
    "ask_password",
    WRONG,
    "Asking for his password in the chat",
    ("type|send|tell|give", "password", "here|to me|in the chat"),
    severity=BLOCKER,
)
LEAK = Move("leak", WRONG, "Giving out Tom's mobile", ("give|pass on", "mobile|number"))
KEEP_SAVING = Move("keep_saving", WRONG, "Saving into the folder", ("存|保存", "没关系|照常"))
NO_SAVING = Move("no_saving", RIGHT, "Ask them not to save there", ("不要|别", "存"))


def made(text: str, *moves: Move) -> list[str]:
    return [h.move.id for h in moves_in_text(text, moves)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I've unlocked your account.", ["unlock"]),
        ("Account unlocks have to be done by second line.", []),
        ("I can't unlock it, I'm afraid.", []),
        ("Please type your password here so I can check it.", ["ask_password"]),
        ("Please don't send it to me here.", []),
        ("Type the temporary password into the box and press Enter.", []),
    ],
)
def test_a_move_needs_every_keyword_group_in_one_sentence_and_no_negation(text, expected):
    assert made(text, UNLOCK, ASK_PASSWORD) == expected


def test_a_refusal_that_offers_the_alternative_is_not_the_wrong_move():
    assert made("I can't give out his mobile number, but I'll have him call you.", LEAK) == []
    assert made("Sure, I'll give you his mobile number: 07700 900412.", LEAK) == ["leak"]


def test_chinese_negation_a_not_a_questions_and_a_move_that_is_itself_a_prohibition():
    assert made("存新文件也没关系。", KEEP_SAVING) == ["keep_saving"]
    assert made("请先不要存新文件,存在本地也没关系。", NO_SAVING) == ["no_saving"]
    assert made("能不能先别存?", NO_SAVING) == ["no_saving"]


ASK_TRAINING = Move("ask_training", RIGHT, "Ask about the training", ("培训", "参加|听过|去"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("那次培训,您去听过没有呀?", ["ask_training"]),
        ("您有没有参加过培训?", ["ask_training"]),
        ("培训您参加了没?", ["ask_training"]),
        ("我没有参加培训。", []),
        ("培训我参加过没有用。", []),
    ],
)
def test_a_chinese_question_tail_or_a_not_a_asks_and_does_not_negate(text, expected):
    assert made(text, ASK_TRAINING) == expected


def test_a_semicolon_ends_a_clause_so_a_later_item_s_negation_stays_there():
    rules = Move("rules", RIGHT, "Say the rules", ("至少8位|8位", "大写"))
    listed = "新密码得凑齐这几样:至少8位;有大写字母;有数字;还不能跟以前用过的一样。"
    assert made(listed, rules) == ["rules"]
    assert made("新密码至少8位；不能有大写字母。", rules) == []
    assert made(
        "At least 8 characters; don't reuse an old one.", Move("r", RIGHT, "", ("at least 8",))
    ) == ["r"]


def test_a_dash_ends_a_clause_so_an_earlier_no_does_not_cancel_the_move():
    back = Move("back", RIGHT, "Hand control back", ("control back",))
    assert made("And no, I'm not in your computer any more — I gave the control back.", back) == [
        "back"
    ]
    assert made("I'm logged off - control back with you.", back) == ["back"]
    assert made("No — I won't give the control back yet.", back) == []


def test_groups_split_over_two_sentences_do_not_make_a_move():
    assert made("I'll look at it. Unlocking takes a minute.", UNLOCK) == []


OPEN_FOLDER = Move(
    "open_folder",
    RIGHT,
    "Guide her to the yellow folder",
    ("yellow folder", "bottom|click"),
    sentences=2,
)


def test_a_move_declared_over_two_sentences_may_spread_over_two_in_a_row():
    text = "Look along the bottom of your screen. There's a yellow folder there. Click it once."
    assert [h.quote for h in moves_in_text(text, (OPEN_FOLDER,))] == [
        "Look along the bottom of your screen. There's a yellow folder there."
    ]
    assert made("Look at the bottom. Then the top. There's a yellow folder.", OPEN_FOLDER) == []
    # a negation in one sentence does not cancel a keyword of the other
    assert made("Don't worry. There's a yellow folder at the bottom.", OPEN_FOLDER) == [
        "open_folder"
    ]
    assert made("Don't click anything yet. A yellow folder is there.", OPEN_FOLDER) == []


def test_a_keyword_ending_in_a_contracted_not_is_negated():
    leak = Move("leak", WRONG, "Giving out his mobile", ("his", "mobile is"))
    assert made("His own mobile isn't something I can pass on.", leak) == []
    assert made("His mobile is 07700 900412.", leak) == ["leak"]


def test_an_escalation_move_is_made_by_the_command_only():
    assert [h.move.id for h in moves_in_turn("", "escalate", "second_line", (HAND_OFF,))] == [
        "hand_off"
    ]
    assert moves_in_turn("", "escalate", "vendor", (HAND_OFF,)) == ()
    assert moves_in_turn("/escalate second_line", None, None, (HAND_OFF,)) == ()


def _spec(*moves: Move):
    return spec(moves=moves)


def test_resolution_is_assessed_only_with_moves_and_takes_its_default_weight():
    assert "resolution" not in grade(transcript(reply("Hello.")), spec()).scores()
    weights = normalised_weights(_spec(UNLOCK))
    assert weights["resolution"] == pytest.approx(0.3)
    assert sum(weights.values()) == pytest.approx(1.0)


def test_each_required_right_move_earns_its_share_and_order_matters():
    s = _spec(UNLOCK, RULES)
    both = grade(transcript(reply("I've unlocked it."), reply("Use at least 12 characters.")), s)
    assert both.score("resolution") == 100
    early = grade(transcript(reply("Use at least 12 characters."), reply("I've unlocked it.")), s)
    assert early.score("resolution") == 75
    half = grade(transcript(reply("I've unlocked it.")), s)
    assert half.score("resolution") == 50
    assert not half.passed
    assert any("not solved" in r for r in half.reasons)


def test_a_blocking_wrong_move_fails_however_politely_it_is_wrapped():
    g = grade(
        transcript(
            reply("I'm so sorry, I completely understand. I've unlocked your account."),
            reply("Thank you so much! Could you type your old password here for me?"),
        ),
        _spec(UNLOCK, ASK_PASSWORD),
    )
    assert not g.passed
    assert g.score("resolution") == 50
    assert any(b.rule == "blocker.move.ask_password" for b in g.blockers_hit)
    assert any("password" in r and "whatever the score" in r for r in g.reasons)
    assert g.improvements[0].dimension == "resolution"


def test_an_escalation_right_move_counts_from_the_command():
    g = grade(
        transcript(reply("I'm handing this to second line."), command("escalate", "second_line")),
        _spec(HAND_OFF),
    )
    assert g.score("resolution") == 100


# -- the customer: moves drive and guard the script, wrong moves make them react -----
MOVES_YAML = """\
moves:
  right:
    - id: restart
      summary: Restart the mail service yourself
      keywords: ["i've|i have|i'll", "restart"]
  wrong:
    - id: ask_password
      summary: Asking for her password
      severity: blocker
      keywords: ["send|give|tell", "password"]
      reaction: {say: ["My password? Certainly not."], patience: -1, mood: -1}
"""


def _session():
    from simulator.engine.clock import FakeClock
    from simulator.engine.session import Session
    from simulator.scenario.reader import parse_scenario_text
    from tests.fake_analyzer import tag_analyze
    from tests.scenario_text import MINIMAL

    text = MINIMAL.replace("transitions:\n", MOVES_YAML + "transitions:\n", 1)
    text = text.replace(
        "transitions:\n",
        "transitions:\n  - from: calmer\n    on: move\n    if: {moves: [restart]}\n"
        "    say: ['Restarted? Good.']\n",
        1,
    )
    scenario = parse_scenario_text(text, "tiny.yaml")
    session = Session(scenario, clock=FakeClock(), seed=1, analyze=tag_analyze)
    session.open()
    return session


def test_a_wrong_move_is_answered_by_the_customer_s_reaction():
    from simulator.engine.entry import Entry

    s = _session()
    patience = s.customer.patience
    message = s.submit(Entry("[empathy] I'm so sorry. Could you send me your password?"))
    assert message.text == "My password? Certainly not."
    assert s.customer.patience == patience - 1
    assert s.customer.state == "opening"


def test_the_move_trigger_fires_on_a_new_right_move_and_good_endings_need_every_one():
    from simulator.engine.entry import Entry

    s = _session()
    s.submit(Entry("[empathy] I understand"))
    s.submit(Entry("[restate:no_mail] [eta] No mail since nine; fixed in 10 minutes"))
    assert s.customer.state == "calmer"  # resolved needs the restart first
    assert s.submit(Entry("I've restarted the mail service.")).text == "Restarted? Good."
    s.submit(Entry("[eta] It will be back within 10 minutes"))
    assert s.outcome == "resolved"
    s.release()
    s.release()  # idempotent


def test_the_scenario_reader_checks_move_references():
    from simulator.errors import ScenarioError
    from simulator.scenario.reader import parse_scenario_text
    from tests.scenario_text import MINIMAL

    bad = MINIMAL.replace("transitions:\n", MOVES_YAML + "transitions:\n", 1).replace(
        "    if: {facts_restated: [no_mail]}", "    if: {moves: [restrat]}"
    )
    with pytest.raises(ScenarioError, match="restrat"):
        parse_scenario_text(bad, "tiny.yaml")
    dup = MINIMAL.replace(
        "transitions:\n",
        MOVES_YAML.replace("id: ask_password", "id: restart") + "transitions:\n",
        1,
    )
    with pytest.raises(ScenarioError, match="duplicate move id"):
        parse_scenario_text(dup, "tiny.yaml")


def test_a_signal_reference_parses_checks_and_matches():
    from scoring.signal import Analysis, Signal
    from scoring.signal_ref import (
        CATEGORY_ON_OTHER,
        UNKNOWN_CATEGORY,
        UNKNOWN_SIGNAL,
        SignalRef,
    )

    ref = SignalRef.parse("avoided:blame")
    assert (ref.name, ref.category, str(ref), ref.problem()) == (
        "avoided",
        "blame",
        "avoided:blame",
        None,
    )
    assert SignalRef.parse("empathy:blame").problem() == CATEGORY_ON_OTHER
    assert SignalRef.parse("avoided:bleme").problem() == UNKNOWN_CATEGORY
    assert SignalRef.parse("empahty").problem() == UNKNOWN_SIGNAL
    assert ref.matches("avoided", "blame") and not ref.matches("avoided", "vague")
    assert SignalRef.parse("avoided").matches("avoided", "vague")
    found = Analysis("x", "en", (Signal("avoided", (0, 1), "x", "r", "blame"),))
    assert ref.found_in(found) and not SignalRef.parse("avoided:vague").found_in(found)


@pytest.mark.parametrize(
    ("moves", "code"),
    [
        ("moves:\n  right:\n    - {id: a, summary: A}\n", "E1"),  # no keywords, no escalate
        ("moves:\n  wrong:\n    - {id: a, summary: A, keywords: [x], severity: fatal}\n", "E1"),
        ("moves:\n  right:\n    - {id: a, summary: A, keywords: [x], after: [b]}\n", "E151"),
        ("moves:\n  right:\n    - {id: a, summary: A, escalate: [second_lne]}\n", "E124"),
        ("moves:\n  right:\n    - {id: a, summary: A, keywords: [x], sentences: 4}\n", "E1"),
        ("moves:\n  wrong:\n    - {id: a, summary: A, keywords: [x], sentences: 2}\n", "E1"),
        (
            "moves:\n  wrong:\n    - {id: a, summary: A, keywords: [x], reaction: {to: nowhere}}\n",
            "E130",
        ),
    ],
)
def test_lint_reports_a_broken_move_with_its_position(moves: str, code: str):
    from simulator.authoring.lint import lint_text
    from tests.scenario_text import MINIMAL

    report = lint_text(MINIMAL.replace("transitions:\n", moves + "transitions:\n", 1), "s.yaml")
    errors = [i for i in report.issues if i.is_error]
    assert errors, moves
    assert errors[0].code.startswith(code)
    assert "s.yaml:" in errors[0].render()


def test_reassurance_that_something_did_not_happen_is_not_the_wrong_move():
    delete = Move("delete", WRONG, "Deleting her files", ("delete|remove", "files|folder"))
    assert made("Nothing has been deleted, your files are safe.", delete) == []
    assert made("Your files haven't been removed.", delete) == []
    assert made("Please delete the old folder.", delete) == ["delete"]
    blame = Move("blame", WRONG, "Blaming the secretary", ("秘书", "弄坏|没插好"))
    assert made("秘书没弄坏任何东西。", blame) == []
    assert made("一般是秘书没插好线。", blame) == ["blame"]  # the keyword's own 没 is no cue


@pytest.mark.parametrize(
    ("block", "where"),
    [
        ("moves:\n  right:\n    - {id: a, summary: A, escalate: [second_lne]}\n", "escalate[0]"),
        ("escalation:\n  expected: true\n  targets: [second_lne]\n", "escalation.targets[0]"),
    ],
)
def test_an_unknown_escalation_target_is_one_message_wherever_it_is_named(block: str, where: str):
    from simulator.authoring.lint import lint_text
    from simulator.errors import ScenarioError
    from simulator.scenario.reader import parse_scenario_text
    from tests.scenario_text import MINIMAL

    text = MINIMAL.replace("transitions:\n", block + "transitions:\n", 1)
    (issue,) = [i for i in lint_text(text, "s.yaml").issues if i.code == "E124"]
    assert f"{where}: unknown escalation target 'second_lne'" in issue.message
    assert issue.hint == "did you mean 'second_line'?"
    with pytest.raises(ScenarioError) as played:  # play refuses it with the same words
        parse_scenario_text(text, "s.yaml")
    assert played.value.code == "E124"
    assert "unknown escalation target 'second_lne'" in played.value.message
    assert played.value.hint == issue.hint
    assert (played.value.location.line, played.value.location.column) == (
        issue.location.line,
        issue.location.column,
    )
