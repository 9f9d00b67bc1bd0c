extensions = ["myst_parser", "sphinx_balena_glossary"]
balena_glossary_file = "glossary.yaml"
balena_glossary_autolink = "all"
balena_glossary_autolink_exclude = ["excluded*"]
myst_enable_extensions = ["substitution"]
rst_epilog = """
.. |product| replace:: balenaCloud product
"""
