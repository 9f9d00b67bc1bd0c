"""The docutils nodes of one glossary entry, shared by the glossary page and the tooltips.

One function builds each part, so a tooltip shows exactly what the page
shows (minus the cross-reference links, which do not belong in a tooltip).
Definitions become nodes from the tokens :mod:`.definitions` reads.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from typing import Any

from docutils import nodes

from .definitions import (
    BREAKS,
    CONTAINERS,
    acceptable,
    definition_text,
    inline_tokens,
    link_target,
    resolve,
    term_name,
)
from .model import (
    SCOPE_NOTE,
    STATUS_LABELS,
    USAGE_NOTE,
    Glossary,
    Scope,
    Term,
    organisation_of,
)
from .nodes import badge
from .translations import _
from .urls import url_scheme

#: Makes the link from an entry to another entry around its text (the page passes a pending
#: term link).
EntryLinker = Callable[[Term, nodes.Node], nodes.Node]

_CONTAINER_NODES: dict[str, type[nodes.TextElement]] = {
    "em_open": nodes.emphasis,
    "strong_open": nodes.strong,
    "s_open": nodes.inline,
}


#: Makes the node of a link of a definition from its target and its text (an inline holding
#: the link's children): a reference, a term link, or the text alone.
LinkWrapper = Callable[[str, nodes.inline], nodes.Node]


def text_only(target: str, text: nodes.inline) -> nodes.Node:
    """A link shown as its text."""
    return _unwrapped(text)


def _unwrapped(text: nodes.inline) -> nodes.Node:
    """The link text's one node, or the inline holding its several."""
    return text[0] if len(text.children) == 1 else text


def _put(parent: nodes.Element, child: nodes.Node) -> None:
    """``parent += child`` in a tree built apart from any document: what ``append`` does
    there, without its search up the tree for a document, which ends in a caught
    exception at every node (thousands of tooltips are built so)."""
    child.parent = parent
    parent.children.append(child)


def _element(
    kind: type[nodes.Element], children: Iterable[nodes.Node], **attributes: Any
) -> nodes.Element:
    """A node of ``kind`` holding ``children``, built apart from any document (see :func:`_put`)."""
    element = kind(**attributes)
    for child in children:
        _put(element, child)
    return element


def definition_nodes(text: str, wrap: LinkWrapper = text_only) -> list[nodes.Node]:
    """The inline nodes of a definition, ready to go in a paragraph.

    A link with an unsafe scheme keeps its text and loses the link (the
    loader reported it); ``wrap`` decides what every other link becomes.
    """
    root = nodes.inline()
    stack: list[nodes.Element] = [root]
    targets: list[str] = []
    for token in inline_tokens(text):
        parent = stack[-1]
        kind = token.type
        if kind == "code_inline":
            _put(parent, nodes.literal(token.content, token.content))
        elif kind in BREAKS:
            _put(parent, nodes.Text(" "))
        elif kind in CONTAINERS:
            child = _CONTAINER_NODES[kind]()
            _put(parent, child)
            stack.append(child)
        elif kind == "link_open":
            targets.append(link_target(token))
            stack.append(nodes.inline())
        elif kind == "link_close" and targets:
            content = stack.pop()
            target = targets.pop()
            _put(stack[-1], wrap(target, content) if acceptable(target) else content)  # type: ignore[arg-type]
        elif kind.endswith("_close") and len(stack) > 1:
            stack.pop()
        elif token.content:  # text, an image's alt text, anything else as text
            _put(parent, nodes.Text(token.content))
    return root.children


#: On a reference of an entry: its ``refuri`` is written relative to the glossary page, and
#: made relative to the page it is shown on once pages are resolved (see
#: :func:`relative_to_page`).
RELATIVE = "bterm_relative"


def _reference(href: str, *children: nodes.Node, **attributes: object) -> nodes.reference:
    reference = nodes.reference("", "", *children, refuri=href, **attributes)
    if not url_scheme(href) and not href.startswith("/"):
        reference[RELATIVE] = True
    return reference


def definition_links(term: Term, glossary: Glossary, link: EntryLinker | None) -> LinkWrapper:
    """What a definition's links become: a ``term:`` link a term link (``link``) or its text;
    a relative link made absolute with the term's ``base``, else kept relative to the
    glossary page (marked :data:`RELATIVE`)."""

    def wrap(target: str, text: nodes.inline) -> nodes.Node:
        name = term_name(target)
        if name is not None:
            other = glossary.lookup(name)
            content = _unwrapped(text)
            return link(other, content) if link is not None and other is not None else content
        return _reference(resolve(target, term.base), *text.children)

    return wrap


def relative_to_page(href: str, page: str | None) -> str | None:
    """A link written relative to the glossary page, as seen from where it is shown (``page``:
    the glossary page's URI from there, "" on it; None: there is none, so no link)."""
    if url_scheme(href) or href.startswith("/") or page == "":
        return href
    if page is None:
        return None
    if href.startswith("#"):
        return page + href
    return posixpath.join(posixpath.dirname(page), href) if posixpath.dirname(page) else href


def joined(items: Iterable[nodes.Node], separator: str = ", ") -> list[nodes.Node]:
    """``items`` with ``separator`` text between them: "A, B, C"."""
    result: list[nodes.Node] = []
    for item in items:
        if result:
            result.append(nodes.Text(separator))
        result.append(item)
    return result


