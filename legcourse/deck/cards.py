"""The note type of the deck: the fields of a muscle and the three cards made from each note.

* **Name → facts**: the name; recall where it lies, its attachments, nerve and actions.
* **Facts → name**: where it lies, its attachments, nerve and actions; recall the name.
* **Which muscle is highlighted?**: the muscle on the bones, unnamed; recall the name. Made
  only for notes with figures (Anki makes no card whose front would be empty).

Every answer ends with the book's spotlight of the muscle, a link to its section in the
published book and its sources. Cards are matched by their position in ``TEMPLATES``: add new
ones at the end.
"""

from __future__ import annotations

import genanki

from legcourse.deck.fields import FIELDS
from legcourse.deck.ids import MODEL_ID

MODEL_NAME = "legcourse leg muscle"

_NAME = """<h2 class="name">{{Name}}</h2>
{{#OtherNames}}<p class="also">Also called {{OtherNames}}.</p>{{/OtherNames}}"""
_PLACE = """<dt>Compartment</dt><dd>{{Compartment}}</dd>
<dt>Origin</dt><dd>{{Origin}}</dd>
<dt>Insertion</dt><dd>{{Insertion}}</dd>
<dt>Nerve supply</dt><dd>{{Nerves}}</dd>
<dt>Actions</dt><dd>{{Actions}}</dd>"""
_MORE = """{{#Group}}<dt>Group</dt><dd>{{Group}}</dd>{{/Group}}
{{#BloodSupply}}<dt>Blood supply</dt><dd>{{BloodSupply}}</dd>{{/BloodSupply}}"""
_CLOSING = """{{#Spotlight}}<div class="figure">{{Spotlight}}</div>{{/Spotlight}}
<p class="book"><a href="{{Book}}">Read its section in the book</a></p>
<details class="sources"><summary>Sources</summary>{{Sources}}</details>"""


def _card(question: str, answer: str | None = None) -> str:
    """A card side: the question, and below a rule the answer (Anki scrolls to ``#answer``)."""
    body = question if answer is None else f'{question}\n<hr id="answer">\n{answer}'
    return f'<div class="legcourse">\n{body}\n</div>'


_RECALL_FACTS = f"""{_NAME}
<p class="prompt">Its compartment, origin, insertion, nerve supply and actions?</p>"""
_RECALL_NAME = f"""<p class="prompt">Which muscle is this?</p>
<dl class="facts">\n{_PLACE}\n</dl>"""
_HIGHLIGHTED = """<p class="prompt">Which muscle is highlighted?</p>
<div class="figure">{{Highlighted}}</div>"""

TEMPLATES = [
    {
        "name": "Name → facts",
        "qfmt": _card(_RECALL_FACTS),
        "afmt": _card(_RECALL_FACTS, f'<dl class="facts">\n{_PLACE}\n{_MORE}\n</dl>\n{_CLOSING}'),
    },
    {
        "name": "Facts → name",
        "qfmt": _card(_RECALL_NAME),
        "afmt": _card(_RECALL_NAME, f'{_NAME}\n<dl class="facts">\n{_MORE}\n</dl>\n{_CLOSING}'),
    },
    {
        "name": "Which muscle is highlighted?",
        # an empty front makes no card: notes without figures get none of this kind
        "qfmt": "{{#Highlighted}}" + _card(_HIGHLIGHTED) + "{{/Highlighted}}",
        # the answer shows the spotlight instead: the same view, named
        "afmt": _card('<p class="prompt">Which muscle is highlighted?</p>', f"{_NAME}\n{_CLOSING}"),
    },
]
"""The three cards of a note (front ``qfmt``, back ``afmt``)."""

CSS = """\
.card { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 18px;
  line-height: 1.45; text-align: left; color: #1d1d1d; background: #ffffff; }
.card.nightMode, .nightMode .card { color: #e8e8e8; background: #1e1e1e; }
.legcourse { max-width: 36em; margin: 0 auto; padding: 0 0.5em; }
.prompt { color: #4a4a4a; font-style: italic; margin: 0.3em 0; }
.nightMode .prompt { color: #c4c4c4; }
.name { font-size: 1.4em; margin: 0.2em 0; }
.also { margin: 0 0 0.6em; }
dl.facts { margin: 0.4em 0; }
dl.facts dt { font-weight: bold; margin-top: 0.5em; }
dl.facts dd { margin: 0 0 0 1em; }
/* The figures have a white background of their own (readable in night mode too). */
.figure img { display: block; max-width: 100%; max-height: 85vh; height: auto;
  margin: 0.6em auto; border-radius: 4px; }
a { color: #1a5fb4; }
.nightMode a { color: #8cb4ff; }
.sources { font-size: 0.8em; margin-top: 0.8em; }
.sources ul { padding-left: 1.2em; }
"""
"""The cards' style: readable on a phone, in Anki's day and night modes."""


def note_type() -> genanki.Model:
    """The deck's note type (fixed id ``ids.MODEL_ID``), sorted by the muscle's name."""
    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=TEMPLATES,
        css=CSS,
        sort_field_index=FIELDS.index("Name"),
    )
