project = "Kitchen sink"
copyright = "2026, balena"
version = "1.0"
extensions = ["myst_parser", "sphinx_balena_glossary", "sphinx.ext.ifconfig"]
balena_glossary_autolink = "all"
myst_enable_extensions = [
    "colon_fence",
    "deflist",
    "dollarmath",
    "fieldlist",
    "substitution",
    "tasklist",
    "attrs_inline",
    "smartquotes",
    "replacements",
    "strikethrough",
]
myst_substitutions = {"product": "balenaCloud"}
suppress_warnings = ["epub.unknown_project_files", "myst.strikethrough"]
