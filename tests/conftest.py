"""Shared fixtures: Sphinx's testing fixtures, test roots, HTML parsing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

TESTS = Path(__file__).parent
DATA = TESTS / "data"


#: Every builder the extension must run clean under.
BUILDERS = [
    "html",
    "dirhtml",
    "singlehtml",
    "epub",
    "latex",
    "text",
    "man",
    "texinfo",
    "gettext",
    "xml",
    "pseudoxml",
]


def copy_root(source: Path, target: Path) -> Path:
    """A private copy of a test project (its builds must not touch the shared one)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("_build"))
    return target


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return TESTS / "roots"


def read_html(app, docname: str) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    """The built page of ``docname`` (html builder), parsed."""
    path = Path(app.outdir, f"{docname}.html")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def warnings_of(app) -> list[str]:  # type: ignore[no-untyped-def]
    """Warning lines: source directory made relative, colours and ``[type.subtype]`` tags removed.

    Sphinx prints the tag from version 8 on; ``test_warning_tags`` checks it there.
    """
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    lines = (line.replace(f"{app.srcdir}/", "") for line in text.splitlines() if line.strip())
    return [re.sub(r" \[bterm\.[a-z_]+\]$", "", line) for line in lines]


#: Places where a term link must never appear (HTML selectors).
FORBIDDEN = (
    "h1, h2, h3, h4, h5, h6, code, pre, kbd, samp, .caption-text, caption, thead, .rubric,"
    " .admonition-title, .topic-title, .sidebar-title, .sidebar-subtitle, dt, .field-name,"
    " .option-list, .sig, a:not(.bterm), .bterm .bterm"
)


def assert_no_forbidden_links(html: BeautifulSoup) -> None:
    """No term link in a heading, caption, code, description signature or another link."""
    body = html.select_one("div.body")
    for place in body.select(FORBIDDEN):
        assert place.select(".bterm") == [], place
