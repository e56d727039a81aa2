"""Register: what counts as informal address depends on the desk, set per scenario."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scoring.analysis.analyzer import Analyzer
from scoring.context import ReplyContext
from scoring.register import applies, default_register
from simulator.scenario.reader import parse_scenario_text

ROOT = Path(__file__).resolve().parents[2]


def informal(text: str, lang: str, register: str) -> bool:
    analysis = Analyzer.for_language(lang).analyze(text, ReplyContext(lang=lang, register=register))
    return any(s.category == "informal_address" for s in analysis.signals)


@pytest.mark.parametrize(
    ("text", "lang", "formal", "standard", "casual"),
    [
        ("Hi Sam, let me look at that for you.", "en", True, False, False),
        ("Hey there! What seems to be the problem?", "en", True, True, False),
        ("No worries mate, I'll sort it.", "en", True, True, True),
        ("@acme_help Hi Jo, sorry about that.", "en", True, False, False),
        ("亲，您的订单已经发出了哦", "zh", True, True, False),
        ("好的亲，马上帮您查", "zh", True, True, False),
        ("美女，您稍等一下", "zh", True, True, True),
        ("小妹帮您查一下订单", "zh", False, False, False),
    ],
)
def test_informal_address_follows_the_register(
    text: str, lang: str, formal: bool, standard: bool, casual: bool
) -> None:
    assert informal(text, lang, "formal") is formal
    assert informal(text, lang, "standard") is standard
    assert informal(text, lang, "casual") is casual


def test_rules_apply_from_their_register_up() -> None:
    assert applies(None, "casual")
    assert applies("standard", "formal") and applies("standard", "standard")
    assert not applies("formal", "standard")


SCENARIO = Path(ROOT / "scenarios" / "password-reset-en.yaml").read_text(encoding="utf-8")


def test_an_internal_desk_is_formal_on_every_channel_and_consumer_chat_standard() -> None:
    assert parse_scenario_text(SCENARIO).register == "formal"
    consumer = SCENARIO.replace("channel: chat", "channel: chat\naudience: consumer")
    assert parse_scenario_text(consumer).register == "standard"
    assert default_register("consumer", "phone") == "formal"
    chosen = SCENARIO.replace("channel: chat", "channel: chat\nregister: casual")
    assert parse_scenario_text(chosen).reply_context().register == "casual"


def test_check_takes_the_register_from_the_command_line() -> None:
    def run(*extra: str) -> list[str]:
        out = subprocess.run(
            [sys.executable, "-m", "simulator", "check", "Hi Sam, one moment.", "--json", *extra],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return [s.get("category") for s in json.loads(out)["signals"]]

    assert "informal_address" in run()
    assert "informal_address" not in run("--register", "standard")
