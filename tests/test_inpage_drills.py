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
from legcourse.diagrams.model_drawing import MIN_TEXT_PX
from legcourse.diagrams.svg import PREFIX_TOKEN, orientation, svg_template
from legcourse.diagrams.views import built_view
from legcourse.drills import DrillError, IdentifyDrill, LabelingDrill
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


def test_labeling_rounds_are_the_widget_drills_rounds():
    params = parameters(LABEL_NB)
    data = sd.labeling_data(LabelingDrill(params["VIEW"], seed=params["SEED"]), rounds=3)
    drill = LabelingDrill(params["VIEW"], seed=params["SEED"])
    for k, played in enumerate(data["rounds"]):
        if k:
            drill.new_round()
        assert {q["number"]: q["muscle"] for q in played} == drill.pins
    assert data["choices"] == sorted(diagrams.muscles_in_view(params["VIEW"]), key=drill.name)


def test_identify_rounds_are_the_widget_drills_rounds():
    params = parameters(IDENTIFY_NB)
    data = sd.identify_data(IdentifyDrill(seed=params["SEED"], mode=params["MODE"]), rounds=3)
    drill = IdentifyDrill(seed=params["SEED"], mode=params["MODE"])
    for k, played in enumerate(data["rounds"]):
        if k:
            drill.new_round()
        expected = [(i.muscle_id, i.view, list(i.choices)) for i in drill.questions.values()]
        assert [(q["muscle"], q["view"], q["choices"]) for q in played] == expected


def test_feedback_is_what_the_widget_drill_says():
    """A wrong answer checked by the widget drill gives the answer, reason and link the static
    drill shows for that muscle."""
    params = parameters(LABEL_NB)
    data = sd.labeling_data(LabelingDrill(params["VIEW"], seed=params["SEED"]))
    drill = LabelingDrill(params["VIEW"], seed=params["SEED"])
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
    page = sd.labeling_html(LabelingDrill("leg_section", seed=3), id_prefix="x1-", rounds=2)
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
    fragment = sd.labeling_html(LabelingDrill(view, seed=1), rounds=1)
    svg = re.search(r"<template[^>]*>(.*?)</template>", fragment, re.S).group(1)
    texts = svg_texts(svg)
    assert texts, "no pin numbers found"
    scale = LABEL_SHOWN_PX / viewbox_width(svg)
    small = [(t, round(size * scale, 1)) for t, size in texts if size * scale < MIN_TEXT_PX]
    assert not small, small
    words = [w for ws in orientation(view).values() for w in ws]
    assert not {t for t, _ in texts} & set(words)
    assert all(html.escape(w) in svg for w in words)


def test_the_identify_drawings_hold_no_text_to_shrink():
    data = sd.identify_data(IdentifyDrill(seed=4), rounds=3)
    page = sd.identify_html(IdentifyDrill(seed=4), rounds=3)
    for view in data["titles"]:
        template = re.search(rf'<template data-view="{view}">(.*?)</template>', page, re.S)
        assert template and "<text" not in template.group(1), view
        assert all(html.escape(w) in template.group(1) for w in orientation(view)["left"])


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: LabelingDrill("side").in_page(), "Unknown view"),
        (lambda: LabelingDrill("back").in_page(id_prefix="1 bad"), "id_prefix"),
        (lambda: IdentifyDrill(mode="hard").in_page(), "mode"),
        (lambda: sd.labeling_data(LabelingDrill("back"), rounds=0), "rounds"),
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
            for n in self.root.locator("select").evaluate_all(
                "els => els.map(e => e.dataset.number)"
            )
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


def label_names(drill: LabelingDrill) -> dict[int, str]:
    return {pin: drill.name(m) for pin, m in drill.pins.items()}


def identify_names(drill: IdentifyDrill) -> dict[int, str]:
    return {n: drill.name(item.muscle_id) for n, item in drill.questions.items()}


def one_wrong(drill, names: dict[int, str], choices_of) -> tuple[dict[int, str], str]:
    """The right names with question 1 swapped for another offered name; and the right one."""
    right = names[1]
    other = next(n for n in choices_of(1) if n != right)
    return names | {1: other}, right


