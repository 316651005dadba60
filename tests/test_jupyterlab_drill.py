"""End to end: a real JupyterLab runs the labeling drill, lesion explorer and cases notebooks;
Chromium plays them.

The server binds 127.0.0.1 on a free port with its own config, runtime, data, settings and
workspace folders (nothing is written to the home folder) and is stopped by the fixture. The
notebook is copied to a temporary root, so autosave never writes outputs into the repository.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from conftest import REPO
from lab_support import api, running_lab
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from legcourse.core import links
from legcourse.core.cases import answer, option_label
from legcourse.core.catalog import get_catalog
from legcourse.core.lesions import lesion_effects
from legcourse.core.words import capitalise
from legcourse.drills import ClueDrill, IdentifyDrill, LabelingDrill, SortDrill, store

pytestmark = [pytest.mark.slow, pytest.mark.kernel, pytest.mark.browser]

DRILLS = REPO / "book" / "drills"
NOTEBOOK = DRILLS / "label-the-diagram.ipynb"
EXPLORER = REPO / "book" / "clinical-reasoning" / "explorer.ipynb"
CASES = REPO / "book" / "clinical-reasoning" / "cases.ipynb"
SHOTS = Path(os.environ.get("LEGCOURSE_SHOTS", "/tmp/legcourse-drill-shots"))


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """A running JupyterLab serving a copy of the drill notebook: (base URL, token, root)."""
    home = tmp_path_factory.mktemp("jupyterlab")
    root = home / "root"
    root.mkdir()
    for notebook in (*DRILLS.glob("*.ipynb"), EXPLORER, CASES):
        shutil.copy(notebook, root / notebook.name)
    # The drills' saved sessions (the kernel inherits this), never in the home folder.
    sessions = {store.SESSION_DIR_ENV: str(home / "sessions")}
    with running_lab(home, root, sessions) as (base, token):
        yield base, token, root


def run_all(page, attempts: int = 3, panel_class: str = "legcourse-drill"):
    """Run All from the menu until the panel shows; returns it.

    Right after the kernel turns idle, a Run All can run only the first cell (seen here once
    in a few runs), so it is repeated; running the cells again is harmless.
    """
    panel = page.locator(f".jp-OutputArea .{panel_class}")
    for _ in range(attempts):
        keep_a_kernel(page)
        page.click('.lm-MenuBar-itemLabel:text-is("Run")')
        page.click('.lm-Menu-itemLabel:text-is("Run All Cells")')
        try:
            panel.wait_for(timeout=30_000)
            return panel
        except PlaywrightTimeout:
            if not keep_a_kernel(page):
                page.keyboard.press("Escape")
    raise AssertionError(f"Run All Cells did not show .{panel_class}")


def keep_a_kernel(page) -> bool:
    """Answer JupyterLab's "Select Kernel" dialog with the notebook's kernel, if it shows.

    On a busy machine a kernel can die while Run All starts; JupyterLab then asks for another
    (Escape there would mean "No Kernel"). Returns whether the dialog was answered.
    """
    time.sleep(1)
    select = page.locator(".jp-Dialog .jp-mod-accept", has_text="Select")
    if not select.count():
        return False
    select.click()
    page.wait_for_selector(
        '.jp-Notebook-ExecutionIndicator[data-status="idle"]:visible', timeout=60_000
    )
    return True


def notebook_parameters(notebook: Path = NOTEBOOK) -> dict:
    """The values the notebook's parameters cell sets (VIEW, SEED...)."""
    cells = json.loads(notebook.read_text())["cells"]
    cell = next(c for c in cells if "parameters" in c["metadata"].get("tags", []))
    values: dict = {}
    exec("".join(cell["source"]), {}, values)
    return values


