"""The clinical-reasoning package without a browser: the case answers and their feedback, the
checks of cases.yaml, the ipywidgets lesion explorer and case player driven through their
traits and buttons, and the kernel-free fragments Python writes for the book.

Every expectation comes from the data: the right answers from ``legcourse.core.cases.answer``,
a lesion's muscles and movements from ``legcourse.lesion_effects``, words from the catalog.
"""

from __future__ import annotations

import html
import json
import math
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from conftest import REPO

import legcourse
from legcourse import DataError, UnknownNameError
from legcourse.core import links
from legcourse.core.cases import answer, is_multiple, option_label, options, urgency
from legcourse.core.catalog import get_catalog
from legcourse.core.lesions import EFFECT_HEADINGS
from legcourse.core.loading import load_data
from legcourse.diagrams import muscles_in_view
from legcourse.diagrams.style import DARKENED, HIGHLIGHT_EDGE
from legcourse.diagrams.views import built_view
from legcourse.reasoning import CasePlayer, LesionExplorer, cases_html, check_case, explorer_html
from legcourse.reasoning import explorer as explorer_module
from legcourse.reasoning.sites import (
    HIT_PX,
    MODEL_SITES,
    RING_PX,
    SCHEMATIC_SITES,
    marker_gid,
    marker_radii,
    model_site_world,
    nerve_lesions,
    root_lesions,
    sites,
)
from legcourse.reasoning.summary import EXPLORER_VIEWS

BOOK = REPO / "book"
CASES = list(get_catalog().cases.values())
CASE_IDS = [c.id for c in CASES]
LESION_IDS = list(get_catalog().lesions)

SEGMENT_RANGE = re.compile(r"\b[LS]\d\s*(?:-|\u2013|\u2014|to)\s*[LS]?\d\b")
"""A typed range of spinal segments ("L4-S1", "L2\u20134", "L5 to S1"): the data holds those."""


def right_answers(case) -> dict[str, list[str]]:
    return {q.id: list(answer(case, q)) for q in case.questions}


def wrong_answer(case, question) -> list[str]:
    """An answer to the question that is given but not right."""
    right = set(answer(case, question))
    offered = options(question)
    others = [o for o in offered if o not in right]
    if not is_multiple(question):
        return others[:1]
    if others:  # every right option, and one more
        return [*[o for o in offered if o in right], others[0]]
    return [o for o in offered if o in right][1:]  # all are right: leave one out


# --- the answers and their feedback ----------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_the_derived_answers_score_full_marks(case):
    result = check_case(case.id, right_answers(case))
    n = len(case.questions)
    assert result.score_text == f"{n}/{n}"
    assert [f.verdict for f in result.feedback] == ["Right"] * n
    assert [f.question_id for f in result.feedback] == [q.id for q in case.questions]
    assert result.urgency == urgency(case) and result.care == case.care


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_no_answer_scores_nothing(case):
    result = check_case(case.id, {})
    assert result.score == 0 and result.score_text == f"0/{len(case.questions)}"
    assert {f.verdict for f in result.feedback} == {"Not answered"}
    # Blank widgets give "" and [] rather than nothing at all: the same verdicts.
    blank = {q.id: [] if is_multiple(q) else "" for q in case.questions}
    assert [f.verdict for f in check_case(case.id, blank).feedback] == ["Not answered"] * len(
        case.questions
    )


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_a_wrong_answer_is_not_quite_and_names_the_right_one(case):
    answers = {q.id: wrong_answer(case, q) for q in case.questions}
    result = check_case(case.id, answers)
    assert [f.verdict for f in result.feedback] == ["Not quite"] * len(case.questions)
    for q, item in zip(case.questions, result.feedback, strict=True):
        right = [option_label(q, o) for o in options(q) if o in answer(case, q)]
        assert list(item.answer_words) == right and item.explain == q.explain


