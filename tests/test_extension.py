"""The extension in real Sphinx builds: zero configuration, settings, data-file problems."""

from __future__ import annotations

import pytest
import sphinx
from sphinx.errors import SphinxWarning
from sphinx.testing.util import SphinxTestApp

import sphinx_balena_glossary

from conftest import MakeProject, read_html, warnings_of


@pytest.mark.sphinx("html", testroot="bundled")
def test_zero_configuration_build_succeeds(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    assert app.statuscode == 0
    link = read_html(app, "updates").select_one("a.bterm:not(.bterm-auto)")
    assert link is not None and link["href"] == "glossary.html#term-host-os-updater"
    assert (
        read_html(app, "updates").select_one("a.bterm-auto")["href"] == "glossary.html#term-device"
    )


def test_setup_metadata() -> None:
    class Recorder:
        def __getattr__(self, name: str) -> object:
            return lambda *args, **kwargs: None

    meta = sphinx_balena_glossary.setup(Recorder())  # type: ignore[arg-type]
    assert meta == {
        "version": sphinx_balena_glossary.__version__,
        "env_version": sphinx_balena_glossary.ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


@pytest.mark.sphinx(
    "html",
    testroot="bundled",
    confoverrides={"balena_glossary_file": 42, "balena_glossary_url": ["x"]},
)
def test_wrong_settings_fall_back_to_defaults_with_a_warning(app: SphinxTestApp) -> None:
    app.build()
    warnings = warnings_of(app)
    assert any(
        "balena_glossary_file must be a path, URL or @name, or a list of them, got 42;"
        " using the default '@bundled'" in w
        for w in warnings
    ), warnings
    assert any("balena_glossary_url must be a URL string, got ['x']" in w for w in warnings)
    assert read_html(app, "updates").select_one("a.bterm") is not None


def test_settings_are_checked_at_their_line_in_conf_py(project: MakeProject) -> None:
    docs = project()
    docs.write(
        "conf.py",
        'extensions = ["sphinx_balena_glossary"]\n'
        "balena_glossary_tooltip = False  # a typo: Sphinx alone ignores it\n"
        'balena_glossary_autolink = "every"\n',
    )
    docs.write("index.rst", "Home\n====\n\nDevices are updated by HUP.\n")
    app = docs.build()
    assert warnings_of(app) == [
        (
            "conf.py:2: WARNING: unknown setting 'balena_glossary_tooltip'; did you mean "
            "'balena_glossary_tooltips'?"
        ),
        (
            "conf.py:3: WARNING: balena_glossary_autolink must be 'first', 'section', 'all' or "
            "'off', got 'every'; using the default 'first'"
        ),
    ]


@pytest.mark.sphinx("html", testroot="bad-data", freshenv=True)
def test_data_problems_are_located_warnings_and_the_build_goes_on(app: SphinxTestApp) -> None:
    app.build()
    warnings = warnings_of(app)
    assert (
        "glossary.yaml:6: WARNING: unknown key 'defintion' in a term (did you mean 'definition'?)"
        in warnings
    )
    assert (
        "glossary.yaml:5: WARNING: 'Broken' has no definition (give 'definition' or 'see')"
        in warnings
    )
    assert any(
        w.startswith("glossary.yaml:9: WARNING: 'more' URL 'javascript:alert(1)'") for w in warnings
    )
    assert (
        "conf.py:2: WARNING: balena_glossary_file names 'missing.yaml', but there is no such "
        "file (missing.yaml)" in warnings
    )
    assert not any("Traceback" in w or "Extension error" in w for w in warnings)
    html = read_html(app, "index")
    assert [a["data-bterm"] for a in html.select("a.bterm")] == ["good", "linky"]
    assert "javascript:" not in str(html)
    assert [dt.get_text(strip=True).rstrip("¶") for dt in html.select("dt")] == ["Good", "Linky"]


@pytest.mark.sphinx(
    "html",
    testroot="bad-data",
    freshenv=True,
    confoverrides={
        "suppress_warnings": [
            "bterm.unknown_key",
            "bterm.empty_definition",
            "bterm.unsafe_url",
            "bterm.file",
        ]
    },
)
def test_data_warnings_can_be_suppressed_by_subtype(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []


def test_data_warnings_fail_a_strict_build(project: MakeProject) -> None:
    docs = project("bad-data")
    if sphinx.version_info < (8,):  # Sphinx 7 stops at the first warning under -W
        with pytest.raises(SphinxWarning, match="'Broken' has no definition"):
            docs.build(warningiserror=True)
        return
    app = docs.build(warningiserror=True)
    assert app.statuscode == 1


@pytest.mark.skipif(sphinx.version_info < (8,), reason="Sphinx prints [type.subtype] from 8.0")
@pytest.mark.sphinx("html", testroot="bad-data", freshenv=True)
def test_warning_tags(app: SphinxTestApp) -> None:
    app.build()
    assert (
        "unknown key 'defintion' in a term (did you mean 'definition'?) [bterm.unknown_key]"
        in app.warning.getvalue()
    )
