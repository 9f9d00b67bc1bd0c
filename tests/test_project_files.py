"""The README's promises: its two commands, CI running the same test command, example_docs building clean."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.cmd.build import build_main

ROOT = Path(__file__).parent.parent


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = readme.split("\n---\n", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", first_screen, re.DOTALL)


def test_readme_first_screen_has_two_commands() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert "sphinx-build -W -b html example_docs example_docs/_build/html" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert readme_commands()[1] in ci


def test_example_docs_build_without_warnings(tmp_path: Path) -> None:
    out = tmp_path / "html"
    status = build_main(
        [
            "-q",
            "-W",
            "-E",
            "-b",
            "html",
            str(ROOT / "example_docs"),
            str(out),
            "-d",
            str(tmp_path / "doctrees"),
        ]
    )
    assert status == 0
    assert (out / "glossary.html").exists()