def test_every_movements_question_has_right_and_wrong_options():
    asked = [(c, q) for c in CASES for q in c.questions if q.kind == "movements"]
    assert asked, "no case asks about movements"
    for case, q in asked:
        right = set(answer(case, q))
        assert right, f"{case.id}/{q.id}: the lesion affects none of the movements offered"
        assert right < set(q.movements), f"{case.id}/{q.id}: every movement offered is right"


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_movement_facts_follow_the_lesion(case, catalog):
    """The feedback of a movements question says "lost" exactly for the lost movements."""
    for q, item in zip(case.questions, check_case(case.id, {}).feedback, strict=True):
        if q.kind != "movements":
            continue
        lost = set(legcourse.lesion_effects(case.lesion).movements_lost)
        for action, fact in zip(q.movements, item.facts, strict=True):
            assert fact.lower().startswith(catalog.actions[action].noun.lower())
            assert (": lost;" in fact) == (action in lost), fact


def book_source(page: str) -> Path | None:
    """The source of a book page given by its path under book/ (as in
    "clinical-reasoning/lesions.html"), or None."""
    stem = BOOK / page.removesuffix(".html")
    found = [p for p in (stem.with_suffix(".md"), stem.with_suffix(".ipynb")) if p.is_file()]
    return found[0] if found else None


def check_link(url: str, relative_to: str = "") -> str:
    """What is wrong with ``url``, a link from the page ``relative_to`` (under book/): it must
    lead to a page of the book whose source holds the MyST label its anchor names. "" if
    nothing is."""
    target = urlsplit(urljoin("https://book.invalid/book/" + relative_to, url))
    if target.netloc != "book.invalid" or not target.path.startswith("/book/"):
        return f"{url}: leaves the book"
    source = book_source(target.path.removeprefix("/book/"))
    if source is None:
        return f"{url}: no page book/{target.path.removeprefix('/book/')} in the sources"
    if target.fragment and f"({target.fragment})=" not in source.read_text(encoding="utf-8"):
        return f"{url}: no label ({target.fragment})= in {source.relative_to(REPO)}"
    return ""


def test_the_link_checker_can_fail():
    assert check_link(links.lesion_url(LESION_IDS[0])) == ""
    assert "no label" in check_link(links.lesion_url(LESION_IDS[0]) + "-nowhere")
    assert "no page" in check_link("clinical-reasoning/nowhere.html")


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_every_feedback_link_leads_to_a_labelled_section(case):
    result = check_case(case.id, right_answers(case))
    urls = [f.link[1] for f in result.feedback if f.link[1]]
    assert urls, "no question of the case links into the book"
    assert all(text for text, url in (f.link for f in result.feedback) if url)
    problems = [p for p in map(check_link, urls) if p]
    assert not problems, "\n".join(problems)


def test_check_case_refuses_an_option_not_offered():
    case = CASES[0]
    question = case.questions[0]
    stray = "not_an_option_" + question.id
    with pytest.raises(ValueError, match=re.escape(stray)) as info:
        check_case(case.id, {question.id: stray})
    assert question.id in str(info.value) and case.id in str(info.value)
    multi = next((c, q) for c in CASES for q in c.questions if is_multiple(q))
    with pytest.raises(ValueError, match=stray):
        check_case(multi[0].id, {multi[1].id: [options(multi[1])[0], stray]})


def test_an_unknown_case_is_named_with_a_suggestion():
    typo = CASE_IDS[0][:-1]
    with pytest.raises(UnknownNameError) as info:
        check_case(typo, {})
    assert CASE_IDS[0] in info.value.suggestions
    assert f"Did you mean: {CASE_IDS[0]}" in str(info.value) and "case" in str(info.value)


def test_no_case_types_a_range_of_segments():
    assert all(SEGMENT_RANGE.search(s) for s in ("L4-S1", "L2\u20134", "L5 to S1", "S1 - S2"))
    found = []
    for case in CASES:
        texts = [case.title, case.story, case.care]
        for q in case.questions:
            texts += [q.ask, q.explain, *q.options, *q.answer]
        found += [f"{case.id}: {m.group()!r}" for t in texts for m in SEGMENT_RANGE.finditer(t)]
    assert not found, "segments typed by hand, the data holds them:\n" + "\n".join(found)


# --- what cases.yaml may not say ---------------------------------------------------------------


