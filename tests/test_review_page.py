"""The Review page: the answer log scheduled with FSRS, played in headless Chromium.

The page is tested as the fragment Python writes, in a small HTML file served on 127.0.0.1
(no built book needed), and once in the built book. Muscles, names, links and compartments
come from the catalog; the dates come from py-fsrs (``legcourse.drills.schedule``), which the
browser's ts-fsrs must agree with.
"""

from __future__ import annotations

import json
import random
import re
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from browser_support import PageWatch, served
from test_book_pages import audit

from legcourse.core import links
from legcourse.core.catalog import get_catalog
from legcourse.drills.progressfile import read_progress
from legcourse.drills.reviewpage import CANDIDATES, ReviewPageError, review_data, review_html
from legcourse.drills.schedule import RULES, ReviewLogError, daily_reviews, schedule

SHOTS = Path("/tmp/legcourse-review-shots")
DAY_MS = 86_400_000
VENDOR = Path(__file__).resolve().parents[1] / "legcourse" / "drills" / "assets" / "vendor"

# --- the data and the Python scheduler --------------------------------------------------------


def test_one_review_a_day_is_wrong_if_any_answer_that_day_was():
    noon = 1_767_268_800_000  # 2026-01-01 12:00 UTC
    log = [
        {"m": "a", "d": "label", "ok": True, "t": noon},
        {"m": "a", "d": "clue", "ok": False, "t": noon + 3_600_000},
        {"m": "a", "d": "review", "ok": True, "t": noon + 7_200_000},
        {"m": "a", "d": "label", "ok": True, "t": noon + DAY_MS},
        {"m": "b", "d": "sort", "ok": True, "t": noon},
    ]
    assert daily_reviews(log) == {
        "a": [(date(2026, 1, 1), False), (date(2026, 1, 2), True)],
        "b": [(date(2026, 1, 1), True)],
    }
    # 23:00 in Auckland is the next calendar day there.
    assert daily_reviews(log[:1], ZoneInfo("Pacific/Auckland")) == {"a": [(date(2026, 1, 2), True)]}


@pytest.mark.parametrize(
    "event, words",
    [
        ("soleus", "not an object"),
        ({"d": "label", "ok": True, "t": 1}, "no muscle id"),
        ({"m": "soleus", "d": "label", "ok": "yes", "t": 1}, "true/false"),
        ({"m": "soleus", "d": "label", "ok": True, "t": "today"}, "milliseconds"),
    ],
)
def test_a_damaged_log_is_refused_with_the_answer_named(event, words):
    with pytest.raises(ReviewLogError, match=words):
        schedule([event], today=date(2026, 1, 1))


def test_a_miss_comes_back_the_next_day_and_right_answers_space_out():
    muscle = next(iter(get_catalog().muscles))
    first = 1_767_268_800_000
    missed = schedule(
        [{"m": muscle, "d": "label", "ok": False, "t": first}], today=date(2026, 1, 1)
    )
    assert missed[muscle].due == date(2026, 1, 2) and not missed[muscle].is_due
    log = [{"m": muscle, "d": "label", "ok": True, "t": first + k * 10 * DAY_MS} for k in range(3)]
    gaps = []
    for n in range(1, 4):
        state = schedule(log[:n], today=date(2026, 1, 1))[muscle]
        gaps.append((state.due - state.last).days)
    assert gaps == sorted(gaps) and gaps[0] < gaps[-1]


def test_the_page_data_has_every_muscle_with_its_section_and_compartment():
    cat = get_catalog()
    data = review_data()
    assert set(data["muscles"]) == set(cat.muscles)
    for m, shown in data["muscles"].items():
        muscle = cat.muscles[m]
        assert shown["name"] == muscle.name
        assert shown["link"] == links.muscle_url(m, "")
        assert shown["compartment"] == muscle.compartment
        assert shown["clue"]["origin"] == muscle.origin
        assert shown["clue"]["insertion"] == muscle.insertion
        assert m not in shown["others"] and len(shown["others"]) == CANDIDATES
        # No other name offered may fit the clue as well (the question has one answer).
        assert all(data["muscles"][o]["clue"] != shown["clue"] for o in shown["others"])
    assert [c["id"] for c in data["compartments"]] == list(cat.compartments)
    for c in data["compartments"]:
        assert c["title"] == cat.compartments[c["id"]].label
        assert c["link"] == links.compartment_url(c["id"], "")
        assert c["muscles"] == [m for m, x in cat.muscles.items() if x.compartment == c["id"]]
    assert data["rules"] == RULES
    from_drills = review_data(links.IN_BOOK_BASE)["muscles"]
    assert all(v["link"].startswith(links.IN_BOOK_BASE) for v in from_drills.values())


