"""Bounded load test of the Atlas on loopback: a team of analysts, a saturation sweep, uploads.

Starts its own warmed server (``serve.py``) on a free 127.0.0.1 port and stops it at the
end, whatever happens; or, with ``--base``, drives a running loopback deployment (the
deploy demo's nginx; ``--pids`` names its replicas for RSS).

- **team**: ``--analysts`` websocket sessions (no browser; ``scripts/streamlit_ws.py``)
  for ``--duration`` s. Each thinks for an exponential time of mean ``--think`` s, then
  acts: mostly a year change, about 1 in 20 an event pick or an export (``ACTIONS``).
  Reports p50/p95/max per kind of action (request → last delta of its last run), errors
  and the server's RSS.
- **sweep**: the same number of sessions change the year only, faster step by step
  (``SWEEP_RATES`` changes/s, ``--step`` s each) until p95 passes 1 s; the sustainable
  rate is the throughput of the last step within it.
- **uploads**: ``--uploads`` headless-Chromium sessions each upload their own
  ``--upload-mb`` MB GeoJSON overlay at once, plus a bystander; nothing may crash, no
  session may see another's overlay; RSS per loaded overlay row.

Every loop is bounded by a count or a deadline. Results go to artifacts/loadtest.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_server import PeakSampler, family, rss_mb, started_server, tree_rss_mb
from load_uploads import upload_storm
from streamlit_ws import RoundTrip, Session

ROOT = Path(__file__).resolve().parents[1]
FIRST_YEAR, LAST_YEAR = 1994, 2015
SWEEP_RATES = (0.5, 1, 2, 4, 6, 8, 10, 12, 15, 20, 25, 30)  # changes/s; stops at p95 > 1 s
P95_LIMIT_S = 1.0
TARGETS = {"year": 1.0, "month": 1.0, "export": 5.0}  # p95 seconds in the team scenario


def _other_year(s: Session, rng: random.Random) -> int:
    now = s.value("Year")
    years = [y for y in range(FIRST_YEAR, LAST_YEAR + 1) if y != now]
    # Analysts mostly step to a neighbouring year, sometimes jump.
    near = [y for y in years if now is not None and abs(y - now) == 1]
    return rng.choice(near) if near and rng.random() < 0.6 else rng.choice(years)


def _any(s: Session, label: str, rng: random.Random) -> str:
    return rng.choice(s.options(label))


EXPORT_PANEL = "Export this view"  # the expander that holds "Prepare files"


@dataclass(frozen=True)
class Action:
    """One kind of thing an analyst does: a weight and the widget change it makes."""

    kind: str
    weight: float
    run: Callable[[Session, random.Random], Awaitable[RoundTrip]]
    needs: str  # the widget label it acts on; absent from the page, the action is skipped


# Year and month changes 0.95 each, a pick and an export 0.05 each: 1 action in 20 is one
# of the two (0.1 of 2.0), as the scenario says (it was 0.025 each, 1 in 39).
ACTIONS = (
    Action("year", 0.95, lambda s, rng: s.set("Year", _other_year(s, rng)), "Year"),
    Action("month", 0.95, lambda s, rng: s.set("Month", _any(s, "Month", rng)), "Month"),
    Action("select_event", 0.05, lambda s, rng: s.set("Events", _any(s, "Events", rng)), "Events"),
    # The export panel draws its contents only while open: an analyst opens it first.
    Action("export", 0.05, lambda s, rng: s.set("Prepare files", True), EXPORT_PANEL),
)


def pick(actions: tuple[Action, ...], s: Session, rng: random.Random) -> Action:
    """Choose an action by weight among those the page offers now."""
    able = [
        a for a in actions if a.needs in s.drawn and (a.needs != "Events" or s.options(a.needs))
    ]
    return rng.choices(able, weights=[a.weight for a in able])[0]


@dataclass
class Tally:
    """Round trips by kind of action, and errors."""

    times: dict[str, list[float]]
    errors: list[str]
    sent: int = 0  # requests sent after the first runs
    runs: int = 0
    statuses: Counter = field(default_factory=Counter)  # how the script runs ended

    def add(self, kind: str, rt: RoundTrip, tag: str) -> None:
        self.runs += rt.runs
        self.statuses.update(str(s) for s in rt.statuses)
        if not rt.real:
            self.errors.append(f"{tag} {kind}: not a real round trip "
                               f"({rt.deltas} deltas, {rt.exceptions[:1]})")  # fmt: skip
        self.times.setdefault(kind, []).append(rt.to_last_delta_s)


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def summary(values: list[float]) -> dict:
    """n, p50, p95 and max of round trips (seconds)."""
    if not values:
        return {"n": 0}
    return {"n": len(values), "p50": _percentile(values, 0.5), "p95": _percentile(values, 0.95),
            "max": max(values)}  # fmt: skip


async def _open(i: int, base: str, tally: Tally) -> Session | None:
    """Open one analyst's page (its first run); ``None`` if that failed (counted)."""
    url = base.replace("http://", "ws://") + "/_stcore/stream"
    # A browser's Origin, and its own sticky cookie (nginx keeps the session on one replica).
    headers = {"Origin": base, "Cookie": f"atlas_sticky={secrets.token_hex(8)}"}
    try:
        s = await Session.open(url, headers=headers)
        tally.add("open", await s.first_run(), f"analyst {i}")
    except Exception as exc:  # counted and reported, never retried
        tally.errors.append(f"analyst {i}: {type(exc).__name__}: {exc}"[:300])
        return None
    if "Year" not in s.drawn:
        tally.errors.append(f"analyst {i}: no Year slider in the first run")
    return s


