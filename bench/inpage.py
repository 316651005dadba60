"""In-page speed (issue 16, target 4): how long the book's kernel-free pieces take in a real
browser to answer the reader.

Each interactive page of a built book is opened in headless Chromium (Debian's, as the browser
tests drive it; nothing downloads) and each piece is worked as a reader works it:

- a drill's **check**: the answers are filled in (not timed), then Check is clicked;
- a drill's **next** round (New round, Next question, Next case);
- the lesion explorer's **choose** (another lesion from its list; it has no check or next);
- the joint-angle slider's **redraw** (the range input set to another stop, ``input`` sent).

A step is timed in the page: the previous frame is let through first (so work left over from
filling in the answers is not counted), then ``performance.now()`` is read, the event is
dispatched, and the clock stops after the next animation frame has run and a task has
followed it (``requestAnimationFrame`` then ``setTimeout(0)``): the DOM updated, its style,
layout and paint done. Timed this way a step that does nothing still costs about one frame
(16.7 ms at 60 Hz): the figure is what the reader waits, rounded up to the next frame.
``script`` is the event handler alone (until ``click()``/``dispatchEvent`` returns) and
``work`` the handler plus the style and layout it forces (read synchronously), with no
waiting for a frame: these show what the code itself costs.

Each step runs once to warm up, then ``repeat`` times; a step that changed nothing in the page
is an error (a selector that no longer matches must not pass for a fast step). Viewports: 1280
and 390 px (the target, 50 ms), and 390 px with the CPU slowed 4x through the DevTools
protocol (``Emulation.setCPUThrottlingRate``), a phone-like case reported apart.

The review page's drill ("Review now") asks nothing until the reader has answered some
drill: it is measured with a log of misses from yesterday put into the page's storage first.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.common import REPO

TARGET_MS = 50.0
"""Issue 16, target 4: checking, drawing the next round and redrawing the figure."""

VIEWPORTS = {
    "1280": {"width": 1280, "height": 900, "cpu": 1},
    "390": {"width": 390, "height": 844, "cpu": 1},
    "390-cpu4x": {"width": 390, "height": 844, "cpu": 4},
}
"""Viewport name -> size and CPU slowdown; only the unslowed ones are held to the target."""


@dataclass(frozen=True)
class Piece:
    """Where one interactive piece lives and which of its controls are timed.

    ``steps`` maps a step's name to the control (an id after the piece's ``data-prefix``) and
    how it is worked: ``click`` (a button), ``choose`` (the next option of a select) or
    ``slide`` (the next stop of a range input); ``fill`` names how answers are put in before
    a check."""

    page: str
    root: str
    steps: dict[str, tuple[str, str]]
    fill: str = ""
    seed_misses: bool = False
    note: str = ""


PIECES: dict[str, Piece] = {
    "label": Piece(
        "book/drills/label-the-diagram.html",
        "section.lc-static[data-kind='label']",
        {"check": ("check", "click"), "next": ("new", "click")},
        fill="answers",
    ),
    "identify": Piece(
        "book/drills/identify-the-muscle.html",
        "section.lc-static[data-kind='identify']",
        {"check": ("check", "click"), "next": ("new", "click")},
        fill="answers",
    ),
    "clue": Piece(
        "book/drills/clue-to-name.html",
        "section.lc-text",
        {"check": ("check", "click"), "next": ("new", "click")},
        fill="answers",
    ),
    "sort": Piece(
        "book/drills/sort-into-compartments.html",
        "section.lc-text",
        {"check": ("check", "click"), "next": ("new", "click")},
        fill="answers",
    ),
    "quick": Piece(
        "book/lower-leg/lateral.html",
        "section.lc-text",
        {"check": ("check", "click"), "next": ("new", "click")},
        fill="answers",
        note="the quick drill at the end of a compartment page (the lateral leg's)",
    ),
    "review": Piece(
        "book/review.html",
        "section.lc-review[data-ready]",
        {"check": ("check", "click"), "next": ("next", "click")},
        fill="radio",
        seed_misses=True,
        note="Review now asks nothing without progress: measured with misses from yesterday",
    ),
    "cases": Piece(
        "book/clinical-reasoning/cases.html",
        "section.lc-cases[data-started='yes']",
        {"check": ("check", "click"), "next": ("next", "click")},
        fill="boxes",
    ),
    "explorer": Piece(
        "book/clinical-reasoning/explorer.html",
        "section.lc-explorer[data-started='yes']",
        {"choose": ("choice", "choose")},
        note="no check or next: choosing a lesion (its list) redraws the figures",
    ),
    "slider": Piece(
        "book/joints/moving-joints.html",
        "figure.lc-angle[data-started='yes']",
        {"redraw": ("input", "slide")},
    ),
}
"""Every piece measured: the one place that names the pages, roots and controls."""

MISSES = 12
"""Muscles missed yesterday put in the review page's log (more than warm-up + repeat, so
that Review now does not run out of questions; ``run`` raises it for a larger repeat)."""

DAY_MS = 86_400_000

PAGE_JS = r"""
(() => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const fire = (el, type) => el.dispatchEvent(new Event(type, { bubbles: true }));

  function root(selector) {
    const el = document.querySelector(selector);
    if (!el) throw new Error(`no ${selector} on the page`);
    return el;
  }

  function control(r, id) {
    const el = document.getElementById(r.getAttribute("data-prefix") + id);
    if (!el) throw new Error(`no #${r.getAttribute("data-prefix")}${id} in the piece`);
    return el;
  }

  // Put an answer in every question (round-robin over the offered names, some right, most
  // not), as a reader would before Check; nothing here is timed.
  function fill(r, how, turn) {
    const p = r.getAttribute("data-prefix");
    if (how === "answers") {
      const boxes = r.querySelectorAll(`[id^="${p}answer-"]`);
      const names = [...(document.getElementById(p + "names") || { options: [] }).options]
        .map((o) => o.value);
      boxes.forEach((box, k) => {
        if (box.tagName === "SELECT") {
          box.selectedIndex = 1 + ((k + turn) % (box.options.length - 1));
        } else {
          box.value = names.length ? names[(7 * k + turn) % names.length] : "x";
        }
        fire(box, "input");
        fire(box, "change");
      });
      return boxes.length;
    }
    if (how === "radio") {
      const radios = r.querySelectorAll(`#${p}now input[type=radio]`);
      if (!radios.length) return 0;
      radios[turn % radios.length].click();
      return 1;
    }
    if (how === "boxes") {
      const sets = r.querySelectorAll(`#${p}case fieldset`);
      sets.forEach((set, k) => {
        const inputs = set.querySelectorAll("input");
        if (inputs.length) inputs[(k + turn) % inputs.length].click();
      });
      return sets.length;
    }
    return 0;
  }

  // What the step does to its control; returns a check that the step took.
  function act(el, how) {
    if (how === "click") {
      el.click();
      return () => true;
    }
    if (how === "choose") {
      const values = [...el.options].map((o) => o.value).filter(Boolean);
      const next = values[(values.indexOf(el.value) + 1) % values.length];
      el.value = next;
      fire(el, "change");
      return () => el.value === next;
    }
    if (how === "slide") {
      const stops = [];
      for (let v = Number(el.min); v <= Number(el.max); v += Number(el.step || 1)) stops.push(v);
      const next = String(stops[(stops.indexOf(Number(el.value)) + 1) % stops.length]);
      el.value = next;
      fire(el, "input");
      const figure = el.closest("[data-shown]") || el.closest("figure");
      return () => figure.getAttribute("data-shown") === next;
    }
    throw new Error(`unknown way to work a control: ${how}`);
  }

  async function step(selector, id, how, fillHow, turn) {
    const r = root(selector);
    const filled = fillHow ? fill(r, fillHow, turn) : 0;
    const el = control(r, id);
    await frame(); // what filling in left to draw is drawn before the clock starts
    let changes = 0;
    const watch = new MutationObserver((records) => { changes += records.length; });
    watch.observe(r, { subtree: true, childList: true, attributes: true, characterData: true });
    const marks = () => (r.textContent.match(/[\u2713\u2717]/g) || []).length;
    const before = marks();
    const t0 = performance.now();
    const took = act(el, how);
    const t1 = performance.now();
    void document.body.getBoundingClientRect().height; // style and layout, forced
    const t2 = performance.now();
    await frame();
    const t3 = performance.now();
    watch.disconnect();
    // a check must add verdicts (each marked \u2713 or \u2717), not only a message
    const verdicts = marks() - before;
    return { ms: t3 - t0, script: t1 - t0, work: t2 - t0, changes, filled, took: took(), verdicts };
  }

  return { step };
})()
"""
"""The in-page timer, installed as ``window.__lcBench`` on each page."""


def _sys_path_tests() -> None:
    tests = str(REPO / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)


def _stats(samples: list[float]) -> dict:
    return {
        "median": round(statistics.median(samples), 2),
        "min": round(min(samples), 2),
        "max": round(max(samples), 2),
    }


def _seed_misses(page, piece: Piece, count: int) -> None:
    """Put ``count`` misses from yesterday into the review page's log, then reload."""
    page.evaluate(
        """([count, day]) => {
            const data = JSON.parse(document.querySelector('.lc-rv-data').textContent);
            const t = Date.now() - day;
            const events = Object.keys(data.muscles).slice(0, count)
                .map((m, i) => ({m, d: 'label', ok: false, t: t + i}));
            localStorage.setItem('legcourse.progress.v1', JSON.stringify({version: 1, events}));
        }""",
        [count, DAY_MS],
    )
    page.reload(wait_until="networkidle")
    page.wait_for_selector(piece.root)