@pytest.mark.parametrize(
    "content, words",
    [
        ("name,muscle\n1,soleus\n", "not JSON"),
        ('{"version": 1, "answers": []}', "no list of answers"),
        ('{"version": 2, "events": []}', "version 2"),
        ('{"version": 1, "events": [{"m": "soleus", "d": "label", "ok": 1, "t": 1}]}', "answer 1"),
    ],
)
def test_python_refuses_the_files_the_page_refuses(content, words):
    with pytest.raises(ReviewLogError, match=words):
        read_progress(content)


def test_a_bad_id_prefix_is_refused():
    with pytest.raises(ReviewPageError, match="must start with a letter"):
        review_html(id_prefix="1 review")


def test_the_vendored_scheduler_carries_its_licence_and_version():
    umd = (VENDOR / "ts-fsrs.umd.js").read_text()
    notes = (VENDOR / "README.md").read_text()
    version = re.search(r"const version ?= ?\"([0-9.]+)\"", umd)[1]
    assert f"ts-fsrs {version}" in notes
    assert "MIT License" in (VENDOR / "ts-fsrs.LICENSE").read_text()
    assert "sourceMappingURL" not in umd and "http" not in review_html().split("<script>", 1)[0]


# --- in the browser: the fragment --------------------------------------------------------------

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Review</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font-family: sans-serif; margin: 0 auto; padding: 0 1rem; max-width: 60rem;
  background: #fff; color: #222; }}
