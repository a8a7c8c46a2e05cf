"""Compare two years: corridor status, events and sites in use, as rows of a table."""

import pandas as pd

from geo import scene_text
from geo.drones import PUBLISHERS, total, years_of
from geo.io import Dataset
from geo.status import corridor_year_status
from geo.style import CATEGORY_STYLES
from geo.timeline import events_shown
from geo.view import TimeWindow, View

CORRIDOR_NAMES = {"torkham": "Torkham corridor", "chaman": "Chaman corridor"}


def sites_in_use(ds: Dataset, year: int) -> list[str]:
    """Return the labels of place and mission periods that hold at any time in ``year``.

    Examples
    --------
    >>> sites_in_use(ds, 2012)  # doctest: +SKIP
    ['ISAF (International Security Assistance Force)']
    """
    return scene_text.sites_in_use(ds, View(window=TimeWindow.of_year(year)))


def compare_years(ds: Dataset, first: int, second: int, mode: str = "year") -> pd.DataFrame:
    """Return one row per aspect (``aspect``, the two years' values, ``changed``).

    Aspects: each corridor's status, the event count in total and per category (in the
    year, or everything up to it in ``"cumulative"`` mode), and the sites and missions in
    use. Category rows where both years have no event are left out.

    Examples
    --------
    >>> compare_years(ds, 2010, 2012).loc[0, "aspect"]  # doctest: +SKIP
    'Torkham corridor'
    """
    a, b = str(first), str(second) if second != first else f"{second} (again)"
    rows: list[dict[str, object]] = []
    for corridor, name in CORRIDOR_NAMES.items():
        rows.append(
            {"aspect": name, a: corridor_year_status(ds.spells, corridor, first).note,
             b: corridor_year_status(ds.spells, corridor, second).note}
        )  # fmt: skip
    ev_a, ev_b = events_shown(ds.events, first, mode), events_shown(ds.events, second, mode)
    rows.append({"aspect": "Events (all)", a: str(len(ev_a)), b: str(len(ev_b))})
    for cat, style in CATEGORY_STYLES.items():
        na, nb = int((ev_a["category"] == cat).sum()), int((ev_b["category"] == cat).sum())
        if na or nb:
            rows.append({"aspect": f"Events: {style.label}", a: str(na), b: str(nb)})
    if ds.drones is not None:
        cumulative = mode == "cumulative"
        for key, name in PUBLISHERS.items():
            counts = [
                total([ds.drones.yearly[y] for y in years_of(year, year, cumulative=cumulative,
                                                              layer=ds.drones)
                       if y in ds.drones.yearly]).get(key)
                for year in (first, second)
            ]  # fmt: skip
            rows.append({"aspect": f"US drone strikes ({name})",
                         a: counts[0].text() if counts[0] else "none recorded",
                         b: counts[1].text() if counts[1] else "none recorded"})  # fmt: skip
    sites_a, sites_b = sites_in_use(ds, first), sites_in_use(ds, second)
    rows.append(
        {"aspect": "Sites and missions in use", a: "; ".join(sites_a) or "none",
         b: "; ".join(sites_b) or "none"}
    )  # fmt: skip
    table = pd.DataFrame(rows, columns=["aspect", a, b])
    table["changed"] = table[a] != table[b]
    return table
