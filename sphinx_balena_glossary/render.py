"""The nodes of one glossary entry, shared by the glossary page and the tooltips.

One function builds each part, so a tooltip shows exactly what the page
shows (minus the cross-reference links, which do not belong in a tooltip).
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx.locale import get_translation

from .markup import definition_nodes
from .model import Glossary, Scope, Status, Term

_ = get_translation("sphinx_balena_glossary")

#: Makes the link to another entry (the page passes a pending term link).
LinkMaker = Callable[[Term], nodes.Node]

STATUS_LABELS = {
    Status.FORMER: "former name",
    Status.DEPRECATED: "deprecated",
    Status.DISCONTINUED: "discontinued",
}
DEFAULT_USAGE_NOTE = (
    "Not unique to balena, but in this instance it's a reference specific to balena"
)


def badges(term: Term) -> list[tuple[str, str]]:
    """(label, kind) of each badge: the balena scope and a non-current status."""
    result = []
    if term.scope is Scope.BALENA:
        result.append((_("balena specific term"), "balena"))
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
        for i, alias in enumerate(term.aliases):
            if i:
                aliases += nodes.Text(", ")
            aliases += nodes.inline(alias, alias, classes=["bterm-alias"])
        extras.append(aliases)
    for label, kind in badges(term):
        extras.append(nodes.Text(" "))
        extras.append(nodes.inline(label, label, classes=["bterm-badge", f"bterm-badge-{kind}"]))
    return extras


def entry_body(term: Term, glossary: Glossary, link: LinkMaker | None) -> list[nodes.Element]:
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
    if targets and link is not None:
        see = nodes.paragraph(classes=["bterm-see"])
        see += nodes.Text(_("See:") + " ")
        for i, target in enumerate(targets):
            if i:
                see += nodes.Text(", ")
            see += link(target)
        body.append(see)
    elif targets:
        names = ", ".join(t.term for t in targets)
        body.append(nodes.paragraph("", _("See:") + " " + names, classes=["bterm-see"]))
    return body


def tooltip_nodes(term: Term, glossary: Glossary) -> list[nodes.Element]:
    """The paragraphs of a term's tooltip: its name line and body, as on the glossary page."""
    title = nodes.paragraph(classes=["bterm-tip-title"])
    title += nodes.strong(term.term, term.term)
    title.extend(name_extras(term))
    return [title, *entry_body(term, glossary, link=None)]
