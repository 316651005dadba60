"""Every figure of the built book in headless Chromium, at a phone's and a desktop's width.

Each figure must be an SVG file, fit its column without overflowing (nothing cropped, nothing
past the screen's edge), show every text at least 11 px tall on a 390 px screen, and link to
its own file so a reader can open it full size (a keyboard-reachable link with a name).

Text is measured in the browser: the figure's SVG is copied inline at the width the page
shows it at, and each ``<text>`` element's font size is multiplied by the scale the browser
draws it with. A figure without any ``<text>`` fails (its text would have become paths, which
this test cannot measure).

The book is the one ``make book`` builds (fixture ``built_book``), or, when the environment
variable ``LEGCOURSE_BOOK_HTML`` names an HTML folder, that one (a private build made with
``jupyter-book build . --path-output DIR``: DIR/_build/html).
"""

from __future__ import annotations

import os
import re

import pytest
from browser_support import toc_pages
from conftest import BOOK_VARIABLE, REPO

from legcourse.book.svgfigure import MIN_TEXT_PX

pytestmark = [pytest.mark.slow, pytest.mark.browser]

VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 900)}


def glued_figures(path: str) -> int:
    """How many ``{glue:figure}`` directives the page's source holds."""
    stem = REPO / path.removesuffix(".html")
    source = next(
        (p for p in (stem.with_suffix(".md"), stem.with_suffix(".ipynb")) if p.is_file()), None
    )
    return len(re.findall(r"\{glue:figure\}", source.read_text())) if source else 0


FIGURES = """() => [...document.querySelectorAll('main figure')].map((figure) => {
    const img = figure.querySelector('img');
    const inline = img ? null : figure.querySelector('svg');
    const shown = img || inline;
    const link = img && img.closest('a');
    const box = shown ? shown.getBoundingClientRect() : null;
    return {
        id: figure.id || figure.className,
        src: img ? img.src : null,
        inline: !!inline,
        alt: img ? img.alt : '',
        href: link ? link.href : null,
        linkInFigure: !!link && figure.contains(link),
        left: box ? box.left : null,
        right: box ? box.right : null,
        width: box ? box.width : 0,
        loaded: !!inline || (!!img && img.complete && img.naturalWidth > 0),
        figureOverflow: figure.scrollWidth - figure.clientWidth,
        parentWidth: figure.parentElement.clientWidth,
        viewport: document.documentElement.clientWidth,
    };
})"""

SIZES_IN = """(svg) => [...svg.querySelectorAll('text')]
    .filter((t) => t.textContent.trim() && t.getBBox().width > 0)
    .map((t) => {
        const m = t.getScreenCTM();
        const scale = Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
        return [t.textContent.trim(), parseFloat(getComputedStyle(t).fontSize) * scale];
    })"""
"""Each drawn ``<text>`` of an SVG in the page and its font size on the screen, in px."""

TEXT_SIZES = (
    """async ([src, width]) => {
    const text = await (await fetch(src)).text();
    const holder = document.createElement('div');
    holder.style.cssText = `position:absolute; left:0; top:0; width:${width}px; visibility:hidden`;
    holder.innerHTML = text.slice(text.indexOf('<svg'));
    document.body.appendChild(holder);
    const svg = holder.querySelector('svg');
    svg.style.width = '100%';
    svg.style.height = 'auto';
    const sizes = ("""
    + SIZES_IN
    + """)(svg);
    holder.remove();
    return sizes;
}"""
)
"""An SVG file copied inline at the width its image is shown at, measured as ``SIZES_IN``."""

INLINE_SIZES = "(figure) => (" + SIZES_IN + ")(figure.querySelector('svg'))"


