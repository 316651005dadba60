"""The kernel-free drills of the static book: the data Python writes, and the drills played in
headless Chromium on the built book (mouse and keyboard), with no request outside the book.

Expected answers, names and feedback come from the widget drills with the notebook's own
parameters and seed, never from literals.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from browser_support import PageWatch
from conftest import REPO

from legcourse import diagrams
from legcourse.core import links
from legcourse.core.catalog import get_catalog
from legcourse.diagrams.model_drawing import MIN_TEXT_PX
from legcourse.diagrams.svg import PREFIX_TOKEN, orientation, svg_template
from legcourse.diagrams.views import built_view
from legcourse.drills import DrillError, IdentifyDrill, LabelingDrill, bank
from legcourse.drills import inpage as sd
from legcourse.drills.bank import LABEL_SHOWN_PX

DRILLS = REPO / "book" / "drills"
LABEL_NB = DRILLS / "label-the-diagram.ipynb"
IDENTIFY_NB = DRILLS / "identify-the-muscle.ipynb"
SHOTS = Path("/tmp/legcourse-static-drill-shots")


def parameters(notebook: Path) -> dict:
    """The values the notebook's parameters cell sets (VIEW/MODE and SEED)."""
    cells = json.loads(notebook.read_text())["cells"]
    cell = next(c for c in cells if "parameters" in c["metadata"].get("tags", []))
    values: dict = {}
    exec("".join(cell["source"]), {}, values)
    return values


# --- the data Python writes -----------------------------------------------------------------


def test_the_labeling_pools_are_the_banks():
    """The page draws its rounds from what ``bank`` lets the widget drill pin: the muscles
    shown well enough, pins ``pin_gap`` apart, every muscle of the view to choose from."""
    params = parameters(LABEL_NB)
    drill = LabelingDrill(params["VIEW"], seed=params["SEED"])
    data = sd.labeling_data(drill)
    assert (data["view"], data["seed"]) == (params["VIEW"], sd.page_seed(params["SEED"]))
    assert [v["id"] for v in data["views"]] == list(diagrams.VIEWS) == list(data["pools"])
    for view, pool in data["pools"].items():
        assert pool["pool"] == bank.shown_enough(view)
        assert pool["gap"] == bank.pin_gap(view)
        assert pool["choices"] == sorted(diagrams.muscles_in_view(view), key=drill.name)
        for muscle in pool["pool"]:
            assert tuple(pool["anchors"][muscle]) == diagrams.anchor(view, muscle)
            assert pool["where"][muscle] == sd.location_words(view, muscle)


def test_the_identify_pools_are_the_banks():
    params = parameters(IDENTIFY_NB)
    data = sd.identify_data(IdentifyDrill(seed=params["SEED"], mode=params["MODE"]))
    assert (data["mode"], data["seed"]) == (params["MODE"], sd.page_seed(params["SEED"]))
    for view, pool in data["pools"].items():
        assert list(pool["targets"]) == bank.shown_enough(view)
        for muscle, modes in pool["targets"].items():
            for mode in bank.IDENTIFY_MODES:
                assert tuple(modes[mode]) == tuple(bank.identify_pool(muscle, mode, view))
                assert set(modes[mode][0]) | set(modes[mode][1]) <= set(data["muscles"])


def test_the_page_seed_is_the_notebooks():
    assert sd.page_seed(2026) == 2026 and sd.page_seed(None) is None
    assert sd.page_seed("abc") == sd.page_seed("abc") != sd.page_seed("abd")
    assert 0 <= sd.page_seed(-1) < 2**32


def test_feedback_is_what_the_widget_drill_says():
    """A wrong answer checked by the widget drill gives the answer, reason and link the static
    drill shows for that muscle."""
    params = parameters(LABEL_NB)
    data = sd.labeling_data(LabelingDrill(params["VIEW"], seed=params["SEED"]))
    drill = LabelingDrill(params["VIEW"], seed=params["SEED"])
    view = data["pools"][params["VIEW"]]
    assert set(drill.pins.values()) <= set(view["pool"])
    result = drill.check({pin: "" for pin in drill.pins} | {1: "nonsense"})
    for pin, muscle in drill.pins.items():
        verdict = result.feedback[pin]
        shown = data["muscles"][muscle]
        assert (shown["answer"], shown["reason"], shown["link"]) == (
            verdict.answer,
            verdict.reason,
            verdict.link,
        )


