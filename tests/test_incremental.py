"""Rebuilds: one edited page is read alone; a data-file edit reaches every page that shows it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import fields, replace
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_balena_glossary.loader import load_bundled
from sphinx_balena_glossary.model import Glossary, Term

from conftest import MakeProject, Project, other_value, read_html, warnings_of


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


#: What a page's reading depends on, of a term: a change means every page is read again.
READ_BY = {
    *("key", "term", "aliases", "qualifier", "forms", "autolink", "case_sensitive", "match"),
    *("not_after", "not_before", "status", "replaced_by", "spelling", "avoid"),
}


@pytest.mark.parametrize("name", [each.name for each in fields(Term)])
def test_every_field_is_in_the_fingerprints(name: str) -> None:
    """Any field edited changes that term's content fingerprint alone; those reading depends on
    change the names fingerprint too, the others do not (the pages are only written again)."""
    terms = (Term("Fleet", key="fleet", definition="A group."), Term("Device", key="device"))
    edited = replace(terms[0], **{name: other_value(getattr(terms[0], name))})
    names, content = Glossary(terms).fingerprints
    edited_names, edited_content = Glossary((edited, terms[1])).fingerprints
    assert (edited_names != names) is (name in READ_BY)
    changed = {
        key for key in content | edited_content if content.get(key) != edited_content.get(key)
    }
    assert changed == ({"fleet", "Other"} if name == "key" else {"fleet"})


def test_fingerprints_are_the_same_in_every_process() -> None:
    """The next build compares them with its own: they must not depend on hash seeds or
    object identity."""
    glossary, _ = load_bundled()
    script = (
        "from sphinx_balena_glossary.loader import load_bundled; "
        "print(repr(load_bundled()[0].fingerprints))"
    )
    for seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", script],
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
        assert out.stdout.strip() == repr(glossary.fingerprints)
