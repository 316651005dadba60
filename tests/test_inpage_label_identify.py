"""The page's labeling and identify drills, played in headless Chromium on their fragment alone
(written to a temporary page, served on 127.0.0.1): rounds drawn in the browser by the rules of
``drills.bank``, the same verdicts as the notebook drill's ``check()``, by mouse and by keyboard,
at a desktop's and a phone's width, in the light and the dark theme.

Which muscle sits under a pin, or is highlighted, is read from the page (the ids of its
shapes); names, feedback and rules come from the legcourse package, never from literals.
"""

from __future__ import annotations

import json
import re

import pytest
from browser_support import PageWatch, served

from legcourse import diagrams
from legcourse.core import links
from legcourse.core.catalog import get_catalog
from legcourse.drills import IdentifyDrill, LabelingDrill, bank, landmarks
from legcourse.drills import inpage as ip
from legcourse.drills.bank import IdentifyItem, LabelItem

SEED = 2026
PHONE, DESKTOP = 390, 1280
MODE = "region"

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<style>
body {{ margin: 0; font-family: sans-serif; line-height: 1.5; background: #fff; color: #222; }}
html[data-theme="dark"] body {{ background: #121212; color: #ced6dd; }}
html[data-theme="dark"] a {{ color: #8ab4f8; }}
main {{ max-width: 50rem; margin: 0 auto; padding: 0 16px; }}
</style></head><body><a href="#main">Skip to main content</a>
<main id="main"><h1>{title}</h1>{fragment}</main></body></html>"""
"""A bare page around the fragment, as narrow a column on a phone as the book's (16 px each
side); its dark theme sets the page colours the way the book's theme does."""


def label_drill() -> LabelingDrill:
    return LabelingDrill("back", seed=SEED, book_base=links.IN_BOOK_BASE)


def identify_drill() -> IdentifyDrill:
    return IdentifyDrill(seed=SEED, mode=MODE, book_base=links.IN_BOOK_BASE)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Both fragments on pages of their own, served; yields the base URL."""
    folder = tmp_path_factory.mktemp("inpage")
    for name, drill, html in (
        ("label", label_drill(), ip.labeling_html),
        ("identify", identify_drill(), ip.identify_html),
    ):
        page = PAGE.format(title=drill.title, fragment=html(drill))
        (folder / f"{name}.html").write_text(page, "utf-8")
    (folder / "index.html").write_text("<!doctype html><title>drills</title>", "utf-8")
    with served(folder) as base:
        yield base


@pytest.fixture
def open_page(pages, browser):
    """Opens a drill page at a width and theme; checks nothing went wrong on it."""
    contexts, watches = [], []

    def opener(kind: str, width: int = DESKTOP, theme: str = "light"):
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        watches.append(PageWatch(page, pages))
        page.goto(f"{pages}/{kind}.html", wait_until="networkidle")
        page.evaluate(f"document.documentElement.dataset.theme = {json.dumps(theme)}")
        return page

    yield opener
    for context in contexts:
        context.close()
    problems = [p for w in watches for p in w.problems]
    assert not problems, "\n".join(problems)


# --- reading the page -----------------------------------------------------------------------


def pins(page, p: str = "label-") -> dict[int, str]:
    """Pin number -> muscle id of the pins the diagram shows."""
    shown = page.evaluate(
        """(p) => Object.fromEntries(
            [...document.querySelectorAll(`[id^="${p}spot-"][id$="-number"]`)]
              .filter(g => g.style.display !== "none")
              .map(g => [Number(g.textContent.trim()),
                         g.id.slice(p.length + 5, -"-number".length)]))""",
        p,
    )
    return {int(n): m for n, m in shown.items()}


def highlighted(page, p: str = "identify-") -> list[tuple[str, str]]:
    """(muscle id, view) of each identify question, in order."""
    cards = page.evaluate(
        """(p) => [...document.querySelectorAll(`#${p}body .lc-card`)].map((card, i) => [
            [...card.querySelectorAll(".lc-highlight")]
              .map(g => g.id.slice(`${p}q${i + 1}-muscle-`.length)),
            card.dataset.view])""",
        p,
    )
    muscles = get_catalog().muscles
    # a muscle drawn in parts has ids "<muscle>-<part>" too: its own id is the one in the catalog
    return [(next(m for m in ids if m in muscles), view) for ids, view in cards]


def offered(page, p: str, number: int) -> list[str]:
    """The muscle ids a question's menu offers, in order."""
    return page.locator(f"#{p}answer-{number}").evaluate(
        "s => [...s.options].map(o => o.value).filter(Boolean)"
    )


def identify_items(page) -> dict[int, tuple[str, str]]:
    return {n: item for n, item in enumerate(highlighted(page), start=1)}


def by_id(page, p: str, name: str):
    return page.locator(f"#{p}{name}")


def text(page, p: str, name: str) -> str:
    return by_id(page, p, name).inner_text()


def progress(page) -> list[dict]:
    raw = page.evaluate("localStorage.getItem('legcourse.progress.v1')")
    return json.loads(raw)["events"] if raw else []


def name(muscle_id: str) -> str:
    return get_catalog().muscles[muscle_id].name


# --- the rules: the page draws by bank's -------------------------------------------------------


@pytest.mark.browser
def test_label_rounds_follow_the_bank_rules_in_every_view(open_page):
    """In every view of the View menu, each round pins what ``bank.apart`` picks from the
    order the page shuffled, from ``bank.shown_enough`` only."""
    page = open_page("label")
    drill = label_drill()
    for view in ip.labeling_data(drill)["pools"]:
        by_id(page, "label-", "view").select_option(view)
        for _ in range(4):
            order = page.evaluate("window.legcourseStaticDrills.drills[0].lastOrder")
            assert sorted(order) == sorted(bank.shown_enough(view)), view
            expected = bank.apart(view, order, drill.max_pins)
            assert list(pins(page).values()) == expected, view
            assert list(pins(page)) == list(range(1, len(expected) + 1))
            by_id(page, "label-", "new").click()


@pytest.mark.browser
@pytest.mark.parametrize("mode", bank.IDENTIFY_MODES)
def test_identify_rounds_follow_the_bank_rules(open_page, mode):
    """Each question highlights a muscle on a view that shows it well enough, and offers
    wrong names only from ``bank.identify_pool``, the first part before the second."""
    page = open_page("identify")
    by_id(page, "identify-", "mode").select_option(mode)
    for _ in range(12):
        hints = by_id(page, "identify-", "body").locator(".lc-where").all_inner_texts()
        for number, (muscle, view) in identify_items(page).items():
            assert hints[number - 1] == landmarks.outlined_hint(number, view, muscle)
            assert muscle in bank.shown_enough(view), (muscle, view)
            first, then = bank.identify_pool(muscle, mode, view)
            choices = offered(page, "identify-", number)
            wrong = [m for m in choices if m != muscle]
            assert muscle in choices and len(set(choices)) == len(choices)
            assert set(wrong) <= set(first) | set(then), (muscle, view, wrong)
            assert sum(m in first for m in wrong) == min(bank.CHOICES - 1, len(first))
            assert len(choices) == min(bank.CHOICES, 1 + len(first) + len(then))
        by_id(page, "identify-", "new").click()


@pytest.mark.browser
def test_the_identify_view_menu_keeps_every_question_on_that_view(open_page):
    page = open_page("identify")
    for view in ("thigh_section", "buttock_deep"):
        by_id(page, "identify-", "view").select_option(view)
        asked = identify_items(page)
        assert asked and {v for _, v in asked.values()} == {view}
        assert len(asked) == min(identify_drill().n, len(bank.shown_enough(view)))


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["label", "identify"])
def test_new_rounds_do_not_repeat_for_fifteen_rounds(open_page, kind):
    page = open_page(kind)
    p = f"{kind}-"
    seen = []
    for _ in range(16):
        now = pins(page) if kind == "label" else identify_items(page)
        seen.append(tuple(sorted(map(str, now.values()))))
        by_id(page, p, "new").click()
    assert len(set(seen)) == len(seen)


@pytest.mark.browser
def test_the_seed_gives_the_same_rounds_on_every_visit(open_page):
    first = open_page("label")
    by_id(first, "label-", "new").click()
    second = open_page("label")
    by_id(second, "label-", "new").click()
    assert pins(first) == pins(second)


# --- the same verdicts as the notebook drill ----------------------------------------------------


def answer_sets(numbers: list[int], right: dict[int, str], other: dict[int, str]):
    """(title, {number: muscle id or ""}): all right, one wrong, one blank and one wrong, all
    blank. Answers the page cannot take (typed misspellings, synonyms) come from menus here;
    the placement disputes concern compartments, which these drills do not ask."""
    first, second = numbers[0], numbers[-1]
    return [
        ("all right", dict(right)),
        ("one wrong", right | {first: other[first]}),
        ("blank and wrong", right | {first: "", second: other[second]}),
        ("all blank", dict.fromkeys(numbers, "")),
    ]


def same_verdicts(page, p: str, drill, answers: dict[int, str]) -> None:
    """Checks the answers in the page and in ``drill`` (on the same round) alike."""
    for number, muscle in answers.items():
        by_id(page, p, f"answer-{number}").select_option(muscle)
    by_id(page, p, "check").click()
    result = drill.check({n: name(m) if m else "" for n, m in answers.items()})
    assert text(page, p, "message") == result.message
    if not result.counted:
        assert text(page, p, "feedback") == ""
        return
    assert text(page, p, "score") == result.score_text
    lines = by_id(page, p, "feedback").locator("li").all_inner_texts()
    hrefs = (
        by_id(page, p, "feedback")
        .locator("a")
        .evaluate_all("as => as.map(a => a.getAttribute('href'))")
    )
    for (number, verdict), line, href in zip(
        sorted(result.feedback.items()), lines, hrefs, strict=True
    ):
        mark = "\u2713 right" if verdict.correct else "\u2717 wrong"
        assert line.startswith(f"{mark}, {verdict.prompt}"), line
        assert verdict.reason in line and href == verdict.link
        if not verdict.correct:
            assert f"Answer: {verdict.answer}" in line
        assert text(page, p, f"verdict-{number}").startswith(mark)


@pytest.mark.browser
def test_the_page_and_the_notebook_give_the_same_verdicts(open_page):
    label_page = open_page("label")
    identify_page = open_page("identify")
    shown = pins(label_page)
    numbers = sorted(shown)
    others = {n: shown[numbers[(i + 1) % len(numbers)]] for i, n in enumerate(numbers)}
    for title, answers in answer_sets(numbers, shown, others):
        drill = label_drill()
        drill._start([LabelItem("back", n, m) for n, m in sorted(shown.items())], False)
        same_verdicts(label_page, "label-", drill, answers)
        label_page.reload()  # the same seed: the same first round
        assert pins(label_page) == shown, title

    asked = identify_items(identify_page)
    choices = {n: offered(identify_page, "identify-", n) for n in asked}
    right = {n: m for n, (m, _) in asked.items()}
    others = {n: next(c for c in choices[n] if c != right[n]) for n in asked}
    for title, answers in answer_sets(sorted(asked), right, others):
        drill = identify_drill()
        items = [IdentifyItem(v, m, tuple(choices[n]), MODE) for n, (m, v) in asked.items()]
        drill._start(items, False)
        same_verdicts(identify_page, "identify-", drill, answers)
        identify_page.reload()
        assert identify_items(identify_page) == asked, title


# --- playing, by mouse and by keyboard ----------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_label_played_to_a_full_score_by_mouse(open_page, width):
    page = open_page("label", width)
    shown = pins(page)
    for number, muscle in shown.items():
        # Clicking (tapping) a pin moves focus to its question.
        page.locator(f"#label-spot-{muscle}-number").click()
        assert page.evaluate("document.activeElement.id") == f"label-answer-{number}"
        by_id(page, "label-", f"answer-{number}").select_option(muscle)
    by_id(page, "label-", "check").click()
    assert text(page, "label-", "score") == f"{len(shown)}/{len(shown)}"
    events = progress(page)
    assert sorted((e["m"], e["d"], e["ok"]) for e in events) == sorted(
        (m, "label", True) for m in shown.values()
    )


@pytest.mark.browser
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_identify_played_to_a_full_score_by_mouse(open_page, width):
    page = open_page("identify", width)
    asked = identify_items(page)
    for number, (muscle, _) in asked.items():
        by_id(page, "identify-", f"answer-{number}").select_option(muscle)
    by_id(page, "identify-", "check").click()
    assert text(page, "identify-", "score") == f"{len(asked)}/{len(asked)}"
    assert sorted((e["m"], e["d"], e["ok"]) for e in progress(page)) == sorted(
        (m, "identify", True) for m, _ in asked.values()
    )


def tab_to(page, element_id: str) -> None:
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused == element_id, f"Tab reached {focused!r}, not {element_id!r}"


def choose_by_keys(page, p: str, number: int, muscle: str) -> None:
    for _ in range(offered(page, p, number).index(muscle) + 1):  # +1: the blank option first
        page.keyboard.press("ArrowDown")


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["label", "identify"])
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_the_keyboard_alone_plays_a_round_to_a_full_score(open_page, kind, width):
    """From the page's skip link, the first Tab reaches the drill (its View menu), then each
    question in turn, then Check: no mouse, no detour through the diagram."""
    page = open_page(kind, width)
    p = f"{kind}-"
    if kind == "label":
        answers = pins(page)
    else:
        answers = {n: m for n, (m, _) in identify_items(page).items()}
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    tab_to(page, f"{p}view")
    if kind == "identify":
        tab_to(page, f"{p}mode")
    for number, muscle in sorted(answers.items()):
        tab_to(page, f"{p}answer-{number}")
        choose_by_keys(page, p, number, muscle)
    tab_to(page, f"{p}check")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert text(page, p, "score") == f"{len(answers)}/{len(answers)}"
    assert len(progress(page)) == len(answers)
    tab_to(page, f"{p}new")
    page.keyboard.press("Space")
    assert text(page, p, "status").startswith("Round 2: ")


# --- teaching on any screen -------------------------------------------------------------------


@pytest.mark.browser
def test_a_changed_answer_loses_its_verdict(open_page):
    page = open_page("label")
    shown = pins(page)
    wrong = next(m for m in shown.values() if m != shown[1])
    by_id(page, "label-", "answer-1").select_option(wrong)
    by_id(page, "label-", "check").click()
    assert text(page, "label-", "verdict-1").startswith("\u2717 wrong")
    by_id(page, "label-", "answer-1").select_option(shown[1])
    assert text(page, "label-", "verdict-1") == ""
    assert by_id(page, "label-", "answer-1").get_attribute("aria-invalid") is None


@pytest.mark.browser
def test_a_focused_question_marks_its_pin_and_a_pin_its_question(open_page):
    page = open_page("label")
    shown = pins(page)
    by_id(page, "label-", "answer-2").focus()
    assert "lc-pin-active" in page.locator(f"#label-spot-{shown[2]}").get_attribute("class")
    assert "lc-pin-active" not in page.locator(f"#label-spot-{shown[1]}").get_attribute("class")
    page.locator(f"#label-spot-{shown[3]}-number").hover()
    assert "lc-active" in by_id(page, "label-", "q-3").get_attribute("class")


@pytest.mark.browser
def test_every_pin_is_a_touch_target_with_a_hint_of_its_own_on_a_phone(open_page):
    page = open_page("label", PHONE)
    for view in ip.labeling_data(label_drill())["pools"]:
        by_id(page, "label-", "view").select_option(view)
        for _ in range(3):
            sizes = page.evaluate(
                """() => [...document.querySelectorAll("#label-body .lc-pin[id$='-number']")]
                   .map(g => document.getElementById(g.id.replace(/-number$/, "")))
                   .map(g => g.getBoundingClientRect()).map(r => [r.width, r.height])"""
            )
            assert sizes and all(min(s) >= 24 - 0.5 for s in sizes), (view, sizes)
            hints = by_id(page, "label-", "body").locator(".lc-where").all_inner_texts()
            places = [re.sub(r"^Pin \d+: ", "", h) for h in hints]
            assert len(set(places)) == len(places), (view, hints)
            # worded as the notebook drill words them
            python = landmarks.pin_hints(view, pins(page))
            assert hints == [python[n] for n in sorted(python)], view
            by_id(page, "label-", "new").click()


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["label", "identify"])
def test_nothing_overflows_a_phone(open_page, kind):
    page = open_page(kind, PHONE)
    by_id(page, f"{kind}-", "check").click()
    page.locator(f"#{kind}-answer-1").select_option(index=1)
    by_id(page, f"{kind}-", "check").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    width = page.locator(f"#{kind}-body svg").first.evaluate("s => s.getBoundingClientRect().width")
    assert width >= bank.LABEL_SHOWN_PX


CONTRAST = """(root) => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
      .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
      .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const low = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest("svg, template, script, style")) continue;
    if (!el.getClientRects().length) continue;
    const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 7) low.push([node.textContent.trim().slice(0, 40), ratio.toFixed(2)]);
  }
  return low;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["label", "identify"])
def test_every_text_has_contrast_in_both_themes(open_page, kind, theme):
    """At least 7:1 (WCAG AAA, which the book's axe audit checks), the marked question too."""
    page = open_page(kind, DESKTOP, theme)
    p = f"{kind}-"
    by_id(page, p, "answer-1").select_option(index=1)
    by_id(page, p, "check").click()
    by_id(page, p, "answer-2").focus()  # the marked question too
    low = page.locator(f"#{p}drill").evaluate(CONTRAST)
    assert not low, low


# --- the lines under the menus, in Python ------------------------------------------------------


@pytest.mark.parametrize("view", diagrams.VIEWS)
def test_no_two_pins_of_a_round_read_alike(view):
    """Without its number, each pin's line still differs from every other of its round, for a
    reader who cannot see the drawing; each names a landmark the view draws, where it has any."""
    names = {name for name, _ in landmarks.landmarks(view)}
    for seed in range(25):
        items = bank.label_items(view, bank.make_rng(seed))
        hints = landmarks.pin_hints(view, {i.pin: i.muscle_id for i in items})
        places = [re.sub(r"^Pin \d+: ", "", hints[i.pin]) for i in items]
        assert len(set(places)) == len(places), (view, seed, places)
        for item in items:
            mark = landmarks.nearest_landmark(view, item.muscle_id)
            assert (mark in names) if names else mark == ""
            assert hints[item.pin].startswith(f"Pin {item.pin}: ")
