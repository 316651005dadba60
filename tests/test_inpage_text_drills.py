"""The kernel-free clue and sort drills (and the drill that ends each compartment page): the data
Python writes, one reading of typed names in Python and in the page, and the drills played in
headless Chromium by mouse and by keyboard, on a desktop and a phone, in both themes.

Every expected name, verdict and note comes from the Python drills (``ClueDrill.judge``,
``SortDrill.judge``, ``read_muscle``) or the catalog, never from literals.
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

import pytest
from browser_support import served
from conftest import REPO

from legcourse.book import notebooks as page_notebooks
from legcourse.book.quickdrill import COMPARTMENT_CLUES, compartment_html
from legcourse.core import links
from legcourse.core.answers import read_muscle
from legcourse.core.catalog import get_catalog
from legcourse.core.names import COMMON_MISSPELLED_PHRASES, COMMON_MISSPELLINGS
from legcourse.drills import ClueDrill, DrillError, SortDrill, bank, textdata
from legcourse.drills import inpage_text as it

DRILLS = REPO / "book" / "drills"
CLUE_NB = DRILLS / "clue-to-name.ipynb"
SORT_NB = DRILLS / "sort-into-compartments.ipynb"
SHOTS = Path("/tmp/legcourse-text-drill-shots")
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}
PROGRESS_KEY = "legcourse.progress.v1"


def parameters(notebook: Path) -> dict:
    """The values the notebook's parameters cell sets."""
    cells = json.loads(notebook.read_text())["cells"]
    cell = next(c for c in cells if "parameters" in c["metadata"].get("tags", []))
    values: dict = {}
    exec("".join(cell["source"]), {}, values)
    return values


def clue_drill() -> ClueDrill:
    p = parameters(CLUE_NB)
    return ClueDrill(seed=p["SEED"], kinds=p["KINDS"], book_base=links.IN_BOOK_BASE)


def sort_drill() -> SortDrill:
    p = parameters(SORT_NB)
    return SortDrill(seed=p["SEED"], region=p["REGION"], book_base=links.IN_BOOK_BASE)


def clue_items(muscles=None, kinds=bank.CLUE_KINDS) -> list[bank.ClueItem]:
    """The clues of ``textdata.clue_data``, in its order (the page refers to them by place)."""
    ids = list(get_catalog().muscles) if muscles is None else muscles
    return [item for m in ids for k in kinds for item in textdata.possible_clues(m, k)]


# --- the answers a learner may type ---------------------------------------------------------------


def slips(name: str) -> list[str]:
    """A name with one letter dropped, two swapped, one changed, and with two slips."""
    k = len(name) // 2
    dropped = name[:k] + name[k + 1 :]
    j = len(name) // 3
    swapped = name[:j] + name[j + 1] + name[j] + name[j + 2 :] if len(name) > j + 1 else name
    i = 2 * len(name) // 3
    changed = name[:i] + ("a" if name[i] != "a" else "e") + name[i + 1 :]
    return [dropped, swapped, changed, changed[:k] + changed[k + 1 :]]


def corpus() -> list[str]:
    """Answers derived from the catalog: every name, id and other name of a muscle and a group
    as written, in upper case, with extra spaces and with slipped letters; the known
    misspellings in real names; garbage and blanks."""
    cat = get_catalog()
    names = []
    for m in cat.muscles.values():
        names += [m.name, m.muscle_id.replace("_", " "), *m.synonyms]
    for g in cat.groups.values():
        names += [g.label, g.id.replace("_", " "), *g.synonyms]
    answers = []
    for name in names:
        answers += [name, name.upper(), f"  {name.replace(' ', '   ')} ", f"the {name} muscle"]
        answers += slips(name)
    for wrong, right in {**COMMON_MISSPELLINGS, **COMMON_MISSPELLED_PHRASES}.items():
        answers += [n.replace(right, wrong) for n in names if right in n]
    answers += [
        "",
        "   ",
        "\t",
        "xyz",
        "12345",
        "!!!",
        "muscle",
        "the",
        "m",
        "Sóleus",
        "ＳＯＬＥＵＳ",
    ]
    answers += ["soleus " * 40, "a" * 250, "gastrocnemius, soleus", "leg", "foot drop"]
    return list(dict.fromkeys(answers))


# --- the data Python writes (no browser) ----------------------------------------------------------


