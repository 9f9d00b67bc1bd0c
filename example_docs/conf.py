"""Example handbook for sphinx-balena-glossary: a template for your own project."""

project = "Example handbook"
author = "balena"
extensions = ["myst_parser", "sphinx_balena_glossary"]

# The bundled balena glossary, plus this project's own terms (a later file
# overrides a term of the same name). Leave this out to use the bundled data alone.
balena_glossary_file = ["@bundled", "team-terms.yaml"]

# Plain mentions of terms become links: the first one of each term per page
# ("first", the default), every one ("all"), or none ("off"). Some pages opt out.
balena_glossary_autolink = "first"
balena_glossary_autolink_exclude = ["changelog"]

# For readers no tooltip reaches: the first mention of an acronym on a page reads
# "Host os UPdater (HUP)" in every output, and PDF, e-book and text output get a
# footnote with the definition at the first link of each term ("list": a list of
# the terms used at the end of each page).
balena_glossary_expand = "first"
balena_glossary_print = "footnote"

# Where term links point when a project has no glossary page of its own:
# balena_glossary_url = "https://handbook.example.com/glossary/"

exclude_patterns = ["_build"]
html_title = "Example handbook"