def break_cases(folder: Path, change):
    """Load cases.yaml, let ``change`` edit the entries, write them back; return what
    ``change`` returns."""
    path = folder / "cases.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    told = change(entries)
    path.write_text(yaml.safe_dump(entries, sort_keys=False, allow_unicode=True), "utf-8")
    return told


def line_of(folder: Path, entry_id: str, after: int = 0) -> int:
    """The line of cases.yaml where the entry (a case, or a question after line ``after``)
    with this id starts."""
    lines = (folder / "cases.yaml").read_text(encoding="utf-8").splitlines()
    wanted = re.compile(rf"^\s*- id: {re.escape(entry_id)}$")
    return next(n for n, line in enumerate(lines, 1) if n > after and wanted.match(line))


def only_problem(folder: Path):
    with pytest.raises(DataError) as info:
        load_data(folder)
    assert len(info.value.problems) == 1, str(info.value)
    return info.value.problems[0], str(info.value)


def first(entries, kinds) -> tuple[dict, dict]:
    """The first case entry with a question of one of ``kinds``, and that question."""
    return next((c, q) for c in entries for q in c["questions"] if q["kind"] in kinds)


def _answer_not_offered(entries):
    case, q = first(entries, ("choice", "multi"))
    q["answer"] = ["an answer no option gives"]
    return case, q, "answer", "an answer no option gives"


def _lesion_not_offered(entries):
    case, q = first(entries, ("lesion",))
    q["lesions"] = [x for x in q["lesions"] if x != case["lesion"]]
    return case, q, "questions", case["lesion"]


def _typed_derived_answer(entries):
    case, q = first(entries, ("movements",))
    q["answer"] = q["movements"][:1]
    return case, q, "answer", "comes from the data"


def _both_red_flag_and_urgency(entries):
    case = next(c for c in entries if c.get("red_flag"))
    case["urgency"] = next(iter(get_catalog().vocabulary("urgencies")))
    return case, None, "urgency", "red_flag"


def _unknown_kind(entries):
    case, q = first(entries, ("choice",))
    q["kind"] = "essay"
    return case, q, "kind", "'essay' is not a kind"


@pytest.mark.parametrize(
    "breaker",
    [
        _answer_not_offered,
        _lesion_not_offered,
        _typed_derived_answer,
        _both_red_flag_and_urgency,
        _unknown_kind,
    ],
    ids=lambda f: f.__name__.strip("_"),
)
def test_a_broken_case_names_file_case_question_and_field(data_copy, breaker):
    case, question, field, words = break_cases(data_copy, breaker)
    problem, message = only_problem(data_copy)
    assert problem.file == "cases.yaml", problem
    case_line = line_of(data_copy, case["id"])
    assert problem.row.startswith(f"line {case_line} (id {case['id']!r})"), problem
    if question is not None:
        question_line = line_of(data_copy, question["id"], after=case_line)
        in_row = f"(line {question_line}, id {question['id']!r})" in problem.row
        assert in_row or f"question {question['id']!r}" in problem.message, problem
    assert problem.field == field and words in problem.message, problem
    assert f"cases.yaml, {problem.row}, field '{field}'" in message, message


# --- the lesion explorer in Jupyter --------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def shapes(figures: str) -> dict[tuple[str, str], list[dict[str, str]]]:
    """(view, muscle id) -> the styles of its paths, from the explorer's figures (every part of
    a muscle, e.g. a second head, counts as the muscle)."""
    root = ET.fromstring(f"<root>{figures}</root>")
    found: dict[tuple[str, str], list[dict[str, str]]] = {}
    for view in EXPLORER_VIEWS:
        prefix = f"lx-{view}-muscle-"
        for g in root.iter(SVG + "g"):
            gid = g.get("id", "")
            if not gid.startswith(prefix):
                continue
            muscle = gid.removeprefix(prefix).split("-")[0]
            for path in g.iter(SVG + "path"):
                items = [i.split(":", 1) for i in path.get("style", "").split(";") if ":" in i]
                style = {k.strip(): v.strip().lower() for k, v in items}
                found.setdefault((view, muscle), []).append(style)
    return found