def test_every_clue_the_drill_gives_is_one_the_page_may_ask():
    """``possible_clues`` follows every tie that ``clue_for`` breaks at random."""
    cat = get_catalog()
    for muscle_id in cat.muscles:
        for kind in bank.CLUE_KINDS:
            possible = textdata.possible_clues(muscle_id, kind)
            assert len({i.text for i in possible}) == len(possible)
            for seed in range(12):
                assert bank.clue_for(muscle_id, kind, random.Random(seed)) in possible


def test_clue_verdicts_are_the_clue_drills():
    drill = clue_drill()
    data = textdata.clue_data(drill)
    items = clue_items(kinds=drill.kinds)
    assert len(items) == len(data["clues"])
    for item, (m, kind, text, answer, accepted, right, wrong) in zip(
        items, data["clues"], strict=True
    ):
        assert (m, kind, text, tuple(accepted)) == (
            item.muscle_id,
            item.kind,
            item.text,
            item.answers + tuple(a for a in accepted if a not in item.answers),
        )
        for muscle_id in accepted:
            verdict = drill.judge(item, drill.name(muscle_id))
            assert verdict.correct and data["notes"][right[muscle_id]] == verdict.note
            assert data["facts"][muscle_id] == {"reason": verdict.reason, "link": verdict.link}
        other = next(x for x in get_catalog().muscles if x not in accepted)
        verdict = drill.judge(item, drill.name(other))
        assert (verdict.correct, verdict.answer, verdict.note) == (
            False,
            answer,
            data["notes"][wrong],
        )


def test_sort_verdicts_are_the_sort_drills():
    drill = sort_drill()
    data = textdata.sort_data(drill)
    offered = [c for c, _ in data["compartments"]]
    assert set(data["muscles"]) == {
        m for m, x in get_catalog().muscles.items() if x.compartment in offered
    }
    for muscle_id, entry in data["muscles"].items():
        item = bank.SortItem(
            muscle_id, get_catalog().muscles[muscle_id].compartment, tuple(offered)
        )
        for compartment, label in [("", None), *data["compartments"]]:
            verdict = drill.judge(item, label)
            assert (compartment in entry["right"]) == verdict.correct
            note = entry["notes"].get(compartment)
            assert (data["notes"][note] if note is not None else "") == verdict.note
            assert [entry[k] for k in ("prompt", "answer", "reason", "link")] == [
                verdict.prompt,
                verdict.answer,
                verdict.reason,
                verdict.link,
            ]


def test_fragments_hide_in_jupyter_fetch_nothing_and_prefix_their_ids():
    for fragment in (
        it.clue_html(clue_drill(), id_prefix="c1-"),
        compartment_html("gluteal", id_prefix="c1-"),
    ):
        assert page_notebooks.HIDDEN_IN_JUPYTER.search(fragment)
        assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", fragment)
        ids = re.findall(r'\bid="([^"]+)"', fragment)
        assert ids and all(i.startswith("c1-") for i in ids)
        assert "window.LegcourseProgress" in fragment


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: it.clue_html(clue_drill(), id_prefix="1 bad"), "id_prefix"),
        (lambda: compartment_html("thigh_middle"), "no compartment"),
        (lambda: textdata.clue_data(clue_drill(), ["not_a_muscle"]), "not_a_muscle"),
        (lambda: textdata.possible_clues("soleus", "colour"), "Unknown clue kind"),
    ],
)
def test_bad_settings_get_a_clear_message(call, words):
    with pytest.raises((DrillError, ValueError), match=words):
        call()


def test_each_compartment_page_ends_with_its_drill():
    for compartment, page in links.COMPARTMENT_PAGES.items():
        text = (REPO / "book" / f"{page}.md").read_text()
        assert f'COMPARTMENT = "{compartment}"' in text
        last = text.rstrip().rsplit("```{code-cell}", 1)[1]
        assert "remove-input" in last and "quickdrill.compartment_drill(COMPARTMENT)" in last


