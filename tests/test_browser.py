"""Tooltips in a real headless Chromium, on example_docs built with five themes.

WCAG 2.1 SC 1.4.13: hover and focus show the definition; it is hoverable,
dismissible with Escape and persistent. Screenshots of a shown tooltip in
light and dark mode land in a temporary folder (``BTERM_ARTIFACTS=DIR`` keeps them in DIR).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sphinx.cmd.build import build_main

from conftest import served

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
THEMES = ["alabaster", "furo", "sphinx_rtd_theme", "pydata_sphinx_theme", "sphinx_book_theme"]
HUP = 'a.bterm[data-bterm="host-os-updater"]'


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """example_docs built once per theme, side by side."""
    out = tmp_path_factory.mktemp("site")
    for theme in THEMES:
        pytest.importorskip(theme)
        args = ["-q", "-W", "-b", "html", "-D", f"html_theme={theme}"]
        doctrees = str(out / f".doctrees-{theme}")
        assert (
            build_main([*args, "-d", doctrees, str(ROOT / "example_docs"), str(out / theme)]) == 0
        )
    hostile = ["-q", "-b", "html", "-d", str(out / ".doctrees-hostile")]
    assert (
        build_main([*hostile, str(ROOT / "tests" / "roots" / "test-hostile"), str(out / "hostile")])
        == 0
    )
    return out


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with served(site) as url:
        yield url


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: ``BTERM_ARTIFACTS`` if set, else a temporary folder."""
    chosen = os.environ.get("BTERM_ARTIFACTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"chromium not found at {CHROMIUM}; .ci/run installs it with apt")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=60_000
        )
        yield browser
        browser.close()


class Page:
    """A page of one theme's build, recording script errors and every request made."""

    def __init__(self, browser: Any, base_url: str, theme: str, **context: Any) -> None:
        options = {"viewport": {"width": 1000, "height": 700}, **context}
        self.context = browser.new_context(base_url=f"{base_url}/{theme}/", **options)
        self.context.set_default_timeout(5_000)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", self._console)
        self.page.on(
            "dialog", lambda dialog: (self.errors.append(dialog.message), dialog.dismiss())
        )
        self.page.on("request", lambda request: self.requests.append(request.url))
        # nothing may leave the machine: record and refuse anything not on 127.0.0.1
        self.page.route(re.compile(r"^(?!http://127\.0\.0\.1:)"), lambda route: route.abort())

    def _console(self, message: Any) -> None:
        # themes log their own noise (pydata: "invalid theme mode"); ours never logs
        if message.type == "error" and "bterm" in (message.text + str(message.location)):
            self.errors.append(message.text)

    def open(self, path: str = "updating-devices.html") -> Any:
        self.page.goto(path)
        self.page.wait_for_load_state("load")
        return self.page

    def tooltip_of(self, link: Any) -> Any:
        return self.page.locator("#" + link.get_attribute("aria-describedby"))

    def hover_term(self, selector: str = HUP) -> tuple[Any, Any]:
        """Hover the first link matching ``selector``; its tooltip must show."""
        link = self.page.locator(selector).first
        tip = self.tooltip_of(link)
        link.hover()
        expect(tip).to_be_visible()
        return link, tip

    def focus_by_tab(self, link: Any) -> None:
        """Tab until ``link`` has focus (the theme's own links come first)."""
        self.page.locator("body").click(position={"x": 1, "y": 1})
        for _ in range(200):
            self.page.keyboard.press("Tab")
            if self.page.evaluate("el => document.activeElement === el", link.element_handle()):
                return
        pytest.fail("Tab never reached the term link")

    def close(self) -> None:
        assert self.errors == []
        self.context.close()