def marker_fills(figures: str) -> dict[str, str]:
    """Lesion id -> the fill of its marker's ring on the explorer's figures."""
    root = ET.fromstring(f"<root>{figures}</root>")
    fills = {}
    for lesion, (view, _, _) in sites().items():
        g = root.find(f".//{SVG}g[@id='lx-{view}-{marker_gid(lesion)}']")
        assert g is not None, f"no marker for {lesion} on the {view} view"
        style = g.find(f"{SVG}path").get("style", "")
        fill = re.search(r"fill:\s*([^;]+)", style)
        fills[lesion] = fill.group(1).strip().lower() if fill else "#000000"  # SVG's default
    return fills


def listed(effects_html: str, key: str) -> list[str]:
    """The items of one list of the effects panel (``key`` of ``EFFECT_HEADINGS``)."""
    heading = re.escape(html.escape(EFFECT_HEADINGS[key]))
    m = re.search(rf"<strong>{heading}:</strong></p><ul>(.*?)</ul>", effects_html, re.S)
    return [html.unescape(i) for i in re.findall(r"<li>(.*?)</li>", m.group(1))] if m else []


@pytest.fixture(scope="module")
def explorer():
    return LesionExplorer(LESION_IDS[-1])


@pytest.mark.parametrize("lesion_id", LESION_IDS)
def test_choosing_a_lesion_darkens_its_muscles_and_lists_its_losses(explorer, lesion_id, catalog):
    if explorer.choice.value == lesion_id:  # come from another lesion, so that it redraws
        explorer.choice.value = next(x for x in LESION_IDS if x != lesion_id)
    before = explorer.figures.value
    explorer.choice.value = lesion_id
    assert explorer.figures.value != before, "the diagrams did not change"

    effects = legcourse.lesion_effects(lesion_id)
    dark = DARKENED["facecolor"].lower()
    drawn = shapes(explorer.figures.value)
    expected_dark = {
        (v, m) for v in EXPLORER_VIEWS for m in effects.muscles_paralysed if m in muscles_in_view(v)
    }
    expected_weak = {
        (v, m) for v in EXPLORER_VIEWS for m in effects.muscles_weakened if m in muscles_in_view(v)
    }
    assert expected_dark | expected_weak <= set(drawn), "an affected muscle has no shape"
    wrong = []
    for key, styles in drawn.items():
        fills = {s.get("fill") for s in styles}
        if key in expected_dark:
            if fills != {dark}:
                wrong.append(f"{key} should be dark, has fill {fills}")
        elif key in expected_weak:
            edges = {s.get("stroke") for s in styles}
            if not all(f.startswith("url(") for f in fills) or edges != {
                HIGHLIGHT_EDGE["edgecolor"]
            }:
                wrong.append(f"{key} should be hatched and outlined, has {styles}")
        elif dark in fills or any(f.startswith("url(") for f in fills):
            wrong.append(f"{key} is not affected but is drawn {fills}")
    assert not wrong, "\n".join(wrong)

    fills = marker_fills(explorer.figures.value)
    assert {x for x, f in fills.items() if f != "#ffffff"} == (
        {lesion_id} if lesion_id in sites() else set()
    ), "only the chosen lesion's marker is filled"

    lost = [catalog.actions[a].noun for a in effects.movements_lost]
    assert listed(explorer.effects.value, "lost") == lost
    name = catalog.lesions[lesion_id].name
    assert name.lower() in html.unescape(explorer.effects.value).lower()


def test_the_explorer_offers_every_lesion_nerves_then_roots(catalog):
    panel = LesionExplorer()
    offered = [value for _, value in panel.choice.options]
    assert sorted(offered) == sorted(catalog.lesions), "a lesion is missing from the explorer"
    assert offered == nerve_lesions() + root_lesions()
    assert [label for label, _ in panel.choice.options] == [
        catalog.lesions[x].name for x in offered
    ]


# --- the case player in Jupyter ------------------------------------------------------------------


def verdicts(player: CasePlayer) -> list[str]:
    return re.findall(r"class='lc-verdict [^']*'>(.*?)</span>", player.feedback.value)


