"""The Anki deck (``legcourse deck``): the .apkg is opened as Anki opens it (a zip holding a
SQLite collection and numbered media files) and compared with the catalog it was written from.

Most tests write the deck without figures (a second or two); the figures are tested on a few
muscles, and the whole deck with every figure once (``slow``).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import genanki
import pytest
from PIL import Image

from legcourse.cli import build_parser, main
from legcourse.core import links
from legcourse.core.catalog import get_catalog
from legcourse.core.errors import UnknownNameError
from legcourse.deck import DEFAULT_FILE, DeckError, build, fields, ids, write_deck
from legcourse.deck.cards import TEMPLATES

TEXT_FIELDS = ("Name", "OtherNames", "Compartment", "Group", "Origin", "Insertion", "Nerves")
TEXT_FIELDS += ("Actions", "BloodSupply", "MuscleId")
"""Fields that hold data as text: no markup of any kind may appear in them."""
FRONT_OF_FACTS = ("Compartment", "Origin", "Insertion", "Nerves", "Actions")
"""What the "facts → name" card shows before the answer."""
SRC = re.compile(r'<img src="([^"]+)"')


@dataclass
class Apkg:
    """An .apkg file as Anki reads it."""

    notes: list[dict]
    cards: list[tuple[int, int, int]]
    """(note id, template ordinal, deck id) of each card."""
    models: dict
    decks: dict
    media: dict[str, bytes]

    def note(self, muscle_id: str) -> dict:
        return next(n for n in self.notes if n["fields"]["MuscleId"] == muscle_id)


def read_apkg(path: Path) -> Apkg:
    """Open a written deck: its notes (guid, model id, mod time, tags, fields by name), cards,
    note types, decks and media files by name."""
    with zipfile.ZipFile(path) as archive, tempfile.TemporaryDirectory() as folder:
        collection = Path(folder) / "collection.anki2"
        collection.write_bytes(archive.read("collection.anki2"))
        names = json.loads(archive.read("media"))
        media = {name: archive.read(index) for index, name in names.items()}
        db = sqlite3.connect(collection)
        try:
            models = json.loads(db.execute("select models from col").fetchone()[0])
            decks = json.loads(db.execute("select decks from col").fetchone()[0])
            rows = db.execute("select id, guid, mid, mod, tags, flds from notes order by id")
            notes = [_note(models, *row) for row in rows]
            cards = list(db.execute("select nid, ord, did from cards"))
        finally:
            db.close()
    return Apkg(notes, cards, models, decks, media)


def _note(models, note_id, guid, mid, mod, tags, flds) -> dict:
    names = [f["name"] for f in models[str(mid)]["flds"]]
    fields_ = dict(zip(names, flds.split("\x1f"), strict=True))
    return {
        "id": note_id,
        "guid": guid,
        "mid": mid,
        "mod": mod,
        "tags": tags.split(),
        "fields": fields_,
    }


@pytest.fixture(scope="module")
def text_deck(tmp_path_factory) -> tuple[build.DeckSummary, Apkg]:
    """The whole deck, without figures, written once for this module."""
    path = tmp_path_factory.mktemp("deck") / "text.apkg"
    summary = write_deck(path, figures=False, timestamp=1_700_000_000)
    return summary, read_apkg(path)


def clue(text: str, muscle) -> str:
    """A fact as the "facts -> name" card may show it: the muscle's own names hidden."""
    for name in sorted((muscle.name, *muscle.synonyms), key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}\b", "this muscle", text, flags=re.IGNORECASE)
    return text


def few_muscles() -> list[str]:
    """A few muscles for the figure tests: the first of every third compartment."""
    catalog = get_catalog()
    compartments = sorted({m.compartment for m in catalog.muscles.values()})
    return [catalog.muscles_in(c)[0] for c in compartments[::3]]


def sample_muscles() -> list[str]:
    """Every fourth muscle of the catalog, for checking the fields fact by fact."""
    return list(get_catalog().muscles)[::4]


# --- the notes --------------------------------------------------------------------------------