@pytest.mark.parametrize("view", diagrams.VIEWS)
def test_svg_has_a_shape_and_a_pin_for_every_muscle(view):
    svg = svg_template(view, pins=True)
    p = PREFIX_TOKEN
    for muscle in diagrams.muscles_in_view(view):
        assert f'id="{p}muscle-{muscle}"' in svg
        assert f'id="{p}spot-{muscle}"' in svg and f'id="{p}spot-{muscle}-number"' in svg
    assert f'id="{p}hatch"' in svg
    assert not re.search(r'\bid="(?!' + re.escape(p) + ")", svg), "an id without the prefix"
    assert svg == svg_template(view, pins=True), "the SVG must not change between builds"


def test_location_words_name_the_lateral_side_of_each_view():
    for view in diagrams.VIEWS:
        xmin, xmax, *_ = built_view(view).layout.extent
        for muscle in diagrams.muscles_in_view(view):
            x, _ = diagrams.anchor(view, muscle)
            words = sd.location_words(view, muscle)
            third = (x - xmin) / (xmax - xmin)
            if third < 1 / 3 or third > 2 / 3:
                side = diagrams.SIDES[view][0 if third < 1 / 3 else 1]
                assert f"on the {side} side" in words, (view, muscle, words)
                if view in diagrams.LATERAL_SIDE:
                    on_lateral = (third < 1 / 3) == (diagrams.LATERAL_SIDE[view] == "left")
                    assert ("lateral" in words) == on_lateral, (view, muscle, words)


def test_only_the_kernel_free_copy_speaks_of_a_missing_kernel():
    """The how-to-play line for readers without a kernel sits inside the fragment that
    Jupyter hides; the notebook's own text never mentions the rocket or a missing kernel."""
    fragment = sd.labeling_html(LabelingDrill("back", seed=1))
    intro = html.escape(sd.HOW_TO_PLAY.format(options=sd.LABEL_OPTIONS))
    section = fragment[fragment.index('<section class="lc-static"') :]
    assert intro in section.split("</section>")[0]
    assert sd.HIDE_IN_JUPYTER in fragment
    for notebook in sorted(DRILLS.glob("*.ipynb")):
        for cell in json.loads(notebook.read_text())["cells"]:
            if cell["cell_type"] == "markdown":
                text = "".join(cell["source"]).lower()
                assert "rocket" not in text and "no kernel" not in text, notebook.name


def test_the_fragment_fetches_nothing_and_prefixes_its_ids():
    page = sd.labeling_html(LabelingDrill("leg_section", seed=3), id_prefix="x1-")
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    assert "<script>" in page and '<script type="application/json" class="lc-data">' in page
    ids = re.findall(r'\bid="([^"]+)"', page.split("<template", 1)[0])
    assert ids and all(i.startswith("x1-") for i in ids)


def svg_texts(svg: str) -> list[tuple[str, float]]:
    """(text, font size in pt) of every ``<text>`` matplotlib wrote into an SVG."""
    found = re.findall(r'<text[^>]*style="[^"]*?font-size: ([\d.]+)px[^"]*"[^>]*>([^<]*)<', svg)
    return [(words, float(size)) for size, words in found]


def viewbox_width(svg: str) -> float:
    return float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))


@pytest.mark.parametrize("view", diagrams.VIEWS)
def test_the_labeling_diagram_is_legible_at_its_narrowest(view):
    """Shown ``LABEL_SHOWN_PX`` wide (a phone's column), the pin numbers are at least
    ``MIN_TEXT_PX`` tall; the direction words are HTML around the drawing, not in it."""
    fragment = sd.labeling_html(LabelingDrill(view, seed=1))
    svg = re.search(rf'<template data-view="{view}">(.*?)</template>', fragment, re.S).group(1)
    texts = svg_texts(svg)
    assert texts, "no pin numbers found"
    scale = LABEL_SHOWN_PX / viewbox_width(svg)
    small = [(t, round(size * scale, 1)) for t, size in texts if size * scale < MIN_TEXT_PX]
    assert not small, small
    words = [w for ws in orientation(view).values() for w in ws]
    assert not {t for t, _ in texts} & set(words)
    assert all(html.escape(w) in svg for w in words)


def test_the_identify_drawings_hold_no_text_to_shrink():
    page = sd.identify_html(IdentifyDrill(seed=4))
    for view in diagrams.VIEWS:
        template = re.search(rf'<template data-view="{view}">(.*?)</template>', page, re.S)
        assert template and "<text" not in template.group(1), view
        assert all(html.escape(w) in template.group(1) for w in orientation(view)["left"])


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: LabelingDrill("side").in_page(), "Unknown view"),
        (lambda: LabelingDrill("back").in_page(id_prefix="1 bad"), "id_prefix"),
        (lambda: IdentifyDrill(mode="hard").in_page(), "mode"),
    ],
)
def test_bad_settings_get_a_clear_message(call, words):
    with pytest.raises(DrillError, match=words):
        call()


