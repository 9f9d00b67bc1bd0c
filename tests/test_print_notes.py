"""Definitions where no tooltip reaches: footnotes or a "Terms used in this document" list in
LaTeX, text and epub output, glossary badges readable in print, nothing added to HTML pages
that have tooltips."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from conftest import MakeProject, Project, read_html, warnings_of

GLOSSARY = """\
version: 1
terms:
  - term: Host OS updater
    aliases: [HUP]
    scope: balena
    definition: Updates the host OS.
  - term: Supervisor
    status: deprecated
    definition: The on-device agent.
  - term: Fleet
    definition: A group of devices.
"""

UPDATES = """\
Updates
=======

About :bterm:`HUP`
------------------

The HUP runs on a fleet [#own]_. Then HUP again.

.. [#own] The author's own footnote.

.. list-table::

   * - The Supervisor in a table.

The :bterm:`Supervisor` outside.
"""


def docs_with(project: MakeProject, **conf: object) -> Project:
    docs = project()
    settings = {"balena_glossary_file": "g.yaml", "copyright": "2026 balena", "version": "1"}
    docs.write_conf(["sphinx_balena_glossary"], **settings | conf)
    docs.write("g.yaml", GLOSSARY)
    docs.write("index.rst", "Home\n====\n\n.. toctree::\n\n   updates\n   glossary\n")
    docs.write("updates.rst", UPDATES)
    docs.write("glossary.rst", "Glossary\n========\n\n.. balena-glossary::\n")
    return docs


def latex_of(project: Project, **conf: object) -> str:
    app = project.build("latex")
    assert warnings_of(app) == []
    return next(Path(app.outdir).glob("*.tex")).read_text("utf-8")


def test_latex_footnotes_follow_the_first_link_with_the_glossary_page(
    project: MakeProject,
) -> None:
    tex = latex_of(docs_with(project, balena_glossary_print="footnote"))
    chapter = tex[tex.index(r"\chapter{Updates}") : tex.index(r"\chapter{Glossary}")]
    notes = re.findall(r"\\begin\{footnote\}\[(\d+)\]\\sphinxAtStartFootnote\n(.*?)\n%", chapter)
    texts = {number: re.sub(r"\s+", " ", text) for number, text in notes}
    # the author's footnote keeps 1; the heading's link and the table's get none
    assert texts["1"] == "The author’s own footnote."
    assert texts["2"].startswith(r"\sphinxstylestrong{Host OS updater}: Updates the host OS.")
    assert r"(Glossary, p.~\pageref{\detokenize{glossary:term-host-os-updater}})" in texts["2"]
    assert texts["3"].startswith(r"\sphinxstylestrong{Fleet}: A group of devices.")
    assert texts["4"].startswith(r"\sphinxstylestrong{Supervisor}: The on")
    assert len(notes) == 4  # one per term: "Then HUP again" has none
    before_note = chapter[: chapter.index(r"\begin{footnote}[2]")]
    assert before_note.rstrip("%\n").endswith(r"\sphinxcrossref{HUP}}}")
    table = chapter[chapter.index(r"\begin{tabulary}") : chapter.index(r"\end{tabulary}")]
    assert "footnote" not in table
    glossary = tex[tex.index(r"\chapter{Glossary}") :]
    assert r"\begin{footnote}" not in glossary


def test_latex_list_ends_each_chapter_with_page_references(project: MakeProject) -> None:
    tex = latex_of(docs_with(project, balena_glossary_print="list"))
    chapter = tex[tex.index(r"\chapter{Updates}") : tex.index(r"\chapter{Glossary}")]
    listing = chapter[chapter.index("Terms used in this document") :]
    names = re.findall(r"\\sphinxlineitem\{.*?\\sphinxcrossref\{(.*?)\}", listing)
    assert names == ["Fleet", "Host OS updater", "Supervisor"]  # A–Z
    assert listing.count(r"\pageref{\detokenize{glossary:term-") == 3
    assert r"\begin{footnote}[2]" not in chapter
    assert "Terms used" not in tex[tex.index(r"\chapter{Glossary}") :]


def test_the_latex_glossary_reads_well_in_print(project: MakeProject) -> None:
    app = docs_with(project).build("latex")
    tex = next(Path(app.outdir).glob("*.tex")).read_text("utf-8")
    assert r"\usepackage{sphinxbalenaglossary}" in tex
    package = Path(app.outdir, "sphinxbalenaglossary.sty").read_text("utf-8")
    assert r"\@namedef{DUrolebterm-badge}#1{" in package and r"\fbox" in package
    glossary = tex[tex.index(r"\chapter{Glossary}") :]
    assert r"\begin{description}" in glossary
    assert r"\DUrole{bterm-badge}{\DUrole{bterm-badge-balena}{balena specific term}}" in glossary
    assert r"\DUrole{bterm-badge}{\DUrole{bterm-badge-deprecated}{deprecated}}" in glossary
    assert "bterm-letter" not in glossary  # the A–Z jump bar is for screens
    assert r"\begin{footnote}[2]" not in tex  # 'plain', the default, adds nothing


def test_text_footnotes_and_bracketed_badges(project: MakeProject) -> None:
    app = docs_with(project, balena_glossary_print="footnote").build("text")
    assert warnings_of(app) == []
    page = Path(app.outdir, "updates.txt").read_text("utf-8")
    assert "The HUP[2] runs on a fleet[3] [1]. Then HUP again." in " ".join(page.split())
    assert "[2] **Host OS updater**: Updates the host OS." in page
    assert "[4] **Supervisor**: The on-device agent." in page
    assert "Glossary, p." not in page  # page numbers are for print
    glossary = Path(app.outdir, "glossary.txt").read_text("utf-8")
    assert "Host OS updater aka. HUP [balena specific term]" in glossary
    assert "Supervisor [deprecated]" in glossary
    assert "[1]" not in glossary and "A B C" not in glossary.replace("\n", " ")


def test_text_list_of_terms_used(project: MakeProject) -> None:
    app = docs_with(project, balena_glossary_print="list").build("text")
    page = Path(app.outdir, "updates.txt").read_text("utf-8")
    listing = page[page.index("-[ Terms used in this document ]-") :]
    assert [line for line in listing.splitlines() if line and not line[0].isspace()] == [
        "-[ Terms used in this document ]-",
        "Fleet",
        "Host OS updater (HUP)",
        "Supervisor",
    ]
    assert "   Updates the host OS." in listing


def test_epub_footnotes_are_valid_xhtml_with_bracketed_badges(project: MakeProject) -> None:
    app = docs_with(project, balena_glossary_print="footnote").build("epub")
    assert warnings_of(app) == []
    with zipfile.ZipFile(next(Path(app.outdir).glob("*.epub"))) as book:
        pages = {n: book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml")}
    updates = next(text for name, text in pages.items() if name.endswith("updates.xhtml"))
    ET.fromstring(updates)  # well-formed
    assert 'role="doc-noteref"' in updates
    assert "Host OS updater</strong>: Updates the host OS." in updates
    assert "bterm-tip" not in updates  # no tooltips in e-books
    glossary = next(text for name, text in pages.items() if name.endswith("glossary.xhtml"))
    assert re.search(r'bterm-badge-balena">\[balena specific term\]</span>', glossary)


@pytest.mark.parametrize("mode", ["footnote", "list"])
def test_html_with_tooltips_gets_no_print_notes(project: MakeProject, mode: str) -> None:
    app = docs_with(project, balena_glossary_print=mode).build()
    body = read_html(app, "updates").select_one("div.body")
    assert "Terms used" not in body.get_text()
    assert len(body.select("a.footnote-reference")) == 1  # the author's own
    assert "[balena specific term]" not in read_html(app, "glossary").get_text()


def test_a_wrong_value_is_reported_at_its_line(project: MakeProject) -> None:
    app = docs_with(project, balena_glossary_print="footnotes").build("text")
    (warning,) = warnings_of(app)
    assert "conf.py:5:" in warning
    assert "balena_glossary_print must be 'plain', 'footnote' or 'list'" in warning
    assert "[1]" in Path(app.outdir, "updates.txt").read_text("utf-8")  # only the author's
    assert "[2]" not in Path(app.outdir, "updates.txt").read_text("utf-8")


def test_outputs_nobody_reads_as_documents_get_no_notes(project: MakeProject) -> None:
    app = docs_with(project, balena_glossary_print="list").build("xml")
    dump = Path(app.outdir, "updates.xml").read_text("utf-8")
    assert "outside.</paragraph>" in dump and "Terms used in this document" not in dump
