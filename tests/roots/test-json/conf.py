extensions = ["sphinx_balena_glossary"]
balena_glossary_file = "glossary.yaml"
exclude_patterns = ["_build"]


def setup(app):  # type: ignore[no-untyped-def]
    # Until _setup.py wires json_output in; register() is idempotent, so this stays harmless.
    from sphinx_balena_glossary.json_output import register

    register(app)
