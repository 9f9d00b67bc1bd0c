"""Which URLs may become links: http(s), mailto and relative ones, nothing else.

Browsers ignore tabs, newlines and leading control characters in a URL, so
``java\\tscript:`` is ``javascript:`` to them; we strip the same characters
before reading the scheme rather than trust ``urllib`` to do it.
"""

from __future__ import annotations

import re

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_IGNORED_BY_BROWSERS = re.compile(r"[\t\n\r]|^[\x00-\x20]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def url_scheme(url: str) -> str:
    """The scheme a browser would see, lower-cased; ``""`` for a relative URL."""
    cleaned = _IGNORED_BY_BROWSERS.sub("", url)
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else ""


def is_safe_url(url: str) -> bool:
    """True when ``url`` may be an ``href``: http(s), mailto, or relative."""
    scheme = url_scheme(url)
    return scheme == "" or scheme in SAFE_SCHEMES
