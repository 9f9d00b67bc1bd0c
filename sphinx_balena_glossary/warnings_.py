"""Warning subtypes, so users can silence one kind with ``suppress_warnings``.

Every message the extension logs carries ``type="bterm"`` and one of these
subtypes; Sphinx prints them as ``[bterm.<subtype>]`` and ``-W`` fails on them.
"""

from __future__ import annotations

from enum import Enum

WARNING_TYPE = "bterm"


class BtermWarning(str, Enum):
    """The documented warning subtypes (``bterm.<value>``)."""

    #: The data file is missing, a directory, or not readable.
    FILE = "file"
    #: The data file is not UTF-8.
    ENCODING = "encoding"
    #: The data file is larger than the loader accepts.
    TOO_LARGE = "too_large"
    #: YAML syntax error (unclosed bracket, bad indentation, tab, two documents ...).
    SYNTAX = "syntax"
    #: YAML anchors/aliases (``&a`` / ``*a``) are refused: they enable expansion bombs.
    YAML_ALIAS = "yaml_alias"
    #: A YAML tag (``!include``, ``!!python/...``) that the format does not allow.
    TAG = "tag"
    #: Wrong file structure (no ``terms`` list, wrong ``version``).
    SCHEMA = "schema"
    #: A value of the wrong type (``term: yes`` is a boolean: quote it).
    TYPE = "type"
    #: A value outside its allowed set (``scope``, ``status``).
    VALUE = "value"
    #: A key the format does not know (a typo such as ``defintion``).
    UNKNOWN_KEY = "unknown_key"
    #: The same key twice in one mapping.
    DUPLICATE_KEY = "duplicate_key"
    #: A name or alias used by two terms (case-insensitive).
    DUPLICATE = "duplicate"
    #: A term with neither ``definition`` nor ``see``.
    EMPTY_DEFINITION = "empty_definition"
    #: A ``see`` entry naming no term of the glossary.
    SEE_MISSING = "see_missing"
    #: Entries that only redirect (``see`` without definition) forming a loop.
    SEE_CYCLE = "see_cycle"
    #: A URL whose scheme is not http(s), mailto or relative; the link is dropped.
    UNSAFE_URL = "unsafe_url"
    #: A name holding control, bidi or zero-width characters.
    NAME = "name"
    #: A ``balena_glossary_*`` configuration value of the wrong type or value.
    CONFIG = "config"
    #: A ``:bterm:`` naming no term of the glossary.
    UNKNOWN_TERM = "unknown_term"
    #: Two unfiltered ``balena-glossary`` directives in one project.
    MULTIPLE_PAGES = "multiple_pages"
    #: A directive option naming no term, scope or letter.
    OPTION = "option"
    #: A page mentions a former name, or a deprecated one something replaces
    #: (``balena_glossary_check`` "former", or ``balena_glossary_warn_former``).
    FORMER = "former"
    #: A name of a ``spelling: strict`` term in another case (``balena_glossary_check`` "case").
    CASE = "case"
    #: A spelling the data lists under ``avoid`` (``balena_glossary_check`` "avoid").
    AVOID = "avoid"
    #: A remote glossary could not be fetched or read; a cached copy (or nothing) is used.
    REMOTE = "remote"
    #: A later glossary source overrides a term of an earlier one (information, unless
    #: ``balena_glossary_warn_override``).
    OVERRIDE = "override"
    #: ``@name`` names no installed glossary package, or a source cannot be used.
    SOURCE = "source"
