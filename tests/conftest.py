"""Shared fixtures: every test's own project folder, one local web server, HTML parsing.

Tests that use Sphinx's ``app`` fixture with a ``testroot`` get their own copy of the root
(:func:`pytest_collection_modifyitems`), and tests that write a project use the
``project`` fixture: no test builds in, or edits, a folder another test uses, so the
suite passes in any order (``--reverse-order``, ``--random-order``).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import random
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

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


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("order", "test order")
    group.addoption("--reverse-order", action="store_true", help="run the tests last to first")
    group.addoption(
        "--random-order", type=int, metavar="SEED", help="run the tests shuffled with SEED"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Give each test using Sphinx's ``app`` fixture a folder of its own; reorder if asked."""
    for item in items:
        marker = item.get_closest_marker("sphinx")
        if marker is not None and "srcdir" not in marker.kwargs:
            # the closest marker's arguments win, and this one is added last (the farthest)
            item.add_marker(pytest.mark.sphinx(srcdir=re.sub(r"\W+", "-", item.nodeid)))
    if config.getoption("--reverse-order"):
        items.reverse()
    seed = config.getoption("--random-order")
    if seed is not None:
        random.Random(seed).shuffle(items)


class Project:
    """A test's own docs project: a copy of a test root, or files the test writes.

    Built with Sphinx's testing app; built again, it keeps its environment, as
    ``sphinx-build`` run twice in one folder does.
    """

    def __init__(self, make_app: Callable[..., SphinxTestApp], srcdir: Path) -> None:
        self.make_app = make_app
        self.srcdir = srcdir
        #: The documents the last build read and the pages it wrote.
        self.read: list[str] = []
        self.written: list[str] = []
        self.app: SphinxTestApp | None = None

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def write_conf(self, extensions: list[str], **settings: object) -> None:
        """conf.py loading ``extensions``, with ``settings`` as Python literals."""
        lines = [f"extensions = {extensions!r}", *(f"{k} = {v!r}" for k, v in settings.items())]
        self.write("conf.py", "\n".join(lines) + "\n")

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.srcdir / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")

    def new_app(self, builder: str = "html", **kwargs: Any) -> SphinxTestApp:
        """A Sphinx app on the project, not built (``kwargs``: ``confoverrides``, ``parallel`` …)."""
        if self.app is not None:
            self.app.cleanup()  # unregister its nodes before the next app registers them
        self.app = self.make_app(builder, srcdir=self.srcdir, **kwargs)
        return self.app

    def build(self, builder: str = "html", **kwargs: Any) -> SphinxTestApp:
        """Build with a new app, noting which documents it read and which pages it wrote."""
        app = self.new_app(builder, **kwargs)
        self.read, self.written = [], []
        app.connect("doctree-read", lambda app, doctree: self.read.append(app.env.docname))
        app.connect("html-page-context", lambda app, page, *args: self.written.append(page))
        app.build()
        return app


#: The ``project`` fixture: ``project(root=None, folder="src") -> Project``.
MakeProject = Callable[..., Project]


@pytest.fixture
def project(make_app, rootdir: Path, tmp_path: Path) -> MakeProject:  # type: ignore[no-untyped-def]
    """``project("autolink")``: a copy of a test root (or of a folder given as a path);
    ``project()``: an empty folder to write. ``folder`` names it, for tests that need several.
    """

    def make(root: str | Path | None = None, folder: str = "src") -> Project:
        srcdir = tmp_path / folder
        if root is None:
            srcdir.mkdir(parents=True)
        else:
            source = root if isinstance(root, Path) else rootdir / f"test-{root}"
            shutil.copytree(source, srcdir, ignore=shutil.ignore_patterns("_build"))
        return Project(make_app, srcdir)

    return make


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log in the test output."""


@contextlib.contextmanager
def served(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP on the loopback interface; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


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


def other_value(value: Any) -> Any:
    """A value of the same kind as a term field's ``value`` that is not it."""
    if isinstance(value, Enum):
        return next(member for member in type(value) if member is not value)
    if isinstance(value, bool) or value is None:
        return not value
    if isinstance(value, int):
        return value + 1
    return ("Other",) if isinstance(value, tuple) else "Other"
