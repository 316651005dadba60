"""The lesion explorer and the clinical cases played in the built book, in headless Chromium
with no kernel: by mouse and by keyboard, at a desktop and a phone width, with no request
outside the book and no console error beyond the few every Jupyter Book 1 page logs.

What the page must show comes from the data (``legcourse.lesion_effects``, the catalog,
``legcourse.core.cases.answer``) and from the notebooks' own parameters, never from literals.
Each page is opened once per module and reused; every test reloads it or resets what it needs.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_support import PageWatch
from conftest import REPO
from test_book_pages import audited

import legcourse
from legcourse.core.cases import answer, option_label, options, urgency
from legcourse.core.catalog import get_catalog
from legcourse.core.lesions import EFFECT_HEADINGS
from legcourse.core.words import capitalise
from legcourse.diagrams import muscles_in_view
from legcourse.diagrams.style import DARKENED
from legcourse.reasoning.sites import (
    HIT_PX,
    marker_gid,
    nerve_lesions,
    root_lesions,
    sites,
)
from legcourse.reasoning.summary import EXPLORER_VIEWS

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PAGES = REPO / "book" / "clinical-reasoning"
EXPLORER_NB = PAGES / "explorer.ipynb"
CASES_NB = PAGES / "cases.ipynb"
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}
CASES = list(get_catalog().cases.values())


def parameters(notebook: Path) -> dict:
    """The values the notebook's parameters cell sets."""
    cells = json.loads(notebook.read_text())["cells"]
    cell = next(c for c in cells if "parameters" in c["metadata"].get("tags", []))
    values: dict = {}
    exec("".join(cell["source"]), {}, values)
    return values


