"""Generated prose: every fact in the text comes from the record it describes."""

import pytest

from legcourse.book import prose
from legcourse.core.errors import UnknownNameError


def test_join_words_reads_like_a_sentence():
    assert prose.join_words([]) == ""
    assert prose.join_words(["a"]) == "a"
    assert prose.join_words(["a", "b"]) == "a and b"
    assert prose.join_words(["a", "b", "c"], "or") == "a, b or c"
    # Items holding commas are kept apart with semicolons, so the list stays readable.
    assert prose.join_words(["x, y", "z", "w"]) == "x, y; z; and w"


def test_number_words():
    assert prose.number_word(4) == "four"
    assert prose.number_word(40) == "40"


@pytest.mark.parametrize("muscle_id", ["soleus", "adductor_magnus", "vastus_intermedius"])
def test_muscle_paragraph_holds_every_field_of_the_record(catalog, muscle_id):
    m = catalog.muscles[muscle_id]
    text = prose.muscle_paragraph(muscle_id)
    assert m.origin in text and m.insertion in text and m.position in text
    for nerve in m.innervation:
        assert catalog.label("nerves", nerve) in text
    for action in m.actions:
        assert catalog.label("actions", action) in text
    for joint in m.joints:
        assert catalog.label("joints", joint) in text
    for bone in m.origin_bones + m.insertion_bones:
        assert catalog.label("bones", bone) in text
    assert f"{{cite:p}}`{','.join(m.sources)}`" in text
    if m.note:
        assert prose.capitalise(m.note) in text
    else:
        assert "Worth knowing" not in text


def test_every_muscle_gets_a_paragraph_naming_it(catalog):
    for muscle_id, m in catalog.muscles.items():
        assert prose.muscle_paragraph(muscle_id).startswith(prose.capitalise(m.name))


def test_unknown_muscle_gets_a_suggestion_not_a_traceback():
    with pytest.raises(UnknownNameError, match="soleus"):
        prose.muscle_paragraph("soleu")


def test_compartment_intro_counts_members_and_lists_exceptions(catalog):
    for comp_id, comp in catalog.vocabulary("compartments").items():
        members = [m for m in catalog.muscles.values() if m.compartment == comp_id]
        text = prose.compartment_intro(comp_id)
        assert f"holds {prose.number_word(len(members))} muscles" in text
        assert all(m.name in text for m in members)
        assert catalog.label("nerves", comp.nerve) in text
        for e in catalog.innervation_exceptions:
            if catalog.muscles[e.muscle].compartment == comp_id:
                assert e.why in text
    with pytest.raises(UnknownNameError):
        prose.compartment_intro("calf")


def test_condition_paragraph_uses_the_labels_of_its_record(catalog):
    for cid, c in catalog.conditions.items():
        text = prose.condition_paragraph(cid)
        assert c.summary in text
        assert all(catalog.label("symptoms", s) in text for s in c.symptoms)
        assert all(catalog.label("diagnostics", d) in text for d in c.diagnosis)
        assert all(catalog.red_flags[r].sign in text for r in c.red_flags)
    with pytest.raises(KeyError, match="known: "):
        prose.condition_paragraph("flu")


def test_care_paragraph_and_red_flags(catalog):
    rice = catalog.care["rice"]
    text = prose.care_paragraph("rice")
    assert rice.how in text and rice.caution in text
    assert all(catalog.care[p].name in text for p in rice.parts)
    flags = prose.red_flag_list()
    assert all(r.sign in flags and r.possible_cause in flags for r in catalog.red_flags.values())
    # The most urgent group comes first.
    first, *_ = catalog.vocabulary("urgencies").values()
    assert flags.startswith(f"**{prose.capitalise(first.label)}**")
    with pytest.raises(KeyError):
        prose.care_paragraph("leeches")