def test_a_learner_labels_the_diagram_in_jupyterlab(lab, browser):
    base, token, root = lab
    forget_sessions(root)
    shut_down_kernels(base, token)
    params = notebook_parameters()
    drill = LabelingDrill(params["VIEW"], seed=params["SEED"])
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Tall enough that the whole drill fits: JupyterLab scrolls inside its own panel.
    context = browser.new_context(viewport={"width": 1280, "height": 2600})
    page = context.new_page()
    try:
        play(page, base, token, drill)
    except Exception:
        page.screenshot(path=str(SHOTS / "failure.png"))  # to see what went wrong
        raise
    finally:
        context.close()


def choose(panel, answers: dict[int, str]) -> None:
    for pin, name in answers.items():
        panel.locator(f".legcourse-answer-{pin} select").select_option(label=name)
    panel.locator("button.legcourse-check").click()


def play(page, base: str, token: str, drill: LabelingDrill) -> None:
    """Round 1 all right; a second Check; round 2 with one mix-up; the review round."""
    page.goto(f"{base}/lab/tree/{NOTEBOOK.name}?reset&token={token}")
    page.wait_for_selector(
        '.jp-Notebook-ExecutionIndicator[data-status="idle"]:visible', timeout=60_000
    )
    panel = run_all(page)
    # The still preview meant for the static book is hidden in JupyterLab.
    assert not page.locator(".legcourse-preview").first.is_visible()
    score, session = panel.locator(".legcourse-score"), panel.locator(".legcourse-session")

    names = names_of(drill)
    n = len(names)
    choose(panel, names)
    score.filter(has_text=f"{n}/{n}").wait_for(timeout=15_000)
    assert panel.locator(".legcourse-feedback-list li").count() == n
    assert f"All {n} right" in panel.inner_text()
    for pin in names:
        assert marked(panel, pin) == "\u2713 right"
    assert_fits(panel)
    assert_no_kernel_text_hidden(page)
    panel.screenshot(path=str(SHOTS / "label-round-1-checked.png"))

    # "Read more" opens the muscle's section of the published book in a new tab, not a
    # JupyterLab path that does not exist.
    first_pin = sorted(drill.pins)[0]
    book = links.configured_book_address()
    # No internet here: the published book answers with a stand-in page.
    page.context.route(f"{book}**", lambda route: route.fulfill(body="<p>book</p>"))
    with page.context.expect_page() as opened:
        panel.locator(".legcourse-feedback-list li a", has_text="Read more").first.click()
    assert opened.value.url == drill.link(drill.pins[first_pin])
    assert opened.value.url.startswith(book)
    opened.value.close()
    assert not page.get_by_text("Cannot open").is_visible()

    # A second Check scores nothing more.
    panel.locator("button.legcourse-check").click()
    panel.locator(".legcourse-message", has_text="already checked").wait_for()
    assert session.inner_text() == f"{n}/{n}"

    # Round 2: the learner swaps the first pin for the second pin's muscle.
    panel.locator("button.legcourse-new-round").click()
    # The same seed, so this copy of the drill draws the round the notebook shows.
    panel.get_by_text(drill.new_round(), exact=True).wait_for()
    second = names_of(drill)
    m = len(second)
    first_pin, other_pin = sorted(second)[:2]
    choose(panel, second | {first_pin: second[other_pin]})
    score.filter(has_text=f"{m - 1}/{m}").wait_for(timeout=15_000)
    assert marked(panel, first_pin) == f"\u2717 wrong: {second[first_pin]}"
    # A changed answer loses its mark.
    panel.locator(f".legcourse-answer-{first_pin} select").select_option(index=0)
    panel.locator(f".legcourse-verdict-{first_pin}", has_text="wrong").wait_for(state="detached")
    assert marked(panel, other_pin) == "\u2713 right"
    confused = f"{second[first_pin]} answered as {second[other_pin]} (1 time)"
    assert confused in panel.locator(".legcourse-score-line").inner_text()
    panel.screenshot(path=str(SHOTS / "label-round-2-one-wrong.png"))

    # The review round pins exactly the missed muscle.
    panel.locator("button.legcourse-review").click()
    panel.get_by_text("Review round 3: 1 pin.", exact=True).wait_for()
    assert panel.locator("[class*='legcourse-answer-'] select").count() == 1
    choose(panel, {1: second[first_pin]})
    score.filter(has_text="1/1").wait_for(timeout=15_000)
    assert session.inner_text() == f"{n + m}/{n + m + 1}"
    panel.screenshot(path=str(SHOTS / "label-round-3-review.png"))