def measure_piece(page, base: str, piece: Piece, repeat: int, misses: int) -> dict:
    """Open the piece's page in ``page`` and time each of its steps; per step the median, min
    and max of ``ms`` (to the painted frame), ``script`` and ``work``, and the samples."""
    page.goto(f"{base}/{piece.page}", wait_until="networkidle")
    page.wait_for_selector(piece.root, state="attached")
    if piece.seed_misses:
        _seed_misses(page, piece, misses)
    page.evaluate(f"window.__lcBench = {PAGE_JS}")
    samples: dict[str, dict[str, list[float]]] = {
        name: {"ms": [], "script": [], "work": []} for name in piece.steps
    }
    for turn in range(repeat + 1):  # turn 0 warms up
        for name, (control, how) in piece.steps.items():
            fill = piece.fill if name == "check" else ""
            got = page.evaluate(
                "([s, id, how, fill, turn]) => window.__lcBench.step(s, id, how, fill, turn)",
                [piece.root, control, how, fill, turn],
            )
            checked = name != "check" or got["verdicts"] > 0
            if not (got["changes"] and got["took"] and checked) or (fill and not got["filled"]):
                raise RuntimeError(
                    f"{piece.page}: step {name!r} changed nothing in the page ({got})"
                )
            if turn:
                for key in ("ms", "script", "work"):
                    samples[name][key].append(got[key])
    return {
        name: {
            **_stats(s["ms"]),
            "script_median": round(statistics.median(s["script"]), 2),
            "work_median": round(statistics.median(s["work"]), 2),
            "samples": [round(x, 2) for x in s["ms"]],
        }
        for name, s in samples.items()
    }