# --- played in the built book -----------------------------------------------------------------


@pytest.fixture
def open_drill(site, browser):
    """Opens a drill page; yields (page, watch) and checks nothing went wrong while it ran."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    watches = []

    def opener(notebook: Path):
        page = context.new_page()
        watch = PageWatch(page, site)
        watches.append(watch)
        page.goto(f"{site}/book/drills/{notebook.stem}.html", wait_until="networkidle")
        return page

    try:
        yield opener
    finally:
        context.close()
    problems = [p for w in watches for p in w.problems]
    assert not problems, "\n".join(problems)


class Played:
    """Drives one kernel-free drill on a page through its ids (prefix ``p``)."""

    def __init__(self, page, prefix: str, drill):
        self.page, self.p, self.drill = page, prefix, drill
        self.root = page.locator(f"#{prefix}drill")

    def by_id(self, name: str):
        return self.page.locator(f"#{self.p}{name}")

    def answer(self, answers: dict[int, str]) -> None:
        """Choose a muscle name (in words, as the learner sees it) for each number."""
        for number, name in answers.items():
            self.by_id(f"answer-{number}").select_option(label=name)

    def check(self) -> None:
        self.by_id("check").click()

    def status(self) -> str:
        return self.by_id("status").inner_text()

    def score(self) -> str:
        return self.by_id("score").inner_text()

    def numbers(self) -> list[int]:
        return [
            int(n)
            for n in self.by_id("body")
            .locator("select")
            .evaluate_all("els => els.map(e => e.dataset.number)")
        ]

    def feedback(self) -> list[str]:
        return self.by_id("feedback").locator("li").all_inner_texts()

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.root.screenshot(path=str(SHOTS / f"{name}.png"))


def visible_pins(played: Played) -> dict[int, str]:
    """Pin number -> muscle id of the pins the diagram shows."""
    shown = played.page.evaluate(
        """(p) => Object.fromEntries(
            [...document.querySelectorAll(`[id^="${p}spot-"][id$="-number"]`)]
              .filter(g => g.style.display !== "none")
              .map(g => [Number(g.textContent.trim()),
                         g.id.slice(p.length + 5, -"-number".length)]))""",
        played.p,
    )
    return {int(number): muscle for number, muscle in shown.items()}


def highlighted(played: Played) -> list[str]:
    """The muscle outlined on each question's diagram, by question order."""
    return played.page.evaluate(
        """(p) => [...document.querySelectorAll(`#${p}body .lc-card`)].map(card => {
            const g = card.querySelector(".lc-highlight");
            return g ? g.id.replace(/^.*?-muscle-/, "").split("-")[0] : null; })""",
        played.p,
    )


def names(shown: dict[int, str]) -> dict[int, str]:
    muscles = get_catalog().muscles
    return {n: muscles[m].name for n, m in shown.items()}


def highlighted_muscles(played: Played) -> dict[int, str]:
    """Question number -> the muscle its card outlines."""
    return dict(enumerate(highlighted(played), start=1))


