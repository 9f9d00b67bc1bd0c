"""The docutils nodes of one glossary entry, shared by the glossary page and the tooltips.

One function builds each part, so a tooltip shows exactly what the page
shows (minus the cross-reference links, which do not belong in a tooltip).
Definitions become nodes from the tokens :mod:`.definitions` reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from docutils import nodes

from .definitions import BREAKS, CONTAINERS, inline_tokens, link_target
from .model import BALENA_NOTE, DEFAULT_USAGE_NOTE, STATUS_LABELS, Glossary, Scope, Term
from .translations import _
from .urls import is_safe_url

#: Makes the link from an entry to another entry (the page passes a pending term link).
EntryLinker = Callable[[Term], nodes.Node]

_CONTAINER_NODES: dict[str, type[nodes.TextElement]] = {
    "em_open": nodes.emphasis,
    "strong_open": nodes.strong,
    "s_open": nodes.inline,
}


def definition_nodes(text: str) -> list[nodes.Node]:
    """The inline nodes of a definition, ready to go in a paragraph.

    A link with an unsafe scheme keeps its text and loses the link (the
    loader reported it).
    """
    root = nodes.inline()
    stack: list[nodes.Element] = [root]
    for token in inline_tokens(text):
        parent = stack[-1]
        kind = token.type
        if kind == "code_inline":
            parent += nodes.literal(token.content, token.content)
        elif kind in BREAKS:
            parent += nodes.Text(" ")
        elif kind in CONTAINERS:
            child = _CONTAINER_NODES[kind]()
            parent += child
            stack.append(child)
        elif kind == "link_open":
            href = link_target(token)
            link = nodes.reference("", "", refuri=href) if is_safe_url(href) else nodes.inline()
            parent += link
            stack.append(link)
        elif kind.endswith("_close") and len(stack) > 1:
            stack.pop()
        elif token.content:  # text, an image's alt text, anything else as text
            parent += nodes.Text(token.content)
    return list(root.children)


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
        result.append((_(BALENA_NOTE), "balena"))
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
        extras.append(nodes.inline(label, label, classes=["bterm-badge", f"bterm-badge-{kind}"]))
    return extras


def entry_body(term: Term, glossary: Glossary, link: EntryLinker | None) -> list[nodes.Element]:
    """Scope note, status, definition with its "more" link, and (with ``link``) "see" links."""
    body: list[nodes.Element] = []
    note = term.note or (_(DEFAULT_USAGE_NOTE) if term.scope is Scope.BALENA_USAGE else "")
    if note:
        body.append(
            nodes.paragraph("", "", nodes.emphasis(note, note), classes=["bterm-scope-note"])
        )
    if term.replaced_by:
        status = nodes.paragraph(classes=["bterm-status"])
        status += nodes.Text(_("Now:") + " ")
        replacement = glossary.lookup(term.replaced_by)
        status += (
            link(replacement)
            if link is not None and replacement is not None
            else nodes.Text(replacement.term if replacement else term.replaced_by)
        )
        body.append(status)
    if term.definition or term.more:
        text = nodes.paragraph(
            "", "", *definition_nodes(term.definition), classes=["bterm-definition"]
        )
        if term.more:
            # inline, as on the handbook page: "... revenue. more"
            text += nodes.Text(" " if term.definition else "")
            text += nodes.reference("", _("more"), refuri=term.more, classes=["bterm-more"])
        body.append(text)
    targets = [t for t in map(glossary.lookup, term.see) if t is not None]
    if targets:
        see = nodes.paragraph(classes=["bterm-see"])
        see += nodes.Text(_("See:") + " ")
        see.extend(joined(link(target) if link else nodes.Text(target.term) for target in targets))
        body.append(see)
    return body


def tooltip_nodes(term: Term, glossary: Glossary) -> list[nodes.Element]:
    """The paragraphs of a term's tooltip: its name line and body, as on the glossary page."""
    title = nodes.paragraph(classes=["bterm-tip-title"])
    title += nodes.strong(term.term, term.term)
    title.extend(name_extras(term))
    return [title, *entry_body(term, glossary, link=None)]