a {{ color: #1a5fb4; }}
html[data-theme="dark"] body {{ background: #121212; color: #ddd; }}
html[data-theme="dark"] a {{ color: #8ab4f8; }}
</style></head>
<body><main><h1>Review what you missed</h1>{fragment}</main></body></html>"""
"""A page that stands in for the book's: the theme's text and link colours, both themes."""


@pytest.fixture(scope="module")
def review_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review")
    (folder / "index.html").write_text(PAGE.format(fragment=review_html()), encoding="utf-8")
    with served(folder) as base:
        yield base + "/index.html"


class Reader:
    """One browser tab on the review page, with the log the test put in it."""

    def __init__(self, browser, url, events=(), *, width=1280, timezone=None):
        options = {"viewport": {"width": width, "height": 900}, "accept_downloads": True}
        if timezone:
            options["timezone_id"] = timezone
        self.context = browser.new_context(**options)
        self.page = self.context.new_page()
        self.watch = PageWatch(self.page, url.rsplit("/", 1)[0])
        self.page.goto(url)
        self.set_log(list(events))

    def set_log(self, events):
        self.page.evaluate(
            "events => localStorage.setItem(LegcourseProgress.KEY,"
            " JSON.stringify({version: 1, events}))",
            events,
        )
        self.page.reload()
        self.page.wait_for_selector("section.lc-review[data-ready]")

    def log(self) -> list[dict]:
        return self.page.evaluate("LegcourseProgress.events()")

    def now_ms(self) -> int:
        return self.page.evaluate("Date.now()")

    def due(self) -> list[str]:
        return self.page.eval_on_selector_all(
            "#review-due li[data-muscle]", "items => items.map(i => i.dataset.muscle)"
        )

    def close(self):
        problems = self.watch.problems
        self.context.close()
        assert not problems, problems


@pytest.fixture
def reader(browser, review_site):
    opened = []

    def open_reader(events=(), **options):
        opened.append(Reader(browser, review_site, events, **options))
        return opened[-1]

    yield open_reader
    for r in opened:
        r.close()


def yesterdays_miss(r: Reader, muscle: str) -> dict:
    return {"m": muscle, "d": "label", "ok": False, "t": r.now_ms() - DAY_MS}


def answer(r: Reader, name: str) -> str:
    """Choose a name in Review now and Check; the verdict's text."""
    r.page.locator("#review-now label", has_text=name).first.click()
    r.page.click("#review-check")
    return r.page.inner_text("#review-verdict")


@pytest.mark.browser
def test_a_muscle_missed_yesterday_is_due_and_moves_on_once_answered(reader):
    cat = get_catalog()
    muscle = next(iter(cat.muscles))
    name = cat.muscles[muscle].name
    r = reader()
    r.set_log([yesterdays_miss(r, muscle)])
    assert r.due() == [muscle]
    link = r.page.locator(f"#review-due li[data-muscle='{muscle}'] a")
    assert link.get_attribute("href") == links.muscle_url(muscle, "")
    assert r.page.get_attribute("#review-now fieldset", "data-muscle") == muscle
    assert r.page.locator("#review-now input[type=radio]").count() == review_data()["choices"]

    assert r.page.is_visible("#review-check") and not r.page.is_visible("#review-next")
    assert answer(r, name).startswith("✓")
    assert r.page.is_visible("#review-next") and not r.page.is_visible("#review-check")
    assert {k: r.log()[-1][k] for k in ("m", "d", "ok")} == {"m": muscle, "d": "review", "ok": True}
    assert r.due() == []
    assert "Nothing is due today" in r.page.inner_text("#review-due-summary")
    assert name in r.page.inner_text("#review-later")
    r.page.click("#review-next")
    assert "1 of 1 right" in r.page.inner_text("#review-now")


@pytest.mark.browser
def test_a_wrong_review_is_recorded_and_comes_back_tomorrow(reader):
    cat = get_catalog()
    muscle = next(iter(cat.muscles))
    r = reader()
    r.set_log([yesterdays_miss(r, muscle)])
    offered = r.page.locator("#review-now input[type=radio]")
    wrong = next(v for v in offered.evaluate_all("rs => rs.map(r => r.value)") if v != muscle)
    verdict = answer(r, cat.muscles[wrong].name)
    assert verdict.startswith("✗") and cat.muscles[muscle].name in verdict
    assert r.log()[-1]["ok"] is False
    assert r.due() == []
    tomorrow = r.page.locator("#review-later li").first
    # Asked again at once, until right: recorded, and still planned for tomorrow.
    r.page.click("#review-next")
    r.page.click("#review-again")
    assert r.page.get_attribute("#review-now fieldset", "data-muscle") == muscle
    assert answer(r, cat.muscles[muscle].name).startswith("✓")
    assert [e["ok"] for e in r.log() if e["d"] == "review"] == [False, True]
    assert r.due() == []
    assert (
        tomorrow.inner_text().startswith("Tomorrow")
        and cat.muscles[muscle].name in tomorrow.inner_text()
    )


@pytest.mark.browser
def test_review_now_works_from_the_keyboard(reader):
    cat = get_catalog()
    muscle = next(iter(cat.muscles))
    r = reader()
    r.set_log([yesterdays_miss(r, muscle)])
    r.page.focus("#review-now input[type=radio]")
    values = r.page.eval_on_selector_all(
        "#review-now input[type=radio]", "rs => rs.map(r => r.value)"
    )
    for _ in range(values.index(muscle)):
        r.page.keyboard.press("ArrowDown")
    r.page.keyboard.press("Space")
    r.page.keyboard.press("Tab")
    r.page.keyboard.press("Enter")
    assert r.page.inner_text("#review-verdict").startswith("✓")
    assert r.page.evaluate("document.activeElement.id") == "review-next"
    # The progress file's controls are in the tab order, the hidden file input included.
    r.page.focus("#review-export")
    r.page.keyboard.press("Tab")
    assert r.page.evaluate("document.activeElement.id") == "review-import"
    r.page.keyboard.press("Tab")
    assert r.page.evaluate("document.activeElement.id") == "review-reset"


@pytest.mark.browser
def test_mastery_counts_the_compartments_muscles_seen(reader):
    cat = get_catalog()
    muscle = next(iter(cat.muscles))
    compartment = cat.muscles[muscle].compartment
    size = sum(m.compartment == compartment for m in cat.muscles.values())
    r = reader()
    r.set_log([yesterdays_miss(r, muscle)])
    text = r.page.inner_text(f"#review-mastery li[data-compartment='{compartment}']")
    assert f"Seen 1 of {size} muscles" in text and "1 muscle due today" in text
    other = next(c for c in cat.compartments if c != compartment)
    assert "Not started" in r.page.inner_text(f"#review-mastery li[data-compartment='{other}']")


@pytest.mark.browser
@pytest.mark.parametrize("timezone", ["UTC", "Pacific/Auckland", "America/Los_Angeles"])
def test_the_browser_schedule_agrees_with_py_fsrs(reader, timezone):
    """ts-fsrs in the page and py-fsrs here give the same dates and memory for one log."""
    rng = random.Random(13)
    muscles = rng.sample(sorted(get_catalog().muscles), 6)
    r = reader(timezone=timezone)
    now = r.now_ms()
    events = [
        {
            "m": rng.choice(muscles),
            "d": "label",
            "ok": rng.random() < 0.7,
            "t": now - rng.randrange(40 * DAY_MS),
        }
        for _ in range(120)
    ]
    r.set_log(events)
    today = r.page.evaluate("LegcourseReview.dayKey(new Date())")
    in_page = r.page.evaluate(
        "([events, today, rules]) => LegcourseReview.schedule(events, today, rules)",
        [events, today, RULES],
    )
    expected = schedule(events, today=date.fromisoformat(today), tz=ZoneInfo(timezone))
    assert set(in_page) == set(expected)
    for m, state in expected.items():
        shown = in_page[m]
        assert (shown["last"], shown["due"], shown["isDue"]) == (
            state.last.isoformat(),
            state.due.isoformat(),
            state.is_due,
        ), m
        assert (shown["reviews"], shown["lapses"]) == (state.reviews, state.lapses)
        assert shown["stability"] == pytest.approx(state.stability, rel=1e-6)
        assert shown["difficulty"] == pytest.approx(state.difficulty, rel=1e-6)
        assert shown["retrievability"] == pytest.approx(state.retrievability, rel=1e-6)
    assert sorted(r.due()) == sorted(m for m, s in expected.items() if s.is_due)


@pytest.mark.browser
def test_save_delete_and_load_give_back_the_same_answers(reader, tmp_path):
    cat = get_catalog()
    r = reader()
    now = r.now_ms()
    events = [
        {"m": m, "d": "identify", "ok": k % 3 != 0, "t": now - (k + 1) * DAY_MS // 2}
        for k, m in enumerate(sorted(cat.muscles)[:8])
    ]
    events.sort(key=lambda e: e["t"])
    r.set_log(events)
    with r.page.expect_download() as download:
        r.page.click("#review-export")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.startswith("legcourse-progress-") and saved.suffix == ".json"
    assert json.loads(saved.read_text())["events"] == events
    # The same file read in Python gives the same plan as the page shows.
    today = date.fromisoformat(r.page.evaluate("LegcourseReview.dayKey(new Date())"))
    planned = schedule(read_progress(saved), today=today)
    assert sorted(r.due()) == sorted(m for m, s in planned.items() if s.is_due)

    r.page.click("#review-reset")
    assert r.page.is_visible("#review-confirm") and str(len(events)) in r.page.inner_text(
        "#review-confirm"
    )
    r.page.click("#review-confirm-no")
    assert r.log() == events
    r.page.click("#review-reset")
    r.page.click("#review-confirm-yes")
    assert r.log() == [] and r.page.evaluate("localStorage.length") == 0
    assert "not answered any drill" in r.page.inner_text("#review-due-summary")

    r.page.set_input_files("#review-import", saved)
    r.page.wait_for_function("LegcourseProgress.events().length > 0")
    assert r.log() == events
    assert f"{len(events)} new answers added" in r.page.inner_text("#review-file-status")
    # Loading the same file again adds nothing: answers already here are not doubled.
    r.page.set_input_files("#review-import", saved)
    r.page.wait_for_function(
        "document.getElementById('review-file-status').textContent.includes('0 new')"
    )
    assert r.log() == events


@pytest.mark.browser
@pytest.mark.parametrize(
    "content, words",
    [
        ("name,muscle\n1,soleus\n", "not JSON"),
        ('{"version": 1, "answers": []}', "no list of answers"),
        ('{"version": 2, "events": []}', "version 2"),
        (
            '{"version": 1, "events": [{"m": "soleus", "d": "label", "ok": "yes", "t": 1}]}',
            "Answer 1",
        ),
    ],
)
def test_a_wrong_file_says_why_and_keeps_the_progress(reader, tmp_path, content, words):
    muscle = next(iter(get_catalog().muscles))
    r = reader()
    kept = [yesterdays_miss(r, muscle)]
    r.set_log(kept)
    bad = tmp_path / "notes.json"
    bad.write_text(content)
    r.page.set_input_files("#review-import", bad)
    status = r.page.locator("#review-file-status.lc-rv-error")
    status.wait_for()
    assert words in status.inner_text() and "unchanged" in status.inner_text()
    assert r.log() == kept and r.due() == [muscle]


@pytest.mark.browser
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_fits_and_passes_axe(reader, theme, width):
    """Audited with a question answered (verdict and link shown) and the reset asked; a
    screenshot of each state is kept for a person to look at."""
    cat = get_catalog()
    muscles = sorted(cat.muscles)
    r = reader(width=width)
    now = r.now_ms()
    r.set_log(
        [
            {"m": m, "d": "clue", "ok": k % 2 == 0, "t": now - (k % 9 + 1) * DAY_MS}
            for k, m in enumerate(muscles)
        ]
    )
    r.page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
    r.page.click("#review-due summary")
    problems = audit(r.page)
    wrong = r.page.locator("#review-now input[type=radio]").nth(0)
    wrong.check()
    r.page.click("#review-check")
    r.page.click("#review-reset")
    problems += [f"answered: {p}" for p in audit(r.page)]
    overflow = r.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"overflows sideways by {overflow}px at {width}px"
    SHOTS.mkdir(exist_ok=True)
    r.page.locator("section.lc-review").screenshot(path=SHOTS / f"review-{width}-{theme}.png")
    assert not problems, "\n".join(problems)


# --- in the built book ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_the_built_review_page_plans_a_miss_from_a_drill_page(site, browser):
    """An answer recorded on a drill page of the book shows on the Review page as due the next
    day (the same storage, the same log), with its link into the book working."""
    check_built_book(site, browser)


def check_built_book(site: str, browser) -> None:
    """The built-book check, on any served copy of the book."""
    cat = get_catalog()
    muscle = next(iter(cat.muscles))
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        watch = PageWatch(page, site)
        page.goto(f"{site}/book/drills/index.html", wait_until="networkidle")
        page.evaluate(
            "([m, t]) => localStorage.setItem('legcourse.progress.v1',"
            " JSON.stringify({version: 1, events: [{m, d: 'label', ok: false, t}]}))",
            [muscle, page.evaluate("Date.now()") - DAY_MS],
        )
        page.goto(f"{site}/book/review.html", wait_until="networkidle")
        page.wait_for_selector("section.lc-review[data-ready]")
        due = page.locator(f"#review-due li[data-muscle='{muscle}'] a")
        assert due.count() == 1
        page.click("#review-due summary")
        due.click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith(links.muscle_url(muscle, ""))
        assert not watch.problems, watch.problems
    finally:
        context.close()


@pytest.mark.slow
@pytest.mark.browser
def test_a_miss_in_a_drill_survives_a_reload_and_is_due_on_a_later_visit(site, browser):
    """As a learner meets it: a wrong name in the clue drill of the built book, the page
    reloaded (the answer is still kept), then the Review page opened the next day, where that
    muscle is due."""
    cat = get_catalog()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        watch = PageWatch(page, site)
        page.goto(f"{site}/book/drills/clue-to-name.html", wait_until="networkidle")
        root = page.locator("section.lc-text").first
        p = root.get_attribute("data-prefix")
        data = json.loads(root.locator("script.lc-data").text_content())
        item = page.evaluate(f"document.getElementById('{p}drill').legcourseDrill.items")[0]
        accepted = set(data["clues"][item["clue"]][4])
        wrong = next(m for m in cat.muscles if m not in accepted)
        page.fill(f"#{p}answer-{item['number']}", cat.muscles[wrong].name)
        page.click(f"#{p}check")
        page.reload(wait_until="networkidle")
        events = page.evaluate("LegcourseProgress.events()")
        assert [(e["d"], e["ok"]) for e in events] == [("clue", False)]
        missed = events[0]["m"]
        assert missed in accepted  # the clue's own muscle is the one to review
        tomorrow = page.evaluate("Date.now()") + DAY_MS + 3_600_000
        page.clock.install(time=tomorrow / 1000)
        page.goto(f"{site}/book/review.html", wait_until="networkidle")
        page.wait_for_selector("section.lc-review[data-ready]")
        due = page.eval_on_selector_all(
            "#review-due li[data-muscle]", "items => items.map(i => i.dataset.muscle)"
        )
        assert due == [missed]
        assert not watch.problems, watch.problems
    finally:
        context.close()