def measure(browser, base: str, repeat: int, pieces: dict[str, Piece] | None = None) -> dict:
    """Every piece at every viewport: {viewport: {piece: {step: figures}}}."""
    pieces = PIECES if pieces is None else pieces
    misses = max(MISSES, repeat + 3)
    results: dict[str, dict] = {}
    for viewport, setting in VIEWPORTS.items():
        context = browser.new_context(
            viewport={"width": setting["width"], "height": setting["height"]}
        )
        try:
            page = context.new_page()
            # a measured page fetches nothing from outside the book
            page.route(re.compile(r"^(?!" + re.escape(base) + r")"), lambda r: r.abort())
            if setting["cpu"] != 1:
                cdp = context.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": setting["cpu"]})
            results[viewport] = {
                name: measure_piece(page, base, piece, repeat, misses)
                for name, piece in pieces.items()
            }
        finally:
            context.close()
    return results


def verdict(results: dict) -> dict:
    """The slowest step at each viewport, and whether every median at the unslowed viewports
    is under ``TARGET_MS``."""
    slowest, over = {}, []
    for viewport, pieces in results.items():
        steps = [(f"{p} {s}", f) for p, ss in pieces.items() for s, f in ss.items()]
        name, figures = max(steps, key=lambda item: item[1]["median"])
        slowest[viewport] = {"step": name, "median": figures["median"], "max": figures["max"]}
        if VIEWPORTS[viewport]["cpu"] == 1:
            over += [f"{viewport} {n}" for n, f in steps if f["median"] >= TARGET_MS]
    return {"slowest": slowest, "over_target": over, "met": not over}


