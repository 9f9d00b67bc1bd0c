project = "Handbook"
extensions = ["sphinx_balena_glossary"]
balena_glossary_file = "glossary.yaml"
exclude_patterns = ["_build"]