def answer_with(player: CasePlayer, answers: dict[str, list[str]]) -> None:
    """Pick the radio option, or tick exactly the boxes, given for each question."""
    for qid, widget in player.inputs.items():
        chosen = answers.get(qid, [])
        if isinstance(widget, list):
            for tick in widget:
                tick.value = tick.option in chosen
        else:
            widget.value = chosen[0] if chosen else None


def blank(player: CasePlayer) -> bool:
    return all(
        not any(t.value for t in widget) if isinstance(widget, list) else widget.value is None
        for widget in player.inputs.values()
    )


def level_label(case) -> str:
    return get_catalog().vocabulary("urgencies")[urgency(case)].label


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_the_player_marks_right_answers_right_and_gives_the_level_of_care(case):
    player = CasePlayer(case.id)
    assert player.case_choice.value == case.id and blank(player)
    assert list(player.inputs) == [q.id for q in case.questions]
    for q in case.questions:
        widget = player.inputs[q.id]
        shown = (
            [(t.description, t.option) for t in widget]
            if isinstance(widget, list)
            else list(widget.options)
        )
        assert shown == [(option_label(q, o), o) for o in options(q)]
        assert isinstance(widget, list) == is_multiple(q)
    answer_with(player, right_answers(case))
    player.check_button.click()
    n = len(case.questions)
    assert verdicts(player) == ["\u2713 Right"] * n
    feedback = html.unescape(player.feedback.value)
    assert f"Level of care:</strong> {level_label(case)}." in feedback
    assert case.care in feedback
    assert f"This case: {n}/{n}" in player.score.value


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_the_player_marks_wrong_answers_not_quite(case):
    player = CasePlayer(case.id)
    answer_with(player, {q.id: wrong_answer(case, q) for q in case.questions})
    player.check_button.click()
    assert verdicts(player) == ["\u2717 Not quite"] * len(case.questions)
    assert f"This case: 0/{len(case.questions)}" in player.score.value
    feedback = html.unescape(player.feedback.value)
    for q in case.questions:  # the right answer is named
        words = "; ".join(option_label(q, o) for o in options(q) if o in answer(case, q))
        assert f"Answer:</strong> {words}." in feedback


@pytest.mark.parametrize("position", range(len(CASES)), ids=CASE_IDS)
def test_next_case_moves_on_and_clears_the_answers(position):
    case = CASES[position]
    player = CasePlayer(case.id)
    answer_with(player, right_answers(case))
    player.check_button.click()
    player.next_button.click()
    following = CASES[(position + 1) % len(CASES)]
    assert player.case_choice.value == following.id
    assert list(player.inputs) == [q.id for q in following.questions]
    assert blank(player), "the next case starts with answers already chosen"
    assert player.feedback.value == "" and html.escape(following.title) in player.story.value


def test_the_session_score_adds_up_the_cases_checked():
    one, two = CASES[0], CASES[1]
    player = CasePlayer(one.id)
    answer_with(player, right_answers(one))
    player.check_button.click()
    player.next_button.click()
    player.check_button.click()  # nothing chosen
    assert verdicts(player) == ["\u2717 Not answered"] * len(two.questions)
    n, m = len(one.questions), len(two.questions)
    assert f"this session: {n}/{n + m} over 2 cases" in player.score.value


# --- the kernel-free fragments -------------------------------------------------------------------


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [v for k, v in attrs if k == "id" and v is not None]

    handle_startendtag = handle_starttag


def ids_of(fragment: str) -> list[str]:
    """The ids of the fragment's elements (not what its scripts hold)."""
    parser = _Ids()
    parser.feed(fragment)
    parser.close()
    return parser.ids


def payload(fragment: str) -> dict:
    scripts = re.findall(
        r'<script type="application/json" class="lc-data">(.*?)</script>', fragment, re.S
    )
    assert len(scripts) == 1, "expected one data script"
    assert "</script" not in scripts[0].lower()
    return json.loads(scripts[0])