@pytest.mark.slow
@pytest.mark.browser
def test_label_the_diagram_plays_without_a_kernel(open_drill):
    params = parameters(LABEL_NB)
    # links as the page writes them: relative to the book it is built into
    drill = LabelingDrill(params["VIEW"], seed=params["SEED"], book_base=links.IN_BOOK_BASE)
    played = Played(open_drill(LABEL_NB), "label-", drill)
    assert played.status() == drill.message
    assert visible_pins(played) == drill.pins
    n = len(drill.pins)

    # Round 1, all right.
    played.answer(label_names(drill))
    played.check()
    assert played.score() == f"{n}/{n}"
    feedback = played.feedback()
    assert len(feedback) == n and all(line.startswith("\u2713 right") for line in feedback)
    for pin, muscle in drill.pins.items():
        assert drill.reason(muscle) in feedback[pin - 1]
    hrefs = played.by_id("feedback").locator("a").evaluate_all("as => as.map(a => a.href)")
    assert hrefs[0].endswith(drill.link(drill.pins[1]).removeprefix("../"))
    played.shot("label-round-1")
    played.check()
    assert "already checked" in played.by_id("message").inner_text()

    # Round 2: new pins; one wrong answer.
    before = visible_pins(played)
    played.by_id("new").click()
    assert played.status() == drill.new_round()
    assert visible_pins(played) == drill.pins != before
    m = len(drill.pins)
    answers, right = one_wrong(drill, label_names(drill), lambda _: drill.choices)
    played.answer(answers)
    played.check()
    assert played.score() == f"{m - 1}/{m}"
    wrong_line = played.feedback()[0]
    assert wrong_line.startswith("\u2717 wrong") and f"Answer: {right}" in wrong_line
    assert played.by_id("session").inner_text() == f"{n + m - 1}/{n + m}"
    played.shot("label-round-2-one-wrong")

    # Review: exactly the missed pin, alone on the diagram.
    missed = drill.pins[1]
    played.by_id("review").click()
    assert played.status() == "Review round 3: 1 pin."
    assert visible_pins(played) == {1: missed} and played.numbers() == [1]
    played.answer({1: drill.name(missed)})
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
    assert played.status() == drill.message
    asked = [item.muscle_id for item in drill.questions.values()]
    assert highlighted(played) == asked
    n = len(asked)

    played.answer(identify_names(drill))
    played.check()
    assert played.score() == f"{n}/{n}"
    assert len(played.feedback()) == n
    played.shot("identify-round-1")

    played.by_id("new").click()
    assert played.status() == drill.new_round()
    second = [item.muscle_id for item in drill.questions.values()]
    assert highlighted(played) == second != asked
    m = len(second)
    answers, right = one_wrong(drill, identify_names(drill), drill.choices)
    played.answer(answers)
    played.check()
    assert played.score() == f"{m - 1}/{m}"
    assert f"Answer: {right}" in played.feedback()[0]
    played.shot("identify-round-2-one-wrong")

    played.by_id("review").click()
    assert played.status() == "Review round 3: 1 question."
    assert highlighted(played) == [second[0]]
    offered = played.by_id("answer-1").locator("option").all_inner_texts()[1:]
    # The same names as round 2 offered, in a new order (as the widget drill's review).
    assert sorted(offered) == sorted(drill.choices(1)) and offered != drill.choices(1)


@pytest.mark.slow
@pytest.mark.browser
def test_the_keyboard_alone_plays_a_round(open_drill):
    """Tab to each select, choose with the arrow keys, press Check with Enter and New round
    with Space: no mouse at all."""
    params = parameters(LABEL_NB)
    drill = LabelingDrill(params["VIEW"], seed=params["SEED"])
    page = open_drill(LABEL_NB)
    played = Played(page, "label-", drill)
    played.by_id("status").evaluate("el => el.setAttribute('tabindex', '-1')")
    played.by_id("status").focus()  # start just above the drill, as a reader scrolling down
    offered = drill.choices
    for pin, muscle in sorted(drill.pins.items()):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        assert focused == f"label-answer-{pin}", f"Tab reached {focused!r}, not pin {pin}"
        for _ in range(offered.index(drill.name(muscle)) + 1):  # +1: the blank option first
            page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "label-check"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused button shows no outline"
    page.keyboard.press("Enter")
    n = len(drill.pins)
    assert played.score() == f"{n}/{n}"
    assert "All" in page.locator("#label-results").inner_text()
    assert page.locator("#label-results").get_attribute("aria-live") == "polite"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "label-new"
    page.keyboard.press("Space")
    assert played.status() == drill.new_round()
