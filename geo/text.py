"""Make any text safe to show as text in HTML, in folium's JS templates, or in a CSV cell."""

import html
import json
from urllib.parse import urlsplit

# folium wraps popup/tooltip content in JS template literals: ` $ \ stay live there.
_JS_TEMPLATE_META = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})
_FORMULA_LEADERS = ("=", "+", "-", "@", "\t", "\r")


def escape_text(value: object) -> str:
    """Escape a value for display as text in HTML or in a folium template.

    Parameters
    ----------
    value
        Anything; ``None`` becomes the empty string.

    Returns
    -------
    str
        HTML-escaped text in which the JS template-literal characters are entities too.

    Examples
    --------
    >>> escape_text("<b>`${x}`</b>")
    '&lt;b&gt;&#96;&#36;{x}&#96;&lt;/b&gt;'
    """
    if value is None:
        return ""
    return html.escape(str(value), quote=True).translate(_JS_TEMPLATE_META)


def safe_url(url: object) -> str | None:
    """Return the URL escaped for an ``href`` if it is plain http(s), else ``None``.

    Examples
    --------
    >>> safe_url("javascript:alert(1)") is None
    True
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return escape_text(url)


def neutralise_cell(value: object) -> object:
    """Neutralise a CSV cell that a spreadsheet would read as a formula (CWE-1236).

    A text cell starting with ``= + - @``, a tab or a carriage return gets a leading
    apostrophe, as OWASP advises; numbers are left as they are.

    Examples
    --------
    >>> neutralise_cell("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    >>> neutralise_cell(-3)
    -3
    """
    if isinstance(value, str) and value.startswith(_FORMULA_LEADERS):
        return "'" + value
    return value


_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def json_for_script(value: object) -> str:
    """Serialise a value as JSON that is safe to place inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` become unicode escapes, so ``</script>`` in the data cannot end
    the script, and U+2028/2029 cannot break older JS parsers.

    Examples
    --------
    >>> json_for_script({"t": "</script>"})
    '{"t": "\\\\u003c/script\\\\u003e"}'
    """

    return json.dumps(value, ensure_ascii=False, allow_nan=False).translate(_SCRIPT_SAFE)


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|<>~$:"})


def escape_markdown(value: object) -> str:
    """Escape text for ``st.markdown`` so data never becomes markup, links or LaTeX."""
    return "" if value is None else str(value).translate(_MD_SPECIAL)
