"""Each source's type (official, press agency, …) in words, and which facts rest on weak ones."""

from collections.abc import Iterable, Mapping
from typing import Any

from geo.scene_text import citation
from geo.text import escape_markdown as md
from geo.text import safe_url

SOURCE_TYPES = {
    "official": "official",
    "press_agency": "press agency",
    "newspaper": "newspaper",
    "research": "research",
    "secondary": "secondary: blog, forum or encyclopedia",
}
SHORT_TYPES = {**SOURCE_TYPES, "secondary": "secondary"}
WEAK_TYPES = frozenset({"secondary"})
SECONDARY_ONLY_NOTE = (
    "Rests on secondary sources only (blogs, forums, encyclopedias): no press, official or "
    "research report found yet."
)


def source_type(source: Mapping[str, Any], *, short: bool = True) -> str:
    """Return a source's type in words, or ``""`` when the source has none recorded.

    Examples
    --------
    >>> source_type({"title": "T", "type": "press_agency"})
    'press agency'
    >>> source_type({"title": "T"})
    ''
    """
    kind = source.get("type")
    return (SHORT_TYPES if short else SOURCE_TYPES).get(kind, "") if isinstance(kind, str) else ""


def typed_citation(source: Mapping[str, Any]) -> str:
    """Return ``Publisher, “Title” (date) [type]``, the type left out when unknown.

    Examples
    --------
    >>> typed_citation({"title": "Closure", "publisher": "Reuters", "type": "press_agency"})
    'Reuters, “Closure” [press agency]'
    """
    kind = source_type(source)
    return f"{citation(source)} [{kind}]" if kind else citation(source)


def secondary_only(sources: Iterable[Mapping[str, Any]] | None) -> bool:
    """Whether every source is typed and weak (secondary): a fact resting on no better source.

    Sources without a recorded type are not counted as weak, so an untyped dataset is not
    flagged wholesale.

    Examples
    --------
    >>> secondary_only([{"type": "secondary"}, {"type": "secondary"}])
    True
    >>> secondary_only([{"type": "secondary"}, {"type": "newspaper"}])
    False
    >>> secondary_only([])
    False
    """
    kinds = [s.get("type") for s in sources or []]
    return bool(kinds) and all(k in WEAK_TYPES for k in kinds)


def _md_link(text: str, url: object) -> str:
    if not safe_url(url):
        return md(text)
    href = str(url).strip().replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{md(text)}]({href})"


def sources_markdown(sources: Iterable[Mapping[str, Any]] | None) -> str:
    """Return a numbered Markdown list: linked title — publisher, date (type), all escaped.

    Examples
    --------
    >>> sources_markdown([{"title": "Closure", "publisher": "Reuters", "type": "press_agency"}])
    '1. Closure — Reuters (press agency)'
    """
    lines = []
    for i, s in enumerate(sources or [], 1):
        meta = ", ".join(md(v) for v in (s.get("publisher"), s.get("date")) if v)
        kind = source_type(s)
        if kind:
            meta = f"{meta} ({md(kind)})" if meta else md(kind)
        lines.append(f"{i}. {_md_link(str(s.get('title') or ''), s.get('url'))}"
                     + (f" — {meta}" if meta else ""))  # fmt: skip
    return "\n".join(lines)