@pytest.fixture(params=THEMES)
def theme(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def page(browser: Any, base_url: str, theme: str) -> Iterator[Page]:
    page = Page(browser, base_url, theme)
    yield page
    page.close()


def test_hover_shows_definition_without_network(page: Page) -> None:
    pg = page.open()
    link = pg.locator(HUP).first
    tip = page.tooltip_of(link)
    expect(tip).to_be_hidden()
    loaded = len(page.requests)
    link.hover()
    expect(tip).to_be_visible(timeout=500)
    expect(tip).to_contain_text("host OS updates")
    expect(tip).to_contain_text("aka. HUP")
    expect(tip).to_contain_text("balena specific term")
    assert page.requests[loaded:] == []
    pg.mouse.move(995, 695)
    expect(tip).to_be_hidden()


def test_keyboard_focus_and_escape(page: Page) -> None:
    pg = page.open()
    link = pg.locator(HUP).first
    tip = page.tooltip_of(link)
    page.focus_by_tab(link)
    expect(link).to_be_focused()
    expect(tip).to_be_visible()
    expect(link).to_have_accessible_description(re.compile(r"Host os UPdater.*host OS updates"))
    pg.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    expect(link).to_be_focused()  # Escape does not move focus
    pg.keyboard.press("Tab")  # the next Tab goes on in the text, never into the tooltip
    assert pg.evaluate("() => document.activeElement.closest('.bterm-tip') === null")


def test_hoverable_and_persistent(page: Page) -> None:
    pg = page.open()
    _, tip = page.hover_term()
    box = tip.bounding_box()
    pg.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] - 4, steps=8)
    pg.wait_for_timeout(700)  # past the hide delay
    expect(tip).to_be_visible()
    pg.keyboard.press("Escape")  # dismissible while hovered
    expect(tip).to_be_hidden()


def test_tooltip_holds_nothing_focusable_and_reads_in_the_page_font(page: Page) -> None:
    pg = page.open()
    _, tip = page.hover_term()
    # ARIA tooltip pattern: no interactive content (the term link leads to the entry)
    expect(tip.locator("a, button, input, select, textarea, [tabindex]")).to_have_count(0)
    fonts = pg.evaluate(
        """t => [getComputedStyle(t).fontFamily, getComputedStyle(document.body).fontFamily,
                 parseFloat(getComputedStyle(t).fontSize),
                 parseFloat(getComputedStyle(document.body).fontSize)]""",
        tip.element_handle(),
    )
    assert fonts[0] == fonts[1]
    assert 0.8 * fonts[3] <= fonts[2] <= fonts[3]


def test_only_one_open_and_clamped_inside_viewport(page: Page) -> None:
    pg = page.open()
    first = pg.locator(HUP).first
    other = pg.locator('a.bterm[data-bterm="supervisor"]').first
    first.hover()
    expect(page.tooltip_of(first)).to_be_visible()
    other.focus()
    expect(page.tooltip_of(other)).to_be_visible()
    expect(page.tooltip_of(first)).to_be_hidden()
    # pin a term link to the bottom-right corner: its tooltip must go above and stay inside
    pg.evaluate(
        "el => Object.assign(el.style, {position: 'fixed', right: '0', bottom: '0', zIndex: 9999})",
        first.element_handle(),
    )
    pg.keyboard.press("Escape")
    first.focus()
    tip = page.tooltip_of(first)
    expect(tip).to_be_visible()
    box, anchor = tip.bounding_box(), first.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0
    assert box["x"] + box["width"] <= 1000 and box["y"] + box["height"] <= 700
    assert box["y"] + box["height"] <= anchor["y"]  # above the link
    assert box["width"] <= 28 * 16 + 1