def run(html_dir: Path, repeat: int = 5, browser=None) -> dict:
    """Time every interactive piece of the book built in ``html_dir``.

    ``browser``: a launched Playwright Chromium to use (default: one is launched and closed).

    Returns ``results`` ({viewport: {piece: {step: {median, min, max, script_median,
    work_median, samples}}}}, in ms), ``pages`` (the page each piece came from), ``notes``,
    ``viewports``, ``target_ms``, ``repeat`` and the ``verdict`` (see ``verdict``)."""
    _sys_path_tests()
    from browser_support import CHROMIUM, CHROMIUM_ARGS, served
    from playwright.sync_api import sync_playwright

    html_dir = Path(html_dir)
    load_before = os.getloadavg()
    with served(html_dir) as base:
        if browser is not None:
            results = measure(browser, base, repeat)
        else:
            with sync_playwright() as p:
                own = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    results = measure(own, base, repeat)
                finally:
                    own.close()
    return {
        "target_ms": TARGET_MS,
        "repeat": repeat,
        "viewports": VIEWPORTS,
        "pages": {name: piece.page for name, piece in PIECES.items()},
        "notes": {name: piece.note for name, piece in PIECES.items() if piece.note},
        "results": results,
        "verdict": verdict(results),
        # the machine may be shared: its load averages (1, 5, 15 min) before and after
        "load": {"before": load_before, "after": os.getloadavg(), "cpus": os.cpu_count()},
    }


def table(result: dict) -> str:
    """The figures as a plain-text table: median [min-max] ms per piece, step and viewport."""
    viewports = list(result["results"])
    lines = [f"{'piece step':<20}" + "".join(f"{v:>24}" for v in viewports)]
    first = result["results"][viewports[0]]
    for piece, steps in first.items():
        for step in steps:
            cells = []
            for v in viewports:
                f = result["results"][v][piece][step]
                cells.append(f"{f['median']:.1f} [{f['min']:.1f}-{f['max']:.1f}]")
            lines.append(f"{piece + ' ' + step:<20}" + "".join(f"{c:>24}" for c in cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.inpage HTML_DIR [--repeat N] [--json FILE]``: print the table."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path, help="a built book's HTML folder")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the whole result here")
    args = parser.parse_args(argv)
    if not (args.html / "index.html").is_file():
        parser.error(f"{args.html} holds no built book (no index.html)")
    result = run(args.html, args.repeat)
    print(table(result))
    print(json.dumps(result["verdict"], indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
