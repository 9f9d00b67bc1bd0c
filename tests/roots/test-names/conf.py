extensions = ["sphinx_balena_glossary"]
balena_glossary_file = "glossary.yaml"
balena_glossary_autolink = "all"