def names_of(drill: LabelingDrill) -> dict[int, str]:
    return {pin: drill.catalog.muscles[m].name for pin, m in drill.pins.items()}


def shut_down_kernels(base: str, token: str) -> None:
    """Stop the kernels of earlier tests: on a busy machine a new one may not start in time."""
    for session in api(base, token, "/api/sessions") or []:
        api(base, token, f"/api/sessions/{session['id']}", method="DELETE")
    for kernel in api(base, token, "/api/kernels") or []:
        api(base, token, f"/api/kernels/{kernel['id']}", method="DELETE")


def open_notebook(page, base: str, token: str, notebook: Path, panel_class: str):
    shut_down_kernels(base, token)
    page.goto(f"{base}/lab/tree/{notebook.name}?reset&token={token}")
    page.wait_for_selector(
        '.jp-Notebook-ExecutionIndicator[data-status="idle"]:visible', timeout=60_000
    )
    return run_all(page, panel_class=panel_class)


def test_a_learner_explores_a_lesion_in_jupyterlab(lab, browser):
    base, token, _ = lab
    cat = get_catalog()
    lesion = next(
        x for x in cat.lesions.values() if x.nerve and x.id != "common_fibular_fibular_neck"
    )
    context = browser.new_context(viewport={"width": 1280, "height": 2600})
    page = context.new_page()
    try:
        panel = open_notebook(page, base, token, EXPLORER, "legcourse-explorer")
        # The kernel-free copy meant for the static book is hidden in JupyterLab.
        assert not page.locator("section.lc-explorer").first.is_visible()
        panel.locator("select").select_option(label=lesion.name)
        effects = panel.locator(".legcourse-lesion-effects")
        effects.get_by_text(capitalise(lesion.name), exact=True).wait_for(timeout=15_000)
        for action in lesion_effects(lesion.id).movements_lost:
            assert cat.actions[action].noun in effects.inner_text()
        panel.screenshot(path=str(SHOTS / "explorer-in-jupyterlab.png"))
    except Exception:
        page.screenshot(path=str(SHOTS / "explorer-failure.png"))
        raise
    finally:
        context.close()


def test_a_learner_reasons_through_a_case_in_jupyterlab(lab, browser):
    base, token, _ = lab
    case = next(iter(get_catalog().cases.values()))
    context = browser.new_context(viewport={"width": 1280, "height": 3200})
    page = context.new_page()
    try:
        panel = open_notebook(page, base, token, CASES, "legcourse-cases")
        assert not page.locator("section.lc-cases").first.is_visible()
        for question in case.questions:
            for option in answer(case, question):
                panel.get_by_text(option_label(question, option), exact=True).first.click()
        panel.locator("button", has_text="Check").click()
        feedback = panel.locator(".legcourse-feedback")
        n = len(case.questions)
        panel.get_by_text(f"This case: {n}/{n}").wait_for(timeout=15_000)
        assert feedback.inner_text().count("Right") == n
        assert "Level of care" in feedback.inner_text()
        panel.screenshot(path=str(SHOTS / "case-in-jupyterlab.png"))
    except Exception:
        page.screenshot(path=str(SHOTS / "case-failure.png"))
        raise
    finally:
        context.close()


# --- every drill: marks beside the answers, nothing overflowing, kernel-aware text -----------


def forget_sessions(root: Path) -> None:
    """A test starts with no saved drill session (they live next to the served root)."""
    shutil.rmtree(root.parent / "sessions", ignore_errors=True)


def marked(panel, number: int) -> str:
    """The ✓/✗ mark beside an answer, and that it shares its control's line."""
    control = panel.locator(f".legcourse-answer-{number}").bounding_box()
    mark = panel.locator(f".legcourse-verdict-{number}")
    box = mark.bounding_box()
    assert box and control and box["x"] >= control["x"] + control["width"] - 1
    assert box["y"] < control["y"] + control["height"] and control["y"] < box["y"] + box["height"]
    return mark.inner_text().strip()


