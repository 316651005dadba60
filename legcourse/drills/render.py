"""Drill results as HTML for the widgets, and diagrams as PNG bytes for ``ipywidgets.Image``.

The diagram is drawn on a bare ``matplotlib.figure.Figure`` (not pyplot), so a notebook never
shows a stray copy of it below the drill.
"""

from __future__ import annotations

import html
import io

from matplotlib.figure import Figure

from legcourse.drills.results import CheckResult, Feedback, Session

RIGHT, WRONG = "\u2713", "\u2717"
GREEN, RED = "#1b7f3b", "#b3261e"
WIDTH_INCHES = 5.0
"""Width of a drill diagram; the height follows the view's shape."""


def diagram_png(view: str, *, pins=None, highlight=(), dpi: int = 100) -> bytes:
    """A diagram view (with pins or a highlighted muscle) as PNG bytes."""
    from legcourse import diagrams

    fig = Figure(figsize=(WIDTH_INCHES, WIDTH_INCHES), layout="constrained")
    ax = fig.add_subplot()
    # No colour key: it would crowd a small picture, and the drill is about names.
    diagrams.draw(view, ax, pins=pins, highlight=highlight, legend=False)
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    height = WIDTH_INCHES * abs(y1 - y0) / abs(x1 - x0)
    fig.set_size_inches(WIDTH_INCHES, min(height, 2.4 * WIDTH_INCHES))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def feedback_html(feedback: Feedback) -> str:
    """One answer's verdict: mark, question, the answer given, the right answer, why, a link."""
    mark = RIGHT if feedback.correct else WRONG
    colour = GREEN if feedback.correct else RED
    said = f"you said {html.escape(feedback.given)}" if feedback.given else "no answer"
    lines = [f'<b style="color:{colour}">{mark} {html.escape(feedback.prompt)}</b>: {said}.']
    if not feedback.correct:
        lines.append(f"Answer: <b>{html.escape(feedback.answer)}</b>.")
    if feedback.note and feedback.note != "No answer.":
        lines.append(f"<i>{html.escape(feedback.note)}</i>")
    lines.append(
        f'{html.escape(feedback.reason)}. <a href="{html.escape(feedback.link)}" '
        'target="_blank" style="color:#1a5fb4;text-decoration:underline">Read more</a>'
    )
    return '<li class="legcourse-feedback">' + "<br>".join(lines) + "</li>"


def result_html(result: CheckResult) -> str:
    """The whole result of a Check: the message, then one line per question."""
    parts = [f'<p class="legcourse-message">{html.escape(result.message)}</p>']
    if result.feedback:
        items = "".join(feedback_html(f) for f in result.feedback.values())
        style = "list-style:none;padding-left:0;line-height:1.45"
        parts.append(f'<ol class="legcourse-feedback-list" style="{style}">{items}</ol>')
    return "".join(parts)


def verdict_html(feedback: Feedback) -> str:
    """The mark beside an answer's menu or box after Check: "✓ right" or "✗ wrong: <answer>"
    (words as well as colour and sign, as the in-page drills say it)."""
    if feedback.correct:
        css, colour, words = "right", GREEN, f"{RIGHT} right"
    else:
        css, colour, words = "wrong", RED, f"{WRONG} wrong: {html.escape(feedback.answer)}"
    style = f"color:{colour};line-height:1.4"
    return f'<div class="legcourse-{css}" style="{style}">{words}</div>'


def score_html(
    result: CheckResult | None, session: Session, confused_as: str = "answered as"
) -> str:
    """ "Score: N/M" for this round (once counted), the session's score, the worst confusions
    (``confused_as`` words them: "soleus answered as plantaris", "pectineus put in the ...")."""
    this_round = result.score_text if result is not None and result.feedback else "-"
    parts = [
        f'<b>Score: <span class="legcourse-score">{this_round}</span></b>',
        f'session: <span class="legcourse-session">{session.score_text}</span>'
        f" over {session.rounds} round{'s' if session.rounds != 1 else ''}",
    ]
    confused = confusions_text(session, confused_as=confused_as)
    if confused:
        parts.append(f"most often confused: {html.escape(confused)}")
    return " &middot; ".join(parts)


def confusions_text(session: Session, n: int = 3, confused_as: str = "answered as") -> str:
    """The muscles mixed up most often and what they were taken for, e.g. "soleus answered
    as plantaris (2 times)" or "pectineus put in the medial compartment of the thigh (1 time)"."""
    pairs = session.most_confused(n)
    return "; ".join(
        f"{right} {confused_as} {given} ({count} time{'s' if count != 1 else ''})"
        for (right, given), count in pairs
    )