def test_one_note_per_muscle_and_two_cards_each_without_figures(text_deck):
    summary, apkg = text_deck
    catalog = get_catalog()
    assert [n["fields"]["MuscleId"] for n in apkg.notes] == list(catalog.muscles)
    assert summary.notes == len(apkg.notes) == len(catalog.muscles)
    # without figures, no "which muscle is highlighted?" card
    assert sorted({ord_ for _, ord_, _ in apkg.cards}) == [0, 1]
    assert summary.cards == len(apkg.cards) == 2 * len(catalog.muscles)
    assert summary.media == 0 and not apkg.media
    assert summary.size == summary.path.stat().st_size


@pytest.mark.parametrize("muscle_id", sample_muscles())
def test_fields_hold_the_catalogs_facts(text_deck, muscle_id):
    _, apkg = text_deck
    catalog = get_catalog()
    m = catalog.muscles[muscle_id]
    got = {name: html.unescape(value) for name, value in apkg.note(muscle_id)["fields"].items()}
    assert got["Name"] == m.name
    assert got["Origin"] == clue(m.origin, m)
    assert got["Insertion"] == clue(m.insertion, m)
    for nerve in m.innervation:
        words = f"{catalog.nerves[nerve].label} ({catalog.nerves[nerve].roots})"
        assert clue(words, m) in got["Nerves"]
    assert m.roots in got["Nerves"]
    for action in m.actions:
        assert clue(catalog.label("actions", action), m).lower() in got["Actions"].lower()
    for synonym in m.synonyms:
        assert synonym in got["OtherNames"]
    assert catalog.label("compartments", m.compartment).lower() in got["Compartment"].lower()
    for vessel in m.blood_supply:
        assert catalog.label("vessels", vessel) in got["BloodSupply"]
    assert got["Book"] == links.muscle_url(muscle_id, base=links.published_book_base())
    for key in m.sources:
        assert catalog.sources[key].text in got["Sources"]
    assert got["Highlighted"] == got["Spotlight"] == ""


def test_the_book_link_is_the_published_address_of_the_muscles_section(text_deck):
    _, apkg = text_deck
    for note in apkg.notes:
        link = html.unescape(note["fields"]["Book"])
        assert link.startswith(links.published_book_base())
        assert link.endswith("#" + links.muscle_label(note["fields"]["MuscleId"]))


def test_the_facts_card_does_not_name_its_muscle(text_deck):
    _, apkg = text_deck
    for note in apkg.notes:
        m = get_catalog().muscles[note["fields"]["MuscleId"]]
        front = " ".join(html.unescape(note["fields"][f]) for f in FRONT_OF_FACTS).lower()
        for name in (m.name, *m.synonyms):
            assert not re.search(rf"\b{re.escape(name.lower())}\b", front), (m.muscle_id, name)


def test_notes_are_tagged_with_their_compartment(text_deck):
    _, apkg = text_deck
    for note in apkg.notes:
        compartment = get_catalog().muscles[note["fields"]["MuscleId"]].compartment
        assert note["tags"] == ["legcourse", f"legcourse::{compartment}"]


# --- ids that make a re-import update the notes ------------------------------------------------


def test_deck_and_note_type_ids_are_the_fixed_constants(text_deck):
    _, apkg = text_deck
    assert str(ids.DECK_ID) in apkg.decks
    assert apkg.decks[str(ids.DECK_ID)]["name"] == build.DECK_NAME
    assert {did for *_, did in apkg.cards} == {ids.DECK_ID}
    assert list(apkg.models) == [str(ids.MODEL_ID)]
    assert {n["mid"] for n in apkg.notes} == {ids.MODEL_ID}
    model = apkg.models[str(ids.MODEL_ID)]
    assert [f["name"] for f in model["flds"]] == list(fields.FIELDS)
    assert [t["name"] for t in model["tmpls"]] == [t["name"] for t in TEMPLATES]
    # the written-out numbers are what their phrases give (a changed phrase is noticed)
    assert ids.stable_id(ids.DECK_PHRASE) == ids.DECK_ID
    assert ids.stable_id(ids.MODEL_PHRASE) == ids.MODEL_ID


