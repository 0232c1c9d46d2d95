"""Text renderings: the plan as a readable markdown page, the catalog as a table.

User-supplied strings are escaped (control characters removed, markdown table syntax
neutralised) and no cell starts with ``=``, ``+``, ``-`` or ``@`` (spreadsheet formula injection).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from .data import Catalog
from .plan import Plan

__all__ = ["channel_rows", "formula_safe", "plan_csv", "render_plan", "render_table", "safe_cell"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: Any) -> str:
    """``value`` as text for a CSV cell or a terminal: control characters become spaces, and a
    leading ``=``, ``+``, ``-`` or ``@`` (a spreadsheet formula) is quoted with ``'`` unless it is a number."""
    text = _CONTROL.sub(" ", str(value)).strip()
    if text.startswith(_FORMULA_START) and not _is_number(text):
        text = "'" + text
    return text


def safe_cell(value: Any) -> str:
    """``value`` as text that is safe in a markdown table, a terminal and a spreadsheet cell."""
    return formula_safe(str(value).replace("|", "\\|").replace("`", "'"))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def render_table(rows: Sequence[Mapping[str, Any]]) -> str:
    """A markdown table of ``rows`` (all rows share the first row's keys)."""
    if not rows:
        return "(no rows)"
    keys = list(rows[0])
    cells = [[safe_cell(_fmt(row[k])) for k in keys] for row in rows]
    widths = [max(len(k), *(len(r[i]) for r in cells)) for i, k in enumerate(keys)]
    line = lambda values: "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths)) + " |"  # noqa: E731
    return "\n".join([line(keys), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, cells)])


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    if value is None:
        return ""
    return str(value)


def channel_rows(cat: Catalog, market: str | None = None, orientation: str | None = None) -> list[dict[str, Any]]:
    """The catalog's channels as rows for browsing, optionally with reach in one market."""
    from .errors import ProfileError

    if market is not None:
        market = market.upper()
        if market not in cat.index["countries"]:
            raise ProfileError("unknown country", field="--market", value=market, allowed=", ".join(cat.countries))
    if orientation is not None and orientation not in cat.index["orientations"]:
        raise ProfileError("unknown orientation", field="--orientation", value=orientation, allowed=", ".join(cat.orientations))
    rows = []
    for c, row in enumerate(cat.channel_rows):
        if orientation is not None and row.orientation != orientation:
            continue
        item: dict[str, Any] = {"channel": row.channel, "name": row.name, "orientation": row.orientation, "formats": row.formats}
        if market is not None:
            k = cat.index["countries"][market]
            market_row = cat.market_row(row.channel, market)
            item["reach"] = round(float(cat.reach[c, k]), 2)
            item["availability"] = market_row.availability
            item["basis"] = market_row.basis if market_row.region == market else f"{market_row.basis} (WORLD row)"
        rows.append(item)
    if market is not None:
        rows.sort(key=lambda r: -r["reach"])
    return rows


def render_plan(plan: Plan) -> str:
    """The plan as a readable markdown page: picks, reasons, KPIs, phases, exclusions."""
    cur = plan.currency
    out = [
        f"# Channel plan: {safe_cell(plan.name) or 'your organisation'}",
        "",
        f"Budget {plan.monthly_budget:g} {cur}/month, {plan.weekly_hours_budget:g} h/week, at most {plan.max_channels} channels. "
        f"Objective ({plan.objective_kind}): {plan.objective:.3f}.",
        "",
    ]
    rows = [
        {
            "#": i + 1,
            "channel": p.name,
            "level": p.level,
            "score": round(p.score, 3),
            f"{cur}/month": p.monthly_cost,
            "h/week": p.weekly_hours,
            "setup h": p.setup_hours,
            "goals": ", ".join(p.goals),
        }
        for i, p in enumerate(plan.picks)
    ]
    out += [render_table(rows) if rows else "No channel fits these limits.", ""]
    t = plan.totals
    out += [f"Total: {t.monthly_cost:g} {cur}/month, {t.weekly_hours:g} h/week, {t.setup_hours:g} setup hours once.", ""]
    for p in plan.picks:
        out.append(f"## {p.name} ({p.level})")
        out += [f"- {r.text}" for r in p.why]
        if p.kpis:
            out.append("- KPIs: " + "; ".join(f"{k.kpi} ({k.goal}, {'+' if k.direction == 'up' else '-'}{abs(k.target_change):.0%} in 90 days)" for k in p.kpis))
        out.append("")
    out.append("## Timeline")
    for ph in plan.phases:
        chans = ", ".join(f"{c.channel} ({c.level})" for c in ph.channels) or "none"
        out.append(f"- Weeks {ph.first_week}-{ph.last_week}, {ph.name.replace('_', ' ')}: {chans}; {ph.monthly_cost:g} {cur}/month, {ph.weekly_hours:g} h/week. {ph.note}.")
    out.append("")
    if plan.minimum_budget is not None:
        mb = plan.minimum_budget
        mix = ", ".join(f"{c.channel} ({c.level})" for c in mb.channels) or "no channel"
        out += [
            f"Minimum viable budget: {mb.monthly:g} {cur}/month and {mb.weekly_hours:g} h/week reach {mb.share:.0%} of this plan's value "
            f"with {mix} ({mb.mix_monthly_cost:g} {cur}/month, {mb.mix_weekly_hours:g} h/week).",
            "",
        ]
    if plan.routine:
        out.append("## Weekly routine")
        days: dict[str, list[str]] = {}
        for item in plan.routine:
            days.setdefault(item.day, []).append(f"{item.channel} {item.activity.replace('_', ' ')} {item.hours:g} h")
        out += [f"- {day.capitalize()}: " + "; ".join(entries) for day, entries in days.items()]
        out.append("- Roles: " + "; ".join(f"{r.role.replace('_', ' ')} ({r.weekly_hours:g} h/week): {r.does}" for r in plan.roles))
        out.append("")
    if plan.listening:
        out.append("## Listening setup")
        out += [f"- {item.goal.replace('_', ' ')}: {item.listen_for}, on {', '.join(item.channels)}" for item in plan.listening]
        if plan.listening[0].feeds:
            out.append(f"- subscribe to your sector's publications on {', '.join(plan.listening[0].feeds)}")
        out.append("")
    out.append("## Social media policy checklist")
    out += [f"- [ ] {item}" for item in plan.policy]
    out.append("")
    runners_up = [r for r in plan.ranking if not r.picked][:5]
    if runners_up:
        out.append("Next best: " + ", ".join(f"{r.name} ({r.score:.3f})" for r in runners_up) + ".")
    if plan.excluded:
        by_reason: dict[str, list[str]] = {}
        for e in plan.excluded:
            by_reason.setdefault(e.reason, []).append(e.channel)
        out.append("Excluded: " + "; ".join(f"{reason.replace('_', ' ')}: {', '.join(chs)}" for reason, chs in by_reason.items()) + ".")
    return "\n".join(out) + "\n"


def plan_csv(plan: Plan) -> str:
    """The picks as CSV (one row per pick), with every cell formula-safe."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["organisation", "channel", "level", "score", "monthly_cost", "currency", "weekly_hours", "setup_hours", "goals", "kpis", "why"])
    for p in plan.picks:
        row = [plan.name, p.channel, p.level, p.score, p.monthly_cost, plan.currency, p.weekly_hours, p.setup_hours,
               ";".join(p.goals), ";".join(k.kpi for k in p.kpis), " | ".join(r.text for r in p.why)]
        writer.writerow([formula_safe(cell) for cell in row])
    return buffer.getvalue()