def assert_fits(panel) -> None:
    """No part of the drill scrolls sideways (a scrollbar under a box) or spills out."""
    overflowing = panel.evaluate(
        """root => [root, ...root.querySelectorAll("*")]
            .filter(e => e.scrollWidth > e.clientWidth + 1
                    && getComputedStyle(e).overflowX !== "visible")
            .map(e => e.className + " " + e.scrollWidth + ">" + e.clientWidth)"""
    )
    assert overflowing == []


def assert_no_kernel_text_hidden(page) -> None:
    """With a kernel running, nothing visible speaks of a missing kernel or the rocket."""
    words = page.get_by_text(re.compile(r"no kernel|rocket|needs a running", re.IGNORECASE))
    visible = [words.nth(i).inner_text() for i in range(words.count()) if words.nth(i).is_visible()]
    assert visible == []


def clue_answers(drill: ClueDrill) -> dict[int, str]:
    return {n: drill.name(item.muscle_id) for n, item in drill.questions.items()}


def sort_answers(drill: SortDrill) -> dict[int, str]:
    return {
        n: drill.catalog.label("compartments", item.compartment)
        for n, item in drill.questions.items()
    }


def identify_answers(drill: IdentifyDrill) -> dict[int, str]:
    return {n: drill.name(item.muscle_id) for n, item in drill.questions.items()}


PLAYS = {
    "clue-to-name": (lambda p: ClueDrill(seed=p["SEED"], kinds=p["KINDS"]), clue_answers),
    "sort-into-compartments": (
        lambda p: SortDrill(seed=p["SEED"], region=p["REGION"]),
        sort_answers,
    ),
    "identify-the-muscle": (
        lambda p: IdentifyDrill(seed=p["SEED"], mode=p["MODE"]),
        identify_answers,
    ),
}


def give(panel, number: int, value: str) -> None:
    control = panel.locator(f".legcourse-answer-{number}")
    if control.locator("select").count():
        control.locator("select").select_option(label=value)
    else:  # the clue drill's name box
        control.locator("input").fill(value)
        control.locator("input").press("Tab")


@pytest.mark.parametrize("name", list(PLAYS))
def test_each_drill_marks_its_answers_and_fits_in_jupyterlab(lab, browser, name):
    base, token, root = lab
    forget_sessions(root)
    notebook = DRILLS / f"{name}.ipynb"
    make, right = PLAYS[name]
    drill = make(notebook_parameters(notebook))
    # The issue's own window: 1280 x 900; JupyterLab scrolls inside its panel.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        panel = open_notebook(page, base, token, notebook, "legcourse-drill")
        assert_no_kernel_text_hidden(page)
        answers = right(drill)
        first = min(answers)
        # A wrong answer the control offers: another of the question's choices, or another
        # answer of the round.
        offered = drill.choices(first) if isinstance(drill, IdentifyDrill) else answers.values()
        wrong = next(v for v in offered if v != answers[first])
        for number, value in (answers | {first: wrong}).items():
            give(panel, number, value)
        panel.locator("button.legcourse-check").click()
        result = drill.check(answers | {first: wrong})
        n = len(answers)
        panel.locator(".legcourse-score", has_text=f"{result.score}/{n}").wait_for(timeout=15_000)
        for number, verdict in result.feedback.items():
            expected = "\u2713 right" if verdict.correct else f"\u2717 wrong: {verdict.answer}"
            assert marked(panel, number) == expected
        assert_fits(panel)
        assert_no_kernel_text_hidden(page)
        page.set_viewport_size({"width": 1280, "height": 2600})  # the whole drill in view
        panel.screenshot(path=str(SHOTS / f"{name}-checked.png"))
    except Exception:
        page.screenshot(path=str(SHOTS / f"{name}-failure.png"))
        raise
    finally:
        context.close()


