"""Compare two years: corridor status, events and sites in use, as rows of a table."""

import geopandas as gpd
import pandas as pd

from geo.status import corridor_year_status, spells_in_year
from geo.style import CATEGORY_STYLES
from geo.timeline import events_in_year

CORRIDOR_NAMES = {"torkham": "Torkham corridor", "chaman": "Chaman corridor"}


def sites_in_use(periods: pd.DataFrame, year: int) -> list[str]:
    """Return the labels of place and mission periods that hold at any time in ``year``.

    Examples
    --------
    >>> sites_in_use(periods, 2012)  # doctest: +SKIP
    ['ISAF (International Security Assistance Force)']
    """
    others = periods[periods["subject_type"] != "corridor"]
    out = []
    for subject in others["subject"].drop_duplicates():
        out += [s.label for s in spells_in_year(periods, subject, year)]
    return sorted(out)


def compare_years(
    events: gpd.GeoDataFrame, periods: pd.DataFrame, first: int, second: int
) -> pd.DataFrame:
    """Return one row per aspect (``aspect``, the two years' values, ``changed``).

    Aspects: each corridor's status, the event count in total and per category, and the
    sites and missions in use. Category rows where both years have no event are left out.

    Examples
    --------
    >>> compare_years(events, periods, 2010, 2012).loc[0, "aspect"]  # doctest: +SKIP
    'Torkham corridor'
    """
    a, b = str(first), str(second) if second != first else f"{second} (again)"
    rows: list[dict[str, object]] = []
    for corridor, name in CORRIDOR_NAMES.items():
        rows.append(
            {"aspect": name, a: corridor_year_status(periods, corridor, first).note,
             b: corridor_year_status(periods, corridor, second).note}
        )  # fmt: skip
    ev_a, ev_b = events_in_year(events, first), events_in_year(events, second)
    rows.append({"aspect": "Events (all)", a: str(len(ev_a)), b: str(len(ev_b))})
    for cat, style in CATEGORY_STYLES.items():
        na, nb = int((ev_a["category"] == cat).sum()), int((ev_b["category"] == cat).sum())
        if na or nb:
            rows.append({"aspect": f"Events: {style.label}", a: str(na), b: str(nb)})
    sites_a, sites_b = sites_in_use(periods, first), sites_in_use(periods, second)
    rows.append(
        {"aspect": "Sites and missions in use", a: "; ".join(sites_a) or "none",
         b: "; ".join(sites_b) or "none"}
    )  # fmt: skip
    table = pd.DataFrame(rows, columns=["aspect", a, b])
    table["changed"] = table[a] != table[b]
    return table
