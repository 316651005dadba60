"""End to end: a real JupyterLab runs the labeling drill, lesion explorer and cases notebooks;
Chromium plays them.

The server binds 127.0.0.1 on a free port with its own config, runtime, data, settings and
workspace folders (nothing is written to the home folder) and is stopped by the fixture. The
notebook is copied to a temporary root, so autosave never writes outputs into the repository.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser_support import free_port
from conftest import REPO
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from legcourse.core import links
from legcourse.core.cases import answer, option_label
from legcourse.core.catalog import get_catalog
from legcourse.core.lesions import lesion_effects
from legcourse.core.words import capitalise
from legcourse.drills import LabelingDrill

pytestmark = [pytest.mark.slow, pytest.mark.kernel, pytest.mark.browser]

NOTEBOOK = REPO / "book" / "drills" / "label-the-diagram.ipynb"
EXPLORER = REPO / "book" / "clinical-reasoning" / "explorer.ipynb"
CASES = REPO / "book" / "clinical-reasoning" / "cases.ipynb"
SHOTS = Path(os.environ.get("LEGCOURSE_SHOTS", "/tmp/legcourse-drill-shots"))


def api(base: str, token: str, path: str, method: str = "GET"):
    request = urllib.request.Request(
        f"{base}{path}", method=method, headers={"Authorization": f"token {token}"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        body = response.read()
    return json.loads(body) if body else None


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """A running JupyterLab serving a copy of the drill notebook: (base URL, token, root)."""
    home = tmp_path_factory.mktemp("jupyterlab")
    root = home / "root"
    root.mkdir()
    for notebook in (NOTEBOOK, EXPLORER, CASES):
        shutil.copy(notebook, root / notebook.name)
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    # No news or update toasts over the notebook.
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    env = os.environ | {
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "IPYTHONDIR": str(home / "ipython"),
    }
    port, token = free_port(), secrets.token_hex(16)
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("jupyter")),
            "lab",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            "--ServerApp.open_browser=False",
            f"--ServerApp.root_dir={root}",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(home / "server.log", "w"),  # noqa: SIM115 - closed with the process
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                api(base, token, "/api/status")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log = (home / "server.log").read_text()[-3000:]
                    raise AssertionError(f"JupyterLab did not start:\n{log}") from None
                time.sleep(0.3)
        yield base, token, root
    finally:
        try:
            for session in api(base, token, "/api/sessions") or []:
                api(base, token, f"/api/sessions/{session['id']}", method="DELETE")
        except OSError:
            pass
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def run_all(page, attempts: int = 3, panel_class: str = "legcourse-drill"):
    """Run All from the menu until the panel shows; returns it.

    Right after the kernel turns idle, a Run All can run only the first cell (seen here once
    in a few runs), so it is repeated; running the cells again is harmless.
    """
    panel = page.locator(f".jp-OutputArea .{panel_class}")
    for _ in range(attempts):
        page.click('.lm-MenuBar-itemLabel:text-is("Run")')
        page.click('.lm-Menu-itemLabel:text-is("Run All Cells")')
        try:
            panel.wait_for(timeout=30_000)
            return panel
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    raise AssertionError(f"Run All Cells did not show .{panel_class}")


def notebook_parameters() -> dict:
    """VIEW and SEED as the notebook's parameters cell sets them."""
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    cell = next(c for c in cells if "parameters" in c["metadata"].get("tags", []))
    values: dict = {}
    exec("".join(cell["source"]), {}, values)
    return values


def test_a_learner_labels_the_diagram_in_jupyterlab(lab, browser):
    base, token, _ = lab
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


def open_notebook(page, base: str, token: str, notebook: Path, panel_class: str):
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