@pytest.fixture(scope="module")
def explorer_fragment() -> str:
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv(links.BOOK_URL_VARIABLE, raising=False)
        return explorer_html()


@pytest.fixture(scope="module")
def cases_fragment() -> str:
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv(links.BOOK_URL_VARIABLE, raising=False)
        return cases_html()


def test_the_explorer_fragment_holds_every_lesion(explorer_fragment, catalog):
    data = payload(explorer_fragment)
    assert set(data["lesions"]) == set(catalog.lesions)
    assert data["views"] == list(EXPLORER_VIEWS)
    for lesion_id, shown in data["lesions"].items():
        effects = legcourse.lesion_effects(lesion_id)
        assert shown["name"] == catalog.lesions[lesion_id].name
        assert shown["paralysed"] == list(effects.muscles_paralysed)
        assert shown["weakened"] == list(effects.muscles_weakened)
        lost = [catalog.actions[a].noun for a in effects.movements_lost]
        assert listed(shown["html"], "lost") == lost
        for url in re.findall(r"href='([^']+)'", shown["html"]):
            assert check_link(html.unescape(url), "clinical-reasoning/explorer.html") == ""


def test_the_explorer_fragment_has_every_shape_and_marker_its_script_looks_for(
    explorer_fragment,
):
    p = "explore-"
    ids = ids_of(explorer_fragment)
    repeated = [i for i, n in Counter(ids).items() if n > 1]
    assert not repeated, f"ids used twice: {repeated[:10]}"
    assert all(i.startswith(p) for i in ids), "an id without the prefix"
    present = set(ids)
    missing = [
        f"{p}{view}-muscle-{m}"
        for view in EXPLORER_VIEWS
        for m in muscles_in_view(view)
        if f"{p}{view}-muscle-{m}" not in present
    ]
    missing += [f"{p}{v}-hatch" for v in EXPLORER_VIEWS if f"{p}{v}-hatch" not in present]
    missing += [
        f"{p}{sites()[x][0]}-{marker_gid(x)}"
        for x in nerve_lesions()
        if f"{p}{sites()[x][0]}-{marker_gid(x)}" not in present
    ]
    assert not missing, f"missing from the page: {missing}"
    roots = re.findall(
        r'<button type="button" class="lc-root" data-lesion="([^"]+)"', explorer_fragment
    )
    assert roots == root_lesions()


def test_the_explorer_views_hold_no_text_and_markers_a_finger_can_hit(explorer_fragment):
    """Each view is shown at least ``px_per_unit`` CSS pixels per unit of its drawing; there,
    each marker's ring is at least ``RING_PX`` across and the area that chooses it
    ``HIT_PX``. The drawings hold no text (their direction words are HTML around them)."""
    shown = explorer_module
    p = "explore-"
    for view in EXPLORER_VIEWS:
        figure = re.search(
            rf'<figure class="([^"]*)" data-view="{view}">(.*?)</figure>', explorer_fragment, re.S
        )
        assert figure, view
        assert ("lc-tall" in figure.group(1).split()) == shown.is_tall(view)
        svg = ET.fromstring(re.search(r"<svg.*</svg>", figure.group(2), re.S).group(0))
        assert svg.find(f".//{SVG}text") is None, f"text in the {view} drawing"
        if shown.is_tall(view):
            assert float(svg.get("height")) == shown.TALL_PX
        xmin, xmax, _, _ = built_view(view).layout.extent
        pt_per_unit = float(svg.get("viewBox").split()[2]) / (xmax - xmin)  # fills its figure
        for lesion in (x for x in nerve_lesions() if sites()[x][0] == view):
            for suffix, least in (("", RING_PX), ("-hit", HIT_PX)):
                g = svg.find(f".//{SVG}g[@id='{p}{view}-{marker_gid(lesion)}{suffix}']")
                assert g is not None, (view, lesion, suffix)
                d = g.find(f"{SVG}path").get("d")
                xs = [float(x) for x in re.findall(r"(-?[\d.]+) -?[\d.]+", d)]
                diameter = (max(xs) - min(xs)) / pt_per_unit * shown.px_per_unit(view)
                assert diameter >= least - 0.5, (view, lesion, suffix, diameter)


