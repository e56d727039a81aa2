""" "Say instead" rewrites, in the transcript's language (en, zh).

An avoided phrase's own suggestion (from the phrasebook) always wins; these are the
fall-backs per avoided category and per rubric rule, after the training guide's
"say this, not that" table and its model phrases.
"""

from __future__ import annotations

from collections.abc import Sequence

from scoring.context import Fact

_AVOIDED: dict[str, dict[str, str]] = {
    "shirking": {
        "en": "Let me find out for you. What I can do right now is check it myself and call you back within 15 minutes.",
        "zh": "我来帮您查一下。我现在就可以亲自为您处理,15分钟内给您回电。",
    },
    "refusal": {
        "en": "I can't do exactly that, but what I can do is set up a workaround for you right now.",
        "zh": "这个确实无法直接办理,不过我可以马上为您提供一个替代方案。",
    },
    "blame": {
        "en": "I'm sorry this happened. Let me take care of it for you now.",
        "zh": "很抱歉出现这个情况,我现在就为您处理。",
    },
    "dismissive": {
        "en": "I can hear how frustrating this is, and I'll sort it out with you right now.",
        "zh": "我能理解您现在很着急,我马上和您一起解决。",
    },
    "policy": {
        "en": "I can't change that myself, but what I can do is take it to the team that can, today.",
        "zh": "这一项我无法直接修改,但我可以今天就帮您提交给有权限的同事处理。",
    },
    "vague": {
        "en": "I'll have an update for you within 15 minutes.",
        "zh": "我会在15分钟内给您最新进展。",
    },
    "impatient": {
        "en": "Sorry, could you tell me that once more so I get it exactly right?",
        "zh": "不好意思,麻烦您再说一遍,我想确认没有听错。",
    },
    "informal_address": {
        "en": "Good morning{, name}. How can I help you?",
        "zh": "您好{,name}!请问有什么可以帮助您的?",
    },
    "disparaging": {
        "en": "I understand how disruptive this is. Let me fix it for you.",
        "zh": "我理解这给您带来了很大困扰,我来为您解决。",
    },
    "push_contact": {
        "en": "I'll call you back within 15 minutes.",
        "zh": "我会在15分钟内给您回电。",
    },
    "excuse": {
        "en": "Sorry to keep you waiting. I'll handle this right away.",
        "zh": "对不起,让您久等了,我马上为您处理。",
    },
    "speculation": {
        "en": "We can't pin down the cause yet. We're checking a few possibilities and I'll update you within 30 minutes.",
        "zh": "目前还不能确定原因,我们正在排查几种可能,30分钟内给您更新。",
    },
    "contact_leak": {
        "en": "I'll have the engineer contact you directly within 30 minutes.",
        "zh": "我会请工程师在30分钟内直接联系您。",
    },
}
_AVOIDED_DEFAULT = {
    "en": "Say what you can do, and by when.",
    "zh": "说明您能做什么,以及什么时候完成。",
}

