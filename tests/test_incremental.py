"""Rebuilds: one edited page is read alone; a data-file edit reaches every page that shows it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import MakeProject, Project, read_html, warnings_of


@pytest.fixture
def incremental(project: MakeProject) -> Project:
    """The incremental test root, built again and again with the same environment."""
    return project("incremental")


def tooltip_text(app: SphinxTestApp, page: str, key: str) -> str:
    return read_html(app, page).select_one(f"#bterm-tip-{key}").get_text(" ", strip=True)


def test_editing_one_page_reads_only_that_page(incremental: Project) -> None:
    incremental.build()
    assert sorted(incremental.read) == ["agent", "glossary", "history", "index", "updates"]
    incremental.edit("history.rst", "Nothing about terms here.", "Still nothing here.")
    app = incremental.build()
    assert incremental.read == ["history"]
    assert re.search(r"0 added, 1 changed, 0 removed", app.status.getvalue())


def test_definition_edit_rewrites_users_without_reading_them(incremental: Project) -> None:
    incremental.build()
    incremental.edit(
        "glossary.yaml", "The old definition of the updater.", "The new definition of the updater."
    )
    app = incremental.build()
    assert incremental.read == ["glossary"]  # only the page that lists the definitions
    assert "updates" in incremental.written and "agent" not in incremental.written
    assert "The new definition" in tooltip_text(app, "updates", "host-os-updater")
    glossary = (
        read_html(app, "glossary").select_one("dt#term-host-os-updater").find_next_sibling("dd")
    )
    assert "The new definition" in glossary.get_text()
    for page in Path(app.outdir).glob("*.html"):
        assert "The old definition" not in page.read_text(encoding="utf-8"), page


def test_new_alias_reads_every_page(incremental: Project) -> None:
    incremental.build()
    incremental.edit("glossary.yaml", "aliases: [HUP]", "aliases: [HUP, updater]")
    incremental.edit("agent.rst", "runs containers.", "runs containers; the updater updates it.")
    app = incremental.build()
    assert sorted(incremental.read) == ["agent", "glossary", "history", "index", "updates"]
    links = [a["data-bterm"] for a in read_html(app, "agent").select("a.bterm")]
    assert links == ["supervisor", "host-os-updater"]


def test_backrefs_follow_edits(incremental: Project) -> None:
    app = incremental.build()

    def mentioned(app: SphinxTestApp, anchor: str) -> str:
        dd = read_html(app, "glossary").select_one(f"dt#{anchor}").find_next_sibling("dd")
        line = dd.select_one(".bterm-backrefs")
        return line.get_text() if line else ""

    assert mentioned(app, "term-host-os-updater") == "Mentioned in: Updates"
    assert mentioned(app, "term-supervisor") == "Mentioned in: Agent"
    incremental.edit("history.rst", "Nothing about terms here.", "HUP was written in 2016.")
    app = incremental.build()
    assert incremental.read == ["history"]
    assert mentioned(app, "term-host-os-updater") == "Mentioned in: History, Updates"
    assert [a["href"] for a in read_html(app, "glossary").select(".bterm-backrefs a")][:2] == [
        "history.html",
        "updates.html",
    ]


def test_backrefs_can_be_turned_off(incremental: Project) -> None:
    app = incremental.build(confoverrides={"balena_glossary_backrefs": False})
    assert read_html(app, "glossary").select(".bterm-backrefs") == []


def test_former_names_warn_when_asked(incremental: Project) -> None:
    incremental.build()
    incremental.edit(
        "history.rst",
        "Nothing about terms here.",
        "The company was called Resin.\n\nSee :bterm:`Resin`.",
    )
    app = incremental.build(
        confoverrides={"balena_glossary_warn_former": True, "balena_glossary_autolink": "all"}
    )
    # the author's own link to the former name (line 6) is deliberate
    assert warnings_of(app) == ["history.rst:4: WARNING: 'Resin' is a former name: write 'balena'"]
    assert [a["data-bterm"] for a in read_html(app, "history").select("a.bterm")] == [
        "resin",
        "resin",
    ]


def test_former_names_are_quiet_by_default(incremental: Project) -> None:
    incremental.edit("history.rst", "Nothing about terms here.", "The company was called Resin.")
    app = incremental.build()
    assert sorted(warnings_of(app)) == []
