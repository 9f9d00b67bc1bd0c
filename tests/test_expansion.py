"""First-use expansion: the first mention of a term by an acronym reads "Name (ACRONYM)", as
text, in every builder; per page (or section), explicit and automatic mentions alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import MakeProject, Project, read_html, warnings_of

GLOSSARY = """\
version: 1
terms:
  - term: Host OS updater
    aliases: [HUP]
    definition: Updates the host OS.
  - term: Supervisor
    aliases: [SV]
    expand: false
    definition: The on-device agent.
  - term: Fleet
    aliases: [fleets group]
    definition: A group of devices.
"""


def docs_with(project: MakeProject, pages: dict[str, str], **conf: object) -> Project:
    docs = project()
    settings = {"balena_glossary_file": "g.yaml", "balena_glossary_expand": "first"}
    docs.write_conf(["sphinx_balena_glossary"], **settings | conf)
    docs.write("g.yaml", GLOSSARY)
    toc = "\n".join(f"   {name}" for name in pages if name != "index")
    docs.write("index.rst", pages.get("index", "Home\n====\n") + f"\n\n.. toctree::\n\n{toc}\n")
    for name, text in pages.items():
        if name != "index":
            docs.write(f"{name}.rst", text)
    docs.write("glossary.rst", "Glossary\n========\n\n.. balena-glossary::\n")
    return docs


def body_text(app: SphinxTestApp, page: str) -> str:
    """The page's body as a reader reads it, whitespace collapsed."""
    return " ".join(read_html(app, page).select_one("div.body").get_text(" ").split())


PAGE = (
    "Updates\n=======\n\nThe HUP runs. Then HUP again.\n\n"
    "The SV stays. A fleets group is not an acronym.\n"
)


def test_the_first_acronym_mention_is_spelled_out_in_html(project: MakeProject) -> None:
    app = docs_with(project, {"updates": PAGE, "glossary": ""}).build()
    assert warnings_of(app) == []
    body = read_html(app, "updates").select_one("div.body")
    text = " ".join(body.get_text(" ").split())
    assert "The Host OS updater (HUP) runs. Then HUP again." in text
    assert "The SV stays." in text  # expand: false
    links = [a.get_text() for a in body.select("a.bterm")]
    assert links[0] == "Host OS updater (HUP)"  # the link holds the spelled-out text
    assert "The Host OS updater" not in read_html(app, "glossary").get_text()


@pytest.mark.parametrize("builder", ["text", "latex", "epub"])
def test_every_builder_gets_the_spelled_out_text(project: MakeProject, builder: str) -> None:
    app = docs_with(project, {"updates": PAGE, "glossary": ""}).build(builder)
    out = Path(app.outdir)
    written = "\n".join(
        p.read_text("utf-8") for p in out.rglob("*") if p.suffix in (".txt", ".tex", ".xhtml")
    )
    assert "Host OS updater (HUP)" in written


def test_explicit_links_count_and_a_chosen_title_is_left_alone(project: MakeProject) -> None:
    page = "Roles\n=====\n\nFirst :bterm:`the updater <HUP>`, then :bterm:`HUP`, then HUP.\n"
    app = docs_with(project, {"roles": page, "glossary": ""}).build()
    text = body_text(app, "roles")
    assert "First the updater , then Host OS updater (HUP) , then HUP." in text


def test_per_page_off_and_headings_left_alone(project: MakeProject) -> None:
    opted_out = ":bterm-expand: off\n\nPlain\n=====\n\nThe HUP runs.\n"
    heading = "About :bterm:`HUP`\n==================\n\nThe HUP runs.\n"
    app = docs_with(project, {"plain": opted_out, "heading": heading, "glossary": ""}).build()
    assert "Host OS updater (HUP)" not in read_html(app, "plain").get_text()
    page = read_html(app, "heading")
    assert page.select_one("h1").get_text().startswith("About HUP")
    assert "The Host OS updater (HUP) runs." in " ".join(page.get_text(" ").split())


def test_per_section_with_section_auto_links(project: MakeProject) -> None:
    page = "Page\n====\n\nOne\n---\n\nThe HUP.\n\nTwo\n---\n\nThe HUP.\n"
    app = docs_with(project, {"page": page, "glossary": ""}, balena_glossary_autolink="section")
    built = app.build()
    text = " ".join(read_html(built, "page").get_text(" ").split())
    assert text.count("Host OS updater (HUP)") == 2


def test_off_by_default(project: MakeProject) -> None:
    app = docs_with(project, {"updates": PAGE, "glossary": ""}, balena_glossary_expand="off")
    assert "Host OS updater (HUP)" not in read_html(app.build(), "updates").get_text()


def test_a_myst_page_opts_out_in_its_front_matter(project: MakeProject) -> None:
    docs = docs_with(project, {"glossary": ""})
    docs.edit("conf.py", "['sphinx_balena_glossary']", "['myst_parser', 'sphinx_balena_glossary']")
    docs.write("mine.md", "---\nbterm-expand: off\n---\n# Mine\n\nThe HUP runs.\n")
    docs.write("yours.md", "# Yours\n\nThe HUP runs.\n")
    docs.edit("index.rst", "   glossary\n", "   glossary\n   mine\n   yours\n")
    app = docs.build()
    assert "Host OS updater (HUP)" not in read_html(app, "mine").get_text()
    assert "Host OS updater (HUP)" in read_html(app, "yours").get_text()


def test_an_acronym_the_author_spelled_out_is_left_alone(project: MakeProject) -> None:
    page = "Page\n====\n\nHost OS updates (HUP) are safe. Later HUP again.\n"
    app = docs_with(project, {"page": page, "glossary": ""}).build()
    text = body_text(app, "page")
    assert "Host OS updates ( HUP ) are safe. Later HUP again." in text  # spaces: link edges


def test_a_term_may_put_its_acronym_first(project: MakeProject) -> None:
    docs = docs_with(project, {"page": PAGE, "glossary": ""})
    docs.edit("g.yaml", "    aliases: [HUP]\n", "    aliases: [HUP]\n    acronym_first: true\n")
    text = body_text(docs.build(), "page")
    assert "The HUP (Host OS updater) runs. Then HUP again." in text


def test_an_acronym_followed_by_its_spelling_out_is_left_alone(project: MakeProject) -> None:
    page = "Page\n====\n\nThe HUP (host OS updates) is safe. Then :bterm:`HUP` (the updater).\n"
    app = docs_with(project, {"page": page, "glossary": ""}).build()
    text = body_text(app, "page")
    assert "The HUP (host OS updates) is safe. Then HUP (the updater)." in text
