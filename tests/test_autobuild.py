"""Live preview: sphinx-autobuild serves the docs and rebuilds when the data file changes."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import MakeProject

AUTOBUILD = shutil.which("sphinx-autobuild") or str(
    Path(sys.executable).with_name("sphinx-autobuild")
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, text: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    page = ""
    while time.monotonic() < deadline:
        try:
            page = fetch(url)
            if text in page:
                return page
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"{text!r} never appeared at {url}")


@pytest.fixture
def live(project: MakeProject, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    if not Path(AUTOBUILD).exists():
        pytest.skip("sphinx-autobuild is not installed")
    srcdir, datadir = project("incremental", folder="docs").srcdir, tmp_path / "data"
    datadir.mkdir()
    shutil.move(srcdir / "glossary.yaml", datadir / "glossary.yaml")
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace('"glossary.yaml"', '"../data/glossary.yaml"'),
        encoding="utf-8",
    )
    port = free_port()
    command = [
        AUTOBUILD,
        str(srcdir),
        str(tmp_path / "out"),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--watch",
        str(datadir),
        "-q",
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        yield f"http://127.0.0.1:{port}", datadir / "glossary.yaml"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_data_file_edit_reaches_the_served_page(live: tuple[str, Path]) -> None:
    url, data = live
    wait_for(f"{url}/updates.html", "The old definition of the updater.")
    data.write_text(
        data.read_text(encoding="utf-8").replace("The old definition", "A fresh definition"),
        encoding="utf-8",
    )
    page = wait_for(f"{url}/updates.html", "A fresh definition of the updater.")
    assert "The old definition" not in page
    assert "A fresh definition" in wait_for(f"{url}/glossary.html", "A fresh definition")


def test_a_broken_data_file_keeps_the_served_glossary(live: tuple[str, Path]) -> None:
    url, data = live
    wait_for(f"{url}/updates.html", "The old definition of the updater.")
    good = data.read_text(encoding="utf-8")
    # one key indented a space too far: nothing of the file can be read
    data.write_text(good.replace("    definition: The agent", "     definition: The agent"))
    page = Path(data.parent.parent, "docs", "updates.rst")
    page.write_text(page.read_text(encoding="utf-8") + "\nA marker paragraph.\n", encoding="utf-8")
    served = wait_for(f"{url}/updates.html", "A marker paragraph.")  # rebuilt with the slip
    assert "The old definition of the updater." in served  # the tooltip is still there
    assert 'id="term-supervisor"' in fetch(f"{url}/glossary.html")
    data.write_text(good.replace("The old definition", "A fresh definition"), encoding="utf-8")
    assert "A fresh definition" in wait_for(f"{url}/glossary.html", "A fresh definition")
