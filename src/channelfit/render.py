"""Text renderings: the plan as a readable markdown page, the catalog as a table.

User-supplied strings are escaped (control characters removed, markdown table syntax
neutralised) and no cell starts with ``=``, ``+``, ``-`` or ``@`` (spreadsheet formula injection).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from .data import Catalog, version_key
from .errors import CONTROL_CHARACTERS, ProfileError
from .explain import Explainer, money_figure, percent
from .plan import Excluded, PhaseChannel, Plan

__all__ = ["ACCOUNTS_COST_HEADLINE_PCT", "NAMED_GOALS_FIT", "NAMED_MODEL_FIT", "NAMED_SECTOR_FIT", "NEXT_BEST_SHOWN", "NOT_FOR_YOU", "ONE_PERSON_WEEKLY_HOURS", "channel_rows", "formula_safe", "plan_csv", "render_plan", "render_table", "safe_cell"]

#: The text plan lists this many next-best channels, each with the limit that keeps it out of the mix.
NEXT_BEST_SHOWN = 5
#: Causes of exclusion the Markdown page counts instead of naming each channel: channels made for other goals, other
#: sectors, other audiences or other countries (most of them regional networks with no row in the catalog for the
#: profile's markets), and the maps, booking and delivery listings of an organisation without premises, which a client
#: need not read one by one: an Italian machine shop's page named about 130, from Tripadvisor to Douyin and Checkatrade.
#: The count keeps each cause in words and the JSON plan names every channel. Channels excluded by the organisation
#: stay named, and those not available in its markets, closed to it, short of reach or needing a format it does not
#: make where they fit it (:func:`_named`): each says something the reader may act on.
NOT_FOR_YOU = frozenset({"no_fit_goals", "no_fit_sector", "no_fit_members_only", "no_fit_reach", "no_fit_reach_unknown", "no_fit_model", "no_fit_audience", "needs_premises", "needs_premises_elsewhere"})
#: Such a channel is named only from this fit to the organisation's sector (a judgement above the 0.5 of a general
#: network no sector row speaks for), else counted with those: a Marrakech riad read "too little reach: Mariages.net,
#: StepStone, Hitched, Bridebook, Untappd, SafariBookings, Glovo", a Turkish clinic "not open to you: OTTO (marketplace)".
NAMED_SECTOR_FIT = 0.6
#: ... and from this fit to its goals and to its business model (judgements): a Kyiv charity with no recruiting goal read
#: "too little reach: StepStone, Pracuj.pl", job boards that fit charities (they hire) but serve none of its goals, and
#: a Geneva watch brand selling to consumers "too little reach: Alibaba.com", a wholesale platform.
NAMED_GOALS_FIT = 0.3
NAMED_MODEL_FIT = 0.3
# the exclusions named only where the channel fits, with the channels that need a format not made (a Lviv NGO read
# Habr); a channel not available in the markets too (a Stockholm municipality read "not available: Bolt Food", review 33)
_NAMED_IF_FITTING = ("blocked", "closed", "too_little_reach")
_FORMAT_CAUSES = ("no_fit_formats", "no_fit_formats_one")


def _named(e: Excluded) -> bool:
    """Whether the page names an excluded channel (else it is counted by cause, see :data:`NOT_FOR_YOU`)."""
    if e.why.code in NOT_FOR_YOU:
        return False
    if e.reason in _NAMED_IF_FITTING or e.why.code in _FORMAT_CAUSES:
        return e.sector_fit >= NAMED_SECTOR_FIT and e.goals_fit >= NAMED_GOALS_FIT and e.model_fit >= NAMED_MODEL_FIT
    return True


def _counted_cause(e: Excluded) -> str:
    """The cause a counted channel is counted under: its exclusion where that is named by fit, one for every format
    cause ("needs a format you do not make", not "no fit": a Krakow doctor, review 33), else its reason's code."""
    return e.reason if e.reason in _NAMED_IF_FITTING else "formats" if e.why.code in _FORMAT_CAUSES else e.why.code
#: From this share of the plan's value (a judgement) what keeping the accounts costs is said under the totals, not
#: only under the accounts: a Mexico City dentist's kept pages took the plan from 0.76 to 0.23, a line at the bottom.
ACCOUNTS_COST_HEADLINE_PCT = 20
#: Up to these weekly hours (a half-time job, a judgement) the plan says one person can hold every role: a
#: 3 h/week practice does not hire a community manager, a content creator and a campaign manager.
ONE_PERSON_WEEKLY_HOURS = 20.0
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: Any) -> str:
    """``value`` as text for a CSV cell or a terminal: control characters become spaces, and a
    leading ``=``, ``+``, ``-`` or ``@`` (a spreadsheet formula) is quoted with ``'`` unless it is a number."""
    text = CONTROL_CHARACTERS.sub(" ", str(value)).strip()
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
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    if value is None:
        return ""
    return str(value)


