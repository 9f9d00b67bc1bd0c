"""example_docs under every builder: no warnings, and the right output for each."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import sphinx
from sphinx.testing.util import SphinxTestApp

from conftest import BUILDERS, MakeProject, Project, served, warnings_of

ROOT = Path(__file__).parent.parent
CONF = {"copyright": "2026, balena", "version": "1.0"}  # epub asks for both


@pytest.fixture
def example(project: MakeProject) -> Project:
    """A copy of example_docs."""
    return project(ROOT / "example_docs", folder="example_docs")


def files(outdir: Path) -> dict[str, str]:
    return {
        str(p.relative_to(outdir)): p.read_text(encoding="utf-8", errors="replace")
        for p in outdir.rglob("*")
        if p.is_file()
        and p.suffix
        in {".html", ".xhtml", ".tex", ".txt", ".1", ".texi", ".pot", ".xml", ".pseudoxml"}
    }


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder_runs_clean(example: Project, builder: str) -> None:
    app = example.build(builder, confoverrides=CONF)
    assert warnings_of(app) == []
    assert app.statuscode == 0
    output = files(Path(app.outdir))
    assert output
    joined = "\n".join(output.values())
    assert "Traceback" not in joined
    if builder not in {"html", "dirhtml", "singlehtml"}:
        assert "bterm-tip" not in joined and "bterm.js" not in joined


def test_latex_links_and_description_list(example: Project) -> None:
    app = example.build("latex", confoverrides=CONF)
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\begin{description}" in tex
    assert r"\hyperref[\detokenize{glossary:term-host-os-updater}]" in tex
    assert r"\sphinxlineitem{Host os UPdater" in tex


def test_gettext_extracts_the_glossary_page(example: Project) -> None:
    app = example.build("gettext", confoverrides=CONF)
    pot = Path(app.outdir, "glossary.pot").read_text(encoding="utf-8")
    assert 'msgid "Tool for balena host OS updates.' in pot
    assert "balena specific term" in pot


@pytest.fixture
def local_site(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "ok.html").write_text("<p>ok</p>", encoding="utf-8")
    with served(tmp_path / "site") as url:
        yield url


def test_linkcheck_checks_more_urls(project: MakeProject, local_site: str) -> None:
    docs = project()
    docs.write(
        "conf.py", 'extensions = ["sphinx_balena_glossary"]\nbalena_glossary_file = "g.yaml"\n'
    )
    docs.write(
        "g.yaml",
        "version: 1\nterms:\n"
        f"  - term: Alive\n    definition: x\n    more: {local_site}/ok.html\n"
        f"  - term: Dead\n    definition: y\n    more: {local_site}/missing.html\n",
    )
    docs.write("index.rst", "Glossary\n========\n\n.. balena-glossary::\n")
    # Sphinx 7 warns (an error here) unless this is set; later versions dropped the setting
    quiet = {"linkcheck_report_timeouts_as_broken": False} if sphinx.version_info < (8,) else {}
    app: SphinxTestApp = docs.build("linkcheck", confoverrides=quiet)
    results = [
        json.loads(line)
        for line in Path(app.outdir, "output.json").read_text(encoding="utf-8").splitlines()
    ]
    status = {r["uri"]: r["status"] for r in results}
    assert status == {f"{local_site}/ok.html": "working", f"{local_site}/missing.html": "broken"}


@pytest.mark.parametrize("builder", ["html", "text", "latex", "epub"])
def test_example_docs_spell_out_acronyms_and_footnote_terms_in_print(
    example: Project, builder: str
) -> None:
    """example_docs turns on first-use expansion and footnotes: every output spells "HUP"
    out once; outputs without tooltips carry the definitions as footnotes."""
    app = example.build(builder, confoverrides=CONF)
    assert warnings_of(app) == []
    output = files(Path(app.outdir))
    # LaTeX writes one book; the others a file per page
    page = [text for name, text in output.items() if "updating-devices" in name or ".tex" in name]
    prose = " ".join(page[0].split())
    assert "Host os UPdater (HUP)" in prose
    definition = "Tool for balena host OS updates."
    if builder == "html":
        assert "footnote" not in prose  # tooltips there
    elif builder == "text":
        assert "Host os UPdater (HUP)[5]: it downloads" in prose
        assert f"[5] **Host os UPdater**: {definition}" in prose
    elif builder == "latex":
        assert "Host os UPdater (HUP)}}}% \\begin{footnote}[" in prose
        assert r"\pageref{\detokenize{glossary:term-host-os-updater}}" in prose
    else:
        assert 'role="doc-noteref"' in prose
        assert f"Host os UPdater</strong>: {definition}" in prose