def rgb(hex_colour: str) -> str:
    """A #rrggbb colour as the browser's computed style writes it."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def overflow(page) -> dict:
    """How far the page, and its main column, scroll sideways (0 or less: not at all)."""
    return page.evaluate(
        """() => {
            const main = document.querySelector('main');
            return {page: document.documentElement.scrollWidth - window.innerWidth,
                    main: main ? main.scrollWidth - main.clientWidth : 0};
        }"""
    )


class BookPage:
    """One page of the built book, opened once for a module, and what went wrong on it."""

    def __init__(self, browser, site: str, notebook: Path):
        self.url = f"{site}/book/clinical-reasoning/{notebook.stem}.html"
        width, height = VIEWPORTS["desktop"]
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.watch = PageWatch(self.page, site)

    def open(self, viewport: str = "desktop"):
        width, height = VIEWPORTS[viewport]
        self.page.set_viewport_size({"width": width, "height": height})
        self.page.goto(self.url, wait_until="networkidle")
        return self.page


@pytest.fixture(scope="module")
def explorer_tab(site, browser):
    tab = BookPage(browser, site, EXPLORER_NB)
    yield tab
    tab.context.close()


@pytest.fixture(scope="module")
def cases_tab(site, browser):
    tab = BookPage(browser, site, CASES_NB)
    yield tab
    tab.context.close()


def clean(tab: BookPage):
    """Yields the tab; afterwards, fails if anything went wrong on the page meanwhile."""
    before = len(tab.watch.problems)
    yield tab
    problems = tab.watch.problems[before:]
    assert not problems, "\n".join(problems)


@pytest.fixture
def explorer(explorer_tab):
    yield from clean(explorer_tab)


@pytest.fixture
def cases(cases_tab):
    yield from clean(cases_tab)


# --- the lesion explorer ---------------------------------------------------------------------


class Explorer:
    """Reads the kernel-free explorer on a page through its ids (prefix ``p``)."""

    def __init__(self, page):
        self.page = page
        self.root = page.locator("section.lc-explorer")
        assert self.root.count() == 1, "the page shows no explorer (or more than one)"
        assert self.root.get_attribute("data-started") == "yes", "its script did not start"
        self.p = self.root.get_attribute("data-prefix")

    def marker(self, lesion_id: str):
        view = sites()[lesion_id][0]
        return self.page.locator(f"#{self.p}{view}-{marker_gid(lesion_id)}")

    def shown(self) -> str:
        return self.root.get_attribute("data-shown")

    def marked(self, css: str) -> set[tuple[str, str]]:
        """(view, muscle id) of every muscle shape with the class ``css``."""
        ids = self.root.locator(f".{css}").evaluate_all("els => els.map(e => e.id)")
        found = set()
        for element_id in ids:
            view, _, muscle = element_id.removeprefix(self.p).partition("-muscle-")
            assert muscle, f"{element_id} is marked {css} but is not a muscle"
            found.add((view, muscle.split("-")[0]))
        return found

    def heading(self) -> str:
        return self.page.locator(f"#{self.p}effects .lc-lesion-name").inner_text()

    def dark_fills(self) -> set[str]:
        """The fills the browser paints the darkened muscles with."""
        return set(
            self.root.locator(".lc-dark path").evaluate_all(
                "ps => ps.map(p => getComputedStyle(p).fill)"
            )
        )


def drawn(muscle_ids) -> set[tuple[str, str]]:
    return {(v, m) for v in EXPLORER_VIEWS for m in muscle_ids if m in muscles_in_view(v)}


def assert_shows(explorer: Explorer, lesion_id: str) -> None:
    """The explorer shows this lesion, as the data has it."""
    effects = legcourse.lesion_effects(lesion_id)
    name = get_catalog().lesions[lesion_id].name
    assert explorer.shown() == lesion_id
    assert explorer.page.locator(f"#{explorer.p}choice").input_value() == lesion_id
    none = "" if effects.muscles_paralysed else " (it paralyses none: nothing may be dark)"
    assert explorer.marked("lc-dark") == drawn(effects.muscles_paralysed), (
        f"{lesion_id}: the dark muscles are not the paralysed ones{none}"
    )
    assert explorer.marked("lc-weak") == drawn(effects.muscles_weakened)
    if effects.muscles_paralysed:
        assert explorer.dark_fills() == {rgb(DARKENED["facecolor"])}, (
            "a dark muscle is not painted dark"
        )
    assert explorer.heading() == capitalise(name)
    lost = [get_catalog().actions[a].noun for a in effects.movements_lost]
    heading = explorer.page.locator(
        f"#{explorer.p}effects p.lc-list-heading", has_text=EFFECT_HEADINGS["lost"] + ":"
    )
    if lost:
        items = heading.locator("xpath=following-sibling::ul[1]/li").all_inner_texts()
        assert items == lost
    selected = explorer.root.locator(".lc-marker.lc-selected").evaluate_all(
        "els => els.map(e => e.id)"
    )
    if lesion_id in sites():
        assert selected == [explorer.marker(lesion_id).get_attribute("id")]
        assert explorer.marker(lesion_id).get_attribute("aria-pressed") == "true"
    else:
        assert selected == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_marker_darkens_its_lesions_muscles(explorer, viewport):
    page = explorer.open(viewport)
    played = Explorer(page)
    assert_shows(played, parameters(EXPLORER_NB)["LESION"])
    # what a finger presses to choose a marker: its ring and the wider area around it
    for lesion_id in nerve_lesions():
        ring = played.marker(lesion_id)
        area = page.locator(f"#{ring.get_attribute('id')}-hit")
        widest = max(ring.bounding_box()["width"], *(b.bounding_box()["width"] for b in area.all()))
        assert widest >= HIT_PX - 0.5, f"{viewport}: {lesion_id}'s marker is {widest:.1f} px wide"
    assert overflow(page)["page"] <= 0 and overflow(page)["main"] <= 0, overflow(page)
    for lesion_id in nerve_lesions():
        played.marker(lesion_id).click()
        assert_shows(played, lesion_id)
    where = overflow(page)
    assert where["page"] <= 0 and where["main"] <= 0, f"{viewport}: overflows sideways {where}"


def test_the_keyboard_chooses_a_marker(explorer):
    """Tab from the last root button reaches a marker; Enter chooses it; Tab and Space choose
    the next one. The focused marker looks different from the others."""
    page = explorer.open()
    played = Explorer(page)
    page.locator(f"#{played.p}explorer button.lc-root").last.focus()
    markers = {played.marker(x).get_attribute("id"): x for x in nerve_lesions()}
    for key in ("Enter", " "):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        assert focused in markers, f"Tab reached {focused!r}, not a lesion marker"
        strokes = page.evaluate(
            """(id) => [...document.querySelectorAll('.lc-marker')].map(m =>
                [m.id === id, getComputedStyle(m.querySelector('path')).stroke])""",
            focused,
        )
        mine = {s for is_it, s in strokes if is_it}
        assert mine.isdisjoint(s for is_it, s in strokes if not is_it), "focus is not visible"
        assert played.shown() != markers[focused]
        page.keyboard.press(key)
        assert_shows(played, markers[focused])


def test_root_buttons_and_the_list_choose_a_lesion(explorer):
    page = explorer.open()
    played = Explorer(page)
    buttons = page.locator(f"#{played.p}explorer button.lc-root")
    assert buttons.evaluate_all("bs => bs.map(b => b.dataset.lesion)") == root_lesions()
    for lesion_id in root_lesions():
        button = page.locator(f'#{played.p}explorer button.lc-root[data-lesion="{lesion_id}"]')
        button.click()
        assert_shows(played, lesion_id)
        pressed = buttons.evaluate_all(
            "bs => bs.filter(b => b.getAttribute('aria-pressed') === 'true')"
            ".map(b => b.dataset.lesion)"
        )
        assert pressed == [lesion_id]
        hatched = played.root.locator(".lc-weak").evaluate_all(
            "gs => gs.filter(g => !g.querySelector('.lc-hatch')).map(g => g.id)"
        )
        assert not hatched, f"weakened but not hatched: {hatched}"
    nerve = nerve_lesions()[-1]
    page.locator(f"#{played.p}choice").select_option(nerve)
    assert_shows(played, nerve)
    stray = played.root.locator(".lc-hatch").evaluate_all(
        "hs => hs.filter(h => !h.closest('.lc-weak')).length"
    )
    assert stray == 0, "hatching left over from the root shown before"


def test_the_explorer_passes_axe_with_a_lesion_shown(explorer):
    page = explorer.open()
    played = Explorer(page)
    played.marker(nerve_lesions()[0]).click()
    problems = audited(page, explorer.watch)
    assert not problems, "\n".join(problems)


# --- the clinical cases ----------------------------------------------------------------------


class Cases:
    """Drives the kernel-free case player on a page through its ids (prefix ``p``)."""

    def __init__(self, page):
        self.page = page
        self.root = page.locator("section.lc-cases")
        assert self.root.count() == 1, "the page shows no case player (or more than one)"
        assert self.root.get_attribute("data-started") == "yes", "its script did not start"
        self.p = self.root.get_attribute("data-prefix")

    def by_id(self, name: str):
        return self.page.locator(f"#{self.p}{name}")

    def label(self, question, option: str):
        """The label of one option of a question, found by the words the learner reads."""
        fields = self.by_id(f"q-{question.id}")
        return fields.locator("label").get_by_text(option_label(question, option), exact=True)

    def box(self, question, option: str):
        return self.by_id(f"q-{question.id}-{options(question).index(option)}")

    def choose(self, case, answers: dict[str, list[str]]) -> None:
        """Click labels until exactly the given options of each question are ticked."""
        for q in case.questions:
            for option in options(q):
                wanted = option in answers.get(q.id, [])
                if self.box(q, option).is_checked() != wanted:
                    self.label(q, option).click()
                assert self.box(q, option).is_checked() == wanted

    def verdicts(self) -> list[str]:
        return self.by_id("results").locator(".lc-verdict").all_inner_texts()

    def ticked(self) -> int:
        return self.root.locator("input:checked").count()

    def title(self) -> str:
        return self.by_id("case-title").inner_text()


def right_answers(case) -> dict[str, list[str]]:
    return {q.id: list(answer(case, q)) for q in case.questions}


def a_wrong_option(case, question) -> str:
    return next(o for o in options(question) if o not in answer(case, question))


def level_label(case) -> str:
    return get_catalog().vocabulary("urgencies")[urgency(case)].label


def test_the_first_case_by_mouse_then_the_next(cases):
    page = cases.open()
    played = Cases(page)
    case, following = CASES[0], CASES[1]
    assert parameters(CASES_NB)["CASE"] in ("", case.id)
    assert played.title() == case.title and played.ticked() == 0
    n = len(case.questions)
    assert played.by_id("progress").inner_text() == f"Case 1 of {len(CASES)}"

    played.by_id("check").click()
    assert played.verdicts() == ["\u2717 Not answered"] * n

    first = case.questions[0]
    played.choose(case, right_answers(case) | {first.id: [a_wrong_option(case, first)]})
    played.by_id("check").click()
    assert played.verdicts() == ["\u2717 Not quite"] + ["\u2713 Right"] * (n - 1)

    played.choose(case, right_answers(case))
    played.by_id("check").click()
    assert played.verdicts() == ["\u2713 Right"] * n
    assert played.by_id("results").locator(".lc-score").inner_text() == f"This case: {n}/{n}."
    care = played.by_id("results").locator(".lc-care")
    assert care.is_visible()
    assert f"Level of care: {level_label(case)}." in care.inner_text()
    assert " ".join(case.care.split()) in " ".join(care.inner_text().split())

    # Every link of the feedback opens a page of the book that has the section it names.
    for href in played.by_id("results").locator("a").evaluate_all("as => as.map(a => a.href)"):
        response = page.request.get(href)
        assert response.ok, f"{href}: HTTP {response.status}"
        anchor = urlsplit(href).fragment
        assert not anchor or f'id="{anchor}"' in response.text(), f"{href}: no such section"

    problems = audited(page, cases.watch)
    assert not problems, "after Check:\n" + "\n".join(problems)

    played.by_id("next").click()
    assert played.title() == following.title
    assert played.ticked() == 0, "the next case starts with boxes ticked"
    assert played.verdicts() == [] and played.by_id("results").inner_text().strip() == ""
    assert page.evaluate("document.activeElement.id") == f"{played.p}case-title"
    assert played.by_id("progress").inner_text().startswith(f"Case 2 of {len(CASES)}")
    assert f"{n}/{n} right over 1 case" in played.by_id("progress").inner_text()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_cases_page_fits_the_screen_after_check(cases, viewport):
    page = cases.open(viewport)
    played = Cases(page)
    played.choose(CASES[0], right_answers(CASES[0]))
    played.by_id("check").click()
    where = overflow(page)
    assert where["page"] <= 0 and where["main"] <= 0, f"{viewport}: overflows sideways {where}"


def test_the_keyboard_alone_answers_a_case(cases):
    """Tab to each answer, arrows and Space to tick, Tab to Check and Enter; then Tab to Next
    case and Space."""
    page = cases.open()
    played = Cases(page)
    case = CASES[0]
    right = right_answers(case)
    played.by_id("case-title").focus()  # as the Next button leaves it
    for q in case.questions:
        offered = options(q)
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        assert focused == f"{played.p}q-{q.id}-0", f"Tab reached {focused!r}, not {q.id}"
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "the focused answer shows no outline"
        if page.evaluate("document.activeElement.type") == "radio":
            (choice,) = right[q.id]
            for _ in range(offered.index(choice)):
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Space")
        else:
            for k, option in enumerate(offered):
                if k:
                    page.keyboard.press("Tab")
                assert page.evaluate("document.activeElement.id") == f"{played.p}q-{q.id}-{k}"
                if option in right[q.id]:
                    page.keyboard.press("Space")
        for option in offered:
            assert played.box(q, option).is_checked() == (option in right[q.id]), (q.id, option)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"{played.p}check"
    page.keyboard.press("Enter")
    assert played.verdicts() == ["\u2713 Right"] * len(case.questions)
    assert played.by_id("results").get_attribute("aria-live") == "polite"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"{played.p}next"
    page.keyboard.press("Space")
    assert played.title() == CASES[1].title and played.ticked() == 0