async def _work(i: int, s: Session, deadline: float, think: Callable[[random.Random], float],
                actions: tuple[Action, ...], tally: Tally, rng: random.Random) -> None:  # fmt: skip
    """Think and act until ``deadline``; a failed request ends this analyst's work."""
    acted = False
    try:
        while True:
            pause = think(rng)
            if time.monotonic() + pause >= deadline:
                return
            await asyncio.sleep(pause)
            # An analyst who opens the page moves the year first, then does what they do.
            action = pick(actions, s, rng) if acted else actions[0]
            acted = True
            if action.needs == EXPORT_PANEL and not s.offers("Prepare files"):
                tally.sent += 1
                tally.add("export_panel", await s.set(EXPORT_PANEL, True), f"analyst {i}")
            tally.sent += 1
            tally.add(action.kind, await action.run(s, rng), f"analyst {i}")
    except Exception as exc:  # counted and reported, never retried
        tally.errors.append(f"analyst {i}: {type(exc).__name__}: {exc}"[:300])


async def _team(base: str, n: int, duration: float, think: Callable[[random.Random], float],
                actions: tuple[Action, ...]) -> Tally:  # fmt: skip
    """``n`` analysts arrive over ~2 s, then work for ``duration`` s; bounded."""
    tally = Tally({}, [])
    deadline = time.monotonic() + duration

    async def analyst(i: int) -> None:
        await asyncio.sleep(2.0 * i / n)
        s = await _open(i, base, tally)
        if s is not None:
            await _work(i, s, deadline, think, actions, tally, random.Random(i))
            await s.close()

    await asyncio.wait_for(asyncio.gather(*(analyst(i) for i in range(n))), duration + 180)
    return tally


async def _sweep(base: str, n: int, rates: list[float], step: float) -> list[dict]:
    """The same ``n`` sessions change the year at ``rate``/s in all, step after step."""
    opened = Tally({}, [])
    sessions = await asyncio.gather(*(_open(i, base, opened) for i in range(n)))
    steps = []
    try:
        for rate in rates:
            if opened.errors:
                break
            tally = Tally({}, [])
            mean = n / rate  # each session's think time, so that the team asks ``rate``/s
            think = lambda rng, m=mean: rng.expovariate(1 / m)  # noqa: E731
            deadline = time.monotonic() + step
            work = [_work(i, s, deadline, think, (ACTIONS[0],), tally, random.Random(i))
                    for i, s in enumerate(sessions) if s is not None]  # fmt: skip
            await asyncio.wait_for(asyncio.gather(*work), step + 120)
            got = summary(tally.times.get("year", []))
            steps.append({"offered_per_s": rate, "achieved_per_s": got["n"] / step, **got,
                          "errors": tally.errors[:5]})  # fmt: skip
            print(
                f"  sweep {rate:>4.1f}/s asked: {got['n'] / step:.1f}/s done, "
                f"p95 {_fmt(got.get('p95'))}, errors {len(tally.errors)}",
                flush=True,
            )
            if tally.errors or not got["n"] or got["p95"] > P95_LIMIT_S:
                break
    finally:
        await asyncio.gather(*(s.close() for s in sessions if s is not None))
    return steps


