"""The About page's panels: every disagreement, differing figure, seed claim and source."""

import streamlit as st

from geo.io import Dataset
from geo.provenance import (
    DATA_README,
    differing_figures,
    disputes,
    readme_section,
    seed_corrections,
    source_profile,
)
from geo.text import escape_markdown as md


def _dispute(r: object) -> str:
    kind = " (status period)" if r.kind != "event" else ""
    claims = f" *{r.claims} claim{'s' if r.claims > 1 else ''} side by side.*" if r.claims else ""
    return f"- **{md(r.when)}** · {md(r.what)}{kind} — {md(r.disputed)}{claims}"


def _figures(r: object) -> str:
    note = f" {md(r.note)}" if r.note else ""
    return f"- **{md(r.when)}** · {md(r.what)}: {md(r.figures)}.{note}"


def _seed(r: object) -> str:
    said = f"*Sources:* {md(r.correction)}" if r.correction else "*Sources:* as stated."
    unconfirmed = "" if r.confirmed else " **Not confirmed by any source.**"
    return f"- **{md(r.when)}** · {md(r.what)}. *Seed:* {md(r.seed_claim)} {said}{unconfirmed}"


def provenance_panels(ds: Dataset) -> None:
    """Draw the five panels, the disagreements open; every record's text is escaped."""
    table = disputes(ds)
    with st.expander(f"Where the sources disagree · {len(table)}", expanded=True):
        st.markdown("\n".join(map(_dispute, table.itertuples())))
    figures = differing_figures(ds)
    with st.expander(f"Casualty figures that differ between reports · {len(figures)}"):
        st.markdown("\n".join(map(_figures, figures.itertuples())))
    seed = seed_corrections(ds)
    unconfirmed = int((~seed["confirmed"]).sum())
    with st.expander(f"The seed text, checked · {len(seed)} claims, {unconfirmed} not confirmed"):
        st.markdown("\n".join(map(_seed, seed.itertuples())))
    kinds, publishers, documents = source_profile(ds)
    with st.expander(f"Sources · {documents} documents from {publishers} publishers"):
        st.caption("Citations by source type, each counted once per event, period or place "
                   "that cites it. Secondary: blogs, forums, encyclopedias.")  # fmt: skip
        st.dataframe(kinds.rename(columns={"type": "Source type", "citations": "Citations"}),
                     hide_index=True, width="content")  # fmt: skip
    with st.expander("Licences and attribution"):
        # The project's own text (data/README.md, "Licences"), not a record's: drawn as written.
        st.markdown(readme_section(DATA_README, "Licences"))
