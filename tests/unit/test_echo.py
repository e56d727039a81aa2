"""Echo versus restatement: the customer's sentence back in their own voice earns nothing."""

from __future__ import annotations

from scoring.echo import echoed
from scoring.rubric import grade
from tests.builders import reply, said, spec, transcript

HEARD = [
    "I haven't received any email since nine and I present to the board at ten!",
    "收到。补充一下:财务部其他五位同事也都看不到,整个预算文件夹都是空的。我们现在还能在里面存东西吗?",
]


def test_the_customer_s_first_person_copied_back_is_an_echo():
    assert echoed("So you're saying: I haven't received any email since nine", HEARD)
    assert echoed("您是说我们现在还能在里面存东西吗,对吗?", HEARD)
    assert echoed(
        "So you're saying I'm not very good with computers?", ["I'm not very good with computers."]
    )


def test_a_long_quotation_of_the_customer_is_an_echo():
    assert echoed("您是说“财务部其他五位同事也都看不到,整个预算文件夹都是空的”,对吗?", HEARD)


def test_a_restatement_in_the_trainee_s_voice_is_not():
    assert echoed("So you haven't received any email since nine, is that right?", HEARD) is None
    assert echoed("您是说财务部另外五位同事也看不到,文件夹是空的,对吗?", HEARD) is None
    # a stock phrase both happen to use is not the customer's sentence
    assert (
        echoed(
            "So if I've got this right: the yellow folder isn't on the new one?",
            ["I've got this new computer since Monday and my folder has disappeared."],
        )
        is None
    )
    # a cut-off word is not a first person: "...since nine a" is not "I"
    assert (
        echoed('Your error is "Paper jam B2", the same as yesterday?', ["Same 'Paper jam B2'"])
        is None
    )


def test_an_echo_earns_no_restating_credit():
    line = HEARD[0]
    echo = "So you're saying: I haven't received any email since nine"
    g = grade(
        transcript(reply(echo, said("restate", echo, facts=("no_mail",)), customer_line=line)),
        spec(),
    )
    rules = [(e.rule, e.points) for d in g.dimensions if d.name == "restating" for e in d.evidence]
    assert ("restate.echo", 0.0) in rules
    assert not any(r == "restate.fact" and p > 0 for r, p in rules)
