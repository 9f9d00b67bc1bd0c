"""``sphinx-balena-glossary validate``: exit codes, output, the installed entry point."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_balena_glossary.cli import main, validate


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it (the installed script when present)."""
    script = shutil.which("sphinx-balena-glossary")
    command = [script] if script else [sys.executable, "-m", "sphinx_balena_glossary.cli"]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=60, check=False
    )


def test_bundled_data_is_valid() -> None:
    result = run("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout.strip().splitlines()[-1]
    assert "balena.yaml: valid; " in summary
    terms = int(summary.split("valid; ")[1].split(" terms")[0])
    assert terms >= 96


def test_invalid_file_exits_1_with_located_lines(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("version: 1\nterms:\n  - term: a\n    defintion: x\n", encoding="utf-8")
    result = run("validate", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == [
        f"{path}:3: 'a' has no definition (give 'definition' or 'see') [bterm.empty_definition]",
        f"{path}:4: unknown key 'defintion' in a term (did you mean 'definition'?) [bterm.unknown_key]",
    ]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["validate", "--format", "xml"], ["frobnicate"], []])
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_json_output(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "version: 1\nterms:\n  - term: a\n    definition: x\n    see: [b]\n", encoding="utf-8"
    )
    out = io.StringIO()
    assert validate([str(path)], "json", out) == 1
    report = json.loads(out.getvalue())
    assert report == {
        "valid": False,
        "terms": 1,
        "aliases": 0,
        "problems": [
            {
                "path": str(path),
                "line": 5,
                "type": "bterm.see_missing",
                "message": "'a' sees 'b', which is no term of the glossary",
            }
        ],
    }


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--help"])
    assert exit_info.value.code == 0
    assert "sphinx-balena-glossary validate docs/glossary.yaml" in capsys.readouterr().out
