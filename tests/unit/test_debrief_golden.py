"""Golden renderings of the debrief: terminal (80 columns, no colour) and Markdown.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/test_debrief_golden.py``
and review the diff.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from rich.console import Console

from scoring.context import Fact
from scoring.debrief.content import Debrief, build_debrief
from scoring.debrief.markdown import render_markdown
from scoring.rubric import grade
from scoring.rubric_spec import EscalationSpec
from scoring.transcript import Transcript
from simulator.tui.debrief_view import render_debrief
from tests.builders import command, good_mail_transcript, reply, said, spec, transcript

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
OPENING = (
    "Finally! I haven't received a single email since nine this morning and I present to "
    "the board in forty minutes. This is unacceptable!"
)


def poor_transcript() -> Transcript:
    return transcript(
        reply(
            "Hey, what's the problem?",
            said("avoided", "Hey", "informal_address"),
            seconds=75,
            venting=True,
            customer_line=OPENING,
            customer_reply="Don't 'hey' me. My mail is dead and my meeting is in forty minutes!",
            revealed=("board_meeting", "no_mail"),
        ),
        reply(
            "Calm down, it's probably just Outlook being slow. [bold]Not[/] my fault.",
            said("avoided", "Calm down", "dismissive"),
            said("avoided", "probably", "vague"),
            said("avoided", "Not[/] my fault", "blame"),
            seconds=60,
            venting=True,
            customer_reply="Don't you dare blame me. I'm putting in a formal complaint. [click]",
        ),
        outcome="complaint_filed",
    )


def zh_transcript() -> Transcript:
    return transcript(
        reply(
            "您好,陈女士!非常抱歉给您带来不便,我理解这让您很着急。",
            said("greeting", "您好"),
            said("name_use", "陈女士"),
            said("apology", "非常抱歉给您带来不便"),
            said("empathy", "我理解这让您很着急"),
            seconds=9,
            venting=True,
            mood=-2,
            mood_after=-1,
            customer_line="我的邮箱从早上九点起就收不到邮件了,四十分钟后我要向董事会汇报!",
            customer_reply="对,而且同事说发给我的邮件都被退回了。",
            revealed=("no_mail", "board_meeting", "bouncing"),
            lang="zh",
        ),
        reply(
            "您是说从早上九点起收不到新邮件,同事发给您的邮件也被退回,对吗?",
            said("restate", "从早上九点起收不到新邮件", facts=("no_mail",)),
            said("restate", "邮件也被退回", facts=("bouncing",)),
            seconds=18,
            mood_after=0,
            customer_reply="没错。能在会前解决吗?",
            lang="zh",
        ),
        reply(
            "这需要二线同事处理。我马上把情况转交给他们,他们会在30分钟内给您回电。",
            said("escalate", "我马上把情况转交给他们"),
            said("eta", "30分钟内"),
            seconds=30,
            mood_after=1,
            customer_reply="好,我等电话。",
            lang="zh",
        ),
        command(
            "escalate",
            "second_line",
            "用户九点起收不到邮件,外部来信被退回;已确认非客户端问题",
            lang="zh",
        ),
        outcome="escalated",
        lang="zh",
    )


ZH_FACTS = (
    Fact("no_mail", "九点起收不到邮件", ("收不到|没收到", "九点")),
    Fact("board_meeting", "四十分钟后向董事会汇报", ("董事会", "汇报")),
    Fact("bouncing", "来信被退回", ("退回|退信",)),
)


def debriefs() -> dict[str, Debrief]:
    good = good_mail_transcript()
    poor = poor_transcript()
    zh = zh_transcript()
    zh_spec = spec(
        lang="zh",
        facts=ZH_FACTS,
        customer_names=("陈女士",),
        escalation=EscalationSpec(True, ("second_line",), (2, 5), ("no_mail", "bouncing")),
        weights={
            "empathy": 0.25,
            "restating": 0.2,
            "avoided": 0.2,
            "timeliness": 0.1,
            "escalation": 0.15,
            "etiquette": 0.1,
        },
    )
    common = {"title": "Mail stopped before the board meeting", "kind": "angry"}
    return {
        "debrief_good_en": build_debrief(
            scenario_id="angry-mail-outage-en",
            lang="en",
            transcript=good,
            grade=grade(good, spec()),
            previous=[(2, "2024-05-02T10:30", 64, False), (1, "2024-05-01T09:12", 41, False)],
            channel="phone",
            **common,
        ),
        "debrief_poor_en": build_debrief(
            scenario_id="angry-mail-outage-en",
            lang="en",
            transcript=poor,
            grade=grade(poor, spec()),
            channel="phone",
            **common,
        ),
        "debrief_harmful_en": _harmful_played(),
        "debrief_zh": build_debrief(
            scenario_id="angry-mail-outage-zh",
            title="董事会前邮件中断",
            kind="vip",
            lang="zh",
            transcript=zh,
            grade=grade(zh, zh_spec),
            previous=[(1, "2024-05-01T09:12", 58, False)],
            channel="phone",
        ),
    }


def _harmful_played() -> Debrief:
    """The bundled harmful walkthrough of password-reset-en, played with the real analyser:
    polite wording around a password asked for in the chat and a colleague's login."""
    import yaml

    from simulator.engine.headless import play_script
    from simulator.engine.replies import parse_replies
    from simulator.scenario.catalog import bundled_dir, load_scenario
    from simulator.tui.debrief_view import scenario_debrief

    data = yaml.safe_load(
        (bundled_dir() / "password-reset-en.harmful.walkthrough.yaml").read_text(encoding="utf-8")
    )
    scenario = load_scenario("password-reset-en")
    run = play_script(scenario, parse_replies("\n".join(data["turns"])), seed=data["seed"])
    return scenario_debrief(scenario, run.result.transcript, run.result.grade, attempt_no=1)


def terminal_text(debrief: Debrief) -> str:
    console = Console(
        width=80, color_system=None, force_terminal=False, record=True, file=io.StringIO()
    )
    render_debrief(debrief, console)
    return console.export_text()


def check(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} is missing; run with UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8"), (
        f"{name} differs from the golden file; if the change is intended, "
        "regenerate with UPDATE_GOLDEN=1 and review the diff"
    )


@pytest.mark.parametrize(
    "name", ["debrief_good_en", "debrief_poor_en", "debrief_harmful_en", "debrief_zh"]
)
def test_terminal_rendering_matches_golden(name: str) -> None:
    check(f"{name}.txt", terminal_text(debriefs()[name]))


@pytest.mark.parametrize(
    "name", ["debrief_good_en", "debrief_poor_en", "debrief_harmful_en", "debrief_zh"]
)
def test_markdown_rendering_matches_golden(name: str) -> None:
    check(f"{name}.md", render_markdown(debriefs()[name]))
