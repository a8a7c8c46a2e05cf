"""Measure overlay parse throughput and peak memory for ACLED-style CSV and GeoJSON.

Run: .venv/bin/python bench/overlay_load.py [rows ...]   (default 10000 100000); bench/run.py
runs the same cases (``--one KIND ROWS`` prints a readable line and then one JSON line).
Each case runs in a fresh subprocess so peak RSS (ru_maxrss) belongs to that case alone; the
"+N MB" figure is the growth caused by parsing, over the process that already holds the input.
"""

import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "admin1", "location", "latitude", "longitude", "geo_precision",
    "source", "notes", "fatalities",
]  # fmt: skip
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


def _record(
    i: int, rng: random.Random, notes: int = 2, years: tuple[int, int] = (2005, 2024)
) -> dict:
    year = rng.randint(*years)
    return {
        "event_id_cnty": f"PAK{i}",
        "event_date": f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {year}",
        "year": str(year),
        "time_precision": "1",
        "event_type": rng.choice(["Battles", "Riots", "Protests", "Explosions/Remote violence"]),
        "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Pakistan (2018-)",
        "actor2": "TTP: Tehrik-i-Taliban Pakistan",
        "admin1": rng.choice(["Khyber Pakhtunkhwa", "Punjab", "Balochistan", "Sindh"]),
        "location": f"Place {i % 997}",
        "latitude": f"{rng.uniform(24, 37):.4f}",
        "longitude": f"{rng.uniform(61, 77):.4f}",
        "geo_precision": "1",
        "source": "Dawn; The News",
        "notes": "On 12 March, an armed clash took place, with casualties reported. " * notes,
        "fatalities": str(rng.randint(0, 20)),
    }


def make_csv(rows: int, *, notes: int = 2, years: tuple[int, int] = (2005, 2024)) -> bytes:
    import csv
    import io

    rng, buf = random.Random(1), io.StringIO()
    writer = csv.DictWriter(buf, COLUMNS)
    writer.writeheader()
    writer.writerows(_record(i, rng, notes, years) for i in range(rows))
    return buf.getvalue().encode()


def make_geojson(rows: int) -> bytes:
    rng, feats = random.Random(1), []
    for i in range(rows):
        rec = _record(i, rng, notes=0)  # keys repeat per feature: keeps 100k under 50 MB
        lon, lat = float(rec.pop("longitude")), float(rec.pop("latitude"))
        geom = {"type": "Point", "coordinates": [lon, lat]}
        feats.append({"type": "Feature", "geometry": geom, "properties": rec})
    return json.dumps({"type": "FeatureCollection", "features": feats}).encode()


def run_one(kind: str, rows: int) -> dict:
    from geo.overlay import load_overlay

    data = (make_csv if kind == "csv" else make_geojson)(rows)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    ov = load_overlay(data, f"bench.{kind}")
    elapsed = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"{kind:8} {rows:>8,} rows  {len(data) / 2**20:5.1f} MB  {elapsed:5.2f} s  "
        f"{rows / elapsed:>8,.0f} rows/s  peak RSS {rss / 1024:5.0f} MB "
        f"(+{(rss - base_rss) / 1024:4.0f} MB over the generated input)  loaded {len(ov.events):,}"
    )
    result = {
        "kind": kind, "rows": rows, "mb": len(data) / 2**20, "seconds": elapsed,
        "rows_per_s": rows / elapsed, "peak_rss_mb": rss / 1024,
        "parse_rss_mb": (rss - base_rss) / 1024, "loaded": len(ov.events),
    }  # fmt: skip
    print(json.dumps(result))
    return result


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        run_one(sys.argv[2], int(sys.argv[3]))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    for kind in ("csv", "geojson"):
        for rows in sizes:
            subprocess.run([sys.executable, __file__, "--one", kind, str(rows)], check=True)


if __name__ == "__main__":
    main()