def badges(term: Term) -> list[tuple[str, str]]:
    """(label, kind) of each badge: the balena scope and a non-current status."""
    result = []
    if term.scope is Scope.BALENA:
        result.append((_(SCOPE_NOTE).format(organisation=organisation_of(term)), "balena"))
    if term.status in STATUS_LABELS:
        result.append((_(STATUS_LABELS[term.status]), term.status.value))
    return result


def name_extras(term: Term) -> list[nodes.Node]:
    """What follows the name: `` (qualifier)``, `` aka. A, B``, badges."""
    extras: list[nodes.Node] = []
    if term.qualifier:
        extras.append(nodes.inline("", f" ({term.qualifier})", classes=["bterm-qualifier"]))
    if term.aliases:
        aliases = nodes.inline("", "", classes=["bterm-aliases"])
        aliases += nodes.Text(" " + _("aka.") + " ")
        aliases.extend(
            joined(nodes.inline(alias, alias, classes=["bterm-alias"]) for alias in term.aliases)
        )
        extras.append(aliases)
    for label, kind in badges(term):
        extras.append(nodes.Text(" "))
        extras.append(badge(label, label, classes=["bterm-badge", f"bterm-badge-{kind}"]))
    return extras


def entry_body(term: Term, glossary: Glossary, link: EntryLinker | None) -> list[nodes.Element]:
    """Scope note, status, definition with its "more" link, and "see" entries: links to other
    entries with ``link``, their names without; relative links as written for the glossary
    page (:data:`RELATIVE`)."""
    text = nodes.paragraph(
        "",
        "",
        *definition_nodes(term.definition, definition_links(term, glossary, link)),
        classes=["bterm-definition"],
    )
    if term.more:
        # inline, as on the handbook page: "... revenue. more"
        text += nodes.Text(" " if term.definition else "")
        more = nodes.Text(_("more"))
        text += _reference(resolve(term.more, term.base), more, classes=["bterm-more"])
    return _framed(term, glossary, link, text if len(text) else None)


def _framed(
    term: Term, glossary: Glossary, link: EntryLinker | None, definition: nodes.Element | None
) -> list[nodes.Element]:
    """``definition`` between the scope note and status before it and the "see" line after."""
    body: list[nodes.Element] = []
    usage = _(USAGE_NOTE).format(organisation=organisation_of(term))
    note = term.note or (usage if term.scope is Scope.BALENA_USAGE else "")
    if note:
        body.append(
            nodes.paragraph("", "", nodes.emphasis(note, note), classes=["bterm-scope-note"])
        )
    replacement = glossary.lookup(term.replaced_by) if term.replaced_by else None
    if term.replaced_by:
        status = nodes.paragraph(classes=["bterm-status"])
        status += nodes.Text(_("Now:") + " ")
        status += (
            link(replacement, nodes.Text(replacement.term))
            if link is not None and replacement is not None
            else nodes.Text(replacement.term if replacement else term.replaced_by)
        )
        body.append(status)
    if definition is not None:
        body.append(definition)
    # "Now: Tunnel" already names the replacement: "See: Tunnel" would say it twice
    targets = [t for t in map(glossary.lookup, term.see) if t is not None and t != replacement]
    if targets:
        see = nodes.paragraph(classes=["bterm-see"])
        see += nodes.Text(_("See:") + " ")
        see.extend(
            joined(
                link(target, nodes.Text(target.term)) if link else nodes.Text(target.term)
                for target in targets
            )
        )
        body.append(see)
    return body


#: Characters of plain definition text a tooltip shows before it is trimmed (about five lines).
TOOLTIP_CHARACTERS = 320


def trimmed(text: str, limit: int = TOOLTIP_CHARACTERS) -> str:
    """``text`` cut to at most ``limit`` characters, at a sentence end when one is in the
    second half, else at a word, with "…"; as it is when short enough."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    sentence = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    if sentence >= limit // 2:
        return cut[: sentence + 1] + " …"
    word = cut.rfind(" ")
    return (cut[:word] if word > 0 else cut[:limit]).rstrip(" ,;:") + "…"


def tooltip_definition(term: Term) -> nodes.Element | None:
    """What a tooltip says of the term: its ``summary``, else its definition (trimmed
    cleanly when long); text only, since a tooltip holds nothing to click or focus."""
    if term.summary:
        content: list[nodes.Node] = definition_nodes(term.summary)
    elif len(definition_text(term.definition)) > TOOLTIP_CHARACTERS:
        short = trimmed(definition_text(term.definition))
        content = [nodes.Text(short)]
    else:
        content = definition_nodes(term.definition)
    if not content:
        return None
    return _element(nodes.paragraph, content, classes=["bterm-definition"])


def tooltip_nodes(term: Term, glossary: Glossary) -> list[nodes.Element]:
    """The paragraphs of a term's tooltip: its name line and body, as on the glossary page,
    with no link or other control in it (the term link itself leads to the entry)."""
    name = _element(nodes.strong, [nodes.Text(term.term)])
    title = _element(nodes.paragraph, [name, *name_extras(term)], classes=["bterm-tip-title"])
    return [title, *_framed(term, glossary, None, tooltip_definition(term))]
