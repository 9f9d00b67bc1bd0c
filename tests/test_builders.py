"""example_docs under every builder: no warnings, and the right output for each."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sphinx
from sphinx.testing.util import SphinxTestApp

from conftest import BUILDERS, copy_root, warnings_of

ROOT = Path(__file__).parent.parent
CONF = {"copyright": "2026, balena", "version": "1.0"}  # epub asks for both


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return copy_root(ROOT / "example_docs", tmp_path / "example_docs")


def files(outdir: Path) -> dict[str, str]:
    return {
        str(p.relative_to(outdir)): p.read_text(encoding="utf-8", errors="replace")
        for p in outdir.rglob("*")
        if p.is_file()
        and p.suffix
        in {".html", ".xhtml", ".tex", ".txt", ".1", ".texi", ".pot", ".xml", ".pseudoxml"}
    }


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder_runs_clean(make_app, example: Path, builder: str) -> None:  # type: ignore[no-untyped-def]
    app = make_app(builder, srcdir=example, confoverrides=CONF)
    app.build()
    assert warnings_of(app) == []
    assert app.statuscode == 0
    output = files(Path(app.outdir))
    assert output
    joined = "\n".join(output.values())
    assert "Traceback" not in joined
    if builder not in {"html", "dirhtml", "singlehtml"}:
        assert "bterm-tip" not in joined and "bterm.js" not in joined


def test_latex_links_and_description_list(make_app, example: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app("latex", srcdir=example, confoverrides=CONF)
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\begin{description}" in tex
    assert r"\hyperref[\detokenize{glossary:term-host-os-updater}]" in tex
    assert r"\sphinxlineitem{Host os UPdater" in tex


def test_gettext_extracts_the_glossary_page(make_app, example: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app("gettext", srcdir=example, confoverrides=CONF)
    app.build()
    pot = Path(app.outdir, "glossary.pot").read_text(encoding="utf-8")
    assert 'msgid "Tool for balena host OS updates.' in pot
    assert "balena specific term" in pot


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log in the test output."""


@pytest.fixture
def local_site(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "ok.html").write_text("<p>ok</p>", encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(tmp_path / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_linkcheck_checks_more_urls(make_app, tmp_path: Path, local_site: str) -> None:  # type: ignore[no-untyped-def]
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_balena_glossary"]\nbalena_glossary_file = "g.yaml"\n',
        encoding="utf-8",
    )
    (srcdir / "g.yaml").write_text(
        "version: 1\nterms:\n"
        f"  - term: Alive\n    definition: x\n    more: {local_site}/ok.html\n"
        f"  - term: Dead\n    definition: y\n    more: {local_site}/missing.html\n",
        encoding="utf-8",
    )
    (srcdir / "index.rst").write_text(
        "Glossary\n========\n\n.. balena-glossary::\n", encoding="utf-8"
    )
    # Sphinx 7 warns (an error here) unless this is set; later versions dropped the setting
    quiet = {"linkcheck_report_timeouts_as_broken": False} if sphinx.version_info < (8,) else {}
    app: SphinxTestApp = make_app("linkcheck", srcdir=srcdir, confoverrides=quiet)
    app.build()
    results = [
        json.loads(line)
        for line in Path(app.outdir, "output.json").read_text(encoding="utf-8").splitlines()
    ]
    status = {r["uri"]: r["status"] for r in results}
    assert status == {f"{local_site}/ok.html": "working", f"{local_site}/missing.html": "broken"}
