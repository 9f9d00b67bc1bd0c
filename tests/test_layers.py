"""The layers hold: the data core (model, loader, matcher, importer, exporters, the command
line) imports neither Sphinx nor docutils, and the build does not import the importer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CORE = [
    "model",
    "inflection",
    "problems",
    "files",
    "urls",
    "definitions",
    "data_format",
    "loader",
    "matcher",
    "context",
    "importer",
    "exporters",
    "docstats",
    "cli",
    "cli_check",
    "spelling",
    "source_fix",
    "terminology",
    "remote",
    "sources",
    "last_good",
    "yaml_errors",
    "conf_file",
]


def _modules_after(imports: list[str]) -> set[str]:
    """The modules a fresh interpreter holds after importing ``imports``."""
    code = "; ".join(f"import {name}" for name in imports) + "; import sys; print(*sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_the_core_imports_neither_sphinx_nor_docutils() -> None:
    modules = _modules_after([f"sphinx_balena_glossary.{name}" for name in CORE])
    assert sorted(m for m in modules if m.split(".")[0] in ("sphinx", "docutils")) == []


def test_the_build_does_not_import_the_importer_or_exporters() -> None:
    modules = _modules_after(["sphinx_balena_glossary._setup"])
    assert "sphinx_balena_glossary.html_output" in modules  # the build's own modules are there
    assert not {"sphinx_balena_glossary.importer", "sphinx_balena_glossary.exporters"} & modules


def test_a_build_of_plain_definitions_does_not_import_markdown_it(tmp_path: Path) -> None:
    """The bundled glossary's definitions are all within the plain subset of their Markdown
    (links, emphasis, code, line breaks): its glossary page and tooltips are made without
    loading markdown-it (about a megabyte and a twentieth of a second)."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "conf.py").write_text("extensions = ['sphinx_balena_glossary']\n", "utf-8")
    (source / "index.rst").write_text(
        "Glossary\n========\n\nA device runs balenaOS.\n\n.. balena-glossary::\n", "utf-8"
    )
    code = (
        "import sys; from sphinx.cmd.build import build_main; "
        f"status = build_main(['-q', '-W', '-b', 'html', {str(source)!r}, {str(tmp_path / 'out')!r}]); "
        "print(status, 'markdown_it' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True
    )
    assert result.stdout.split() == ["0", "False"], result.stderr
    page = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert 'href="https://www.docker.com/"' in page  # a definition's link, read plainly
