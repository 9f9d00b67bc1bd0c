"""Control for ``build_ratio.py --control``: the same mentions linked as bare references.

A read-time transform that finds mentions with the extension's matcher and
turns each into a plain ``reference`` to the published glossary URL: no
pending cross-reference, no tooltip, no extra attributes, no assets. Its
build-time ratio against the plain build is what the simplest auto-linker
costs: that many more reference nodes kept, pickled and written by Sphinx (the
extension writes its links from the mentions a text carries, which costs less).

``bare_links_stop`` (conf.py) stops it early, for ``instructions.py --steps``:
``"load"`` only reads the data file and compiles the matcher, ``"find"`` also
searches every text for mentions but links none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from sphinx_balena_glossary.autolink import link_mentions, text_runs
from sphinx_balena_glossary.loader import load_glossary
from sphinx_balena_glossary.matcher import Matcher, build_matcher
from sphinx_balena_glossary.model import Glossary

URL = "https://handbook.example.com/glossary/#term-"
_matcher = Matcher(())
_glossary = Glossary()


class BareLinks(SphinxTransform):
    default_priority = 800  # where the extension finds mentions too (after smart quotes)

    def apply(self, **kwargs: Any) -> None:
        stop = self.config.bare_links_stop
        if stop == "load":
            return
        texts = [text for run, _, _ in text_runs(self.document, _glossary) for text in run]
        found = [(text, _matcher.find(text.astext())) for text in texts]
        if stop == "find":
            return
        for text, mentions in found:
            if mentions:
                link_mentions(text, mentions, _bare_link)


def _bare_link(title: str, key: str) -> nodes.Node:
    return nodes.reference(title, title, refuri=URL + key)


def setup(app: Sphinx) -> dict[str, bool]:
    global _matcher, _glossary
    _glossary, _ = load_glossary([Path(app.confdir, "glossary.yaml")])
    _matcher = build_matcher(_glossary)
    _matcher.find("Compiled now, if compiling is deferred to the first search.")
    app.add_config_value("bare_links_stop", "", "env", str)
    app.add_transform(BareLinks)
    return {"parallel_read_safe": True}
