"""Two projects in one test: one publishes the glossary, the other links to it."""

from __future__ import annotations

from pathlib import Path

from conftest import MakeProject, read_html, warnings_of


def test_intersphinx_term_and_published_url(project: MakeProject) -> None:
    handbook = project(folder="handbook")
    handbook.write("conf.py", 'extensions = ["sphinx_balena_glossary"]\n')
    handbook.write("index.rst", "Glossary\n========\n\n.. balena-glossary::\n")
    published = handbook.build()
    inventory = Path(published.outdir, "objects.inv")
    assert inventory.exists()
    published.cleanup()  # unregister its nodes before the second app registers them

    product = project(folder="product")
    product.write(
        "conf.py",
        'extensions = ["sphinx.ext.intersphinx", "sphinx_balena_glossary"]\n'
        f'intersphinx_mapping = {{"handbook": ("https://handbook.example.com/", {str(inventory)!r})}}\n'
        'balena_glossary_url = "https://handbook.example.com/index.html"\n',
    )
    product.write(
        "index.rst",
        "Product\n=======\n\nIntersphinx: :term:`HUP`. Role: :bterm:`the Supervisor <SV>`.\n",
    )
    app = product.build()
    assert warnings_of(app) == []
    body = read_html(app, "index").select_one("div.body")
    hrefs = {a.get_text(): a["href"] for a in body.select("p a")}
    assert hrefs["HUP"] == "https://handbook.example.com/index.html#term-host-os-updater"
    assert hrefs["the Supervisor"] == "https://handbook.example.com/index.html#term-supervisor"