def test_a_reopened_drill_says_to_run_it_and_keeps_the_session(lab, browser):
    """Played, saved, kernel gone, opened again: a note to run the cell, not "model not
    found"; run again, the session comes back from its file."""
    base, token, root = lab
    forget_sessions(root)
    notebook = DRILLS / "sort-into-compartments.ipynb"
    make, right = PLAYS["sort-into-compartments"]
    drill = make(notebook_parameters(notebook))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        panel = open_notebook(page, base, token, notebook, "legcourse-drill")
        # The note for a reopened notebook is hidden while the drill runs.
        assert not page.locator(".legcourse-reopened").first.is_visible()
        answers = right(drill)
        for number, value in answers.items():
            give(panel, number, value)
        panel.locator("button.legcourse-check").click()
        n = len(answers)
        panel.locator(".legcourse-session", has_text=f"{n}/{n}").wait_for(timeout=15_000)
        page.keyboard.press("Control+s")
        saved = root / notebook.name
        deadline = time.monotonic() + 30
        while "legcourse-reopened" not in saved.read_text():
            assert time.monotonic() < deadline, "the notebook was not saved"
            time.sleep(0.3)
        assert (root.parent / "sessions" / f"{drill.session_name}.json").exists()
        shut_down_kernels(base, token)
        page.goto(f"{base}/lab/tree/{notebook.name}?reset&token={token}")
        note = page.locator(".jp-OutputArea .legcourse-reopened")
        note.wait_for(timeout=60_000)
        time.sleep(3)  # the widget manager gives up on a missing model after 2 s
        assert note.is_visible() and "Run this cell" in note.inner_text()
        assert not page.get_by_text("model not found").first.is_visible()
        assert not page.get_by_text("Error displaying widget").first.is_visible()
        assert_no_kernel_text_hidden(page)
        note.screenshot(path=str(SHOTS / "reopened-drill.png"))

        page.wait_for_selector(
            '.jp-Notebook-ExecutionIndicator[data-status="idle"]:visible', timeout=60_000
        )
        panel = run_all(page)
        assert not note.first.is_visible()
        panel.locator(".legcourse-session", has_text=f"{n}/{n}").wait_for(timeout=15_000)
        assert "Session restored" in panel.locator(".legcourse-store").inner_text()
    except Exception:
        page.screenshot(path=str(SHOTS / "reopened-failure.png"))
        raise
    finally:
        context.close()


def test_a_drill_notebook_run_elsewhere_opens_with_a_note_not_a_widget_dump(
    lab, browser, monkeypatch
):
    """A notebook executed elsewhere (untrusted here: no styles, no widgets drawn) shows the
    note to run the cell and one plain line for the panel, not "model not found" or the
    widget tree."""
    import nbformat
    from nbclient import NotebookClient

    base, token, root = lab
    notebook = DRILLS / "sort-into-compartments.ipynb"
    executed = nbformat.read(notebook, as_version=4)
    monkeypatch.setenv(store.SESSION_DIR_ENV, str(root.parent / "sessions"))  # for its kernel
    NotebookClient(executed, timeout=120, kernel_name="python3").execute()
    name = "sort-run-elsewhere.ipynb"
    nbformat.write(executed, root / name)
    context = browser.new_context(viewport={"width": 1280, "height": 1200})
    page = context.new_page()
    try:
        shut_down_kernels(base, token)
        page.goto(f"{base}/lab/tree/{name}?reset&token={token}")
        note = page.locator(".jp-OutputArea .legcourse-reopened")
        note.wait_for(timeout=60_000)
        time.sleep(3)  # as long as the widget manager waits for a model
        assert "Run this cell" in note.inner_text()
        title = SortDrill(seed=1).title
        assert page.get_by_text(f"{title}: not running. Run this cell", exact=False).is_visible()
        assert not page.get_by_text("model not found").count()
        assert not page.get_by_text("SortPanel(").count()
        page.screenshot(path=str(SHOTS / "run-elsewhere.png"))
    except Exception:
        page.screenshot(path=str(SHOTS / "run-elsewhere-failure.png"))
        raise
    finally:
        context.close()
