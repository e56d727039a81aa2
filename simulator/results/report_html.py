"""The report as one self-contained HTML page: inline CSS, an inline SVG chart, no scripts.

Nothing is fetched: no fonts, images, scripts or style sheets from elsewhere, so the page
opens the same from an e-mail attachment, a file share or a browser with no network.
Every piece of trainee or scenario text is HTML-escaped.
"""

from __future__ import annotations

from html import escape

from scoring.message import ENGLISH, N_, Words
from simulator.results import report_words as words_of
from simulator.results.report import Report, number, percent
from simulator.results.table import iso

PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#17becf",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
)
MAX_COLOURED = len(PALETTE)
WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 48, 20, 16, 44
SPAN = 50  # the chart shows margins from -50 to +50 points

CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC",
       "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
       color: #1d2329; background: #fff; margin: 0; }
main { max-width: 980px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.2em; margin: 28px 0 8px; border-bottom: 1px solid #d8dee4; padding-bottom: 4px; }
.meta { color: #57606a; margin: 0 0 8px; }
.kpis { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.kpi { border: 1px solid #d8dee4; border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.kpi b { display: block; font-size: 1.4em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #eaeef2; vertical-align: top; }
th { background: #f3f6f9; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.pass { color: #116329; font-weight: 600; }
.fail { color: #b42318; font-weight: 600; }
.none { color: #6e7781; }
.bar { background: #eaeef2; border-radius: 3px; height: 12px; min-width: 120px; }
.bar span { display: block; height: 12px; border-radius: 3px; background: #2da44e; }
tr.weakest .bar span { background: #cf222e; }
tr.weakest td:first-child, tr.below td:first-child { font-weight: 600; color: #b42318; }
tr.below .bar span { background: #cf222e; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 16px; }
.legend i { display: inline-block; width: 14px; height: 4px; margin-right: 6px; vertical-align: middle; }
svg text { font: 12px system-ui, sans-serif; fill: #57606a; }
@media print { main { padding: 0; } h2 { break-after: avoid; } }
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def render_html(report: Report, words: Words = ENGLISH) -> str:
    """The report as one page in the language of ``words`` (declared in ``lang``)."""
    w = words
    _ = w.gettext
    t = report.totals
    heading = words_of.title(report, w)
    generated = _("Generated {moment} (UTC)").format(moment=iso(report.generated_at))
    weakest = words_of.skill(report.weakest, w) if report.weakest else "—"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(w.tag)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(heading)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body><main>",
        f"<h1>{_e(heading)}</h1>",
        f'<p class="meta">{_e(generated)}' + _filters_text(report) + "</p>",
        '<div class="kpis">',
        _kpi(_("Trainees"), str(t.trainees)),
        _kpi(
            _("Attempts"),
            _("{attempts} ({graded} graded)").format(attempts=t.attempts, graded=t.graded),
        ),
        _kpi(_("Pass rate"), percent(t.pass_rate)),
        _kpi(_("Average overall"), number(t.average_overall)),
        _kpi(_("Weakest skill"), weakest),
        "</div>",
        _h2(_("Progress against the pass mark")),
        f'<p class="meta">{_e(_(CHART_NOTE))}</p>',
        _chart(report, w),
        _h2(_("Trainees")),
        _trainee_table(report, w),
        _h2(_("Skills: cohort averages")),
        _skill_table(report, w),
        _h2(_("Scenarios")),
        _scenario_table(report, w),
        "</main></body></html>",
    ]
    return "\n".join(parts) + "\n"


CHART_NOTE = N_(
    "Each point is one attempt's overall minus the pass mark of its own scenario, so "
    "scenarios with different pass marks compare: above 0 passed, below 0 did not."
)


def _filters_text(report: Report) -> str:
    found = report.filters.to_json()
    if not found:
        return ""
    return " · " + ", ".join(f"{_e(k)}: {_e(v)}" for k, v in found.items())


def _h2(text: str) -> str:
    return f"<h2>{_e(text)}</h2>"


def _kpi(label: str, value: str) -> str:
    return f'<div class="kpi">{_e(label)}<b>{_e(value)}</b></div>'


def _head(*names: tuple[str, bool]) -> str:
    cells = "".join(
        f"<th class=num>{_e(n)}</th>" if num else f"<th>{_e(n)}</th>" for n, num in names
    )
    return f"<thead><tr>{cells}</tr></thead>"


def _trainee_table(report: Report, w: Words) -> str:
    _ = w.gettext
    rows = [
        '<table id="score-table">',
        _head(
            (_("Trainee"), False),
            (_("Name"), False),
            (_("Cohort"), False),
            (_("Attempts"), True),
            (_("Latest"), True),
            (_("Best"), True),
            (_("Status"), False),
        ),
        "<tbody>",
    ]
    for s in report.trainees:
        said, tone = words_of.status(s, w)
        rows.append(
            f'<tr data-trainee="{_e(s.trainee_id)}"><td>{_e(s.trainee_id)}</td>'
            f"<td>{_e(s.display_name or '')}</td><td>{_e(s.cohort or '')}</td>"
            f"<td class=num>{s.attempts}</td><td class=num>{number(s.latest)}</td>"
            f'<td class=num>{number(s.best)}</td><td><span class="{tone}">{_e(said)}</span></td></tr>'
        )
    if not report.trainees:
        none = _e(_("No attempts match."))
        rows.append(f'<tr><td colspan="7" class="none">{none}</td></tr>')
    rows.append("</tbody></table>")
    return "\n".join(rows)


def _skill_table(report: Report, w: Words) -> str:
    _ = w.gettext
    rows = [
        '<table id="skill-table">',
        _head((_("Skill"), False), (_("Average"), True), (_("Pass mark"), True), ("", False)),
        "<tbody>",
    ]
    below = set(report.below_pass)
    for name, value in report.dimension_averages.items():
        classes = [
            c for c, on in (("weakest", name == report.weakest), ("below", name in below)) if on
        ]
        cls = f' class="{" ".join(classes)}"' if classes else ""
        width = max(0.0, min(100.0, value))
        mark = report.skill_pass_marks.get(name)
        rows.append(
            f'<tr{cls} data-skill="{_e(name)}"><td>{_e(words_of.skill(name, w))}</td>'
            f"<td class=num>{value:.1f}</td>"
            f"<td class=num>{'—' if mark is None else f'{mark:.0f}'}</td>"
            f'<td><div class="bar"><span style="width:{width:.1f}%"></span></div></td></tr>'
        )
    rows.append("</tbody></table>")
    for line in (words_of.weakest(report, w), words_of.below_pass(report, w)):
        if line:
            rows.append(f"<p><strong>{_e(line)}</strong></p>")
    return "\n".join(rows)


def _scenario_table(report: Report, w: Words) -> str:
    _ = w.gettext
    rows = [
        '<table id="scenario-table">',
        _head(
            (_("Scenario"), False),
            (_("Title"), False),
            (_("Attempts"), True),
            (_("Passed"), True),
            (_("Pass rate"), True),
            (_("Pass mark"), True),
            (_("Average by attempt number"), False),
        ),
        "<tbody>",
    ]
    for s in report.scenarios:
        rows.append(
            f"<tr><td>{_e(s.scenario_id)}</td><td>{_e(s.title)}</td>"
            f"<td class=num>{s.attempts}</td><td class=num>{s.passed}/{s.graded}</td>"
            f"<td class=num>{percent(s.pass_rate)}</td><td class=num>{number(s.pass_mark)}</td>"
            f"<td>{_e(words_of.scenario_progress(report, w, s.scenario_id))}</td></tr>"
        )
    rows.append("</tbody></table>")
    return "\n".join(rows)


def _chart(report: Report, w: Words) -> str:
    """Margin over the pass mark by attempt number: one line per trainee, the average dashed."""
    _ = w.gettext
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    longest = max((len(s.margins) for s in report.trainees), default=0)

    def x(n: int) -> float:  # n counts from 1
        return LEFT + (plot_w / 2 if longest <= 1 else (n - 1) * plot_w / (longest - 1))

    def y(margin: float) -> float:
        return TOP + plot_h * (1 - (max(-SPAN, min(SPAN, margin)) + SPAN) / (2 * SPAN))

    chart_title = _("Overall minus the pass mark, by attempt number")
    out = [
        f'<svg id="progress-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="img" aria-labelledby="progress-chart-title" preserveAspectRatio="xMidYMid meet">',
        f'<title id="progress-chart-title">{_e(chart_title)}</title>',
    ]
    for tick in (-SPAN, -SPAN // 2, 0, SPAN // 2, SPAN):
        shown = f"{tick:+d}" if tick else "0"
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            'stroke="#eaeef2"/>'
            f'<text x="{LEFT - 8}" y="{y(tick) + 4:.1f}" text-anchor="end">{shown}</text>'
        )
    for n in range(1, longest + 1):
        out.append(
            f'<text x="{x(n):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{n}</text>'
        )
    axis = _e(_("attempt"))
    out.append(
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 6}" text-anchor="middle">{axis}</text>'
    )
    py = y(0)
    mark = _e(_("pass mark (each scenario its own)"))
    out.append(
        f'<line class="pass-mark" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{py:.1f}" '
        f'y2="{py:.1f}" stroke="#2da44e" stroke-dasharray="6 4"/>'
        f'<text x="{LEFT + 6}" y="{py - 5:.1f}" text-anchor="start">'
        f"{mark}</text>"
    )
    if longest == 0:
        empty = _e(_("No graded attempts yet."))
        out.append(f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle">{empty}</text>')
    coloured = len(report.trainees) <= MAX_COLOURED
    legend: list[str] = []
    for i, s in enumerate(report.trainees):
        if not s.margins:
            continue
        colour = PALETTE[i % len(PALETTE)] if coloured else "#c4ccd4"
        points = " ".join(f"{x(n):.1f},{y(v):.1f}" for n, v in enumerate(s.margins, start=1))
        label = _e(s.display_name or s.trainee_id)
        out.append(
            f'<g class="trainee" data-trainee="{_e(s.trainee_id)}"><title>{label}</title>'
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
        )
        for n, (v, overall) in enumerate(zip(s.margins, s.progress, strict=True), start=1):
            tip = _("{name}, attempt {n}: {overall} ({margin:+d} against the pass mark)").format(
                name=s.display_name or s.trainee_id, n=n, overall=overall, margin=v
            )
            out.append(
                f'<circle cx="{x(n):.1f}" cy="{y(v):.1f}" r="3.5" fill="{colour}">'
                f"<title>{_e(tip)}</title></circle>"
            )
        out.append("</g>")
        if coloured:
            legend.append(f'<li><i style="background:{colour}"></i>{label}</li>')
    averages = _average_margins(report)
    if len(report.trainees) > 1 and averages:
        points = " ".join(f"{x(n):.1f},{y(v):.1f}" for n, v in enumerate(averages, start=1))
        average = _e(_("cohort average"))
        out.append(
            f'<polyline class="average" points="{points}" fill="none" stroke="#1d2329" '
            f'stroke-width="3" stroke-dasharray="2 3"><title>{average}</title></polyline>'
        )
        legend.append(f'<li><i style="background:#1d2329"></i>{average}</li>')
    out.append("</svg>")
    if legend:
        out.append('<ul class="legend">' + "".join(legend) + "</ul>")
    return "\n".join(out)


def _average_margins(report: Report) -> list[float]:
    longest = max((len(s.margins) for s in report.trainees), default=0)
    out = []
    for n in range(longest):
        values = [s.margins[n] for s in report.trainees if len(s.margins) > n]
        out.append(sum(values) / len(values))
    return out