#: How each theme is set to light or dark by its own switch (stored before the page loads).
THEME_SWITCH = {
    "furo": "localStorage.setItem('theme', '{mode}')",
    "pydata_sphinx_theme": "localStorage.setItem('mode', '{mode}')",
    "sphinx_book_theme": "localStorage.setItem('mode', '{mode}')",
}
#: (name, what the OS prefers, what the theme's switch says): every theme follows the OS;
#: a theme with a switch is also set against the OS both ways.
MODES = [
    ("light-os", "light", None),
    ("dark-os", "dark", None),
    ("dark-switch", "light", "dark"),
    ("light-switch", "dark", "light"),
]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
#: The extension's violations: nodes of its markup, less colours the theme gives the same
#: elements in its own content (sphinx_rtd_theme's links, #2980b9 on #fcfcfc, are 4.19:1
#: everywhere, and its inline code, #e74c3c, 3.8:1): judged with a probe, a copy of the
#: element's tags and non-extension classes put in the theme's main content. Inside a
#: tooltip every colour counts: its background is the extension's.
OURS = """async tags => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  const ours = el => [...el.classList].some(c => c.startsWith('bterm'));
  const main = document.querySelector('[role=main], main, .rst-content, .body') || document.body;
  const themeColoured = element => {
    if (element.closest('.bterm-tip')) return false;
    const chain = [];
    for (let n = element; n && n !== document.body && (n === element || !ours(n)); n = n.parentElement)
      chain.unshift(n);
    let root = null, inner = null;
    for (const n of chain) {
      const copy = document.createElement(n.tagName);
      copy.className = [...n.classList].filter(c => !c.startsWith('bterm')).join(' ');
      if (n.tagName === 'A') copy.href = '#';
      if (inner) inner.appendChild(copy); else root = copy;
      inner = copy;
    }
    inner.textContent = 'x';
    const holder = document.createElement('p');
    holder.appendChild(root);
    main.appendChild(holder);
    const same = getComputedStyle(inner).color === getComputedStyle(element).color;
    holder.remove();
    return same;
  };
  const found = [];
  for (const rule of result.violations) {
    for (const node of rule.nodes) {
      if (!/bterm/.test(node.html + ' ' + node.target.join(' '))) continue;
      const element = document.querySelector(node.target[0]);
      if (rule.id === 'color-contrast' && element && themeColoured(element)) continue;
      found.push(rule.id + ': ' + node.target.join(' ') + ' ' + (node.failureSummary || ''));
    }
  }
  return found;
}"""


def axe_violations(pg: Any) -> list[str]:
    pg.add_script_tag(path=str(AXE))
    found: list[str] = pg.evaluate(OURS, AXE_TAGS)
    return found


THEME_MODES = [
    pytest.param(theme, *mode, id=f"{theme}-{mode[0]}")
    for theme in THEMES
    for mode in MODES
    if mode[2] is None or theme in THEME_SWITCH
]


@pytest.mark.parametrize(("theme", "mode", "scheme", "switch"), THEME_MODES)
def test_accessible_and_readable_in_every_mode(
    browser: Any,
    base_url: str,
    artifacts: Path,
    theme: str,
    mode: str,
    scheme: str,
    switch: str | None,
) -> None:
    """axe-core finds nothing in the extension's markup on the glossary page and on a page
    with a tooltip open, in light and dark, set by the OS or by the theme's own switch."""
    page = Page(browser, base_url, theme, color_scheme=scheme)
    if switch is not None:
        page.context.add_init_script(THEME_SWITCH[theme].format(mode=switch))
    pg = page.open("glossary.html")
    assert axe_violations(pg) == []
    pg.locator(".bterm-glossary-page").scroll_into_view_if_needed()
    pg.screenshot(path=str(artifacts / f"glossary-{theme}-{mode}.png"))
    pg = page.open()
    link = pg.locator(HUP).first
    link.focus()
    tip = page.tooltip_of(link)
    expect(tip).to_be_visible()
    assert axe_violations(pg) == []
    colours = pg.evaluate(
        """t => [getComputedStyle(t).color, getComputedStyle(t).backgroundColor,
                 getComputedStyle(document.body).backgroundColor]""",
        tip.element_handle(),
    )
    assert contrast(colours[0], colours[1]) >= 4.5, colours
    dark = (switch or scheme) == "dark" and theme in THEME_SWITCH
    if dark:  # a card a shade off the page, not the page's own colour
        assert colours[1] != colours[2], colours
    else:  # light, like the page, even where the OS prefers dark and the theme cannot
        assert luminance(colours[1]) > 0.8, colours
    box, anchor = tip.bounding_box(), link.bounding_box()
    top = max(0, anchor["y"] - 30)
    pg.screenshot(
        path=str(artifacts / f"tooltip-{theme}-{mode}.png"),
        clip={
            "x": max(0, box["x"] - 30),
            "y": top,
            "width": min(box["width"] + 60, 1000),
            "height": min(box["y"] + box["height"] + 20 - top, 700 - top),
        },
    )
    page.close()


