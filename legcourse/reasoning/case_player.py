"""The clinical cases, played: in Jupyter (``CasePlayer``) and in the published book
(``cases_html``, no kernel).

A case shows its story and its questions (pick one, or tick every one that applies). **Check**
marks each answer and explains it: the case's own explanation, the facts the data adds (what
the lesion does to each movement offered, each muscle's nerve and segments, the red flag) and a
link into the book; then the level of care. Python writes all of it;
``reasoning/assets/cases.js`` only compares the ticks with the right options and shows what
Python wrote.

>>> player = CasePlayer("crossed_legs_foot_drop")
>>> player.inputs["where"].value = "common_fibular_fibular_neck"
>>> player.check_button.click()
>>> "Right" in player.feedback.value
True
"""

from __future__ import annotations

import html
import json

import ipywidgets as w

from legcourse.core import links
from legcourse.core.cases import answer, get_case, is_multiple, option_label, options
from legcourse.core.catalog import get_catalog
from legcourse.core.htmlids import check_id_prefix
from legcourse.reasoning.casework import QuestionFeedback, check_case, question_feedback
from legcourse.reasoning.explorer import _asset, book_base

NOTICE = (
    "These stories are made up, for learning anatomy. They are not medical advice: if you are "
    "worried about your own leg, see a clinician."
)


def feedback_body_html(item: QuestionFeedback) -> str:
    """The explanation of one question as HTML: the answer, why, the data's facts, a link."""
    parts = [
        f"<p><strong>Answer:</strong> {html.escape('; '.join(item.answer_words))}.</p>",
        f"<p>{html.escape(item.explain)}</p>",
    ]
    if item.facts:
        facts = "".join(f"<li>{html.escape(f)}</li>" for f in item.facts)
        parts.append(f"<p><strong>From the course data:</strong></p><ul>{facts}</ul>")
    text, url = item.link
    if url:
        parts.append(f"<p><a href='{html.escape(url)}'>{html.escape(text)}</a></p>")
    return "".join(parts)


def feedback_html(item: QuestionFeedback, ask: str) -> str:
    """One question's verdict and explanation as HTML."""
    css = "lc-right" if item.right else "lc-wrong"
    mark = "\u2713" if item.right else "\u2717"
    return (
        f"<div class='lc-feedback {css}'><p><span class='lc-verdict {css}'>{mark} "
        f"{item.verdict}</span> &middot; {html.escape(ask)}</p>{feedback_body_html(item)}</div>"
    )


def care_html(urgency_id: str, care: str) -> str:
    """The level of care of a case, as HTML."""
    level = get_catalog().vocabulary("urgencies")[urgency_id].label
    return (
        f"<div class='lc-care'><p><strong>Level of care:</strong> {html.escape(level)}.</p>"
        f"<p>{html.escape(care)}</p></div>"
    )


WIDGET_STYLE = (
    "<style>.legcourse-cases .lc-feedback { border-left: 4px solid; padding-left: 0.7rem; "
    "margin: 0.5rem 0; } .legcourse-cases .lc-feedback.lc-wrong { border-left-style: dashed; } "
    ".legcourse-cases .lc-right { color: #14642e; } .legcourse-cases .lc-wrong { color: #a3231b; }"
    " .legcourse-cases .lc-feedback p, .legcourse-cases .lc-feedback li { color: inherit; } "
    ".legcourse-cases a { color: #1a5fb4; text-decoration: underline; } .legcourse-cases "
    ".lc-care { border: 1px solid #b38f00; padding: 0.3rem 0.8rem; border-radius: 4px; }</style>"
)
"""The few styles the feedback needs in Jupyter (the book's page has its own stylesheet)."""