# --- in Chromium ---------------------------------------------------------------------------------

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<style>body {{ margin: 0; padding: 0 12px; font: 16px/1.5 sans-serif; }}
html[data-theme="dark"] body {{ background: #121212; color: #ced6dd; }}</style></head>
<body><main><h1>{title}</h1>{body}</main></body></html>"""


@pytest.fixture(scope="module")
def fragments(tmp_path_factory):
    """The drills' page copies, each alone in a page, served on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("text-drills")
    pages = {
        "index": ("Clue", it.clue_html(clue_drill())),
        "sort": ("Sort", it.sort_html(sort_drill())),
        # As on its page: under the page's own heading of the drill.
        "compartment": ("Lateral", "<h2>Quick drill</h2>" + compartment_html("leg_lateral")),
    }
    for name, (title, body) in pages.items():
        (folder / f"{name}.html").write_text(PAGE.format(title=title, body=body))
    with served(folder) as base:
        yield base


class Played:
    """One drill in a page."""

    def __init__(self, page):
        self.page = page
        self.root = page.locator("section.lc-text").first
        self.p = self.root.get_attribute("data-prefix")
        self.kind = self.data()["kind"]

    def data(self) -> dict:
        return json.loads(self.root.locator("script.lc-data").text_content())

    def by_id(self, name: str):
        return self.page.locator(f"#{self.p}{name}")

    def items(self) -> list[dict]:
        return self.page.evaluate(f"document.getElementById('{self.p}drill').legcourseDrill.items")

    def right_answers(self) -> dict[int, str]:
        """A right answer to each question of the round: for a clue, the name of a muscle
        ClueDrill accepts; for a muscle, the label of its compartment."""
        cat, data = get_catalog(), self.data()
        if self.kind == "sort":
            return {
                i["number"]: cat.label("compartments", cat.muscles[i["muscle"]].compartment)
                for i in self.items()
            }
        return {
            i["number"]: cat.muscles[data["clues"][i["clue"]][4][-1]].name for i in self.items()
        }

    def answer(self, number: int, text: str) -> None:
        box = self.by_id(f"answer-{number}")
        box.click()
        if self.kind == "sort":
            box.select_option(label=text)
        else:
            box.fill(text)

    def check(self) -> None:
        self.by_id("check").click()

    def score(self) -> str:
        return self.by_id("score").inner_text()

    def verdict(self, number: int) -> str:
        return self.by_id(f"verdict-{number}").inner_text()

    def feedback(self) -> list[str]:
        return self.by_id("feedback").locator("li").all_inner_texts()


def open_page(browser, base: str, name: str, viewport=(1280, 900), theme="light"):
    context = browser.new_context(viewport=dict(zip(("width", "height"), viewport, strict=True)))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and "favicon" not in m.text and "404" not in m.text
            else None
        ),
    )
    page.route(
        re.compile(r"^(?!" + re.escape(base) + r")"),
        lambda route: (errors.append(route.request.url), route.abort()),
    )
    page.goto(f"{base}/{name}.html")
    page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
    return context, page, errors


@pytest.mark.slow
@pytest.mark.browser
def test_typed_names_read_the_same_in_the_page_as_in_python(fragments, browser):
    """The corpus through read_muscle and through answers.js with the shipped tables."""
    context, page, errors = open_page(browser, fragments, "index")
    try:
        answers = corpus()
        seen = page.evaluate(
            """(answers) => {
                const data = JSON.parse(document.querySelector('script.lc-data').textContent);
                return answers.map(a => window.LegcourseAnswers.readMuscle(data.names, a));
            }""",
            answers,
        )
        wrong = []
        for answer, js in zip(answers, seen, strict=True):
            py = read_muscle(answer)
            if (py.id, py.note) != (js["id"], js["note"]):
                wrong.append(f"{answer!r}: python {py}, page {js}")
        assert not wrong, "\n".join(wrong[:20])
        # The corpus reaches every branch of the reading.
        notes = [read_muscle(a).note for a in answers]
        branches = {
            "exact": "",
            "blank": "No answer.",
            "other name": " is another name for ",
            "spelling taught": "Read as ",
            "group": " names a group (",
            "did you mean": " Did you mean ",
            "nothing near": "No muscle is called ",
        }
        for branch, words in branches.items():
            assert any(words in n if words else n == "" for n in notes), branch
        assert any(n.startswith("No muscle") and "Did you mean" not in n for n in notes)
        assert not errors
    finally:
        context.close()


