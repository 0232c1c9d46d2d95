"""The ``channelfit`` command line: JSON in, a table or JSON out.

Errors are one line on stderr and exit status 2; there is never a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from .errors import ChannelfitError
from .files import read_text
from .vocabulary import LANGUAGES, OBJECTIVES

__all__ = ["main"]

#: Largest input file the CLI reads, in bytes.
MAX_FILE_BYTES = 1_000_000


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2 (argparse prints usage on two)
        raise _UsageError(message)


def _read_text(path: str) -> str:
    """The file's text; ``-`` reads standard input. Files over :data:`MAX_FILE_BYTES` are refused."""
    if path == "-":
        text = sys.stdin.read(MAX_FILE_BYTES + 1)
        if len(text) > MAX_FILE_BYTES:
            raise ChannelfitError("input is too large", field="stdin", value=f"over {MAX_FILE_BYTES} characters", allowed=f"at most {MAX_FILE_BYTES}")
        return text
    return read_text(path, MAX_FILE_BYTES)


def _read_json(path: str) -> Any:
    text = _read_text(path)
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ChannelfitError(f"not valid JSON: {str(exc)[:120]}", field=path, value=None, allowed="a JSON document") from None


def _emit(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _catalog(args: argparse.Namespace) -> Any:
    """The catalog of ``--catalog DIR``, or None for the packaged one."""
    from .data import load_catalog

    return load_catalog(args.catalog) if args.catalog else None


def _with_rate(profile: Any, hourly_rate: float | None) -> Any:
    """``profile`` with ``budget.hourly_rate`` set to ``hourly_rate`` when given (the profile validates it)."""
    if hourly_rate is None or not isinstance(profile, dict) or not isinstance(profile.get("budget"), dict):
        return profile
    return {**profile, "budget": {**profile["budget"], "hourly_rate": hourly_rate}}


def _cmd_recommend(args: argparse.Namespace) -> None:
    from .recommender import recommend
    from .render import plan_csv, render_plan

    evidence = _read_json(args.evidence) if args.evidence else None
    plan = recommend(_with_rate(_read_json(args.profile), args.hourly_rate), objective=args.objective, evidence=evidence, language=args.language, catalog=_catalog(args))
    _emit(plan.model_dump_json(indent=2) if args.json else plan_csv(plan) if args.csv else render_plan(plan))


def _read_results(path: str) -> Any:
    """Results as records: a JSON list, or a CSV with channel, period, kpi, baseline, value columns."""
    if path.lower().endswith(".json"):
        return _read_json(path)
    import csv
    import io

    try:
        return list(csv.DictReader(io.StringIO(_read_text(path))))
    except csv.Error as exc:
        raise ChannelfitError(f"not a valid CSV file: {str(exc)[:120]}", field=path, allowed="a CSV file with channel, period, kpi, baseline, value columns") from None


def _cmd_check(args: argparse.Namespace) -> None:
    from .feedback import check

    evidence = _read_json(args.evidence) if args.evidence else None
    _emit(check(_read_json(args.plan), _read_results(args.results), evidence=evidence, catalog=_catalog(args)).model_dump_json(indent=2))


def _emit_frame(frame: Any, as_json: bool) -> None:
    from .render import render_table

    rows = frame.reset_index(drop=frame.index.name is None).to_dict(orient="records")
    # strict JSON: a missing number (an infeasible budget, a skipped count) is null, never NaN
    rows = [{k: None if isinstance(v, float) and not math.isfinite(v) else v for k, v in row.items()} for row in rows]
    _emit(json.dumps(rows, indent=2, ensure_ascii=False, default=float, allow_nan=False) if as_json else render_table(rows))


def _cmd_frontier(args: argparse.Namespace) -> None:
    from .analysis import budget_frontier

    frame = budget_frontier(_with_rate(_read_json(args.profile), args.hourly_rate), monthly=args.monthly, weekly_hours=args.weekly_hours, objective=args.objective, catalog=_catalog(args))
    _emit_frame(frame, args.json)


def _cmd_stability(args: argparse.Namespace) -> None:
    from .analysis import rank_acceptability

    profile = _read_json(args.profile)
    frame = rank_acceptability(profile, samples=args.samples, seed=args.seed, spread=args.spread, mix_samples=args.mix_samples, catalog=_catalog(args))
    if not args.sensitivity:
        _emit_frame(frame.round(3), args.json)
        return
    import pandas as pd

    from .diagnostics import sensitivity, ws_coefficient
    from .recommender import recommend

    swaps = sensitivity(recommend(profile, minimum_budget_share=None, catalog=_catalog(args)))
    records = [{"upper": s.upper, "lower": s.lower, "criterion": s.criterion, "weight_change": None if s.change is None else round(s.change, 4)} for s in swaps]
    # the central ranking orders the channels by their expected position over the weight samples
    ranks = [c for c in frame.columns if c.startswith("rank_") and c != "rank_other"]
    expected = sum((k + 1) * frame[c] for k, c in enumerate(ranks)) + (len(ranks) + 1) * frame.get("rank_other", 0.0)
    ws = ws_coefficient(list(range(1, len(frame) + 1)), expected.rank(method="first").tolist()) if len(frame) > 1 else 1.0
    if args.json:
        _emit(json.dumps({"swaps": records, "ws_plain_vs_central": round(ws, 4)}, indent=2, ensure_ascii=False, allow_nan=False))
    else:
        _emit_frame(pd.DataFrame(records, columns=["upper", "lower", "criterion", "weight_change"]), False)
        _emit(f"WS similarity of the plain and the central (SMAA) ranking: {ws:.3f}")


def _cmd_weights(args: argparse.Namespace) -> None:
    from .diagnostics import weights_from_pairs

    result = weights_from_pairs(_read_json(args.pairs))
    _emit(json.dumps({"criteria_weights": {k: round(v, 4) for k, v in result.weights.items()}, "consistency_ratio": round(result.consistency_ratio, 4)}, indent=2))


def _cmd_channels(args: argparse.Namespace) -> None:
    from .data import as_catalog
    from .render import channel_rows, render_table

    rows = channel_rows(as_catalog(_catalog(args)), market=args.market, orientation=args.orientation, sector=args.sector, new_since=args.new_since)
    if args.json:
        _emit(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        _emit(render_table(rows))


def _cmd_schema(args: argparse.Namespace) -> None:
    from .schema import json_schema

    _emit(json.dumps(json_schema(args.kind, _catalog(args)), indent=2, sort_keys=True))


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="channelfit", description="Which marketing channels to be on, at what effort, and why.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    rec = sub.add_parser("recommend", help="recommend a channel mix for a profile (JSON file)")
    rec.add_argument("profile", help="profile JSON file, or - for standard input")
    output = rec.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the plan as JSON")
    output.add_argument("--csv", action="store_true", help="print the picks as CSV (formula-safe)")
    rec.add_argument("--objective", choices=OBJECTIVES, default="coverage")
    rec.add_argument("--language", choices=LANGUAGES, default="en")
    rec.add_argument("--evidence", help="evidence JSON from 'channelfit check'")
    rec.add_argument("--hourly-rate", type=float, help="the price of one hour of a freelancer or an agency, in the budget's currency: sets budget.hourly_rate, and the plan may hire hours from the money")
    rec.set_defaults(run=_cmd_recommend)

    chk = sub.add_parser("check", help="check measured KPI results against a plan; prints evidence JSON")
    chk.add_argument("plan", help="plan JSON from 'channelfit recommend --json'")
    chk.add_argument("results", help="results CSV (channel, period, kpi, baseline, value) or JSON records")
    chk.add_argument("--evidence", help="evidence JSON from an earlier check, to continue the loop")
    chk.set_defaults(run=_cmd_check)

    front = sub.add_parser("frontier", help="the optimal mix and value for a grid of budgets")
    front.add_argument("profile")
    front.add_argument("--monthly", type=float, nargs="+", help="monthly budgets (profile currency); default: multiples of the profile's")
    front.add_argument("--weekly-hours", type=float, nargs="+", help="weekly hours; default: multiples of the profile's")
    front.add_argument("--objective", choices=OBJECTIVES, default="coverage")
    front.add_argument("--hourly-rate", type=float, help="the price of one hour of a freelancer or an agency, in the budget's currency: sets budget.hourly_rate, and the plan may hire hours from the money")
    front.add_argument("--json", action="store_true")
    front.set_defaults(run=_cmd_frontier)

    stab = sub.add_parser("stability", help="rank acceptability under uncertain weights (SMAA)")
    stab.add_argument("profile")
    stab.add_argument("--samples", type=int, default=10_000)
    stab.add_argument("--seed", type=int, default=0)
    stab.add_argument("--spread", type=float, default=0.2, help="relative uncertainty of each weight (log-normal sigma)")
    stab.add_argument("--mix-samples", type=int, default=200, help="samples re-optimised to count how often a channel is in the mix")
    stab.add_argument("--sensitivity", action="store_true", help="the weight change that swaps each pair of neighbours, and the WS similarity of the plain and the central ranking")
    stab.add_argument("--json", action="store_true")
    stab.set_defaults(run=_cmd_stability)

    weights = sub.add_parser("weights", help="criterion weights from pairwise judgements (AHP), with the consistency ratio")
    weights.add_argument("pairs", help='JSON file {"reach": {"goals": 3}, ...}: the first is that many times as important')
    weights.set_defaults(run=_cmd_weights)

    chan = sub.add_parser("channels", help="browse the catalog")
    chan.add_argument("--market", help="ISO country code: show reach and availability there")
    chan.add_argument("--orientation", help="only channels of this orientation")
    chan.add_argument("--sector", help="only channels that serve this sector (fit of 0.8 or more)")
    chan.add_argument("--new-since", help="only channels added after this catalog version (e.g. 2026.1)")
    chan.add_argument("--json", action="store_true")
    chan.set_defaults(run=_cmd_channels)

    schema = sub.add_parser("schema", help="print the JSON Schema of the profile or the plan")
    schema.add_argument("kind", choices=("profile", "plan"))
    schema.set_defaults(run=_cmd_schema)
    for command in (rec, chk, front, stab, chan, schema):
        command.add_argument("--catalog", metavar="DIR", help="a catalog directory (default: the packaged catalog)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status: 0 ok, 2 bad input, 3 an unexpected failure (a bug: one line, no traceback)."""
    try:
        args = _parser().parse_args(argv)
        args.run(args)
        sys.stdout.flush()
    except _UsageError as exc:
        return _fail(f"channelfit: error: {' '.join(str(exc).split())}", 2)
    except ChannelfitError as exc:
        return _fail(f"channelfit: error: {exc}", 2)
    except BrokenPipeError:  # the reader went away (| head): nothing left to say
        _quiet_stdout()
        return 0
    except OSError as exc:  # a full disk or a closed output
        _quiet_stdout()
        return _fail(f"channelfit: error: cannot write the output: {exc.strerror or exc.__class__.__name__}", 2)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, a distinct status
        return _fail(f"channelfit: internal error: {exc.__class__.__name__}: {str(exc)[:200]} (please report it)", 3)
    return 0


def _fail(message: str, status: int) -> int:
    try:
        sys.stderr.write(" ".join(message.split()) + "\n")
    except OSError:
        pass
    return status


def _quiet_stdout() -> None:
    """Point stdout at devnull so the interpreter's final flush cannot print a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
