"""The HTML of a small node tree as the builder's translator writes it, without its tree walk.

A large glossary has thousands of tooltips, each a handful of paragraphs, strong,
emphasis and inline nodes and texts. Walking them through the translator costs more than
building them: every node goes through Sphinx's visitor lookup along the node class's
ancestry and docutils' walk bookkeeping. :class:`DirectWriter` writes those few kinds
directly, with the translator's own ``starttag`` and ``encode`` (so attributes and text
are escaped exactly as the translator escapes them), and only while the translator uses
the stock visitors for them: a theme or extension that overrides one (its own translator
class, ``add_node(..., override=True)``) gets the normal walk. Any other node kind is
handed to the translator too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.writers.html5_polyglot import HTMLTranslator as _StockTranslator
from sphinx.writers.html5 import HTML5Translator

if TYPE_CHECKING:
    from collections.abc import Callable

#: Node kinds written directly: (their tag, what closes it), as the stock visitors write them.
_STOCK: dict[type[nodes.Element], tuple[str, str]] = {
    nodes.paragraph: ("p", "</p>"),
    nodes.strong: ("strong", "</strong>"),
    nodes.emphasis: ("em", "</em>"),
    nodes.inline: ("span", "</span>"),
}
#: Where a paragraph is written differently (no line break after it when it is alone).
_TIGHT_PARENTS = (nodes.list_item, nodes.entry)

_Direct = dict[type[nodes.Element], tuple[str, str]]


def _is_stock(translator: HTML5Translator, name: str, stock: Callable[..., object]) -> bool:
    return getattr(getattr(translator, name, None), "__func__", None) is stock


def stock_text_visitor(translator: HTML5Translator) -> bool:
    """Whether the translator writes texts with Sphinx's own visitor."""
    return _is_stock(translator, "visit_Text", HTML5Translator.visit_Text)


def writes_text_directly(translator: HTML5Translator, stock: bool | None = None) -> bool:
    """Whether a text's HTML is ``translator.encode(text)`` where the translator stands now:
    the stock text visitor (``stock``, when the caller knows it), outside literals and mail
    links."""
    if stock is None:
        stock = stock_text_visitor(translator)
    return stock and not translator.protect_literal_text and not translator.in_mailto


class DirectWriter:
    """Writes node trees as one translator would (see the module's docstring); made once per
    translator, since finding out which of its visitors are the stock ones takes a moment."""

    def __init__(self, translator: HTML5Translator) -> None:
        self.translator = translator
        #: The kinds of :data:`_STOCK` written directly; None when texts cannot be (another
        #: text visitor, or inside a literal or a mail link).
        self._direct: _Direct | None = None
        if writes_text_directly(translator):
            self._direct = {
                kind: tags
                for kind, tags in _STOCK.items()
                if all(
                    _is_stock(translator, name, getattr(_StockTranslator, name))
                    for name in (f"visit_{kind.__name__}", f"depart_{kind.__name__}")
                )
            }
        self._stock_tags = _is_stock(translator, "starttag", _StockTranslator.starttag)
        #: Start tags made by :meth:`_start_tag`, by tag and classes (a glossary uses a few).
        self._tags: dict[tuple[str, ...], str] = {}

    def write_children(self, parent: nodes.Element) -> str:
        """What walking each child of ``parent`` writes: those of the stock kinds directly,
        any other through the translator."""
        translator = self.translator
        translator.body = []
        if self._direct is None:
            for child in parent.children:
                child.walkabout(translator)
        else:
            self._children(parent, self._direct)
        return "".join(translator.body)

    def _children(self, parent: nodes.Element, direct: _Direct) -> None:
        translator = self.translator
        body = translator.body
        for child in parent.children:
            kind = type(child)
            if kind is nodes.Text:
                body.append(translator.encode(child.astext()))
            elif kind in direct and not (
                kind is nodes.paragraph and isinstance(parent, _TIGHT_PARENTS)
            ):
                assert isinstance(child, nodes.Element)
                tag, closing = direct[kind]
                body.append(self._start_tag(child, tag))
                self._children(child, direct)
                body.append(closing)
                if kind is nodes.paragraph:
                    body.append("\n")
                    translator.report_messages(child)
            else:
                child.walkabout(translator)

    def _start_tag(self, node: nodes.Element, tag: str) -> str:
        """``translator.starttag(node, tag, "")``, made here in the usual case: no ids, and
        classes that the stock method would write as they are (each tag made once)."""
        classes: list[str] = node["classes"]
        if node["ids"] or not self._stock_tags:
            return self.translator.starttag(node, tag, "")
        made = self._tags.get((tag, *classes))
        if made is not None:
            return made
        if not all(name.strip() and not name.startswith("language-") for name in classes) or len(
            set(classes)
        ) != len(classes):
            return self.translator.starttag(node, tag, "")
        made = (
            f'<{tag} class="{self.translator.attval(" ".join(classes))}">'
            if classes
            else f"<{tag}>"
        )
        self._tags[(tag, *classes)] = made
        return made