def team(base: str, args: argparse.Namespace) -> dict:
    """The team scenario: think time, mostly year changes, now and then a pick or export."""
    mix = tuple(replace(a, weight=args.mix.get(a.kind, a.weight)) for a in ACTIONS)
    think = lambda rng: rng.expovariate(1 / args.think)  # noqa: E731
    tally = asyncio.run(_team(base, args.analysts, args.duration, think, mix))
    kinds = {k: summary(v) for k, v in tally.times.items()}
    done = sum(len(v) for k, v in tally.times.items() if k != "open")
    return {"analysts": args.analysts, "duration_s": args.duration, "think_mean_s": args.think,
            "sent": tally.sent, "actions": done, "runs": tally.runs,
            "statuses": dict(tally.statuses), "errors": tally.errors, "by_kind": kinds,
            "actions_per_s": done / args.duration}  # fmt: skip


def sweep(base: str, args: argparse.Namespace) -> dict:
    """Raise the year-change rate step by step until p95 passes the limit."""
    steps = asyncio.run(_sweep(base, args.analysts, args.rates, args.step))
    within = [st for st in steps if not st["errors"] and st["n"] and st["p95"] <= P95_LIMIT_S]
    sustainable = max((st["achieved_per_s"] for st in within), default=None)
    return {"steps": steps, "sustainable_changes_per_s": sustainable, "p95_limit_s": P95_LIMIT_S,
            "saturated": len(within) < len(steps)}  # fmt: skip


def _is_export_worker(pid: int) -> bool:
    try:  # the pool's workers, not multiprocessing's resource tracker
        return b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _fmt(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.3f} s"