@pytest.mark.slow
@pytest.mark.browser
def test_clue_and_sort_verdicts_are_the_same_in_the_page_as_in_python(fragments, browser):
    """Each clue judged for names it accepts (also misspelt), other muscles, a group, garbage
    and no answer; each muscle to sort judged for every compartment and none."""
    cat = get_catalog()
    drill = clue_drill()
    items = clue_items(kinds=drill.kinds)
    group = next(iter(cat.groups.values())).label
    cases = []
    for k, item in enumerate(items):
        accepted = drill.accepted(item)
        names = [cat.muscles[m].name for m in accepted]
        other = next(m.name for m in cat.muscles.values() if m.muscle_id not in accepted)
        for answer in [*names, *slips(names[0])[:2], other, group, "zzz", "", "  "]:
            cases.append((k, item, answer))
    context, page, errors = open_page(browser, fragments, "index")
    try:
        played = Played(page)
        seen = page.evaluate(
            """([p, cases]) => {
                const d = document.getElementById(p + 'drill').legcourseDrill;
                return cases.map(([k, m, a]) => d.judgeClue({number: 3, muscle: m, clue: k}, a));
            }""",
            [played.p, [[k, item.muscle_id, answer] for k, item, answer in cases]],
        )
        fields = ("prompt", "given", "correct", "answer", "reason", "link", "note")
        wrong = []
        for (_, item, answer), js in zip(cases, seen, strict=True):
            py = drill.judge(item, answer, number=3)
            if [getattr(py, f) for f in fields] != [js[f] for f in fields]:
                wrong.append(f"{item.text} / {answer!r}:\n  python {py}\n  page {js}")
        assert not wrong, "\n".join(wrong[:10])
    finally:
        context.close()
    sorter = sort_drill()
    context, page, errors = open_page(browser, fragments, "sort")
    try:
        played = Played(page)
        data = played.data()
        offered = tuple(c for c, _ in data["compartments"])
        cases = [
            (m, c, label)
            for m in data["muscles"]
            for c, label in [("", None), *data["compartments"]]
        ]
        seen = page.evaluate(
            """([p, cases]) => {
                const d = document.getElementById(p + 'drill').legcourseDrill;
                return cases.map(([m, c]) => d.judgeSort({number: 1, muscle: m}, c));
            }""",
            [played.p, [[m, c] for m, c, _ in cases]],
        )
        fields = ("prompt", "given", "correct", "answer", "reason", "link", "note")
        for (m, _, label), js in zip(cases, seen, strict=True):
            item = bank.SortItem(m, cat.muscles[m].compartment, offered)
            py = sorter.judge(item, label)
            assert [getattr(py, f) for f in fields] == [js[f] for f in fields], (m, label)
        assert not errors
    finally:
        context.close()


def python_check(played: Played, answers: dict[int, str], drill_out: list | None = None):
    """What the Python drill says of this round of the page with these answers (the drill is
    appended to ``drill_out``, to go on with it)."""
    data, cat = played.data(), get_catalog()
    if played.kind == "sort":
        drill = sort_drill()
        offered = tuple(c for c, _ in data["compartments"])
        drill.items = [
            bank.SortItem(i["muscle"], cat.muscles[i["muscle"]].compartment, offered)
            for i in played.items()
        ]
    else:
        drill = clue_drill()
        everything = clue_items(
            muscles=list(dict.fromkeys(c[0] for c in data["clues"])), kinds=drill.kinds
        )
        drill.items = [everything[i["clue"]] for i in played.items()]
    if drill_out is not None:
        drill_out.append(drill)
    return drill.check(answers)


def play_round_by_mouse(played: Played) -> int:
    answers = played.right_answers()
    for number, text in answers.items():
        played.answer(number, text)
    played.check()
    return len(answers)


def play_round_by_keyboard(played: Played, tabs_to_first: int) -> int:
    page = played.page
    answers = played.right_answers()
    for _ in range(tabs_to_first):
        page.keyboard.press("Tab")
    for number, text in answers.items():
        assert page.evaluate("document.activeElement.id") == f"{played.p}answer-{number}"
        if played.kind == "sort":
            labels = [c[1] for c in played.data()["compartments"]]
            for _ in range(labels.index(text) + 1):
                page.keyboard.press("ArrowDown")
        else:
            page.keyboard.type(text)
        if number < len(answers):
            page.keyboard.press("Tab")
    if played.kind == "sort":
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == f"{played.p}check"
    page.keyboard.press("Enter")  # Enter in a name box checks, as on the Check button
    return len(answers)


def assert_full_score(played: Played, n: int) -> None:
    assert played.score() == f"{n}/{n}"
    assert played.by_id("message").inner_text() == f"All {n} right."
    for number in range(1, n + 1):
        assert played.verdict(number) == "\u2713 right"
    assert len(played.feedback()) == n


def assert_fits(page) -> None:
    widths = page.evaluate(
        """() => [document.documentElement.scrollWidth - window.innerWidth,
                  ...[...document.querySelectorAll('.lc-text, .lc-text *')].map(
                      e => e.scrollWidth - e.clientWidth)]"""
    )
    assert max(widths) <= 0, widths


def progress(page) -> list[dict]:
    return json.loads(page.evaluate(f"localStorage.getItem('{PROGRESS_KEY}')") or '{"events": []}')[
        "events"
    ]


