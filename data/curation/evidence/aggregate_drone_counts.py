"""Aggregate the New America and TBIJ Pakistan drone-strike copies into yearly and per-area counts.

Run by hand (stdlib only); the copies are not bundled (TBIJ's data is CC BY-NC-ND):

    python aggregate_drone_counts.py NA_CSV TBIJ_XLSX

NA_CSV: ``data/drone_attacks.csv`` of
MShahnoor/Counterterrorism-Wars-Drone-Strikes-Analysis-in-Pakistan
(commit 13b3a342d2c8b5531af17b2a4f08b7c7c7ecc5c6). TBIJ_XLSX:
``data/raw/the-guardian/us-pakistan-strikes-from-2004.xlsx`` of ethan-allavarpu/drone-strikes
(commit 6549b330fd3eb14a1a1d5bcb21f1311705aff189). Prints JSON.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
import zipfile
from collections import defaultdict
from xml.etree import ElementTree as ET

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

# Area as coded by each publisher -> Atlas area key (see drone_strikes.yaml `areas`).
NA_REGION = {
    "North Waziristan": "north_waziristan",
    "South Waziristan": "south_waziristan",
    "Khyber": "khyber",
    "Kurram": "kurram",
    "Kurram Agency": "kurram",
    "Bajaur": "bajaur",
    "Orakzai": "orakzai",
    "Balochistan": "balochistan",
}
TBIJ_AREA = {
    "North Waziristan": "north_waziristan",
    "South Waziristan": "south_waziristan",
    "Khyber Agency": "khyber",
    "Kurram Agency": "kurram",
    "Bajaur Agency": "bajaur",
    "Orakzai Agency": "orakzai",
    "Bannu Frontier Region": "bannu",
    "North/South Waziristan": "waziristan_unassigned",
    "Balochistan": "balochistan",
}


def _na_area(region: str, village: str) -> str:
    """New America codes a few strikes only as 'Khyber Pakhtunkhwa' or 'FATA'; use the village."""
    if region in NA_REGION:
        return NA_REGION[region]
    if "Jani Khel" in village:
        return "bannu"
    if "Damadola" in village:
        return "bajaur"
    if "Hangu" in village:
        return "hangu"
    if "North Waziristan" in village:
        return "north_waziristan"
    return "unassigned"


def _tbij_area(area: str, location: str) -> str:
    area = area.strip()
    if area in TBIJ_AREA:
        return TBIJ_AREA[area]
    if "Hangu" in location:
        return "hangu"
    return "unassigned"


def _int(value: object) -> int:
    try:
        return int(float(str(value)))
    except ValueError:
        return 0


def _add(acc: dict, key: tuple, low: int, high: int, civ_low: int, civ_high: int) -> None:
    a = acc.setdefault(key, [0, 0, 0, 0, 0])
    a[0] += 1
    a[1] += low
    a[2] += high
    a[3] += civ_low
    a[4] += civ_high


def read_na(path: str) -> dict:
    acc: dict = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            year = int(row["year"])
            area = _na_area(row["region"], row["village"])
            cols = ("total_low", "total_high", "civilians_low", "civilians_high")
            vals = [_int(row[k]) for k in cols]
            _add(acc, (year, None), *vals)
            _add(acc, (year, area), *vals)
    return acc


def _xlsx_rows(path: str, sheet_name: str) -> list[list[str | None]]:
    zf = zipfile.ZipFile(path)
    shared = [
        "".join(t.text or "" for t in si.iter(NS + "t"))
        for si in ET.fromstring(zf.read("xl/sharedStrings.xml")).findall(NS + "si")
    ]
    names = [s.get("name") for s in ET.fromstring(zf.read("xl/workbook.xml")).find(NS + "sheets")]
    sheet = f"xl/worksheets/sheet{names.index(sheet_name) + 1}.xml"
    rows = []
    for row in ET.fromstring(zf.read(sheet)).iter(NS + "row"):
        cells: dict[int, str | None] = {}
        for c in row.findall(NS + "c"):
            col = 0
            for ch in re.match(r"[A-Z]+", c.get("r")).group():
                col = col * 26 + ord(ch) - 64
            v = c.find(NS + "v")
            text = None if v is None else v.text
            cells[col - 1] = shared[int(text)] if c.get("t") == "s" and text else text
        if cells:
            rows.append([cells.get(i) for i in range(max(cells) + 1)])
    return rows


def read_tbij(path: str) -> dict:
    acc: dict = {}
    for row in _xlsx_rows(path, "Drone strikes data")[1:]:
        if not row or not row[0]:
            continue
        day = dt.date(1899, 12, 30) + dt.timedelta(days=int(float(row[1])))
        area = _tbij_area(row[3] or "", row[2] or "")
        vals = [_int(row[i]) for i in (4, 5, 6, 7)]
        _add(acc, (day.year, None), *vals)
        _add(acc, (day.year, area), *vals)
    return acc


def main(na_csv: str, tbij_xlsx: str) -> None:
    out: dict = defaultdict(dict)
    for name, acc in (("new_america", read_na(na_csv)), ("tbij", read_tbij(tbij_xlsx))):
        for (year, area), (n, lo, hi, clo, chi) in sorted(acc.items(), key=lambda kv: str(kv[0])):
            if 2004 <= year <= 2015:
                out[f"{year}/{area or 'all'}"][name] = {
                    "strikes": n,
                    "killed": [lo, hi],
                    "civilians_killed": [clo, chi],
                }
    json.dump(out, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
