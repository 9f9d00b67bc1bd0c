"""Two projects in one test: one publishes the glossary, the other links to it."""

from __future__ import annotations

from pathlib import Path

from conftest import read_html, warnings_of


def test_intersphinx_term_and_published_url(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    handbook = tmp_path / "handbook"
    handbook.mkdir()
    (handbook / "conf.py").write_text('extensions = ["sphinx_balena_glossary"]\n', encoding="utf-8")
    (handbook / "index.rst").write_text(
        "Glossary\n========\n\n.. balena-glossary::\n", encoding="utf-8"
    )
    published = make_app("html", srcdir=handbook)
    published.build()
    inventory = Path(published.outdir, "objects.inv")
    assert inventory.exists()
    published.cleanup()  # unregister its nodes before the second app registers them

    product = tmp_path / "product"
    product.mkdir()
    (product / "conf.py").write_text(
        'extensions = ["sphinx.ext.intersphinx", "sphinx_balena_glossary"]\n'
        f'intersphinx_mapping = {{"handbook": ("https://handbook.example.com/", {str(inventory)!r})}}\n'
        'balena_glossary_url = "https://handbook.example.com/index.html"\n',
        encoding="utf-8",
    )
    (product / "index.rst").write_text(
        "Product\n=======\n\nIntersphinx: :term:`HUP`. Role: :bterm:`the Supervisor <SV>`.\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=product)
    app.build()
    assert warnings_of(app) == []
    body = read_html(app, "index").select_one("div.body")
    hrefs = {a.get_text(): a["href"] for a in body.select("p a")}
    assert hrefs["HUP"] == "https://handbook.example.com/index.html#term-host-os-updater"
    assert hrefs["the Supervisor"] == "https://handbook.example.com/index.html#term-supervisor"
