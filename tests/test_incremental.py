"""Rebuilds: one edited page is read alone; a data-file edit reaches every page that shows it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import read_html, warnings_of


class Project:
    """A copy of a test root, built again and again with the same environment."""

    def __init__(self, make_app, source: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        self.make_app = make_app
        self.srcdir = tmp_path / "src"
        shutil.copytree(source, self.srcdir)
        self.read: list[str] = []
        self.written: list[str] = []
        self.app: SphinxTestApp | None = None

    def build(self, **confoverrides: object) -> SphinxTestApp:
        if self.app is not None:
            self.app.cleanup()  # unregister its nodes before the next app registers them
        app = self.app = self.make_app("html", srcdir=self.srcdir, confoverrides=confoverrides)
        self.read, self.written = [], []
        app.connect("doctree-read", lambda app, doctree: self.read.append(app.env.docname))
        app.connect("html-page-context", lambda app, page, *args: self.written.append(page))
        app.build()
        return app

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.srcdir / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def project(make_app, rootdir: Path, tmp_path: Path) -> Project:  # type: ignore[no-untyped-def]
    return Project(make_app, rootdir / "test-incremental", tmp_path)


def tooltip_text(app: SphinxTestApp, page: str, key: str) -> str:
    return read_html(app, page).select_one(f"#bterm-tip-{key}").get_text(" ", strip=True)


def test_editing_one_page_reads_only_that_page(project: Project) -> None:
    project.build()
    assert sorted(project.read) == ["agent", "glossary", "history", "index", "updates"]
    project.edit("history.rst", "Nothing about terms here.", "Still nothing here.")
    app = project.build()
    assert project.read == ["history"]
    assert re.search(r"0 added, 1 changed, 0 removed", app.status.getvalue())


def test_definition_edit_rewrites_users_without_reading_them(project: Project) -> None:
    project.build()
    project.edit(
        "glossary.yaml", "The old definition of the updater.", "The new definition of the updater."
    )
    app = project.build()
    assert project.read == ["glossary"]  # only the page that lists the definitions
    assert "updates" in project.written and "agent" not in project.written
    assert "The new definition" in tooltip_text(app, "updates", "host-os-updater")
    glossary = (
        read_html(app, "glossary").select_one("dt#term-host-os-updater").find_next_sibling("dd")
    )
    assert "The new definition" in glossary.get_text()
    for page in Path(app.outdir).glob("*.html"):
        assert "The old definition" not in page.read_text(encoding="utf-8"), page


def test_new_alias_reads_every_page(project: Project) -> None:
    project.build()
    project.edit("glossary.yaml", "aliases: [HUP]", "aliases: [HUP, updater]")
    project.edit("agent.rst", "runs containers.", "runs containers; the updater updates it.")
    app = project.build()
    assert sorted(project.read) == ["agent", "glossary", "history", "index", "updates"]
    links = [a["data-bterm"] for a in read_html(app, "agent").select("a.bterm")]
    assert links == ["supervisor", "host-os-updater"]


def test_backrefs_follow_edits(project: Project) -> None:
    app = project.build()

    def mentioned(app: SphinxTestApp, anchor: str) -> str:
        dd = read_html(app, "glossary").select_one(f"dt#{anchor}").find_next_sibling("dd")
        line = dd.select_one(".bterm-backrefs")
        return line.get_text() if line else ""

    assert mentioned(app, "term-host-os-updater") == "Mentioned in: Updates"
    assert mentioned(app, "term-supervisor") == "Mentioned in: Agent"
    project.edit("history.rst", "Nothing about terms here.", "HUP was written in 2016.")
    app = project.build()
    assert project.read == ["history"]
    assert mentioned(app, "term-host-os-updater") == "Mentioned in: History, Updates"
    assert [a["href"] for a in read_html(app, "glossary").select(".bterm-backrefs a")][:2] == [
        "history.html",
        "updates.html",
    ]


def test_backrefs_can_be_turned_off(project: Project) -> None:
    app = project.build(balena_glossary_backrefs=False)
    assert read_html(app, "glossary").select(".bterm-backrefs") == []


def test_former_names_warn_when_asked(project: Project) -> None:
    project.build()
    project.edit(
        "history.rst",
        "Nothing about terms here.",
        "The company was called Resin.\n\nSee :bterm:`Resin`.",
    )
    app = project.build(balena_glossary_warn_former=True, balena_glossary_autolink="all")
    assert sorted(warnings_of(app)) == [
        "history.rst:4: WARNING: 'Resin' is a former name of 'balena'",
        "history.rst:6: WARNING: 'Resin' is a former name of 'balena'",
    ]
    assert [a["data-bterm"] for a in read_html(app, "history").select("a.bterm")] == [
        "resin",
        "resin",
    ]


def test_former_names_are_quiet_by_default(project: Project) -> None:
    project.edit("history.rst", "Nothing about terms here.", "The company was called Resin.")
    app = project.build()
    assert sorted(warnings_of(app)) == []