def test_guids_come_from_the_muscle_id_and_stay_across_builds(text_deck, tmp_path):
    _, first = text_deck
    later = read_apkg(write_deck(tmp_path / "later.apkg", figures=False).path)
    guids = {n["fields"]["MuscleId"]: n["guid"] for n in first.notes}
    assert guids == {n["fields"]["MuscleId"]: n["guid"] for n in later.notes}
    assert guids == {m: genanki.guid_for(ids.GUID_NAMESPACE, m) for m in get_catalog().muscles}
    assert len(set(guids.values())) == len(guids)
    # a later build is newer, so that Anki's import updates the notes already there
    assert min(n["mod"] for n in later.notes) > max(n["mod"] for n in first.notes)


# --- escaping ----------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def test_text_fields_hold_no_markup(text_deck):
    _, apkg = text_deck
    for note in apkg.notes:
        for name in TEXT_FIELDS:
            parser = _Tags()
            parser.feed(note["fields"][name])
            assert parser.tags == [], (note["fields"]["MuscleId"], name)
        parser = _Tags()
        parser.feed(note["fields"]["Sources"])
        assert set(parser.tags) <= {"ul", "li", "a"}


def test_markup_in_the_data_is_shown_as_text_not_run(data_copy, monkeypatch, tmp_path):
    rows = list(csv.DictReader((data_copy / "muscles.csv").open(encoding="utf-8")))
    hostile = '<img src=x onerror="alert(1)"> & <b>bold</b>'
    rows[0]["origin"] = hostile
    rows[0]["name"] = rows[0]["name"] + " <i>"
    with (data_copy / "muscles.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    edited = get_catalog(data_copy)
    assert edited.muscles[rows[0]["muscle_id"]].origin == hostile
    monkeypatch.setattr(fields, "get_catalog", lambda: edited)
    monkeypatch.setattr(build, "get_catalog", lambda: edited)
    apkg = read_apkg(
        write_deck(tmp_path / "x.apkg", muscle_ids=[rows[0]["muscle_id"]], figures=False).path
    )
    note = apkg.notes[0]["fields"]
    assert note["Origin"] == '&lt;img src=x onerror="alert(1)"&gt; &amp; &lt;b&gt;bold&lt;/b&gt;'
    assert html.unescape(note["Origin"]) == hostile
    assert "<i>" not in note["Name"] and html.unescape(note["Name"]).endswith(" <i>")


# --- figures -----------------------------------------------------------------------------------


@pytest.mark.parametrize("muscle_id", few_muscles())
def test_a_muscles_figures_are_in_the_deck_and_on_its_cards(muscle_id, tmp_path):
    summary = write_deck(tmp_path / "one.apkg", muscle_ids=[muscle_id])
    apkg = read_apkg(summary.path)
    note = apkg.note(muscle_id)["fields"]
    expected = {role: ids.media_name(muscle_id, role) for role in ids.MEDIA_ROLES}
    assert set(apkg.media) == set(expected.values())
    assert SRC.findall(note["Highlighted"]) == [expected["highlighted"]]
    assert SRC.findall(note["Spotlight"]) == [expected["spotlight"]]
    for name, data in apkg.media.items():
        image = Image.open(io.BytesIO(data))
        assert image.format == "PNG", name
        assert image.width >= 400, name  # sharp enough to read on a phone
    # the question's text alternative must not give the answer away; the answer's names it
    m = get_catalog().muscles[muscle_id]
    assert m.name not in html.unescape(note["Highlighted"])
    assert m.name in html.unescape(note["Spotlight"])
    assert sorted(ord_ for _, ord_, _ in apkg.cards) == [0, 1, 2]
    assert summary.media == 2


@pytest.mark.slow
def test_the_whole_deck_with_every_figure(tmp_path):
    """Every muscle: three cards, two figures, every figure referenced and present."""
    summary = write_deck(tmp_path / DEFAULT_FILE)
    apkg = read_apkg(summary.path)
    count = len(get_catalog().muscles)
    assert len(apkg.notes) == count and len(apkg.cards) == 3 * count == summary.cards
    referenced = {
        src
        for n in apkg.notes
        for f in ("Highlighted", "Spotlight")
        for src in SRC.findall(n["fields"][f])
    }
    assert referenced == set(apkg.media) and len(apkg.media) == 2 * count
    # a deck a phone downloads without thinking twice: under 100 kB a muscle
    assert summary.size < 100_000 * count


def test_the_same_figure_is_drawn_to_the_same_bytes():
    muscle_id = few_muscles()[0]
    from legcourse.deck import images

    assert images.highlighted_png(muscle_id) == images.highlighted_png(muscle_id)


# --- where it is written -----------------------------------------------------------------------


def test_an_output_path_that_cannot_be_a_deck_gives_a_clear_error(tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(DeckError, match="is a folder"):
        write_deck(tmp_path, figures=False)
    with pytest.raises(DeckError, match=r"must end in \.apkg"):
        write_deck(tmp_path / "deck.zip", figures=False)
    with pytest.raises(DeckError, match="a-file is a file, not a folder"):
        write_deck(tmp_path / "a-file" / "deck.apkg", figures=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_an_unknown_muscle_is_named(tmp_path):
    with pytest.raises(UnknownNameError, match="tibialis_anteriour"):
        write_deck(tmp_path / "x.apkg", muscle_ids=["tibialis_anteriour"], figures=False)
    assert not (tmp_path / "x.apkg").exists()


def test_missing_folders_are_made_and_an_old_deck_is_replaced(tmp_path):
    target = tmp_path / "new" / "folder" / "deck.apkg"
    write_deck(target, muscle_ids=few_muscles()[:1], figures=False)
    write_deck(target, muscle_ids=few_muscles()[:2], figures=False)
    assert len(read_apkg(target).notes) == 2
    assert sorted(p.name for p in target.parent.iterdir() if p.is_file()) == ["deck.apkg"]


def test_the_command(tmp_path, capsys):
    target = tmp_path / "cli.apkg"
    assert main(["deck", "--no-figures", "--out", str(target)]) == 0
    out = capsys.readouterr().out
    assert f"{len(get_catalog().muscles)} notes" in out and str(target) in out
    assert len(read_apkg(target).notes) == len(get_catalog().muscles)
    assert main(["deck", "--no-figures", "--out", str(tmp_path / "deck.txt")]) == 1
    assert ".apkg" in capsys.readouterr().err
    assert build_parser().parse_args(["deck"]).out == DEFAULT_FILE


# --- the book offers it ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.xdist_group("book")  # handed out with the other tests of the built book, last
def test_the_drills_page_offers_the_deck_and_its_links_lead_into_the_book(built_book):
    check_the_book_offers_the_deck(built_book)


def check_the_book_offers_the_deck(site_html: Path) -> None:
    """The drills page links a download of the whole deck, copied into the built site, and
    every note's link to the book is a section of a page of that site."""
    page = site_html / "book" / "drills" / "index.html"
    anchors = re.findall(r"<a [^>]*>", page.read_text(encoding="utf-8"))
    links_ = [
        re.search(r'href="([^"]+)"', a).group(1)
        for a in anchors
        if ".apkg" in a and re.search(r'class="[^"]*\bdownload\b', a)
    ]
    assert len(links_) == 1, links_
    deck = (page.parent / links_[0]).resolve()
    assert deck.is_relative_to(site_html.resolve()) and deck.name == DEFAULT_FILE
    apkg = read_apkg(deck)
    assert len(apkg.notes) == len(get_catalog().muscles)
    assert len(apkg.media) == 2 * len(apkg.notes)
    base = links.published_book_base()
    for note in apkg.notes:
        address, _, anchor = html.unescape(note["fields"]["Book"]).partition("#")
        target = site_html / "book" / address.removeprefix(base)
        assert target.is_file(), address
        assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (address, anchor)
