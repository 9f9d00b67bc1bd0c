"""What a rebuild skips: the data file is parsed again only when its text changed, mentions
are looked for only when pages are read, and files made from the whole glossary are
written again only when what they are made from changed."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from sphinx_balena_glossary import domain, last_good
from sphinx_balena_glossary.loader import BUNDLED_FILE, load_glossary

from conftest import MakeProject, Project, read_html, warnings_of


@pytest.fixture
def incremental(project: MakeProject) -> Project:
    return project("incremental")


def _refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("called on a rebuild that should not need it")


def test_an_unchanged_data_file_is_not_parsed_again(
    incremental: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    incremental.build()
    with monkeypatch.context() as patched:
        patched.setattr(last_good, "load_glossary", _refuse)
        patched.setattr(domain, "build_matcher", _refuse)  # nothing to read: no mentions sought
        app = incremental.build()
        assert warnings_of(app) == [] and incremental.read == []
        assert "The old definition of the updater." in read_html(app, "updates").get_text()
    incremental.edit("glossary.yaml", "The old definition", "The new definition")
    app = incremental.build()
    assert "The new definition of the updater." in read_html(app, "updates").get_text()


def test_a_touched_page_is_read_with_the_kept_glossary(
    incremental: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    incremental.build()
    incremental.edit("updates.rst", "Devices are updated by HUP.", "Devices run the Supervisor.")
    monkeypatch.setattr(last_good, "load_glossary", _refuse)
    app = incremental.build()
    assert incremental.read == ["updates"]
    links = read_html(app, "updates").select("a.bterm")
    assert [a["data-bterm"] for a in links] == ["supervisor"]


def test_a_touched_page_is_read_with_the_kept_matcher(
    incremental: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    incremental.build()
    incremental.edit("updates.rst", "Devices are updated by HUP.", "HUP and the Supervisor.")
    with monkeypatch.context() as patched:
        patched.setattr(domain, "build_matcher", _refuse)
        app = incremental.build()
    assert incremental.read == ["updates"]
    links = read_html(app, "updates").select("a.bterm")
    assert [a["data-bterm"] for a in links] == ["host-os-updater", "supervisor"]
    # a term left out by the configuration: the kept matcher is not the glossary's any more
    app = incremental.build(confoverrides={"balena_glossary_exclude": ["Supervisor"]})
    links = read_html(app, "updates").select("a.bterm")
    assert [a["data-bterm"] for a in links] == ["host-os-updater"]
    # a new name in the data file: found at once
    incremental.edit("glossary.yaml", "aliases: [HUP]", "aliases: [HUP, the updater]")
    incremental.edit("updates.rst", "HUP and", "The updater and")
    app = incremental.build()
    links = read_html(app, "updates").select("a.bterm")
    assert [a["data-bterm"] for a in links] == ["host-os-updater", "supervisor"]


def test_a_kept_glossary_is_unpickled_with_its_indexes_as_built() -> None:
    glossary, _ = load_glossary([BUNDLED_FILE])
    again = pickle.loads(pickle.dumps(glossary, pickle.HIGHEST_PROTOCOL))
    assert again == glossary
    for index in ("_by_key", "_exact", "_folded"):
        assert dict(getattr(again, index)) == dict(getattr(glossary, index)), index
    assert again.lookup("hup") is None and again.lookup("HUP") == glossary.lookup("HUP")
    assert again.lookup("Devices") == glossary.lookup("device")


def test_glossary_json_is_written_again_only_when_its_inputs_change(
    incremental: Project,
) -> None:
    app = incremental.build()
    written = Path(app.outdir, "glossary.json")
    written.write_text(written.read_text().replace("old definition", "kept definition"))
    incremental.build()
    assert "kept definition" in written.read_text()  # same inputs: the file was left alone
    incremental.build(confoverrides={"project": "Renamed"})
    document = json.loads(written.read_text())
    assert document["site"]["name"] == "Renamed" and "kept definition" not in written.read_text()
    incremental.edit("glossary.yaml", "The old definition", "The new definition")
    incremental.build(confoverrides={"project": "Renamed"})
    assert "The new definition" in written.read_text()
    written.unlink()
    incremental.build(confoverrides={"project": "Renamed"})
    assert written.is_file()


def test_a_broken_data_file_is_never_kept(incremental: Project) -> None:
    incremental.build()
    incremental.edit("glossary.yaml", "  - term: Supervisor\n", "  - term: [Supervisor\n")
    first = warnings_of(incremental.build())
    again = warnings_of(incremental.build())
    assert first and again == first  # reported at every build, from a fresh parse
    assert "the last valid version of this file" in first[0]


@pytest.mark.parametrize(
    "kept",
    [
        b"not a pickle",
        b"cgone_module_xy\nX\n.",  # a class of a module that is not there (any more)
    ],
    ids=["damaged", "from-other-code"],
)
def test_a_kept_file_that_cannot_be_read_is_made_again(incremental: Project, kept: bytes) -> None:
    app = incremental.build()
    doctrees = Path(app.doctreedir)
    for name in ("bterm-matcher.pickle", "bterm-glossary.pickle"):
        assert (doctrees / name).is_file()
        (doctrees / name).write_bytes(kept)
    incremental.edit("updates.rst", "Devices are updated by HUP.", "HUP and the Supervisor.")
    app = incremental.build()
    assert warnings_of(app) == []
    links = read_html(app, "updates").select("a.bterm")
    assert [a["data-bterm"] for a in links] == ["host-os-updater", "supervisor"]
    assert (doctrees / "bterm-matcher.pickle").read_bytes() != kept