class CasePlayer(w.VBox):
    """A case at a time, as an ipywidgets panel.

    Attributes a test (or a curious learner) may drive: ``case_choice`` (a Dropdown of case
    ids), ``inputs`` ({question id: a RadioButtons, or a list of Checkboxes for a question that
    takes several ticks}), ``check_button``, ``next_button``, ``feedback`` and ``score``.

    Raises:
        UnknownNameError: no case has this id; the message suggests close ids.
    """

    def __init__(self, case_id: str = ""):
        cases = get_catalog().cases
        first = get_case(case_id).id if case_id else next(iter(cases))
        self.case_choice = w.Dropdown(
            options=[(c.title, c.id) for c in cases.values()], value=first, description="Case"
        )
        self.case_choice.layout.width = "min(40rem, 100%)"
        self.story = w.HTML()
        self.questions = w.VBox()
        self.check_button = w.Button(description="Check", button_style="primary")
        self.next_button = w.Button(description="Next case")
        self.feedback = w.HTML()
        self.score = w.HTML()
        self.feedback.add_class("legcourse-feedback")
        self.inputs: dict[str, w.RadioButtons | list[w.Checkbox]] = {}
        self.done: dict[str, str] = {}  # case id -> score text, this session
        self.check_button.on_click(lambda _: self.on_check())
        self.next_button.on_click(lambda _: self.on_next())
        self.case_choice.observe(lambda change: self.show(change["new"]), names="value")
        super().__init__(
            [
                w.HTML(
                    f"{WIDGET_STYLE}<h3>Clinical cases</h3><p><em>{html.escape(NOTICE)}</em></p>"
                ),
                self.case_choice,
                self.story,
                self.questions,
                w.HBox([self.check_button, self.next_button]),
                self.score,
                self.feedback,
            ]
        )
        self.add_class("legcourse-cases")
        self.show(first)

    def show(self, case_id: str) -> None:
        """Show a case with blank answers."""
        case = get_catalog().cases[case_id]
        self.story.value = f"<h4>{html.escape(case.title)}</h4><p>{html.escape(case.story)}</p>"
        self.inputs = {}
        boxes = []
        for number, q in enumerate(case.questions, start=1):
            pairs = [(option_label(q, o), o) for o in options(q)]
            ask = w.HTML(f"<strong>{number}. {html.escape(q.ask)}</strong>")
            if is_multiple(q):
                ticks = [w.Checkbox(description=label, indent=False) for label, _ in pairs]
                for tick, (_, value) in zip(ticks, pairs, strict=True):
                    tick.option = value
                    tick.layout.width = "auto"
                self.inputs[q.id] = ticks
                boxes.append(w.VBox([ask, *ticks]))
            else:
                radio = w.RadioButtons(options=pairs, value=None, layout={"width": "auto"})
                self.inputs[q.id] = radio
                boxes.append(w.VBox([ask, radio]))
        self.questions.children = boxes
        self.feedback.value = ""
        self.score.value = ""

    def answers(self) -> dict[str, str | list[str]]:
        """The learner's answers, by question id."""
        out: dict[str, str | list[str]] = {}
        for qid, widget in self.inputs.items():
            if isinstance(widget, list):
                out[qid] = [t.option for t in widget if t.value]
            else:
                out[qid] = widget.value or ""
        return out

    def on_check(self) -> None:
        """Mark the answers and explain them, then give the level of care."""
        case = get_catalog().cases[self.case_choice.value]
        result = check_case(case.id, self.answers(), base=book_base())
        asks = {q.id: q.ask for q in case.questions}
        self.feedback.value = "".join(
            feedback_html(f, asks[f.question_id]) for f in result.feedback
        ) + care_html(result.urgency, result.care)
        self.done[case.id] = result.score_text
        total = sum(int(s.split("/")[0]) for s in self.done.values())
        asked = sum(int(s.split("/")[1]) for s in self.done.values())
        self.score.value = (
            f"<p><strong>This case: {result.score_text}</strong> &middot; this session: "
            f"{total}/{asked} over {len(self.done)} case{'s' if len(self.done) != 1 else ''}</p>"
        )

    def on_next(self) -> None:
        """Go to the next case (after the last, back to the first)."""
        ids = [value for _, value in self.case_choice.options]
        position = ids.index(self.case_choice.value)
        self.case_choice.value = ids[(position + 1) % len(ids)]


# --- the kernel-free page fragment ---------------------------------------------------------

HIDE_IN_JUPYTER = (
    "<style>.jp-OutputArea .lc-cases, .jp-RenderedHTMLCommon .lc-cases { display: none; }</style>"
)


def cases_data(base: str) -> dict:
    """Every case as the page's script needs it: story, questions with their options and right
    options (by position), and the feedback of each question already written."""
    cat = get_catalog()
    cases = []
    for case in cat.cases.values():
        questions = []
        for q in case.questions:
            offered = options(q)
            right = set(answer(case, q))
            item = question_feedback(case, q, list(right), base)
            questions.append(
                {
                    "id": q.id,
                    "ask": q.ask,
                    "multi": is_multiple(q),
                    "options": [option_label(q, o) for o in offered],
                    "right": [i for i, o in enumerate(offered) if o in right],
                    "explain": feedback_body_html(item),
                }
            )
        result = check_case(case.id, {}, base)
        cases.append(
            {
                "id": case.id,
                "title": case.title,
                "story": case.story,
                "questions": questions,
                "care": care_html(result.urgency, result.care),
            }
        )
    return {"cases": cases}


def cases_html(*, id_prefix: str = "cases-") -> str:
    """The kernel-free case player as an HTML fragment (styles, data, script).

    Raises:
        ValueError: an id prefix unfit for HTML.
    """
    p = check_id_prefix(id_prefix)
    data = cases_data(links.IN_BOOK_BASE)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    picks = "".join(
        f'<option value="{i}">{html.escape(c["title"])}</option>'
        for i, c in enumerate(data["cases"])
    )
    return f"""{HIDE_IN_JUPYTER}<style>{_asset("reasoning.css")}</style>
<section class="lc-cases" id="{p}cases" data-prefix="{p}" aria-labelledby="{p}title">
<h2 class="lc-title" id="{p}title">Clinical cases</h2>
<p><em>{html.escape(NOTICE)}</em></p>
<noscript><p>The cases need JavaScript. Open this page as a notebook in Jupyter to play them
there.</p></noscript>
<p><label for="{p}pick"><strong>Case</strong></label>
<select id="{p}pick">{picks}</select></p>
<p class="lc-progress" id="{p}progress" role="status" aria-live="polite"></p>
<div class="lc-case" id="{p}case"></div>
<div class="lc-buttons">
<button type="button" class="lc-check" id="{p}check">Check</button>
<button type="button" class="lc-next" id="{p}next">Next case</button>
</div>
<div class="lc-results" id="{p}results" aria-live="polite"></div>
<script type="application/json" class="lc-data">{payload}</script>
</section>
<script>{_asset("cases.js")}</script>"""
