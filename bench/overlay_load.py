"""Measure overlay parse throughput and peak memory for ACLED-style CSV, GeoJSON and .xlsx.

Run: .venv/bin/python bench/overlay_load.py [rows ...]   (default 10000 100000); bench/run.py
runs the same cases (``--one KIND ROWS`` prints a readable line and then one JSON line).
Each case runs in a fresh subprocess so peak RSS (ru_maxrss) belongs to that case alone; the
"+N MB" figure is the growth caused by parsing, over the process that already holds the input.
The ``xlsx`` case warms both readers up, then loads the workbook and the same rows as CSV
in turn, three times each, in the same process, and reports ``vs_csv``: the median workbook
time over the median CSV time (issue 14 asks for at most 2).
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


def make_xlsx(rows: int) -> bytes:
    """The CSV's records as one sheet with typed cells (numbers, dates), as Excel saves them.

    XlsxWriter writes text as a shared-strings table, as Excel does (openpyxl writes every
    string inline, which no spreadsheet program does and which triples the sheet's XML).
    """
    import datetime as dt
    import io

    import xlsxwriter

    rng, buf = random.Random(1), io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("events")
    day_format = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, COLUMNS)
    numbers = {"year", "time_precision", "geo_precision", "fatalities"}
    for i in range(rows):
        rec = _record(i, rng)
        day, month, year = rec["event_date"].split()
        when = dt.datetime(int(year), MONTHS.index(month) + 1, int(day))
        rec |= {k: int(rec[k]) for k in numbers}
        rec |= {k: float(rec[k]) for k in ("latitude", "longitude")}
        ws.write_row(i + 1, 0, [rec[c] for c in COLUMNS])
        ws.write_datetime(i + 1, COLUMNS.index("event_date"), when, day_format)
    wb.close()
    return buf.getvalue()


def _timed(data: bytes, name: str):
    from geo.overlay import load_overlay

    start = time.perf_counter()
    ov = load_overlay(data, name)
    return ov, time.perf_counter() - start


def run_one(kind: str, rows: int) -> dict:
    makers = {"csv": make_csv, "geojson": make_geojson, "xlsx": make_xlsx}
    data = makers[kind](rows)
    if kind == "xlsx":  # both readers warmed up first (imports, first calls), so the ratio
        _timed(make_xlsx(50), "warm.xlsx")  # compares reading, not start-up
        _timed(make_csv(50), "warm.csv")
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    ov, elapsed = _timed(data, f"bench.{kind}")
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
    if kind == "xlsx":  # the same rows as CSV, timed in turn with the workbook: median of 3
        text = make_csv(rows)
        pairs = [(elapsed, _timed(text, "bench.csv")[1])]
        pairs += [(_timed(data, "bench.xlsx")[1], _timed(text, "bench.csv")[1]) for _ in range(2)]
        xlsx_s = sorted(x for x, _ in pairs)[1]
        csv_s = sorted(c for _, c in pairs)[1]
        result |= {"xlsx_median_s": xlsx_s, "csv_seconds": csv_s, "vs_csv": xlsx_s / csv_s}
        print(
            f"{'':8} median of 3 in turn: workbook {xlsx_s:5.2f} s, same rows as CSV "
            f"{csv_s:5.2f} s: the workbook takes {xlsx_s / csv_s:.2f}×"
        )
    print(json.dumps(result))
    return result


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        run_one(sys.argv[2], int(sys.argv[3]))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    for kind in ("csv", "geojson", "xlsx"):
        for rows in sizes:
            subprocess.run([sys.executable, __file__, "--one", kind, str(rows)], check=True)


if __name__ == "__main__":
    main()
