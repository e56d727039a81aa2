"""`/hint`: a nudge from the training guide about what the trainee has not done yet."""

from __future__ import annotations

from collections.abc import Sequence

from scoring.transcript import Turn
from simulator.engine.customer import Customer
from simulator.scenario.model import Scenario

_HINTS = {
    "en": {
        "empathy": 'Acknowledge the feeling before the fix: "I understand how stressful this is, especially with …"',
        "restate": 'Restate what you heard and check it: "So since this morning …, is that right?"',
        "eta": "Give a concrete time, not 'soon': \"I'll call you back within 15 minutes with an update.\"",
        "escalate": "If it is beyond first line, hand it off with the full picture and tell the customer who calls back and when.",
        "plain": 'Use plain words and one step at a time, then check: "Can you see the File menu?"',
        "name": "Use the customer's name and a formal greeting; VIPs expect recognition and an owner.",
        "closing": 'Summarise what was done, confirm it works, and ask: "Is there anything else I can help you with?"',
    },
    "zh": {
        "empathy": "先回应情绪再谈解决：“我理解这个情况让您很着急……”",
        "restate": "复述并确认：“您是说……，对吗？”",
        "eta": "给出具体时间，不要说“回头再说”：“我十五分钟内给您回电话。”",
        "escalate": "超出一线能力时要升级，交接信息要完整，并告诉客户谁会在什么时间联系他。",
        "plain": "用通俗的话，一步一步来，每步确认：“您能看到‘文件’菜单吗？”",
        "name": "称呼客户的姓名和职务，VIP 需要被重视、有专人负责、有明确时间。",
        "closing": "总结处理结果、确认问题已解决，再问：“请问还有什么可以帮助您的吗？”",
    },
}


def hint_for(scenario: Scenario, customer: Customer, turns: Sequence[Turn]) -> str:
    """The state's own hint if the author wrote one, else the first skill not yet shown."""
    if customer.spec.hint:
        return customer.spec.hint
    hints = _HINTS[scenario.language]
    said = customer.said
    if "empathy" not in said and "apology" not in said:
        return hints["empathy"]
    if scenario.facts and "restate" not in said:
        return hints["restate"]
    if scenario.kind == "confused" and "plain_step" not in said:
        return hints["plain"]
    if scenario.kind == "vip" and "name_use" not in said:
        return hints["name"]
    escalated = any(t.command == "escalate" for t in turns)
    if scenario.escalation.expected and not escalated:
        return hints["escalate"]
    if "eta" not in said:
        return hints["eta"]
    return hints["closing"]
