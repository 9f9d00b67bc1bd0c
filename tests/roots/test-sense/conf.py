extensions = ["myst_parser", "sphinx_balena_glossary"]
balena_glossary_file = "glossary.yaml"
balena_glossary_autolink = "all"
myst_enable_extensions = ["colon_fence"]
