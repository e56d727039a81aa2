import pytest

from simulator.errors import ScenarioError
from simulator.scenario.catalog import list_scenarios, load_scenario
from simulator.scenario.reader import parse_scenario_text
from tests.scenario_text import MINIMAL


def parse_error(text: str) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        parse_scenario_text(text, "s.yaml")
    return info.value


def line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


def test_minimal_scenario_loads():
    s = parse_scenario_text(MINIMAL, "s.yaml")
    assert s.initial == "opening"
    assert [t.trigger for t in s.transitions] == ["avoided", "empathy", "eta", "eta", "/escalate"]
    assert s.transitions[0].sources == ("opening", "calmer")
    assert s.rubric_spec().kind == "angry"
    assert s.reply_context().revealed == frozenset({"no_mail"})


def test_transition_to_unknown_state_names_position_and_suggests():
    text = MINIMAL.replace("    to: calmer", "    to: calmr")
    err = parse_error(text)
    assert err.code == "E130"
    assert err.location.line == line_of(text, "    to: calmr")
    assert err.location.column == 9
    assert "did you mean 'calmer'" in err.hint


def test_unknown_trigger_is_an_error():
    text = MINIMAL.replace("on: empathy", "on: empathie")
    err = parse_error(text)
    assert err.code == "E131" and "empathy" in err.hint


def test_missing_initial_state():
    text = MINIMAL.replace("initial: opening", "initial: start")
    assert parse_error(text).code == "E130"


def test_no_terminal_state_is_an_error():
    text = MINIMAL.replace("    terminal: resolved\n", "").replace("    terminal: hung_up\n", "")
    assert parse_error(text).code == "E133"


def test_unknown_key_with_did_you_mean():
    text = MINIMAL.replace("briefing:", "brefing:")
    err = parse_error(text)
    assert err.code == "E102" and "briefing" in err.hint
    assert err.location.line == line_of(text, "brefing: A tiny scenario.")


def test_yaml11_boolean_in_text_is_caught():
    text = MINIMAL.replace('lines: ["Thanks."]', "lines: [no]")
    err = parse_error(text)
    assert err.code == "E108" and '"no"' in err.hint


def test_unknown_fact_in_reveals():
    text = MINIMAL.replace("reveals: [no_mail]", "reveals: [no_mial]")
    err = parse_error(text)
    assert err.code == "E122" and "no_mail" in err.hint


def test_unknown_signal_category_in_condition():
    text = MINIMAL.replace("on: avoided\n", 'on: avoided\n    if: {signals: ["avoided:rude"]}\n')
    assert parse_error(text).code == "E121"


def test_pass_mark_out_of_range():
    text = MINIMAL + "rubric: {pass_mark: 120}\n"
    assert parse_error(text).code == "E106"


def test_error_message_renders_file_line_column():
    text = MINIMAL.replace("    to: calmer", "    to: calmr")
    rendered = str(parse_error(text))
    assert rendered.startswith(f"s.yaml:{line_of(text, '    to: calmr')}:9: error [E130]")
    assert "hint:" in rendered


def test_bundled_scenarios_all_load():
    listing = list_scenarios()
    assert listing.errors == ()
    assert len(listing.scenarios) >= 1
    assert load_scenario("angry-mail-outage-en").language == "en"


def test_unknown_scenario_id_suggests():
    with pytest.raises(ScenarioError) as info:
        load_scenario("angry-mail-outage")
    assert "angry-mail-outage-en" in info.value.hint
