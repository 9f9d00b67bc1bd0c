extensions = ["myst_parser", "sphinx_balena_glossary"]
