"""The labels readers see ("aka.", "See:", "Mentioned in:" …), marked for translation.

They go through Sphinx's translation machinery under the catalog name
``sphinx_balena_glossary``; no catalogs ship yet, so they read in English
whatever the project's ``language``. :func:`_` always gives a plain string
(Sphinx gives a lazy proxy while no catalog is registered), so labels can go
anywhere a string goes.
"""

from __future__ import annotations

from sphinx.locale import get_translation

CATALOG = "sphinx_balena_glossary"
_gettext = get_translation(CATALOG)


def _(message: str) -> str:
    """The label ``message`` in the project's language (English while no catalog exists)."""
    return str(_gettext(message))