def test_the_cases_fragment_holds_every_case_with_its_right_options(cases_fragment, catalog):
    data = payload(cases_fragment)
    assert [c["id"] for c in data["cases"]] == CASE_IDS
    for case, shown in zip(CASES, data["cases"], strict=True):
        assert (shown["title"], shown["story"]) == (case.title, case.story)
        assert [q["id"] for q in shown["questions"]] == [q.id for q in case.questions]
        for q, item in zip(case.questions, shown["questions"], strict=True):
            offered = options(q)
            assert item["options"] == [option_label(q, o) for o in offered]
            assert [offered[i] for i in item["right"]] == list(answer(case, q))
            assert item["multi"] == is_multiple(q)
            for url in re.findall(r"href='([^']+)'", item["explain"]):
                assert check_link(html.unescape(url), "clinical-reasoning/cases.html") == ""
        assert f"Level of care:</strong> {html.escape(level_label(case))}." in shown["care"]
    ids = ids_of(cases_fragment)
    assert ids and len(ids) == len(set(ids)), Counter(ids).most_common(3)
    assert all(i.startswith("cases-") for i in ids)


@pytest.mark.parametrize(
    "call", [lambda: explorer_html(id_prefix="1 bad"), lambda: cases_html(id_prefix="a b")]
)
def test_an_unfit_id_prefix_is_refused(call):
    with pytest.raises(ValueError, match="id_prefix"):
        call()


def test_an_unknown_lesion_is_refused_by_the_fragment():
    with pytest.raises(ValueError, match="unknown lesion 'nowhere'"):
        explorer_html("nowhere")


def test_a_mistyped_id_gets_a_suggestion_and_a_stray_answer_is_refused():
    from legcourse.reasoning import CasePlayer, LesionExplorer, check_case

    first = next(iter(legcourse.get_catalog().cases))
    with pytest.raises(legcourse.UnknownNameError, match="Did you mean"):
        CasePlayer(first[:-1])
    with pytest.raises(legcourse.UnknownNameError, match="Did you mean"):
        LesionExplorer("root_l6")
    with pytest.raises(ValueError, match="has no question nowhere"):
        check_case(first, {"nowhere": "x"})


# --- where the injuries are marked on the model's bones ---------------------------------------


@pytest.mark.parametrize("lesion_id", sorted(MODEL_SITES))
def test_a_limb_site_lies_on_its_bone_or_within_the_limb_in_its_view(lesion_id):
    from model_support import ON_BONE_MM, point_to_triangles

    from legcourse.model import myoleg

    site = MODEL_SITES[lesion_id]
    assert site.view in EXPLORER_VIEWS
    if site.bone:
        verts, faces = myoleg.bone_mesh(myoleg.pose(), site.bone)
        gap_mm = point_to_triangles(model_site_world(lesion_id), verts[faces]) * 1000
        assert gap_mm <= ON_BONE_MM, (lesion_id, site.landmark, gap_mm)
    view, x, y = sites()[lesion_id]
    drawn = built_view(view)
    outlines = [bone.path for bone in drawn.bones] + [shape.path for shape in drawn.shapes]
    assert any(path.contains_point((x, y)) for path in outlines), (lesion_id, site.landmark)


def test_no_two_markers_share_a_touch_area_on_the_explorer():
    by_view: dict[str, list[tuple[str, float, float]]] = {}
    for lesion_id, (view, x, y) in sites().items():
        by_view.setdefault(view, []).append((lesion_id, x, y))
    for view, placed in by_view.items():
        _, hit = marker_radii(view, explorer_module.px_per_unit(view))
        for i, (a, ax, ay) in enumerate(placed):
            for b, bx, by in placed[i + 1 :]:
                assert math.dist((ax, ay), (bx, by)) >= 2 * hit, (view, a, b)


def test_the_explorer_marks_every_nerve_lesion_and_no_root():
    assert set(sites()) == set(nerve_lesions())
    assert not set(sites()) & set(root_lesions())
    assert set(sites()) == set(MODEL_SITES) | set(SCHEMATIC_SITES)