#: Elements of the extension reaching past the right edge of a 320 px viewport.
PAST_THE_EDGE = """() => [...document.querySelectorAll(
    '.bterm-glossary-page, .bterm-glossary-page *, .bterm-tip:not([hidden]), .bterm-tip:not([hidden]) *')]
  .filter(e => e.getBoundingClientRect().right > 320.5)
  .map(e => e.tagName + '.' + e.className)"""


def test_no_horizontal_scroll_on_a_phone(browser: Any, base_url: str, theme: str) -> None:
    """At 320 px nothing of the extension is wider than the screen (pydata_sphinx_theme's own
    header is 326 px wide there, on every page)."""
    page = Page(browser, base_url, theme, viewport={"width": 320, "height": 640})
    pg = page.open("glossary.html")
    assert pg.evaluate(PAST_THE_EDGE) == []
    pg = page.open()
    link = pg.locator(HUP).first
    link.focus()
    expect(page.tooltip_of(link)).to_be_visible()
    assert pg.evaluate(PAST_THE_EDGE) == []
    page.close()


def test_touch_tap_opens_then_follows(browser: Any, base_url: str, theme: str) -> None:
    page = Page(
        browser,
        base_url,
        theme,
        has_touch=True,
        is_mobile=True,
        viewport={"width": 400, "height": 700},
    )
    pg = page.open()
    link = pg.locator(HUP).first
    tip = page.tooltip_of(link)
    link.scroll_into_view_if_needed()
    link.tap()
    expect(tip).to_be_visible()
    assert pg.url.endswith("updating-devices.html")
    link.tap()
    pg.wait_for_url(re.compile(r"glossary\.html#term-host-os-updater$"))
    page.close()


def test_without_javascript_links_navigate_and_no_text_is_dumped(
    browser: Any, base_url: str, theme: str
) -> None:
    page = Page(browser, base_url, theme, java_script_enabled=False)
    pg = page.open()
    link = pg.locator(HUP).first
    tip = page.tooltip_of(link)
    link.hover()
    pg.wait_for_timeout(300)
    expect(tip).to_be_hidden()
    expect(pg.locator(".bterm-tip:visible")).to_have_count(0)
    link.click()
    pg.wait_for_url(re.compile(r"glossary\.html#term-host-os-updater$"))
    expect(pg.locator("dt#term-host-os-updater")).to_be_visible()
    page.close()


def test_reduced_motion_and_escape_left_alone(browser: Any, base_url: str) -> None:
    page = Page(browser, base_url, "alabaster", reduced_motion="reduce")
    pg = page.open()
    _, tip = page.hover_term()
    assert pg.evaluate("t => getComputedStyle(t).animationName", tip.element_handle()) == "none"
    pg.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    prevented = pg.evaluate(
        """() => { let seen = null;
        document.addEventListener('keydown', e => { seen = e.defaultPrevented; });
        document.body.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));
        return seen; }"""
    )
    assert prevented is False  # nothing open: other Escape users keep their key
    page.close()