def axe_problems(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    # WCAG AAA contrast (7:1) too, as the book's other drills keep.
    options = {"rules": {"color-contrast-enhanced": {"enabled": True}}}
    results = Axe().run(page, options=options).response
    return [
        f"{v['id']}: {n['target']} {n.get('failureSummary', '')[:200]}"
        for v in results["violations"]
        for n in v["nodes"]
    ]


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("name", ["index", "sort", "compartment"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_each_drill_plays_to_a_full_score_by_mouse_and_by_keyboard(
    fragments, browser, name, viewport
):
    record = {"index": "clue", "sort": "sort", "compartment": "compartment"}[name]
    for way in ("mouse", "keyboard"):
        context, page, errors = open_page(browser, fragments, name, VIEWPORTS[viewport])
        try:
            played = Played(page)
            status = played.by_id("status").inner_text()
            assert re.fullmatch(rf"Round 1: \d+ {played.data()['noun']}s?\.", status)
            if played.kind == "clue" and name == "compartment":
                assert len(played.items()) == COMPARTMENT_CLUES
            # Python's verdict on the same round and answers: a full score.
            expected = python_check(played, played.right_answers())
            n = play_round_by_mouse(played) if way == "mouse" else play_round_by_keyboard(played, 1)
            assert_full_score(played, n)
            assert (
                expected.score_text == played.score()
                and expected.message == played.by_id("message").inner_text()
            )
            assert_fits(page)
            events = progress(page)
            muscles = [i["muscle"] for i in played.items()]
            assert [(e["m"], e["d"], e["ok"]) for e in events] == [
                (m, record, True) for m in muscles
            ]
            # A second Check scores nothing more; New round (by its button) draws another.
            played.check()
            assert "already checked" in played.by_id("message").inner_text()
            if way == "keyboard":
                page.keyboard.press("Tab")
                assert page.evaluate("document.activeElement.id") == f"{played.p}new"
                page.keyboard.press("Enter")
                assert page.evaluate("document.activeElement.id") == f"{played.p}answer-1"
            else:
                played.by_id("new").click()
            assert played.by_id("status").inner_text().startswith("Round 2:")
            assert played.by_id("session").inner_text() == f"{n}/{n}" and played.score() == "-"
            assert not errors, errors
        finally:
            context.close()


@pytest.mark.slow
@pytest.mark.browser
def test_the_clue_drill_teaches_from_its_mistakes(fragments, browser):
    """A misspelt name accepted with its note; a wrong name shows the answer; the mark goes when
    the answer changes; Review my mistakes asks exactly what was missed."""
    cat = get_catalog()
    context, page, errors = open_page(browser, fragments, "index", VIEWPORTS["phone"])
    try:
        played = Played(page)
        data, items = played.data(), played.items()
        right = played.right_answers()
        # Question 1: a slipped letter Python accepts with a note.
        clue = data["clues"][items[0]["clue"]]
        misspelt = next(
            s
            for m in clue[4]
            for s in slips(cat.muscles[m].name)
            if read_muscle(s).id in clue[4] and read_muscle(s).note
        )
        played.answer(1, misspelt)
        # Question 2: a muscle the clue does not fit.
        clue2 = data["clues"][items[1]["clue"]]
        wrong = next(m.name for m in cat.muscles.values() if m.muscle_id not in clue2[4])
        played.answer(2, wrong)
        for number in range(3, len(items) + 1):
            played.answer(number, right[number])
        expected = python_check(
            played, {1: misspelt, 2: wrong} | {n: right[n] for n in range(3, len(items) + 1)}
        )
        played.check()
        feedback = played.feedback()
        assert played.verdict(1) == "\u2713 right" and read_muscle(misspelt).note in feedback[0]
        assert played.verdict(2) == f"\u2717 wrong: {expected.feedback[2].answer}"
        assert f"Answer: {expected.feedback[2].answer}." in feedback[1]
        assert feedback[1].startswith(f"\u2717 wrong, Clue 2: you said {wrong}.")
        assert (
            played.score() == expected.score_text
            and played.by_id("message").inner_text() == expected.message
        )
        shown = played.by_id("feedback").locator("li").nth(1).locator("a")
        assert shown.get_attribute("href") == expected.feedback[2].link
        assert page.locator(f"#{played.p}answer-2").get_attribute("aria-invalid") == "true"
        # Changing the answer clears its mark.
        page.locator(f"#{played.p}answer-2").press("End")
        page.keyboard.type("x")
        assert (
            played.verdict(2) == ""
            and page.locator(f"#{played.p}answer-2").get_attribute("aria-invalid") is None
        )
        assert played.verdict(1) == "\u2713 right"
        confused = played.by_id("confused").inner_text()
        assert f"answered as {wrong}" in confused
        # Review my mistakes: the missed clue, alone.
        played.by_id("review").click()
        assert played.by_id("status").inner_text() == "Review round 2: 1 clue."
        assert page.locator(f"label[for='{played.p}answer-1']").inner_text().endswith(clue2[2])
        played.answer(1, right[2])
        played.check()
        assert played.score() == "1/1"
        played.by_id("review").click()
        assert played.by_id("message").inner_text() == (
            "Nothing to review: everything you missed has since been answered right."
        )
        events = progress(page)
        assert [(e["m"], e["ok"]) for e in events][:2] == [
            (items[0]["muscle"], True),
            (items[1]["muscle"], False),
        ]
        assert events[-1] == {**events[-1], "m": items[1]["muscle"], "d": "clue", "ok": True}
        assert not errors, errors
    finally:
        context.close()


@pytest.mark.slow
@pytest.mark.browser
def test_the_sort_drill_shows_where_a_muscle_belongs(fragments, browser):
    cat = get_catalog()
    context, page, errors = open_page(browser, fragments, "sort", VIEWPORTS["phone"])
    try:
        played = Played(page)
        items, labels = played.items(), dict(played.data()["compartments"])
        home = cat.muscles[items[0]["muscle"]].compartment
        elsewhere = next(
            label
            for c, label in labels.items()
            if c != home and c not in played.data()["muscles"][items[0]["muscle"]]["right"]
        )
        played.answer(1, elsewhere)
        expected = python_check(played, {1: elsewhere})
        played.check()
        assert played.verdict(1) == f"\u2717 wrong: {expected.feedback[1].answer}"
        assert played.feedback()[1].startswith(
            f"\u2717 wrong, {expected.feedback[2].prompt}: no answer."
        )
        assert played.by_id("message").inner_text() == expected.message
        played.by_id("answer-1").select_option(label=labels[home])
        assert played.verdict(1) == ""
        assert [(e["m"], e["d"], e["ok"]) for e in progress(page)] == [
            (items[0]["muscle"], "sort", False)
        ]
        assert "put in the " + elsewhere in played.by_id("confused").inner_text()
        # Review my mistakes: every muscle not placed right, as the Python drill asks again.
        python: list = []
        python_check(played, {1: elsewhere}, python)
        expected_review = python[0].review_round()
        played.by_id("review").click()
        assert played.by_id("status").inner_text() == expected_review
        again = {i["muscle"] for i in played.items()}
        assert again == {i.muscle_id for i in python[0].items}
        assert not errors, errors
    finally:
        context.close()


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("name", ["index", "sort", "compartment"])
def test_the_drills_fit_a_phone_and_pass_axe_in_both_themes(fragments, browser, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for theme in ("light", "dark"):
        for viewport, size in VIEWPORTS.items():
            context, page, errors = open_page(browser, fragments, name, size, theme)
            try:
                played = Played(page)
                answers = played.right_answers()
                first = next(iter(answers))
                played.answer(first, answers[first])
                played.check()
                assert_fits(page)
                if viewport == "desktop":
                    assert not axe_problems(page)
                played.root.screenshot(path=str(SHOTS / f"{name}-{viewport}-{theme}.png"))
            finally:
                context.close()


# --- the built book ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def book_site(request):
    """The built book: ``LEGCOURSE_BOOK_HTML`` (a private build) if set, else the run's."""
    private = os.environ.get("LEGCOURSE_BOOK_HTML")
    if private:
        with served(Path(private)) as base:
            yield base
    else:
        yield request.getfixturevalue("site")


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize(
    "path",
    ["drills/clue-to-name.html", "drills/sort-into-compartments.html", "lower-leg/lateral.html"],
)
def test_the_built_pages_play_the_drill(book_site, browser, path):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{book_site}/book/{path}")
        played = Played(page)
        assert "needs a running Python kernel" not in page.inner_text("main")
        n = play_round_by_mouse(played)
        assert_full_score(played, n)
        assert_fits(page)
        assert len(progress(page)) == n
        for theme in ("light", "dark"):
            page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
            played.root.screenshot(path=str(SHOTS / f"book-{path.replace('/', '-')}-{theme}.png"))
    finally:
        context.close()
