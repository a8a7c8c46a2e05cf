"""How sure the Atlas is, in tables: disputed facts, differing figures, seed errors, sources.

The About page shows these so an analyst can review every disagreement in one place, as
ACLED's and UCDP's methodology pages list their coding caveats, instead of meeting each one
only inside an event's card. Plain pandas in, plain frames out; the page only draws them.
"""

from collections import Counter
from pathlib import Path

import pandas as pd

from geo.dates import format_day, format_event_dates
from geo.io import Dataset
from geo.sources import SOURCE_TYPES
from geo.summary import format_range

_FRAMES = ("events", "periods", "places")
DATA_README = Path(__file__).resolve().parents[1] / "data" / "README.md"  # the schema's docs


def _period_when(row: object) -> str:
    start = format_day(row.start.date())
    return f"{start} – {format_day(row.end.date())}" if pd.notna(row.end) else f"from {start}"


def disputes(ds: Dataset) -> pd.DataFrame:
    """Return every event and period whose sources disagree, oldest first.

    Columns: ``start`` (a timestamp, to sort by), ``when`` (as analysts read it), ``what``
    (title or period label), ``kind`` (``event`` or ``status period``), ``disputed`` (what
    the sources disagree on) and ``claims`` (how many sourced claims it sets side by side).
    """
    rows = []
    for r in ds.events[ds.events["disputed"].notna()].itertuples():
        rows.append((r.start, format_event_dates(r.date, r.date_precision, r.end_date),
                     r.title, "event", r.disputed, len(r.disputed_claims or [])))  # fmt: skip
    for r in ds.periods[ds.periods["disputed"].notna()].itertuples():
        rows.append((r.start, _period_when(r), r.label, "status period", r.disputed,
                     len(r.disputed_claims or [])))  # fmt: skip
    frame = pd.DataFrame(rows, columns=["start", "when", "what", "kind", "disputed", "claims"])
    return frame.sort_values("start", kind="stable").reset_index(drop=True)


def differing_figures(ds: Dataset) -> pd.DataFrame:
    """Return the events whose reports give a range of killed or wounded, oldest first.

    Columns: ``when``, ``what``, ``figures`` (``"24 killed (reports range 24–28)"``) and
    ``note`` (who reported which figure).
    """
    rows = []
    for r in ds.events.sort_values("start", kind="stable").itertuples():
        ranges = {k: v for k, v in (r.casualties or {}).items() if v.get("low") != v.get("high")}
        if not ranges:
            continue
        figures = " · ".join(format_range(ranges[k], k) for k in ("killed", "wounded")
                             if k in ranges)  # fmt: skip
        note = r.casualties_note if isinstance(r.casualties_note, str) else ""
        rows.append((format_event_dates(r.date, r.date_precision, r.end_date), r.title,
                     figures, note))  # fmt: skip
    return pd.DataFrame(rows, columns=["when", "what", "figures", "note"])


def seed_corrections(ds: Dataset) -> pd.DataFrame:
    """Return the seed text's claims next to what the sources say, oldest first.

    Columns: ``when``, ``what``, ``seed_claim``, ``confirmed`` (whether the event itself is
    confirmed) and ``correction`` (the disputed note, or ``""`` when the claim stands).
    """
    seeded = ds.events[ds.events["seed_claim"].notna()].sort_values("start", kind="stable")
    return pd.DataFrame(
        [(format_event_dates(r.date, r.date_precision, r.end_date), r.title, r.seed_claim,
          bool(r.confirmed), r.disputed if isinstance(r.disputed, str) else "")
         for r in seeded.itertuples()],
        columns=["when", "what", "seed_claim", "confirmed", "correction"],
    )  # fmt: skip


def source_profile(ds: Dataset) -> tuple[pd.DataFrame, int, int]:
    """Return the citations by source type, the distinct publishers and documents cited.

    Citations count each source once per record (event, period or place) that cites it.
    The table's ``type`` is in words (``press agency``), most cited first.
    """
    kinds: Counter[str] = Counter()
    publishers, documents = set(), set()
    for name in _FRAMES:
        for sources in getattr(ds, name)["sources"]:
            for s in sources or []:
                kinds[SOURCE_TYPES.get(s.get("type"), "type not recorded")] += 1
                publishers.add(s.get("publisher"))
                documents.add(s.get("url") or (s.get("publisher"), s.get("title")))
    table = pd.DataFrame(kinds.most_common(), columns=["type", "citations"])
    return table, len(publishers - {None}), len(documents)


def readme_section(path: Path, heading: str) -> str:
    """Return the body of the ``## heading`` section of a Markdown file (to the next ``## ``).

    Raises
    ------
    ValueError
        When the file has no such section.
    """
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    try:
        start = lines.index(f"## {heading}") + 1
    except ValueError:
        raise ValueError(f"{Path(path).name} has no '## {heading}' section") from None
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return "\n".join(lines[start:end]).strip()