def test_glossary_filter(browser: Any, base_url: str) -> None:
    page = Page(browser, base_url, "alabaster")
    pg = page.open("glossary.html")
    box = pg.locator("input.bterm-filter-input")
    expect(box).to_be_visible()
    total = pg.locator("dt.bterm-name").count()
    box.fill("HUP")
    expect(pg.locator("dt.bterm-name:visible")).to_have_count(1)
    expect(pg.locator("dt#term-host-os-updater")).to_be_visible()
    jump = pg.locator('.bterm-jumpbar a[href="#bterm-letter-a"]')
    expect(jump).to_have_attribute("aria-disabled", "true")  # section A is hidden
    expect(pg.locator(".bterm-filter-count")).to_have_text(f"1 / {total}")
    box.fill("rootfs partition")
    expect(pg.locator("dt#term-host-os-updater")).to_be_visible()
    box.fill("zzzz nothing")
    expect(pg.locator("dt.bterm-name:visible")).to_have_count(0)
    expect(pg.locator(".bterm-filter-count")).to_have_text("No term matches “zzzz nothing”.")
    box.fill("")
    expect(pg.locator("dt.bterm-name:visible")).to_have_count(total)
    expect(jump).not_to_have_attribute("aria-disabled", "true")
    expect(pg.locator(".bterm-filter-count")).to_have_text("")
    page.close()


@pytest.mark.parametrize("path", ["index.html", "glossary.html"])
def test_attack_page_runs_no_script(browser: Any, base_url: str, path: str) -> None:
    page = Page(browser, base_url, "hostile")
    pg = page.open(path)
    links = pg.locator("div.body .bterm")
    assert path == "glossary.html" or links.count() >= 8
    for i in range(links.count()):
        link = links.nth(i)
        link.scroll_into_view_if_needed()
        link.hover()
        pg.wait_for_timeout(200)
        link.focus()
        tip = page.tooltip_of(link)
        expect(tip).to_be_visible()
        tip.hover()
        pg.keyboard.press("Escape")
        expect(tip).to_be_hidden()
    for entry in pg.locator("dt").all():
        entry.hover()
    assert pg.evaluate("() => typeof window.__pwned") == "undefined"
    assert pg.locator("img, iframe").count() == 0
    page.close()  # asserts no page error, console error or dialog


def luminance(colour: str) -> float:
    """WCAG relative luminance of an ``rgb(...)`` colour."""
    channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two ``rgb(...)`` colours."""
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("query", ["HUP", "host os updater", "how does HUP work"])
def test_search_shows_the_definition_first(
    page: Page, base_url: str, artifacts: Path, theme: str, query: str
) -> None:
    pg = page.open(f"search.html?q={query.replace(' ', '+')}")
    card = pg.locator(".bterm-search-card")
    expect(card).to_be_visible()
    expect(card).to_contain_text("Host os UPdater aka. HUP")
    expect(card).to_contain_text("Tool for balena host OS updates.")
    link = card.locator("a")
    assert link.get_attribute("href") == "glossary.html#term-host-os-updater"
    assert all(url.startswith(base_url) for url in page.requests)  # nothing from elsewhere
    # above the results, in the theme's own search layout
    assert pg.evaluate(
        "c => !!(c.compareDocumentPosition(document.getElementById('search-results'))"
        " & Node.DOCUMENT_POSITION_FOLLOWING)",
        card.element_handle(),
    )
    assert axe_violations(pg) == []
    if query == "HUP":
        pg.screenshot(path=str(artifacts / f"search-{theme}.png"))
    link.click()
    pg.wait_for_url(re.compile(r"glossary\.html#term-host-os-updater$"))


def test_search_card_only_for_a_term(page: Page) -> None:
    pg = page.open("search.html?q=zebra")
    pg.wait_for_load_state("load")
    pg.wait_for_timeout(300)
    expect(pg.locator(".bterm-search-card")).to_have_count(0)


def test_search_card_from_file_urls(browser: Any, site: Path) -> None:
    """Opened from disk, where a browser would refuse to fetch a JSON file."""
    context = browser.new_context()
    pg = context.new_page()
    pg.goto((site / "alabaster" / "search.html").as_uri() + "?q=HUP")
    expect(pg.locator(".bterm-search-card")).to_contain_text("Host os UPdater")
    context.close()