_RULES: dict[str, dict[str, str]] = {
    "empathy.first_venting": {
        "en": "I'm so sorry about this{, name}. I understand how stressful it is, and I'll sort it out with you right now.",
        "zh": "非常抱歉给您带来不便{,name},我理解这让您很着急,我马上为您处理。",
    },
    "empathy.impact": {
        "en": "I understand this came up suddenly and must have disrupted your work; we'll fix it as quickly as we can.",
        "zh": "我理解问题来得突然,一定影响了您的工作,我们会尽快为您解决。",
    },
    "empathy.apology": {
        "en": "Sorry to keep you waiting. I'll handle this as fast as I can.",
        "zh": "对不起,让您久等了,我会尽快为您处理。",
    },
    "empathy.flare_up": {
        "en": "I hear you: this has gone on far too long, and I'm on it now.",
        "zh": "我明白,这件事拖得太久了,我现在就在处理。",
    },
    "restate.fact": {
        "en": "Just to make sure I have it right: {facts_to_customer}. Is that right?",
        "zh": "我确认一下:{facts_to_customer},对吗?",
    },
    "restate.before_fix": {
        "en": "Before I change anything, let me check I have it right: {facts_to_customer}. Is that right?",
        "zh": "在处理之前我先确认一下:{facts_to_customer},对吗?",
    },
    "time.first_reply": {
        "en": "Good morning{, name}, I'm here. Let me look at this straight away.",
        "zh": "您好{,name},我在,马上为您查看。",
    },
    "time.reply": {
        "en": "Got it. I'm checking now and will update you within 10 minutes.",
        "zh": "收到,我正在查看,10分钟内给您回复。",
    },
    "time.promise_eta": {
        "en": "I'll call you back within 15 minutes with an update.",
        "zh": "我会在15分钟内给您回电告知进展。",
    },
    "time.handoff_eta": {
        "en": "I've passed this to {target}; they will contact you within 30 minutes.",
        "zh": "我已把问题转给{target},他们会在30分钟内联系您。",
    },
    "escalate.decision": {
        "en": "This needs {target}. Right after this call I'll hand it over with everything you've told me, and they will contact you within 30 minutes.",
        "zh": "这个问题需要{target}处理。通话结束后我马上把完整情况转交给他们,他们会在30分钟内联系您。",
    },
    "escalate.target": {
        "en": "/escalate {target_id} {facts}",
        "zh": "/escalate {target_id} {facts}",
    },
    "escalate.note": {
        "en": "/escalate {target_id} {facts}; already tried: …; needs: …",
        "zh": "/escalate {target_id} {facts};已尝试:……;需要:……",
    },
    "escalate.over": {
        "en": "I can fix this for you right now; it will take two minutes.",
        "zh": "这个我现在就可以为您处理,两分钟内完成。",
    },
    "etiquette.greeting": {
        "en": "Good morning, IT service desk, this is [your name]. How can I help you?",
        "zh": "您好!这里是IT服务台,我是[您的名字],请问有什么可以帮助您的?",
    },
    "etiquette.closing": {
        "en": "Is there anything else I can help you with{, name}? Thank you for calling.",
        "zh": "请问还有什么可以帮助您的吗?感谢您的来电。",
    },
    "etiquette.name": {
        "en": "Thank you{, name}. Let me take care of that for you.",
        "zh": "好的{,name},我来为您处理。",
    },
    "etiquette.plain_step": {
        "en": "Let's take it one step at a time: first, click the File menu. Can you see it?",
        "zh": "我们一步一步来:先点击“文件”菜单,您看到了吗?",
    },
    "etiquette.jargon": {
        "en": "In plain words: the connection has dropped, and I'm reconnecting it for you now.",
        "zh": "简单地说:连接暂时断开了,我现在就帮您重新连上。",
    },
}
_RULES["empathy.late_ack"] = _RULES["empathy.first_venting"]
_RULES["empathy.repeated"] = _RULES["empathy.flare_up"]
_RULES["restate.confirmed"] = _RULES["restate.fact"]
_RULES["restate.any"] = _RULES["restate.fact"]
_RULES["time.eta_missing"] = _RULES["time.promise_eta"]
_RULES["escalate.missed"] = _RULES["escalate.decision"]
_RULES["escalate.window"] = _RULES["escalate.decision"]
_RULES["escalate.told_next"] = _RULES["time.handoff_eta"]
_RULES["escalate.told_when"] = _RULES["time.handoff_eta"]
_RULES["escalate.over_promised"] = _RULES["escalate.over"]

TARGET_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "second_line": "our second-line support team",
        "rnd": "our product development team",
        "vendor": "the vendor's support team",
        "supervisor": "my supervisor",
        "account_manager": "your account manager",
        "field_engineer": "an on-site engineer",
        "security": "our security team",
    },
    "zh": {
        "second_line": "二线技术支持",
        "rnd": "研发团队",
        "vendor": "厂商支持团队",
        "supervisor": "我的主管",
        "account_manager": "您的客户经理",
        "field_engineer": "现场工程师",
        "security": "安全团队",
    },
}


def _lang(lang: str) -> str:
    return "zh" if lang.startswith("zh") else "en"