def run(args: argparse.Namespace) -> dict:
    """Start (or use) the server, run the phases, stop what was started; return the figures."""
    out: dict = {"started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
                 "load_avg_start": [round(x, 2) for x in os.getloadavg()]}  # fmt: skip
    with started_server(args.base, args.pids) as (base, pids):
        out["replicas"] = len(pids)
        out["rss_idle_mb"] = round(tree_rss_mb(pids), 1)  # replicas and their export workers
        if "team" in args.only:
            with PeakSampler(pids) as peak:
                out["team"] = team(base, args)
            out["team"]["rss_peak_mb"] = round(peak.peak, 1)
            out["team"]["rss_after_mb"] = round(tree_rss_mb(pids), 1)
            workers = [p for p in family(pids) if _is_export_worker(p)]
            out["team"]["export_workers"] = len(workers)
            out["team"]["rss_workers_mb"] = round(sum(rss_mb(p) for p in workers), 1)
            _print_team(out["team"])
        if "sweep" in args.only:
            out["sweep"] = sweep(base, args)
        if "uploads" in args.only and args.uploads:
            out["uploads"] = upload_storm(base, args.uploads, args.upload_mb, pids[0])
            out["uploads"]["server_alive"] = all(Path(f"/proc/{p}").exists() for p in pids)
    out["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    return out


def _print_team(t: dict) -> None:
    print(
        f"team: {t['analysts']} analysts × {t['duration_s']:.0f} s, think {t['think_mean_s']} s: "
        f"{t['actions']} actions, {len(t['errors'])} errors, RSS peak {t['rss_peak_mb']} MB "
        f"(with {t.get('export_workers', 0)} export worker(s), {t.get('rss_workers_mb', 0)} MB)"
    )
    for kind, s in t["by_kind"].items():
        print(f"  {kind:<13} n {s['n']:>4}  p50 {_fmt(s.get('p50'))}  p95 {_fmt(s.get('p95'))}"
              f"  max {_fmt(s.get('max'))}")  # fmt: skip
    for err in t["errors"][:10]:
        print("  error:", err)


def verdict(res: dict, *, targets: bool = True) -> list[str]:
    """What failed: errors, targets missed, leaks, a crash (empty: pass)."""
    bad = []
    t = res.get("team")
    if t:
        bad += [f"team: {len(t['errors'])} errors"] if t["errors"] else []
        for kind, limit in TARGETS.items() if targets else ():
            p95 = t["by_kind"].get(kind, {}).get("p95")
            if p95 is not None and p95 > limit:
                bad.append(f"team: {kind} p95 {p95:.2f} s > {limit} s")
    up = res.get("uploads", {})
    bad += [f"uploads: {e}" for e in up.get("errors", []) + up.get("leaks", [])]
    if up.get("server_alive") is False:
        bad.append("uploads: the server died")
    if up.get("static_has_uploads"):
        bad.append("uploads: an analyst's overlay reached ./static")
    return bad


def _weight(text: str) -> tuple[str, float]:
    kind, _, weight = text.partition("=")
    if kind not in {a.kind for a in ACTIONS}:
        raise argparse.ArgumentTypeError(f"unknown action {kind!r}")
    return kind, float(weight)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; exit 1 on any error, missed target, leak or crash."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--analysts", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of team work")
    parser.add_argument("--think", type=float, default=4.0, help="mean think time, seconds")
    parser.add_argument("--step", type=float, default=20.0, help="seconds per sweep step")
    parser.add_argument("--rates", type=float, nargs="+", default=list(SWEEP_RATES),
                        help="sweep steps, changes/s")  # fmt: skip
    parser.add_argument("--mix", type=_weight, nargs="*", default=[],
                        help="KIND=WEIGHT overrides in the team scenario")  # fmt: skip
    parser.add_argument("--uploads", type=int, default=5, help="0 skips the upload storm")
    parser.add_argument("--upload-mb", type=float, default=10.0)
    parser.add_argument("--only", nargs="+", default=["team", "sweep", "uploads"],
                        choices=["team", "sweep", "uploads"])  # fmt: skip
    parser.add_argument("--no-targets", action="store_true",
                        help="judge errors only, not latencies (the smoke run)")  # fmt: skip
    parser.add_argument("--base", help="a running loopback deployment (default: start one)")
    parser.add_argument("--pids", type=int, nargs="*", default=[], help="its replicas' pids")
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "loadtest.json")
    args = parser.parse_args(argv)
    args.mix = dict(args.mix)
    host = urlsplit(args.base).hostname if args.base else "127.0.0.1"
    if not (0 < args.analysts <= 100 and 0 < args.duration <= 600 and 0 < args.step <= 120
            and 0 < args.think <= 60 and 0 <= args.uploads <= 10
            and len(args.rates) <= len(SWEEP_RATES) and max(args.rates) <= 50):  # fmt: skip
        parser.error("keep it bounded: analysts 1–100, duration ≤ 600 s, step ≤ 120 s")
    if host not in ("127.0.0.1", "localhost"):
        parser.error("loopback only")
    print(f"load test: {args.analysts} analysts, phases {' '.join(args.only)} "
          f"(pid {os.getpid()})", flush=True)  # fmt: skip
    res = run(args)
    bad = verdict(res, targets=not args.no_targets)
    res["failed"] = bad
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=1))
    if "sweep" in res:
        print(f"sweep: sustainable {res['sweep']['sustainable_changes_per_s']} changes/s "
              f"with p95 ≤ {P95_LIMIT_S} s ({res['replicas']} replica(s))")  # fmt: skip
    if "uploads" in res:
        print("uploads:", json.dumps({k: v for k, v in res["uploads"].items() if k != "files"}))
    for b in bad:
        print("  FAIL:", b)
    print(f"result: {'FAIL' if bad else 'PASS'} (figures in {args.out})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
