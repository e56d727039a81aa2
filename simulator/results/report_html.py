"""The report as one self-contained HTML page: inline CSS, an inline SVG chart, no scripts.

Nothing is fetched: no fonts, images, scripts or style sheets from elsewhere, so the page
opens the same from an e-mail attachment, a file share or a browser with no network.
Every piece of trainee or scenario text is HTML-escaped.
"""

from __future__ import annotations

from html import escape

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

CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
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
tr.weakest td:first-child { font-weight: 600; color: #b42318; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 16px; }
.legend i { display: inline-block; width: 14px; height: 4px; margin-right: 6px; vertical-align: middle; }
svg text { font: 12px system-ui, sans-serif; fill: #57606a; }
@media print { main { padding: 0; } h2 { break-after: avoid; } }
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def render_html(report: Report) -> str:
    t = report.totals
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(report.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body><main>",
        f"<h1>{_e(report.title)}</h1>",
        f'<p class="meta">Generated {_e(iso(report.generated_at))} (UTC)'
        + _filters_text(report)
        + "</p>",
        '<div class="kpis">',
        _kpi("Trainees", str(t.trainees)),
        _kpi("Attempts", f"{t.attempts} ({t.graded} graded)"),
        _kpi("Pass rate", percent(t.pass_rate)),
        _kpi("Average overall", number(t.average_overall)),
        _kpi("Weakest skill", report.weakest or "—"),
        "</div>",
        "<h2>Progress over attempts</h2>",
        _chart(report),
        "<h2>Trainees</h2>",
        _trainee_table(report),
        "<h2>Skills: cohort averages</h2>",
        _skill_table(report),
        "<h2>Pass rate per scenario</h2>",
        _scenario_table(report),
        "</main></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _filters_text(report: Report) -> str:
    found = report.filters.to_json()
    if not found:
        return ""
    return " · " + ", ".join(f"{_e(k)}: {_e(v)}" for k, v in found.items())


def _kpi(label: str, value: str) -> str:
    return f'<div class="kpi">{_e(label)}<b>{_e(value)}</b></div>'


def _trainee_table(report: Report) -> str:
    rows = [
        '<table id="score-table">',
        "<thead><tr><th>Trainee</th><th>Name</th><th>Cohort</th><th class=num>Attempts</th>"
        "<th class=num>Latest</th><th class=num>Best</th><th>Status</th></tr></thead>",
        "<tbody>",
    ]
    for s in report.trainees:
        if s.latest is None:
            status = '<span class="none">not graded</span>'
        elif s.passed:
            status = '<span class="pass">pass</span>'
        else:
            status = '<span class="fail">fail</span>' + (
                " (passed before)" if s.ever_passed else ""
            )
        rows.append(
            f'<tr data-trainee="{_e(s.trainee_id)}"><td>{_e(s.trainee_id)}</td>'
            f"<td>{_e(s.display_name or '')}</td><td>{_e(s.cohort or '')}</td>"
            f"<td class=num>{s.attempts}</td><td class=num>{number(s.latest)}</td>"
            f"<td class=num>{number(s.best)}</td><td>{status}</td></tr>"
        )
    if not report.trainees:
        rows.append('<tr><td colspan="7" class="none">No attempts match.</td></tr>')
    rows.append("</tbody></table>")
    return "\n".join(rows)


def _skill_table(report: Report) -> str:
    rows = [
        '<table id="skill-table">',
        "<thead><tr><th>Dimension</th><th class=num>Average</th><th></th></tr></thead><tbody>",
    ]
    for name, value in report.dimension_averages.items():
        cls = ' class="weakest"' if name == report.weakest else ""
        width = max(0.0, min(100.0, value))
        rows.append(
            f"<tr{cls}><td>{_e(name)}</td><td class=num>{value:.1f}</td>"
            f'<td><div class="bar"><span style="width:{width:.1f}%"></span></div></td></tr>'
        )
    rows.append("</tbody></table>")
    if report.weakest is not None:
        rows.append(
            f"<p>Weakest skill: <strong>{_e(report.weakest)}</strong> "
            f"(average {report.dimension_averages[report.weakest]:.1f}).</p>"
        )
    return "\n".join(rows)


def _scenario_table(report: Report) -> str:
    rows = [
        '<table id="scenario-table">',
        "<thead><tr><th>Scenario</th><th>Title</th><th class=num>Attempts</th>"
        "<th class=num>Passed</th><th class=num>Pass rate</th></tr></thead><tbody>",
    ]
    for s in report.scenarios:
        rows.append(
            f"<tr><td>{_e(s.scenario_id)}</td><td>{_e(s.title)}</td>"
            f"<td class=num>{s.attempts}</td><td class=num>{s.passed}/{s.graded}</td>"
            f"<td class=num>{percent(s.pass_rate)}</td></tr>"
        )
    rows.append("</tbody></table>")
    return "\n".join(rows)


def _chart(report: Report) -> str:
    """Overall score (0–100) by attempt number: one line per trainee, the average in bold."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    longest = max((len(s.progress) for s in report.trainees), default=0)

    def x(n: int) -> float:  # n counts from 1
        return LEFT + (plot_w / 2 if longest <= 1 else (n - 1) * plot_w / (longest - 1))

    def y(score: float) -> float:
        return TOP + plot_h * (1 - max(0.0, min(100.0, score)) / 100)

    out = [
        f'<svg id="progress-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="img" aria-labelledby="progress-chart-title" preserveAspectRatio="xMidYMid meet">',
        '<title id="progress-chart-title">Overall score by attempt number</title>',
    ]
    for tick in (0, 25, 50, 75, 100):
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            'stroke="#eaeef2"/>'
            f'<text x="{LEFT - 8}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    for n in range(1, longest + 1):
        out.append(
            f'<text x="{x(n):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{n}</text>'
        )
    out.append(
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 6}" text-anchor="middle">attempt</text>'
    )
    if report.pass_mark is not None:
        py = y(report.pass_mark)
        out.append(
            f'<line class="pass-mark" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{py:.1f}" '
            f'y2="{py:.1f}" stroke="#2da44e" stroke-dasharray="6 4"/>'
            f'<text x="{LEFT + 6}" y="{py - 5:.1f}" text-anchor="start">'
            f"pass mark {report.pass_mark}</text>"
        )
    if longest == 0:
        out.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle">'
            "No graded attempts yet.</text>"
        )
    coloured = len(report.trainees) <= MAX_COLOURED
    legend: list[str] = []
    for i, s in enumerate(report.trainees):
        if not s.progress:
            continue
        colour = PALETTE[i % len(PALETTE)] if coloured else "#c4ccd4"
        points = " ".join(f"{x(n):.1f},{y(v):.1f}" for n, v in enumerate(s.progress, start=1))
        label = _e(s.display_name or s.trainee_id)
        out.append(
            f'<g class="trainee" data-trainee="{_e(s.trainee_id)}"><title>{label}</title>'
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
        )
        for n, v in enumerate(s.progress, start=1):
            out.append(
                f'<circle cx="{x(n):.1f}" cy="{y(v):.1f}" r="3.5" fill="{colour}">'
                f"<title>{label}, attempt {n}: {v}</title></circle>"
            )
        out.append("</g>")
        if coloured:
            legend.append(f'<li><i style="background:{colour}"></i>{label}</li>')
    averages = report.progress_by_attempt()
    if len(report.trainees) > 1 and averages:
        points = " ".join(f"{x(n):.1f},{y(v):.1f}" for n, v in enumerate(averages, start=1))
        out.append(
            f'<polyline class="average" points="{points}" fill="none" stroke="#1d2329" '
            'stroke-width="3" stroke-dasharray="2 3"><title>cohort average</title></polyline>'
        )
        legend.append('<li><i style="background:#1d2329"></i>cohort average</li>')
    out.append("</svg>")
    if legend:
        out.append('<ul class="legend">' + "".join(legend) + "</ul>")
    return "\n".join(out)