def check_figures(page, viewport: str) -> list[str]:
    """What is wrong with the figures of the loaded page at this viewport.

    A figure is an SVG file in an ``<img>`` (the glued figures), or an inline ``<svg>`` (the
    drills and the explorer, whose scripts change the drawing as the reader plays: they are
    checked for fit and text size, and have no file to open)."""
    problems = []
    for index, fig in enumerate(page.evaluate(FIGURES)):
        name = f"{viewport} {fig['id'] or 'figure'}"
        if not (fig["src"] or fig["inline"]):
            problems.append(f"{name}: holds no image")
            continue
        if not fig["loaded"]:
            problems.append(f"{name}: its image did not load ({fig['src']})")
        if fig["src"] and not fig["src"].endswith(".svg"):
            problems.append(f"{name}: not SVG: {fig['src']}")
        if fig["figureOverflow"] > 0 or fig["width"] > fig["parentWidth"] + 0.5:
            problems.append(
                f"{name}: overflows its column ({fig['width']:.0f} px in "
                f"{fig['parentWidth']} px, scrolls by {fig['figureOverflow']} px)"
            )
        if fig["left"] < 0 or fig["right"] > fig["viewport"] + 0.5:
            problems.append(
                f"{name}: past the screen's edge ({fig['left']:.0f}..{fig['right']:.0f})"
            )
        if fig["src"] and not (fig["href"] and fig["linkInFigure"] and fig["href"] == fig["src"]):
            problems.append(f"{name}: no link to its full-size file (href {fig['href']})")
        if fig["src"] and not fig["alt"].strip():
            problems.append(f"{name}: its link has no name (the image has no alt text)")
        if viewport != "phone" or fig["width"] == 0:
            continue  # text is measured at the phone's width; a hidden drill view has none
        if fig["src"]:
            sizes = page.evaluate(TEXT_SIZES, [fig["src"], fig["width"]])
            if not sizes:
                problems.append(f"{name}: no <text> in its SVG to measure")
        else:
            sizes = page.locator("main figure").nth(index).evaluate(INLINE_SIZES)
        small = [f"{t!r} {px:.1f} px" for t, px in sizes if px < MIN_TEXT_PX - 0.05]
        if small:
            problems.append(f"{name}: text under {MIN_TEXT_PX:g} px: " + "; ".join(small[:8]))
    return problems


@pytest.mark.parametrize("path", toc_pages())
def test_figures_are_svg_fit_the_screen_read_on_a_phone_and_open_full_size(
    book_html, book_url, browser, path
):
    if os.environ.get(BOOK_VARIABLE) and not (book_html / path).is_file():
        pytest.skip(f"{path} is not in the private build {book_html} (built from another tree)")
    assert (book_html / path).is_file(), f"{path} was not built"
    problems = []
    for viewport, (width, height) in VIEWPORTS.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        try:
            page = context.new_page()
            page.goto(f"{book_url}/{path}", wait_until="networkidle")
            count = page.locator("main figure").count()
            if count < glued_figures(path):
                problems.append(
                    f"{viewport}: {count} figures, the source glues {glued_figures(path)}"
                )
            rasters = page.evaluate(
                "() => [...document.querySelectorAll('main img')].map((i) => i.src)"
                ".filter((s) => !/\\.svg(\\?|$)/.test(s))"
            )
            problems += [f"{viewport}: raster image in the page: {src}" for src in rasters]
            problems += check_figures(page, viewport)
        finally:
            context.close()
    assert not problems, f"{path}:\n" + "\n".join(problems)


def test_a_figure_opens_full_size_from_the_keyboard(book_url, browser):
    """Tab reaches a figure's link; Enter opens the SVG itself, larger than in the page."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(f"{book_url}/book/upper-leg/anterior.html", wait_until="networkidle")
        shown = page.locator("main figure a.image-reference img").first.bounding_box()["width"]
        name = page.get_by_role("link", name=re.compile("Open full size"))
        assert name.count() >= page.locator("main figure").count() > 0
        page.locator("main section p").first.click()  # start tabbing from the top of the text
        for _ in range(300):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('main figure a.image-reference')"):
                break
        else:
            pytest.fail("Tab never reached a figure's full-size link")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith(".svg")
        assert page.evaluate("document.documentElement.tagName") == "svg"
        natural = page.evaluate("document.documentElement.getBoundingClientRect().width")
        assert natural > shown, (natural, shown)
    finally:
        page.close()
