extensions = ["sphinx_balena_glossary"]
