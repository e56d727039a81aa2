"""The debrief as one self-contained HTML page (a pure function of the Debrief).

No network: inline CSS, an inline SVG mood chart, no scripts, no external references,
and a Content-Security-Policy that forbids loading anything. All trainee and scenario
text goes through :func:`html.escape`.
"""

from __future__ import annotations

import html
import re

from scoring.debrief.content import (
    AnnotatedTurn,
    Debrief,
    MoodPoint,
    Point,
    Segment,
    fmt_mood,
    fmt_points,
    fmt_seconds,
    fmt_weight,
    quoted,
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

CSS = """
:root { --good: #1b7f3b; --bad: #b3261e; --ink: #1d1d1f; --mute: #6b6b70; --line: #d8d8dc; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC",
  sans-serif; color: var(--ink); margin: 0; background: #f6f6f8; }
main { max-width: 880px; margin: 0 auto; padding: 24px; background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; }
.meta { color: var(--mute); margin: 0; }
.verdict { font-size: 18px; font-weight: 600; padding: 8px 12px; border-radius: 6px; }
.verdict.pass { background: #e5f4ea; color: var(--good); }
.verdict.fail { background: #fbe9e7; color: var(--bad); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
.bar { width: 120px; height: 10px; background: #eee; border-radius: 5px; overflow: hidden; }
.bar span { display: block; height: 100%; background: var(--good); }
.bar.low span { background: var(--bad); }
ol.improvements li { margin-bottom: 10px; }
.quote { color: var(--bad); } .instead { color: var(--good); font-weight: 600; }
.turn { border-top: 1px solid var(--line); padding: 8px 0; }
.turn h3 { font-size: 14px; color: var(--mute); margin: 0 0 4px; font-weight: 600; }
.customer { font-style: italic; color: #444; margin: 4px 0; }
.you { margin: 4px 0; }
mark { padding: 0 2px; border-radius: 3px; }
mark.good { background: #d6f0dd; } mark.bad { background: #f9d3cf; }
mark.blocker { background: var(--bad); color: #fff; }
.label { font-size: 11px; color: var(--mute); vertical-align: super; margin-left: 2px; }
ul.points { margin: 4px 0; padding-left: 20px; font-size: 13px; color: #333; }
.plus { color: var(--good); } .minus { color: var(--bad); } .zero { color: var(--mute); }
code { font-size: 12px; color: var(--mute); }
svg text { font: 11px system-ui, sans-serif; fill: var(--mute); }
figure.mood { margin: 0; overflow-x: auto; }
blockquote { margin: 0; padding: 8px 12px; border-left: 4px solid var(--good); background: #f3f8f4; }
"""


def esc(text: str) -> str:
    return html.escape(_CONTROL.sub("", text), quote=True)


def _segments(segments: tuple[Segment, ...]) -> str:
    out: list[str] = []
    for seg in segments:
        if seg.tone is None:
            out.append(esc(seg.text))
            continue
        labels = ", ".join(seg.labels)
        out.append(
            f'<mark class="{seg.tone}" title="{esc(labels)}">{esc(seg.text)}</mark>'
            f'<span class="label">{esc(labels)}</span>'
        )
    return "".join(out)


def _point(point: Point) -> str:
    e = point.evidence
    cls = "plus" if e.points > 0 else ("minus" if e.points < 0 else "zero")
    return (
        f'<li><span class="{cls}">{esc(fmt_points(e.points))}</span> {esc(point.dimension)} '
        f"<code>{esc(e.rule)}</code> {esc(e.note)}</li>"
    )


def mood_svg(debrief: Debrief, width: int = 640, height: int = 200) -> str:
    """The customer's mood over the call as an inline SVG line chart (-2 .. +2)."""
    points: tuple[MoodPoint, ...] = debrief.mood
    left, right, top, bottom = 90, 16, 12, 28
    inner_w, inner_h = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + (inner_w * i / (len(points) - 1) if len(points) > 1 else inner_w / 2)

    def y(mood: int) -> float:
        return top + inner_h * (2 - max(-2, min(2, mood))) / 4

    parts = [
        f'<svg role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="The customer\'s mood after each turn">'
    ]
    for mood in range(2, -3, -1):
        yy = y(mood)
        parts.append(
            f'<line x1="{left}" y1="{yy:.1f}" x2="{width - right}" y2="{yy:.1f}" '
            'stroke="#e3e3e6" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 8}" y="{yy + 4:.1f}" text-anchor="end">'
            f"{esc(fmt_mood(mood))} {esc(debrief.mood_word(mood))}</text>"
        )
    coords = " ".join(f"{x(i):.1f},{y(p.mood):.1f}" for i, p in enumerate(points))
    parts.append(f'<polyline points="{coords}" fill="none" stroke="#3a6ea5" stroke-width="2"/>')
    for i, p in enumerate(points):
        label = "start" if p.turn == 0 else f"turn {p.turn}"
        colour = "#1b7f3b" if p.mood > 0 else ("#b3261e" if p.mood < 0 else "#6b6b70")
        parts.append(
            f'<circle cx="{x(i):.1f}" cy="{y(p.mood):.1f}" r="4" fill="{colour}">'
            f"<title>{esc(label)}: {esc(debrief.mood_word(p.mood))}</title></circle>"
        )
        parts.append(
            f'<text x="{x(i):.1f}" y="{height - 8}" text-anchor="middle">'
            f"{'start' if p.turn == 0 else p.turn}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _turn(turn: AnnotatedTurn, debrief: Debrief) -> str:
    timing = fmt_seconds(turn.response_seconds) + (" (late)" if turn.late else "")
    mood = (
        f"mood {fmt_mood(turn.mood_before)} {debrief.mood_word(turn.mood_before)} → "
        f"{fmt_mood(turn.mood_after)} {debrief.mood_word(turn.mood_after)}"
    )
    out = [
        f'<article class="turn" id="turn-{turn.index}">',
        f"<h3>Turn {turn.index} · {esc(timing)} · {esc(mood)}</h3>",
    ]
    if turn.shown_customer_line:
        out.append(f'<p class="customer">Customer: {esc(turn.shown_customer_line)}</p>')
    if turn.is_reply:
        out.append(f'<p class="you"><strong>You:</strong> {_segments(turn.segments())}</p>')
    else:
        target = f" to <strong>{esc(turn.target)}</strong>" if turn.target else ""
        out.append(
            f'<p class="you"><strong>You:</strong> <code>/{esc(turn.command or "")}</code>{target}</p>'
        )
        if turn.note:
            out.append(f'<p class="you">Hand-off note: {_segments(turn.segments())}</p>')
    if turn.points:
        out.append('<ul class="points">' + "".join(_point(p) for p in turn.points) + "</ul>")
    if turn.customer_reply:
        out.append(f'<p class="customer">Customer: {esc(turn.customer_reply)}</p>')
    out.append("</article>")
    return "\n".join(out)


def render_html(debrief: Debrief) -> str:
    g = debrief.grade
    lang = "zh" if debrief.lang.startswith("zh") else "en"
    body: list[str] = [
        "<header>",
        f"<h1>Debrief: {esc(debrief.title)}</h1>",
        f'<p class="meta">Scenario <code>{esc(debrief.scenario_id)}</code> · '
        f"{esc(debrief.kind)} customer · {esc(debrief.lang)} · attempt #{debrief.attempt_no} · "
        f"outcome: {esc(debrief.outcome_words)}</p>",
        f'<p class="verdict {"pass" if g.passed else "fail"}">{esc(debrief.headline)}</p>',
    ]
    if g.reasons:
        body.append("<p>Why it did not pass:</p><ul>")
        body += [f"<li>{esc(r)}</li>" for r in g.reasons]
        body.append("</ul>")
    body.append("</header>")

    body += [
        "<section><h2>Scores</h2><table>",
        '<tr><th>Dimension</th><th class="num">Score</th><th></th>'
        '<th class="num">Weight</th><th>Summary</th></tr>',
    ]
    for d in g.dimensions:
        low = " low" if d.score < g.pass_mark else ""
        body.append(
            f"<tr><td>{esc(debrief.dimension_title(d.name))}</td>"
            f'<td class="num">{d.score}</td>'
            f'<td><div class="bar{low}"><span style="width:{d.score}%"></span></div></td>'
            f'<td class="num">{esc(fmt_weight(d.weight))}</td><td>{esc(d.summary)}</td></tr>'
        )
    body.append(
        f'<tr><th>Overall</th><th class="num">{g.overall}</th><th></th><th></th>'
        f"<th>pass mark {g.pass_mark}</th></tr></table>"
    )
    general = debrief.general_points()
    if general:
        body.append('<ul class="points">' + "".join(_point(p) for p in general) + "</ul>")
    body.append("</section>")

    body.append("<section><h2>What to change first</h2>")
    if debrief.improvements:
        body.append('<ol class="improvements">')
        for imp in debrief.improvements:
            where = f"Turn {imp.turn}" if imp.turn is not None else "The whole call"
            body.append(
                f"<li><strong>{esc(where)}, "
                f"{esc(debrief.dimension_title(imp.dimension).lower())}</strong> "
                f"(worth {imp.value:g} points overall)<br>"
                + (
                    f'You said: <span class="quote">“{esc(imp.quote)}”</span><br>'
                    if imp.quote
                    else ""
                )
                + f"Why: {esc(imp.problem)}<br>"
                f'Say instead: <span class="instead">{esc(quoted(imp.say_instead))}</span></li>'
            )
        body.append("</ol>")
    else:
        body.append("<p>Nothing to change: every rule was met.</p>")
    body.append("</section>")

    if len(debrief.mood) > 0:
        body.append(
            "<section><h2>The customer's mood</h2>"
            f'<figure class="mood">{mood_svg(debrief)}</figure></section>'
        )

    body.append("<section><h2>Transcript</h2>")
    body += [_turn(t, debrief) for t in debrief.turns] or ["<p>No turns were played.</p>"]
    body.append("</section>")

    if debrief.previous:
        body.append(
            "<section><h2>Earlier attempts</h2><table><tr><th>Attempt</th><th>Finished</th>"
            '<th class="num">Overall</th><th>Result</th></tr>'
        )
        for p in debrief.previous:
            body.append(
                f"<tr><td>#{p.attempt_no}</td><td>{esc(p.finished_at)}</td>"
                f'<td class="num">{p.overall}</td>'
                f"<td>{'passed' if p.passed else 'not passed'}</td></tr>"
            )
        body.append(
            f"<tr><td>#{debrief.attempt_no} (this)</td><td></td>"
            f'<td class="num">{g.overall}</td>'
            f"<td>{'passed' if g.passed else 'not passed'}</td></tr></table>"
        )
        if debrief.progress:
            body.append(f"<p>{esc(debrief.progress)}</p>")
        body.append("</section>")

    if debrief.disputes:
        body.append("<section><h2>Disputes</h2><ul>")
        for dispute in debrief.disputes:
            body.append(
                f"<li>Turn {dispute.turn}: “{esc(dispute.reason)}” — {esc(dispute.ruling)}</li>"
            )
        body.append("</ul></section>")

    if debrief.figure is not None:
        body.append(
            f"<section><h2>From the training material</h2><blockquote>{esc(debrief.figure.text)}"
            f"<br><small>{esc(debrief.figure.source)}</small></blockquote></section>"
        )

    head = (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Debrief: {esc(debrief.title)}</title>\n<style>{CSS}</style>\n</head>\n"
    )
    return head + "<body><main>\n" + "\n".join(body) + "\n</main></body>\n</html>\n"
