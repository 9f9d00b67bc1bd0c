"""The ``bterm`` domain: where the glossary page is, and how term links resolve.

Links made by the role are ``pending_xref`` nodes until every document is
read, and auto links are made as their page is written, so a link on any
page finds the glossary page wherever it is (:class:`TermLinker` makes both
kinds). Per-document state (glossary pages, terms used) lives in the
domain's data, which Sphinx pickles, purges per document and merges after
parallel reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain
from sphinx.util import logging

from .config import setting_location, settings
from .context import MentionRules
from .glossary_cache import GlossaryCache, MatcherCache, matcher_key, source_key
from .last_good import LastGood, load_recovering
from .matcher import Matcher, build_matcher
from .model import Glossary, Term, without_terms
from .nodes import LINK_CLASS, term_link, term_text
from .problems import Problem
from .remote import RemoteCache
from .sources import read_sources
from .spelling import SpellingChecker
from .warnings_ import WARNING_TYPE, BtermWarning

if TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Set as AbstractSet

    from docutils.nodes import Element
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.util.tags import Tags

logger = logging.getLogger(__name__)

#: Checks nothing (no check asked for, or nothing read yet).
NO_CHECKS = SpellingChecker(Glossary(), ())

DOMAIN = "bterm"
XREF_TYPE = "term"


class BtermDomain(Domain):
    """Resolves ``:bterm:`` links to the glossary page, a published URL, or plain text."""

    name = DOMAIN
    label = "balena glossary"
    data_version = 4
    initial_data: ClassVar[dict[str, Any]] = {
        "pages": {},  # docname -> line of the unfiltered balena-glossary directive
        "listings": {},  # docname -> term keys shown by balena-glossary directives there
        # docname -> {term key: condition}: the terms that page links to, and the ``only``
        # expression under which it does ("" for always)
        "usage": {},
        "fingerprints": None,  # the glossary's Glossary.fingerprints when last read
        "glossary_key": "",  # what that glossary was made from (see glossary_cache)
    }

    #: The glossary of this build; loaded at builder-inited, never pickled.
    glossary: Glossary = Glossary()
    #: What the glossary was made from (sources' texts, excluded terms), as a string.
    glossary_key: str = ""
    #: Whether the glossary is one kept between builds (not a last valid copy standing in).
    glossary_kept: bool = False
    #: Finds mentions of its terms in text (for auto-linking); built with the glossary.
    matcher: Matcher = Matcher(())
    #: Which found mentions are the term (for auto-linking); built with the glossary.
    rules: MentionRules = MentionRules(Glossary())
    #: Finds the spellings ``balena_glossary_check`` rules out; built with the glossary.
    spelling: SpellingChecker = NO_CHECKS
    #: Keys of terms whose data changed since the last build (see ``incremental``).
    changed_terms: frozenset[str] | set[str] = frozenset()
    #: Whether this build read any page.
    read_any: bool = False
    #: The tags of auto links written in this build, by translator class, where they link
    #: from (:attr:`TermLinker.origin`) and tooltips on or off, then term key (see
    #: ``html_output.AutoLinkTags``); emptied when the glossary is loaded.
    link_tags: dict[tuple[object, ...], dict[str, tuple[str, str] | None]]

    @property
    def pages(self) -> dict[str, int]:
        pages: dict[str, int] = self.data["pages"]
        return pages

    @property
    def usage(self) -> dict[str, dict[str, str]]:
        usage: dict[str, dict[str, str]] = self.data["usage"]
        return usage

    @property
    def listings(self) -> dict[str, set[str]]:
        listings: dict[str, set[str]] = self.data["listings"]
        return listings

    def note_page(self, docname: str, line: int) -> None:
        self.pages.setdefault(docname, line)

    def note_listing(self, docname: str, keys: Iterable[str]) -> None:
        self.listings.setdefault(docname, set()).update(keys)

    def mentions(self, tags: Tags) -> dict[str, list[str]]:
        """For each term key, the documents linking to it (explicitly or not), in name order.

        A link inside ``.. only::`` counts when the builder's ``tags`` satisfy its condition.
        """
        pages: dict[str, list[str]] = {}
        for docname in sorted(self.usage):
            for key, condition in self.usage[docname].items():
                if not condition or tags.eval_condition(condition):
                    pages.setdefault(key, []).append(docname)
        return pages

    def note_usage(self, docname: str, key: str, condition: str = "") -> None:
        """A page links to the term ``key``, always (``condition`` "") or under an ``only`` condition."""
        used = self.usage.setdefault(docname, {})
        known = used.get(key)
        if known == "":
            return  # linked always already
        wrapped = f"({condition})" if condition else ""
        if known is None or not wrapped:
            used[key] = wrapped
        elif wrapped not in known:
            used[key] = f"{known} or {wrapped}"

    def clear_doc(self, docname: str) -> None:
        self.pages.pop(docname, None)
        self.listings.pop(docname, None)
        self.usage.pop(docname, None)

    def merge_domaindata(self, docnames: AbstractSet[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["pages"]:
                self.pages[docname] = otherdata["pages"][docname]
            if docname in otherdata["usage"]:
                self.usage[docname] = dict(otherdata["usage"][docname])
            if docname in otherdata["listings"]:
                self.listings[docname] = set(otherdata["listings"][docname])

    def glossary_page(self) -> str | None:
        """The glossary page: the first document (in reading order) with an unfiltered directive."""
        return min(self.pages, default=None)

    def is_glossary_page(self, docname: str) -> bool:
        """Whether ``docname`` is (so far, while reading) the glossary page."""
        return not any(other < docname for other in self.pages)

    def check_consistency(self) -> None:
        """Warn about every glossary page after the first (called by Sphinx after reading)."""
        first, *others = sorted(self.pages) or [""]
        for extra in others:
            logger.warning(
                "a second unfiltered balena-glossary directive; term links go to the first, "
                "at %s:%d. Add :terms:, :scope: or :letters: to make this one an excerpt",
                self.env.doc2path(first),
                self.pages[first],
                location=(extra, self.pages[extra]),
                type=WARNING_TYPE,
                subtype=BtermWarning.MULTIPLE_PAGES.value,
            )

    def resolve_xref(  # type: ignore[override]  # plain text when there is no target
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: Element,
    ) -> Element | None:
        term = self.glossary.by_key(target)
        if term is None or _inside(node, (nodes.reference, nodes.title)):
            # a stale doctree after a data change; or a link inside a link or a
            # heading, which would nest links or clutter titles: keep the text
            return contnode
        return TermLinker(self, builder, fromdocname)(term, contnode)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        return []  # the terms are in the std domain, via the glossary page


def _inside(node: nodes.Node, kinds: tuple[type[nodes.Node], ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent
    return False


def pending_term_link(
    key: str, contnode: nodes.Node, docname: str, explicit: bool
) -> addnodes.pending_xref:
    """A term link around ``contnode``, to be resolved once every document is read."""
    title = contnode.astext()
    return addnodes.pending_xref(
        title,
        contnode,
        refdomain=DOMAIN,
        reftype=XREF_TYPE,
        reftarget=key,
        refdoc=docname,
        refexplicit=explicit,
    )


def entry_url(term: Term, page: str | None, local: bool) -> str | None:
    """Where ``term``'s entry is: on this project's glossary ``page`` when ``local``; else
    at its home (the site whose ``glossary.json`` it came from), else on the published
    glossary ``page``; None when nowhere."""
    if term.home and not local:
        return term.home
    return None if page is None else f"{page}#{term.anchor}"


class TermLinker:
    """Makes the term links of one page: to the local glossary page; else to the term's home
    (the site whose ``glossary.json`` it came from), else to the published glossary URL;
    else text.

    Where the entries are, seen from the page, is worked out once, so a page
    with many links pays for it once.
    """

    __slots__ = ("_base", "_internal")

    def __init__(self, domain: BtermDomain, builder: Builder, fromdocname: str) -> None:
        page = domain.glossary_page()
        url = settings(domain.env.config).url
        #: What comes before "#anchor" ("" on the glossary page itself); None: no such page.
        self._base: str | None
        self._internal = page is not None
        if page is None:
            self._base = url.split("#", 1)[0] if url else None
        elif page == fromdocname:
            self._base = ""
        else:
            # singlehtml answers "#document-<page>"; a second "#" would break the link
            self._base = builder.get_relative_uri(fromdocname, page).split("#", 1)[0]

    @property
    def origin(self) -> tuple[str | None, bool]:
        """What the links it makes depend on besides the term: where the entries are, seen
        from the page, and whether they are in this project."""
        return self._base, self._internal

    @property
    def glossary_uri(self) -> str | None:
        """The local glossary page seen from this page ("" on it); None without one."""
        return self._base if self._internal else None

    def target(self, term: Term) -> tuple[str | None, bool]:
        """Where a link to ``term`` points (in HTML), and whether that is in this project;
        None when there is nowhere to link."""
        return entry_url(term, self._base, self._internal), self._internal

    def __call__(self, term: Term, contnode: nodes.Node, *classes: str) -> Element:
        """A link to ``term`` around ``contnode``, with ``classes`` after the ``bterm`` class."""
        attributes = {"bterm": term.key, "classes": [LINK_CLASS, *classes]}
        href, internal = self.target(term)
        link: Element
        if href is None:
            link = term_text("", "", **attributes)
        elif internal and not self._base:
            link = term_link("", "", internal=True, refid=term.anchor, **attributes)
        else:
            link = term_link("", "", internal=internal, refuri=href, **attributes)
        link.append(contnode)
        return link


def _report(problem: Problem, warn_override: bool) -> None:
    if problem.note and not warn_override:
        logger.info("%s: %s", problem.location, problem.message)
        return
    logger.warning(
        problem.message,
        location=problem.location,
        type=WARNING_TYPE,
        subtype=problem.subtype_name,
    )


def load_glossary_data(app: Sphinx) -> None:
    """``builder-inited``: load the glossary once per build, before any document is read
    (remote sources are fetched here, once, into the environment folder's cache), report
    every problem of its sources, and build what finds mentions."""
    project = settings(app.config)
    where = setting_location(app.confdir, "balena_glossary_file")
    cache = RemoteCache(
        Path(app.doctreedir, "bterm-remote"), max_age=project.cache_limit, timeout=project.timeout
    )
    sources, problems = read_sources(project.files, app.confdir, cache, where)
    kept = GlossaryCache(app.doctreedir)
    key = source_key(sources)
    cached = kept.load_glossary(key)
    keepable = cached is not None
    if cached is None:
        store = LastGood(Path(app.doctreedir, "bterm-last-good"))
        cached = load_recovering(sources, store)
        keepable = kept.save_glossary(key, *cached)
    glossary, loaded = cached
    glossary, unknown = without_terms(glossary, project.exclude)
    problems += loaded
    if len(sources) == len(project.files):  # with a source missing, a name may be in it
        problems += [
            Problem(
                *where,
                f"balena_glossary_exclude names {name!r}, which is no term of the glossary",
                BtermWarning.CONFIG,
            )
            for name in unknown
        ]
    for problem in problems:
        _report(problem, project.warn_override)
    domain = get_domain(app.env)
    domain.glossary = glossary
    domain.glossary_key = f"{key}:{sorted(project.exclude)!r}"
    domain.glossary_kept = keepable
    domain.matcher, domain.rules, domain.spelling = Matcher(()), MentionRules(Glossary()), NO_CHECKS
    domain.link_tags = {}


def prepare_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: build what finds mentions and checks spellings, only when
    pages are to be read (a rebuild with nothing changed reads none), and before parallel
    reading starts, so every process has them."""
    domain = get_domain(env)
    if not docnames or domain.matcher:
        return
    domain.matcher = _kept_matcher(app.doctreedir, domain)
    domain.rules = MentionRules(domain.glossary)
    domain.spelling = SpellingChecker(domain.glossary, settings(app.config).checks)


def _kept_matcher(folder: str | Path, domain: BtermDomain) -> Matcher:
    """The glossary's matcher: the one kept by an earlier build of the same glossary, else
    built (and kept, unless a last valid copy of the glossary stands in)."""
    kept = MatcherCache(folder)
    key = matcher_key(domain.glossary_key)
    matcher = kept.load_matcher(key)
    if matcher is None:
        matcher = build_matcher(domain.glossary)
        if domain.glossary_kept:
            kept.save(key, matcher)
    return matcher


def get_domain(env: BuildEnvironment) -> BtermDomain:
    domain = env.get_domain(DOMAIN)
    assert isinstance(domain, BtermDomain)
    return domain