@pytest.mark.slow
@pytest.mark.browser
def test_label_the_diagram_plays_without_a_kernel(open_drill):
    """The notebook's view first, pins only where bank lets a round pin them; a round to a
    full score with feedback as the widget drill words it, a round with one wrong answer, and
    a review round of exactly the missed pin."""
    params = parameters(LABEL_NB)
    # links as the page writes them: relative to the book it is built into
    drill = LabelingDrill(params["VIEW"], seed=params["SEED"], book_base=links.IN_BOOK_BASE)
    played = Played(open_drill(LABEL_NB), "label-", drill)
    assert played.by_id("view").input_value() == params["VIEW"]
    shown = visible_pins(played)
    n = len(shown)
    assert played.status() == f"Round 1: {n} pins."
    assert set(shown.values()) <= set(bank.shown_enough(params["VIEW"])) and n > 1

    played.answer(names(shown))
    played.check()
    assert played.score() == f"{n}/{n}"
    feedback = played.feedback()
    assert len(feedback) == n and all(line.startswith("\u2713 right") for line in feedback)
    for pin, muscle in shown.items():
        assert drill.reason(muscle) in feedback[pin - 1]
    hrefs = played.by_id("feedback").locator("a").evaluate_all("as => as.map(a => a.href)")
    assert hrefs[0].endswith(drill.link(shown[1]).removeprefix("../"))
    played.shot("label-round-1")
    played.check()
    assert "already checked" in played.by_id("message").inner_text()

    played.by_id("new").click()
    second = visible_pins(played)
    m = len(second)
    assert played.status() == f"Round 2: {m} pins." and second != shown
    answers = names(second) | {1: names(second)[2]}
    played.answer(answers)
    played.check()
    assert played.score() == f"{m - 1}/{m}"
    wrong_line = played.feedback()[0]
    assert wrong_line.startswith("\u2717 wrong") and f"Answer: {names(second)[1]}" in wrong_line
    assert played.by_id("session").inner_text() == f"{n + m - 1}/{n + m}"
    played.shot("label-round-2-one-wrong")

    played.by_id("review").click()
    assert played.status() == "Review round 3: 1 pin."
    assert visible_pins(played) == {1: second[1]} and played.numbers() == [1]
    played.answer({1: names(second)[1]})
    played.check()
    assert played.score() == "1/1"
    played.by_id("review").click()
    assert "Nothing to review" in played.by_id("message").inner_text()


@pytest.mark.slow
@pytest.mark.browser
def test_identify_the_muscle_plays_without_a_kernel(open_drill):
    params = parameters(IDENTIFY_NB)
    drill = IdentifyDrill(seed=params["SEED"], mode=params["MODE"])
    played = Played(open_drill(IDENTIFY_NB), "identify-", drill)
    asked = highlighted_muscles(played)
    n = len(asked)
    assert played.status() == f"Round 1: {n} questions." and n == drill.n
    assert played.by_id("mode").input_value() == params["MODE"]

    played.answer(names(asked))
    played.check()
    assert played.score() == f"{n}/{n}"
    assert len(played.feedback()) == n
    played.shot("identify-round-1")

    played.by_id("new").click()
    second = highlighted_muscles(played)
    assert played.status() == f"Round 2: {len(second)} questions." and second != asked
    offered = played.by_id("answer-1").locator("option").all_inner_texts()[1:]
    wrong = next(name for name in offered if name != names(second)[1])
    played.answer(names(second) | {1: wrong})
    played.check()
    assert played.score() == f"{len(second) - 1}/{len(second)}"
    assert f"Answer: {names(second)[1]}" in played.feedback()[0]
    played.shot("identify-round-2-one-wrong")

    played.by_id("review").click()
    assert played.status() == "Review round 3: 1 question."
    assert highlighted_muscles(played) == {1: second[1]}
    again = played.by_id("answer-1").locator("option").all_inner_texts()[1:]
    # The same names offered, in a new order (as the widget drill's review).
    assert sorted(again) == sorted(offered) and again != offered


@pytest.mark.slow
@pytest.mark.browser
def test_the_keyboard_alone_plays_a_round(open_drill):
    """Tab to each select, choose with the arrow keys, press Check with Enter and New round
    with Space: no mouse at all."""
    page = open_drill(LABEL_NB)
    played = Played(page, "label-", None)
    shown = visible_pins(played)
    played.by_id("status").evaluate("el => el.setAttribute('tabindex', '-1')")
    played.by_id("status").focus()  # start just above the questions, as a reader scrolling down
    for pin, muscle in sorted(shown.items()):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        assert focused == f"label-answer-{pin}", f"Tab reached {focused!r}, not pin {pin}"
        values = page.locator(f"#label-answer-{pin} option").evaluate_all(
            "os => os.map(o => o.value)"
        )
        for _ in range(values.index(muscle)):
            page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "label-check"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused button shows no outline"
    page.keyboard.press("Enter")
    n = len(shown)
    assert played.score() == f"{n}/{n}"
    assert "All" in page.locator("#label-results").inner_text()
    assert page.locator("#label-results").get_attribute("aria-live") == "polite"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "label-new"
    page.keyboard.press("Space")
    assert played.status().startswith("Round 2: ")


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("notebook", sorted(DRILLS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_the_skip_link_leads_a_keyboard_straight_into_the_drill(open_drill, notebook):
    """The first Tab of a drill page reaches the skip link, which now says where it goes; from
    there the next Tab is inside the drill, past the theme's buttons and the code."""
    page = open_drill(notebook)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the drill"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside = page.evaluate(
        "document.activeElement.closest('[data-lc-skip-target]') !== null"
        " && document.activeElement.matches('select, input, button')"
    )
    assert inside, page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