_EN_SWAPS: dict[str, str] = {
    "was": "were", "is": "are", "has": "have", "does": "do", "hasn't": "haven't",
    "isn't": "aren't", "wasn't": "weren't", "doesn't": "don't",
}  # fmt: skip
_EN_KEEP = frozenset(
    [
        "can",
        "could",
        "cannot",
        "can't",
        "will",
        "won't",
        "would",
        "should",
        "must",
        "might",
        "may",
        "had",
        "did",
        "didn't",
    ]
)
_EN_AFTER_OBJECT = frozenset(
    [
        "and",
        "or",
        "to",
        "at",
        "for",
        "from",
        "in",
        "on",
        "with",
        "by",
        "about",
        "but",
        "a",
        "an",
        "the",
        "that",
        "this",
        "since",
    ]
)
_EN_LOWER = frozenset(
    [
        "the",
        "her",
        "his",
        "she",
        "he",
        "they",
        "their",
        "it",
        "its",
        "a",
        "an",
        "all",
        "no",
        "nothing",
        "every",
        "since",
    ]
)


def _second_person_en(summary: str) -> str:
    """A fact summary said to the customer: "She was given…" → "you were given…"."""
    words = summary.split(" ")
    out: list[str] = []
    after_subject = False
    for i, word in enumerate(words):
        bare = word.lower()
        tail = word[len(word.rstrip(",.;:")) :]
        if bare.rstrip(",.;:") in ("she", "he", "they"):
            out.append("you" + tail)
            after_subject = True
            continue
        if after_subject:
            after_subject = False
            if bare in _EN_SWAPS:
                out.append(_EN_SWAPS[bare])
                continue
            if bare not in _EN_KEEP and bare.isalpha() and bare.endswith("s"):
                stem = bare[:-2] if bare.endswith(("sses", "shes", "ches", "xes")) else bare[:-1]
                out.append(stem[:-1] + "y" if bare.endswith("ies") else stem)
                continue
        core = bare.rstrip(",.;:")
        if core == "her":
            following = words[i + 1].lower() if i + 1 < len(words) and not tail else ""
            object_case = not following.isalpha() or following in _EN_AFTER_OBJECT
            out.append(("you" if object_case else "your") + tail)
            continue
        swap = {"his": "your", "their": "your", "him": "you", "them": "you"}.get(core)
        out.append(swap + tail if swap else word)
    text = " ".join(out)
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.lower() in _EN_LOWER or first == "you" else text


def _said_to_customer(facts: Sequence[Fact], lang: str) -> str:
    if not facts:
        return "……" if lang == "zh" else "…"
    if lang == "zh":
        return ",".join(
            f.summary.replace("她们", "您")
            .replace("他们", "您")
            .replace("她", "您")
            .replace("他", "您")
            for f in facts
        )
    parts = [_second_person_en(f.summary.rstrip(".")) for f in facts]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _fill(
    template: str, lang: str, names: Sequence[str], facts: Sequence[Fact], target: str
) -> str:
    name = names[0] if names else ""
    text = template.replace("{, name}", f", {name}" if name else "")
    text = text.replace("{,name}", f",{name}" if name else "")
    text = text.replace("{facts_to_customer}", _said_to_customer(facts, lang))
    sep = ";" if lang == "zh" else "; "
    summaries = sep.join(f.summary for f in facts) if facts else ("……" if lang == "zh" else "…")
    target_id = target or "second_line"
    target_name = TARGET_NAMES[lang].get(target_id, target_id)
    return (
        text.replace("{facts}", summaries)
        .replace("{target_id}", target_id)
        .replace("{target}", target_name)
    )


def for_avoided(
    category: str | None, suggestion: str | None, lang: str, names: Sequence[str] = ()
) -> str:
    """The say-instead for an avoided phrase: its own suggestion, else the category's."""
    if suggestion:
        return suggestion
    lang = _lang(lang)
    template = _AVOIDED.get(category or "", _AVOIDED_DEFAULT)[lang]
    return _fill(template, lang, names, (), "")


def for_rule(
    rule: str,
    lang: str,
    *,
    names: Sequence[str] = (),
    facts: Sequence[Fact] = (),
    target: str = "",
) -> str:
    """The say-instead for a rubric rule, filled with the customer's name, facts, target."""
    lang = _lang(lang)
    entry = _RULES.get(rule)
    if entry is None:
        return ""
    return _fill(entry[lang], lang, names, facts, target)