#: A channel serves a sector when its fit for the sector is at least this (vertical networks and directories: 0.8-1).
SERVES_SECTOR = 0.8


def channel_rows(
    cat: Catalog, market: str | None = None, orientation: str | None = None, sector: str | None = None, new_since: str | None = None
) -> list[dict[str, Any]]:
    """The catalog's channels as rows for browsing: of one orientation, serving one sector (fit at least
    :data:`SERVES_SECTOR`), or added after catalog version ``new_since``; with reach in one market if given."""
    if market is not None:
        market = market.upper()
        if market not in cat.index["countries"]:
            raise ProfileError("unknown country", field="--market", value=market, allowed=", ".join(cat.countries))
    if orientation is not None and orientation not in cat.index["orientations"]:
        raise ProfileError("unknown orientation", field="--orientation", value=orientation, allowed=", ".join(cat.orientations))
    if sector is not None and sector not in cat.index["sectors"]:
        raise ProfileError("unknown sector", field="--sector", value=sector, allowed=", ".join(cat.sectors))
    if new_since is not None and (not re.fullmatch(r"[0-9]{4}\.[0-9]+", new_since)):
        raise ProfileError("not a catalog version", field="--new-since", value=new_since, allowed=f"a version such as 2026.1 (this catalog: {cat.version})")
    rows = []
    for c, row in enumerate(cat.channel_rows):
        if orientation is not None and row.orientation != orientation:
            continue
        if sector is not None and cat.sector_fit[c, cat.index["sectors"][sector]] < SERVES_SECTOR:
            continue
        if new_since is not None and version_key(cat.added[row.channel]) <= version_key(new_since):
            continue
        item: dict[str, Any] = {"channel": row.channel, "name": row.name, "orientation": row.orientation, "formats": row.formats_needed, "added": cat.added[row.channel]}
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
    """The plan as a readable markdown page in the plan's language: picks, reasons, KPIs, phases, exclusions.

    Every interpolated text is escaped (:func:`safe_cell`), so no name or reason can start a line of its own.
    """
    ex = Explainer(None, plan.language, plan.kind, plan.sector)
    text, word, num = ex.text, ex.word, ex.number
    cur = plan.currency
    names = {e.channel: e.name for e in plan.excluded} | {r.channel: r.name for r in plan.ranking} | {p.channel: p.name for p in plan.picks}

    def mix(channels: list[PhaseChannel]) -> str:
        """The channels with their levels, and the week a campaign set up first starts spending."""
        return ex.join(
            ex.tagged(
                safe_cell(names.get(c.channel, c.channel)),
                word("levels", c.level) if c.from_week is None else text("render", "level_from_week", level=word("levels", c.level), week=c.from_week),
            )
            for c in channels
        )

    out = [
        "# " + text("render", "title", name=safe_cell(plan.name) or ex.strings["render"]["your_organisation"]),
        "",
        text(
            "render",
            "budget",
            money=money_figure(plan.monthly_budget),
            currency=cur,
            hours=plan.weekly_hours_budget,
            channels=plan.max_channels,
            objective=word("objectives", plan.objective_kind),
            value=num(plan.objective, 3),
        )
        + ("" if plan.hourly_rate is None else " " + text("render", "budget_hired", rate=money_figure(plan.hourly_rate), currency=cur)),
        "",
    ]
    rows = [
        {
            "#": i + 1,
            text("render", "col_channel"): p.name,
            text("render", "col_level"): word("levels", p.level),
            text("render", "col_score"): num(p.score, 3),
            text("render", "col_money", currency=cur): num(money_figure(p.monthly_cost)),
            text("render", "col_hours"): num(p.weekly_hours),
            text("render", "col_setup"): num(p.setup_hours),
            # a kept or included account serving none of the goals at its level: an empty cell read as a bug (review 31)
            text("render", "col_goals"): ", ".join(word("goals", g) for g in p.goals) or text("render", "goals_none"),
        }
        for i, p in enumerate(plan.picks)
    ]
    out += [render_table(rows) if rows else text("render", "no_pick"), ""]
    t = plan.totals
    setup = {"setup": t.setup_hours} if t.setup_hours > 0 else {}
    out += [text("render", "total" if setup else "total_no_setup", money=money_figure(t.monthly_cost), currency=cur, hours=t.weekly_hours, **setup), ""]
    if t.hired_weekly_hours and plan.hourly_rate is not None:
        out += [
            text("render", "total_hired", hired=round(t.hired_weekly_hours, 2), own=plan.weekly_hours_budget, rate=money_figure(plan.hourly_rate), currency=cur, cost=money_figure(t.hired_monthly_cost or 0.0)),
            "",
        ]
    if t.unspent_why is not None:
        out += [text("render", "unspent", why=safe_cell(t.unspent_why.text)), ""]
    headline = plan.accounts_cost is not None and float(plan.accounts_cost.values.get("pct", 0)) >= ACCOUNTS_COST_HEADLINE_PCT
    if headline:  # the better plan is the reader's first decision, not a line under the accounts
        out += [safe_cell(plan.accounts_cost.text) + ".", ""]
    for p in plan.picks:
        out.append(f"## {ex.tagged(safe_cell(p.name), word('levels', p.level))}")
        out += [f"- {safe_cell(r.text)}" for r in p.why]
        if p.kpis:
            items = "; ".join(
                text(
                    "render", "kpi_item", kpi=word("kpis", k.kpi), goal=word("goals", k.goal), sign="+" if k.direction == "up" else "\u2212", pct=percent(abs(k.target_change)),
                    first=k.baseline_weeks[0], last=k.baseline_weeks[1],
                )
                if k.target_change
                else text("render", "kpi_item_level", kpi=word("kpis", k.kpi), goal=word("goals", k.goal), pct=percent(k.target_level))
                if k.target_level is not None  # a bounded rate: a level to reach
                else text("render", "kpi_item_tracked", kpi=word("kpis", k.kpi), goal=word("goals", k.goal))  # a listening KPI has no target
                for k in p.kpis
            )
            out.append("- " + text("render", "kpis", items=items))
        out.append("")
    if plan.accounts:
        out.append("## " + text("render", "accounts"))
        out += [
            "- " + text("render", "account_line", channel=safe_cell(a.name), why=safe_cell(a.why.text)) for a in plan.accounts
        ]
        if plan.accounts_cost is not None and not headline:
            out.append("- " + safe_cell(plan.accounts_cost.text))
        out.append("")
    if plan.market_gaps:
        out.append("## " + text("render", "market_gaps"))
        out += [f"- {safe_cell(gap.text)}" for gap in plan.market_gaps]
        out.append("")
    if plan.goal_gaps:
        out.append("## " + text("render", "goal_gaps"))
        out += [f"- {safe_cell(gap.text)}" for gap in plan.goal_gaps]
        out.append("")
    if plan.assumptions:
        out.append("## " + text("render", "assumptions"))
        out += [f"- {safe_cell(a.text)}" for a in plan.assumptions]
        out.append("")
    out.append("## " + text("render", "timeline"))
    for ph in plan.phases:
        hired = {"hired": round(ph.hired_weekly_hours, 2), "cost": money_figure(ph.hired_monthly_cost or 0.0)} if ph.hired_weekly_hours else {}
        out.append(
            "- "
            + text(
                "render",
                "phase_hired" if hired else "phase",
                first=ph.first_week,
                last=ph.last_week,
                phase=word("phases", ph.name),
                channels=mix(ph.channels) or text("render", "none"),
                money=money_figure(ph.monthly_cost),
                currency=cur,
                hours=ph.weekly_hours,
                note=safe_cell(ph.note[:1].upper() + ph.note[1:]),  # it starts a sentence here
                **hired,
            )
        )
    out.append("")
    if plan.minimum_budget is not None:
        mb = plan.minimum_budget
        channels = mix(mb.channels) or text("render", "no_channel")
        whole = abs(mb.objective - plan.objective) <= 1e-9  # nothing smaller reaches the share: the plan is its own minimum
        key = ("minimum_budget_whole_hours" if money_figure(mb.monthly) == 0 else "minimum_budget_whole") if whole else "minimum_budget"  # no money: only hours can fall
        line = text("render", key, money=money_figure(mb.monthly), currency=cur, hours=mb.weekly_hours, pct=percent(mb.share), channels=channels)
        if money_figure(mb.promotion) > 0:  # the levels cost less: the rest buys the reach the share needs
            line += " " + text("render", "minimum_promotion", promotion=money_figure(mb.promotion), currency=cur)
        if mb.hired_weekly_hours:
            line += " " + text("render", "minimum_hired", cost=money_figure(mb.hired_monthly_cost or 0.0), currency=cur, hired=round(mb.hired_weekly_hours, 2), hours=round(mb.weekly_hours, 2))
        out += [line, ""]
    if plan.routine:
        out.append("## " + text("render", "weekly_routine"))
        days: dict[str, list[str]] = {}
        for item in plan.routine:
            name, activity = safe_cell(names.get(item.channel, item.channel)), word("activities", item.activity)
            days.setdefault(item.day, []).append(  # under an hour in minutes: "15 min", not "0.25 h"
                text("render", "routine_item", channel=name, activity=activity, hours=item.hours)
                if item.hours >= 1
                else text("render", "routine_item_minutes", channel=name, activity=activity, minutes=round(item.hours * 60))
            )
        out += [f"- {word('days', day)}: " + "; ".join(entries) for day, entries in days.items()]
        roles = "; ".join(
            text("render", "role_item_hired", role=word("roles", r.role), hours=r.weekly_hours, hired=r.hired_weekly_hours, does=safe_cell(r.does))
            if r.hired_weekly_hours
            else text("render", "role_item", role=word("roles", r.role), hours=r.weekly_hours, does=safe_cell(r.does))
            if r.weekly_hours > 0
            else text("render", "role_item_untimed", role=word("roles", r.role), does=safe_cell(r.does))  # the owner's review is monthly
            for r in plan.roles
        )
        own_hours = plan.totals.weekly_hours - sum(r.hired_weekly_hours or 0.0 for r in plan.roles)  # the freelancer's are not the one person's
        hired = any(r.hired_weekly_hours for r in plan.roles)  # "one person can hold them all at 3 h/week" beside 5.5 h hired
        few = own_hours <= ONE_PERSON_WEEKLY_HOURS
        key = "roles_one_person_hired" if hired and few else "roles_person" if plan.kind == "person" else "roles_one_person" if few else "roles"
        out += ["- " + text("render", key, items=roles, hours=own_hours), ""]
    if plan.listening:
        out.append("## " + text("render", "listening_setup"))
        out += [
            "- "
            + text("render", "listening_item", goal=word("goals", item.goal), listen_for=safe_cell(item.listen_for), channels=ex.join(safe_cell(names.get(c, c)) for c in item.channels))
            for item in plan.listening
        ]
        if plan.listening[0].feeds:
            out.append("- " + text("render", "feeds", feeds=ex.join(safe_cell(names.get(c, c)) for c in plan.listening[0].feeds)))
        out.append("")
    out.append("## " + text("render", "policy"))
    out += [f"- [ ] {safe_cell(item)}" for item in plan.policy]
    out.append("")
    runners_up = [r for r in plan.ranking if not r.picked][:NEXT_BEST_SHOWN]
    if runners_up:
        out.append(text("render", "next_best"))
        out += [f"- {ex.tagged(safe_cell(r.name), num(r.score, 3))}" + (f": {r.why_not.text}" if r.why_not else "") for r in runners_up]
    named, unnamed = [e for e in plan.excluded if _named(e)], [e for e in plan.excluded if not _named(e)]
    if named:
        # "no fit" has many causes (no reach figure in the catalog, formats you do not make): each is its own group,
        # so a US streamer sees that Twitch lacks a figure, not that it does not fit
        by_reason: dict[str, list[str]] = {}
        for e in named:
            # "no fit" has a cause, and "needs another account" names which
            label = text("render", "excluded_no_fit", why=e.why.text) if e.reason == "no_fit" else e.why.text if e.reason == "needs_host" else word("exclusions", e.reason)
            by_reason.setdefault(label, []).append(safe_cell(e.name))
        out.append(text("render", "excluded", items="; ".join(f"{label}: {', '.join(chs)}" for label, chs in by_reason.items())))
    counted = Counter(_counted_cause(e) for e in unnamed)
    if counted:

        def label(code: str) -> str:  # the members-only texts name each network's sector; counted, they read as one cause
            if code in _NAMED_IF_FITTING:
                return word("exclusions", code)
            if code == "formats":
                return text("render", "excluded_formats")
            return text("reasons", "no_fit_other_sectors" if code == "no_fit_members_only" else code)

        causes = "; ".join(f"{label(code)}: {count}" for code, count in counted.items())
        out.append(text("render", "excluded_counted", count=sum(counted.values()), causes=causes))
    return "\n".join(out) + "\n"


def plan_csv(plan: Plan) -> str:
    """The picks as CSV (one row per pick), with every cell formula-safe and every figure at the precision the plan
    states it (a Vietnamese plan's CSV read 3357899.9999999995 VND)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["organisation", "channel", "level", "score", "monthly_cost", "currency", "weekly_hours", "setup_hours", "goals", "kpis", "why"])
    for p in plan.picks:
        row = [plan.name, p.channel, p.level, round(p.score, 3), money_figure(p.monthly_cost), plan.currency, round(p.weekly_hours, 2), round(p.setup_hours, 2),
               ";".join(p.goals), ";".join(k.kpi for k in p.kpis), " | ".join(r.text for r in p.why)]
        writer.writerow([formula_safe(cell) for cell in row])
    return buffer.getvalue()
