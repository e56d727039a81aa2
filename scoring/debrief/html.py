"""The debrief as one self-contained HTML page (a pure function of the Debrief).

No network: inline CSS, an inline SVG mood chart, no scripts, no external references,
and a Content-Security-Policy that forbids loading anything. All trainee and scenario
text goes through :func:`html.escape`.
"""

from __future__ import annotations

import html

from scoring.debrief.content import (
    AnnotatedTurn,
    Debrief,
    MoodPoint,
    Point,
    Segment,
    dimension_title,
    fmt_mood,
    fmt_points,
    fmt_weight,
    quoted,
    shown,
)
from scoring.debrief.wording import (
    hints_line,
    improvement_heading,
    improvement_worth,
    labels,
    meta_line,
    mood_heading,
    passed_words,
    turn_heading,
)
from scoring.message import ENGLISH, Words
from scoring.safe_text import printable

CSS = """
:root { --good: #1b7f3b; --bad: #b3261e; --ink: #1d1d1f; --mute: #6b6b70; --line: #d8d8dc; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC",
  "PingFang TC", "Microsoft JhengHei", "Noto Sans CJK TC", "WenQuanYi Micro Hei",
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
    return html.escape(printable(text), quote=True)


def _segments(segments: tuple[Segment, ...], w: Words) -> str:
    out: list[str] = []
    for seg in segments:
        if seg.tone is None:
            out.append(esc(seg.text))
            continue
        said = labels(seg, w)
        out.append(
            f'<mark class="{seg.tone}" title="{esc(said)}">{esc(seg.text)}</mark>'
            f'<span class="label">{esc(said)}</span>'
        )
    return "".join(out)


def _point(point: Point, w: Words) -> str:
    e = point.evidence
    cls = "plus" if e.points > 0 else ("minus" if e.points < 0 else "zero")
    return (
        f'<li><span class="{cls}">{esc(fmt_points(e.points))}</span> '
        f"{esc(w.gettext(dimension_title(point.dimension)))} "
        f"<code>{esc(e.rule)}</code> {esc(w.text(e.note))}</li>"
    )


def mood_svg(debrief: Debrief, width: int = 640, height: int = 200, words: Words = ENGLISH) -> str:
    """The customer's mood over the call as an inline SVG line chart (-2 .. +2)."""
    points: tuple[MoodPoint, ...] = debrief.mood
    left, right, top, bottom = 90, 16, 12, 28
    inner_w, inner_h = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + (inner_w * i / (len(points) - 1) if len(points) > 1 else inner_w / 2)

    def y(mood: int) -> float:
        return top + inner_h * (2 - max(-2, min(2, mood))) / 4

    _ = words.gettext
    aria = _("The customer's mood after each turn")
    parts = [
        f'<svg role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{esc(aria)}">'
    ]
    for mood in range(2, -3, -1):
        yy = y(mood)
        parts.append(
            f'<line x1="{left}" y1="{yy:.1f}" x2="{width - right}" y2="{yy:.1f}" '
            'stroke="#e3e3e6" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 8}" y="{yy + 4:.1f}" text-anchor="end">'
            f"{esc(fmt_mood(mood))} {esc(_(debrief.mood_word(mood)))}</text>"
        )
    coords = " ".join(f"{x(i):.1f},{y(p.mood):.1f}" for i, p in enumerate(points))
    parts.append(f'<polyline points="{coords}" fill="none" stroke="#3a6ea5" stroke-width="2"/>')
    for i, p in enumerate(points):
        label = _("start") if p.turn == 0 else _("turn {n}").format(n=p.turn)
        colour = "#1b7f3b" if p.mood > 0 else ("#b3261e" if p.mood < 0 else "#6b6b70")
        parts.append(
            f'<circle cx="{x(i):.1f}" cy="{y(p.mood):.1f}" r="4" fill="{colour}">'
            f"<title>{esc(label)}: {esc(_(debrief.mood_word(p.mood)))}</title></circle>"
        )
        parts.append(
            f'<text x="{x(i):.1f}" y="{height - 8}" text-anchor="middle">'
            f"{esc(_('start')) if p.turn == 0 else p.turn}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _turn(turn: AnnotatedTurn, debrief: Debrief, w: Words) -> str:
    _ = w.gettext
    customer = esc(_("Customer:"))
    you = esc(_("You:"))
    out = [
        f'<article class="turn" id="turn-{turn.index}">',
        f"<h3>{esc(turn_heading(turn, debrief, w))}</h3>",
    ]
    if turn.shown_customer_line:
        line = esc(w.scenario(turn.shown_customer_line))
        out.append(f'<p class="customer">{customer} {line}</p>')
    if turn.is_reply:
        out.append(f'<p class="you"><strong>{you}</strong> {_segments(turn.segments(), w)}</p>')
    else:
        target = (
            " " + esc(_("to {target}")).format(target=f"<strong>{esc(turn.target)}</strong>")
            if turn.target
            else ""
        )
        out.append(
            f'<p class="you"><strong>{you}</strong> <code>/{esc(turn.command or "")}</code>{target}</p>'
        )
        if turn.note:
            note = esc(_("Hand-off note:"))
            out.append(f'<p class="you">{note} {_segments(turn.segments(), w)}</p>')
    if turn.points:
        out.append('<ul class="points">' + "".join(_point(p, w) for p in turn.points) + "</ul>")
    if turn.customer_reply:
        reply = esc(w.scenario(turn.customer_reply))
        out.append(f'<p class="customer">{customer} {reply}</p>')
    out.append("</article>")
    return "\n".join(out)


def _scores(debrief: Debrief, w: Words) -> list[str]:
    _ = w.gettext
    g = debrief.grade
    body = [
        f"<section><h2>{esc(_('Scores'))}</h2><table>",
        f'<tr><th>{esc(_("Dimension"))}</th><th class="num">{esc(_("Score"))}</th><th></th>'
        f'<th class="num">{esc(_("Weight"))}</th><th>{esc(_("Summary"))}</th></tr>',
    ]
    for d in g.dimensions:
        low = " low" if d.score is not None and d.score < g.pass_mark else ""
        body.append(
            f"<tr><td>{esc(_(dimension_title(d.name)))}</td>"
            f'<td class="num">{esc(shown(d.score, w))}</td>'
            f'<td><div class="bar{low}"><span style="width:{d.score or 0}%"></span></div></td>'
            f'<td class="num">{esc(fmt_weight(d.weight))}</td><td>{esc(w.text(d.summary))}</td></tr>'
        )
    pass_mark = _("pass mark {pass_mark}").format(pass_mark=g.pass_mark)
    body.append(
        f'<tr><th>{esc(_("Overall"))}</th><th class="num">{g.overall}</th><th></th><th></th>'
        f"<th>{esc(pass_mark)}</th></tr></table>"
    )
    general = debrief.general_points()
    if general:
        body.append('<ul class="points">' + "".join(_point(p, w) for p in general) + "</ul>")
    body.append("</section>")
    return body


def _improvements(debrief: Debrief, w: Words) -> list[str]:
    _ = w.gettext
    body = [f"<section><h2>{esc(_('What to change first'))}</h2>"]
    if debrief.improvements:
        body.append('<ol class="improvements">')
        for imp in debrief.improvements:
            said = (
                f'{esc(_("You said:"))} <span class="quote">“{esc(imp.quote)}”</span><br>'
                if imp.quote
                else ""
            )
            body.append(
                f"<li><strong>{esc(improvement_heading(imp, w))}</strong> "
                f"({esc(improvement_worth(imp, w))})<br>"
                + said
                + f"{esc(_('Why:'))} {esc(w.text(imp.problem))}<br>"
                f"{esc(_('Say instead:'))} "
                f'<span class="instead">{esc(quoted(w.scenario(imp.say_instead)))}</span></li>'
            )
        body.append("</ol>")
    else:
        body.append(f"<p>{esc(_('Nothing to change: every rule was met.'))}</p>")
    body.append("</section>")
    return body


def _previous(debrief: Debrief, w: Words) -> list[str]:
    _ = w.gettext
    g = debrief.grade
    body = [
        f"<section><h2>{esc(_('Earlier attempts'))}</h2><table><tr>"
        f"<th>{esc(_('Attempt'))}</th><th>{esc(_('Finished'))}</th>"
        f'<th class="num">{esc(_("Overall"))}</th><th>{esc(_("Result"))}</th></tr>'
    ]
    for p in debrief.previous:
        body.append(
            f"<tr><td>#{p.attempt_no}</td><td>{esc(p.finished_at)}</td>"
            f'<td class="num">{p.overall}</td>'
            f"<td>{esc(passed_words(p.passed, w))}</td></tr>"
        )
    body.append(
        f"<tr><td>{esc(_('#{n} (this)').format(n=debrief.attempt_no))}</td><td></td>"
        f'<td class="num">{g.overall}</td>'
        f"<td>{esc(passed_words(g.passed, w))}</td></tr></table>"
    )
    if debrief.progress:
        body.append(f"<p>{esc(w.text(debrief.progress))}</p>")
    body.append("</section>")
    return body


def render_html(debrief: Debrief, words: Words = ENGLISH) -> str:
    """The debrief as one HTML page in the language of ``words`` (declared in ``lang``)."""
    w = words
    _ = w.gettext
    g = debrief.grade
    title = _("Debrief: {title}").format(title=w.scenario(debrief.title))
    meta = esc(meta_line(debrief, w, "\x00")).replace(
        "\x00", f"<code>{esc(debrief.scenario_id)}</code>"
    )
    body: list[str] = [
        "<header>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">{meta}</p>',
    ]
    people = []
    if debrief.trainee_id:
        people.append(_("Trainee: {trainee}").format(trainee=debrief.trainee_id))
    if debrief.transcript.hints_used:
        people.append(hints_line(debrief.transcript.hints_used, w))
    if people:
        body.append(f'<p class="meta">{esc(" · ".join(people))}</p>')
    body.append(
        f'<p class="verdict {"pass" if g.passed else "fail"}">{esc(w.text(debrief.headline))}</p>'
    )
    if g.reasons:
        body.append(f"<p>{esc(_('Why it did not pass:'))}</p><ul>")
        body += [f"<li>{esc(w.text(r))}</li>" for r in g.reasons]
        body.append("</ul>")
    body.append("</header>")
    body += _scores(debrief, w)
    body += _improvements(debrief, w)
    if len(debrief.mood) > 0:
        body.append(
            f"<section><h2>{esc(mood_heading(w))}</h2>"
            f'<figure class="mood">{mood_svg(debrief, words=w)}</figure></section>'
        )
    body.append(f"<section><h2>{esc(_('Transcript'))}</h2>")
    body += [_turn(t, debrief, w) for t in debrief.turns] or [
        f"<p>{esc(_('No turns were played.'))}</p>"
    ]
    body.append("</section>")
    if debrief.previous:
        body += _previous(debrief, w)
    if debrief.disputes:
        body.append(f"<section><h2>{esc(_('Disputes'))}</h2><ul>")
        for dispute in debrief.disputes:
            line = _("Turn {turn}: “{reason}” — {ruling}").format(
                turn=dispute.turn, reason=dispute.reason, ruling=w.text(dispute.ruling)
            )
            body.append(f"<li>{esc(line)}</li>")
        body.append("</ul></section>")
    if debrief.figure is not None:
        body.append(
            f"<section><h2>{esc(_('From the training material'))}</h2>"
            f"<blockquote>{esc(w.text(debrief.figure.text))}"
            f"<br><small>{esc(w.text(debrief.figure.source))}</small></blockquote></section>"
        )

    head = (
        "<!DOCTYPE html>\n"
        f'<html lang="{w.tag}">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n"
    )
    return head + "<body><main>\n" + "\n".join(body) + "\n</main></body>\n</html>\n"
