"""Does an export stall other analysts? A bystander changes the year while one analyst exports.

``python scripts/load_probe.py [--rounds 3]`` starts a warmed server on loopback (as
``scripts/loadtest.py`` does), opens two sessions and, per round, times the bystander's
year changes first alone, then back to back while the other session's "Prepare files"
runs. Prints one JSON line. Run it with ``ATLAS_EXPORT_WORKERS=0`` for the old, in-thread
exports. Bounded: a few rounds, every request with the driver's own timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_server import started_server
from streamlit_ws import Session

YEARS = (2008, 2009, 2010, 2011, 2012)


async def _changes(s: Session, n: int | None, until: asyncio.Task | None) -> list[float]:
    """Year changes back to back: ``n`` of them, or until ``until`` is done (at most 40)."""
    out: list[float] = []
    i = 0
    while len(out) < (n or 40) and not (until is not None and until.done()):
        rt = await s.set("Year", YEARS[i % len(YEARS)])
        i += 1
        out.append(rt.to_last_delta_s)
    return out


async def probe(base: str, rounds: int) -> dict:
    """Time the bystander's year changes alone and during each export."""
    url = base.replace("http://", "ws://") + "/_stcore/stream"
    exporter = await Session.open(url, headers={"Origin": base})
    bystander = await Session.open(url, headers={"Origin": base})
    try:
        await exporter.first_run()
        await bystander.first_run()
        alone, during, exports = [], [], []
        for _ in range(rounds):
            alone += await _changes(bystander, 5, None)
            t0 = time.perf_counter()
            job = asyncio.create_task(exporter.set("Prepare files", True))
            await asyncio.sleep(0.2)  # the export's run has started
            during += await _changes(bystander, None, job)
            await job
            exports.append(time.perf_counter() - t0)
    finally:
        await exporter.close()
        await bystander.close()

    def stats(v: list[float]) -> dict:
        return {"n": len(v), "p50": round(statistics.median(v), 3), "max": round(max(v), 3)}

    return {"year_alone": stats(alone), "year_during_export": stats(during),
            "export_s": [round(x, 2) for x in exports]}  # fmt: skip


def main() -> int:
    """Print one JSON line of figures, with the load average before and after."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not 1 <= args.rounds <= 10:
        parser.error("--rounds must be 1–10")
    load_start = [round(x, 2) for x in os.getloadavg()]
    with started_server(None, []) as (base, _):
        res = asyncio.run(probe(base, args.rounds))
    res |= {
        "export_workers": os.environ.get("ATLAS_EXPORT_WORKERS", "1"),
        "load_avg_start": load_start,
        "load_avg_end": [round(x, 2) for x in os.getloadavg()],
    }
    sys.stdout.write(json.dumps(res) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
