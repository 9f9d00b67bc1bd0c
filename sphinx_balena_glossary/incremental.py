"""Which pages to read or write again when the glossary data changes.

Sphinx knows when a page's source changed; it cannot know that a page shows
a definition that just changed in the data file. The glossary is loaded at
the start of every build, and its fingerprints are compared with those of
the last build:

* names, aliases or matching flags changed: every page is read again (any
  page may mention any name, and links are made while reading);
* only some terms' content changed: the pages listing those terms (the
  glossary page, excerpts) are read again, and the pages linking to them are
  written again, so their tooltips are current — without reading them.

Pages showing "mentioned in" back-references are written again whenever any
page was read, since the links between pages may have changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _changed_terms(app: Sphinx) -> tuple[bool, set[str]]:
    """(whether names changed, keys whose content changed) since the last build."""
    domain = get_domain(app.env)
    if domain.glossary_key and domain.data.get("glossary_key") == domain.glossary_key:
        return False, set()  # made from the same texts: nothing to compare
    names, content = domain.glossary.fingerprints
    previous = domain.data["fingerprints"]
    if previous is None:
        return False, set()  # a fresh environment reads every page anyway
    old_names, old_content = previous
    if old_names != names:
        return True, set(content)
    keys = set(content) | set(old_content)
    return False, {key for key in keys if content.get(key) != old_content.get(key)}


def pages_to_read(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: pages whose doctree depends on changed glossary data."""
    domain = get_domain(env)
    names_changed, keys = _changed_terms(app)
    domain.changed_terms = keys
    domain.read_any = bool(added or changed or removed or keys)
    if names_changed:
        return sorted(env.found_docs)
    return sorted(docname for docname, shown in domain.listings.items() if shown & keys)


def pages_to_write(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages whose HTML shows changed definitions or back-references."""
    domain = get_domain(env)
    keys = domain.changed_terms
    stale = {docname for docname, used in domain.usage.items() if used.keys() & keys}
    if domain.read_any:
        stale |= set(domain.listings)
    return sorted(stale)


def remember_fingerprints(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: what the next build compares its glossary with (see :func:`pages_to_read`)."""
    domain = get_domain(env)
    if domain.data.get("glossary_key") != domain.glossary_key or not domain.data["fingerprints"]:
        domain.data["fingerprints"] = domain.glossary.fingerprints
        domain.data["glossary_key"] = domain.glossary_key


def register(app: Sphinx) -> None:
    app.connect("env-get-outdated", pages_to_read)
    app.connect("env-updated", remember_fingerprints)
    app.connect("env-get-updated", pages_to_write)
