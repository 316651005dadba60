"""The answer checks: reading answers like a person would, the form-only public check, hidden
checks, hand-in data."""

from __future__ import annotations

import json

import matplotlib.pyplot as plt
import pytest

from legcourse.core import links
from legcourse.grading import checks, handin


def test_muscle_names_are_read_with_synonyms_and_misspellings(catalog):
    for muscle in catalog.muscles.values():
        assert checks.as_muscle(muscle.name.upper()) == muscle.muscle_id
        for synonym in muscle.synonyms:
            assert checks.as_muscle(f"  the {synonym} ") == muscle.muscle_id


def test_bad_muscle_answers_get_a_helpful_message(catalog):
    with pytest.raises(checks.NotYet, match="in place of None"):
        checks.as_muscle(None)
    assert checks.as_muscle("gastrocnemus") == "gastrocnemius"  # one typo is read
    with pytest.raises(checks.NotYet, match="Did you mean"):
        checks.as_muscle("gastrocnmus")
    group = next(g for g in catalog.vocabulary("groups").values() if g.synonyms)
    with pytest.raises(checks.NotYet, match="names a group"):
        checks.as_muscle(group.synonyms[0])
    with pytest.raises(checks.NotYet, match="list of"):
        checks.as_muscles("soleus")


def test_every_nerve_is_read_by_label_and_with_peroneal_for_fibular(catalog):
    for nerve in catalog.vocabulary("nerves").values():
        assert checks.as_nerve(nerve.label) == nerve.id
        plain = nerve.label.split(" (")[0]
        assert checks.as_nerve(plain.replace("fibular", "peroneal")) == nerve.id
    with pytest.raises(checks.NotYet, match="not a nerve"):
        checks.as_nerve("sciatica")


def test_counts_and_records(catalog):
    assert checks.as_count(4.0) == 4
    with pytest.raises(checks.NotYet):
        checks.as_count("4")
    with pytest.raises(checks.NotYet):
        checks.as_count(True)
    condition = next(iter(catalog.conditions.values()))
    assert checks.as_record(condition.name.title(), "conditions", "a condition") == condition.id
    assert checks.as_counts({"a": 2}) == {"a": 2}


def test_the_public_check_says_how_an_answer_was_read_not_whether_it_is_right(capsys):
    assert checks.say_well_formed("femoral", "LINK") is None
    right = capsys.readouterr().out
    assert checks.say_well_formed("tibial", "LINK") is None
    wrong = capsys.readouterr().out
    assert "Read as: femoral nerve." in right and "LINK" in right
    assert right.replace(checks.describe("femoral"), "X") == wrong.replace(
        checks.describe("tibial"), "X"
    )
    # the digest mode is gone: nothing in the student's notebook can compare with an answer
    for name in ("say_if_right", "answer_hash", "canonical", "_SALT"):
        assert not hasattr(checks, name), name


def test_answers_are_described_in_words(catalog):
    assert checks.describe(["soleus", "fibularis_longus"]) == "soleus; fibularis longus"
    assert checks.describe({"Femoral nerve": 4, "Obturator nerve": 2}) == (
        "Femoral nerve: 4; Obturator nerve: 2"
    )
    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [3, 1])
    ax.set_ylabel("count")
    assert checks.describe(checks.as_chart(ax)) == "a bar chart of 2 bars (a: 3, b: 1)"
    plt.close(fig)
    exercise = next(iter(catalog.exercises.values()))
    assert checks.describe(exercise.id) == exercise.name
    assert checks.lesions_link().endswith("clinical-reasoning/lesions.html")


def test_hidden_checks_fail_with_a_message_that_reveals_nothing(catalog):
    with pytest.raises(checks.HiddenCheckFailed) as failure:
        checks.require_same(["soleus"], ["gastrocnemius", "soleus"])
    assert str(failure.value) == checks.HIDDEN_CHECK_MESSAGE
    assert failure.value.missed_muscles == ["gastrocnemius"]
    checks.require(True)
    with pytest.raises(checks.HiddenCheckFailed):
        checks.require(1)  # only True passes, not a truthy value


def test_the_checks_module_keeps_no_state_between_calls():
    """What a hidden check found travels on its exception: no module-level record to reset."""
    import types

    state = {
        name
        for name, value in vars(checks).items()
        if not name.startswith("__")
        and not isinstance(value, types.ModuleType | types.FunctionType | type)
        and not callable(value)
    }
    assert state <= {"HIDDEN_CHECK_MESSAGE", "WELL_FORMED", "annotations"}, state


def test_links_follow_the_book_url_setting(monkeypatch, catalog):
    monkeypatch.setenv(links.BOOK_URL_VARIABLE, "https://courses.my-university.edu/leg")
    muscle = next(iter(catalog.muscles))
    assert checks.muscle_link(muscle).startswith("https://courses.my-university.edu/leg/book/")
    monkeypatch.delenv(links.BOOK_URL_VARIABLE)
    configured = links.configured_book_address()
    assert checks.compartment_link("leg_anterior") == configured + "book/lower-leg/anterior.html"


def test_answers_round_trip_as_json_data():
    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [3, 1])
    ax.set_ylabel("count")
    value = {"text": "x", "n": 3, "items": ["a", "b"], "set": {"c"}, "chart": ax}
    decoded = handin.decode_answer(json.loads(json.dumps(handin.encode_answer(value))))
    plt.close(fig)
    assert decoded["text"] == "x" and decoded["n"] == 3 and decoded["set"] == {"c"}
    assert checks.as_chart(decoded["chart"]).heights() == [1.0, 3.0]
    assert isinstance(handin.decode_answer(handin.encode_answer(object())), handin.Opaque)
    with pytest.raises(checks.NotYet):
        checks.as_muscle(handin.decode_answer({"t": "opaque", "repr": "x"}))


def test_charts_without_bars_or_labels_are_refused():
    fig, ax = plt.subplots()
    with pytest.raises(checks.NotYet, match="no bars"):
        checks.as_chart(ax)
    ax.bar(["a"], [1])
    with pytest.raises(checks.NotYet, match="Label"):
        checks.as_chart(ax)
    plt.close(fig)


def test_every_movement_and_lesion_reads_back_from_its_words(catalog):
    from legcourse.grading import checks

    for action in catalog.actions.values():
        assert checks.as_movement(action.noun) == action.id
        assert checks.as_movement(action.id) == action.id
    for lesion in catalog.lesions.values():
        assert checks.as_lesion(lesion.name) == lesion.id
        assert checks.as_lesion(lesion.id) == lesion.id
    for urgency in catalog.vocabulary("urgencies"):
        assert checks.as_urgency(urgency) == urgency


def test_a_malformed_reasoning_answer_is_refused_with_a_reason():
    from legcourse.grading import checks

    with pytest.raises(checks.NotYet, match="not a lesion"):
        checks.as_lesion("the nerve in the leg")
    with pytest.raises(checks.NotYet, match="list of movements"):
        checks.as_movements("dorsiflexion")
    with pytest.raises(checks.NotYet, match="level of care"):
        checks.as_urgency("tomorrow")


def test_a_wrong_kind_of_answer_is_named_briefly_not_dumped():
    import pandas as pd

    table = pd.DataFrame({"muscle": ["soleus"] * 500})
    with pytest.raises(checks.NotYet) as refused:
        checks.as_muscle(table)
    assert str(refused.value).endswith("got a DataFrame of shape (500, 1).")
    with pytest.raises(checks.NotYet) as refused:
        checks.as_count("x" * 500)
    assert len(str(refused.value)) < 160


def test_a_failed_check_shows_its_message_without_a_traceback():
    refusal = checks.NotYet("Write your answer as a string.")
    assert refusal._render_traceback_() == ["NotYet: Write your answer as a string."]


@pytest.mark.kernel
def test_in_a_real_kernel_a_check_cell_prints_one_message_and_no_traceback():
    from nbclient import NotebookClient
    from nbformat.v4 import new_code_cell, new_notebook

    check = (
        "checks.hand_in(answer_q1=answer_q1)\n"
        'got = checks.as_nerve(answer_q1, link=checks.compartment_link("thigh_anterior"))\n'
        'checks.say_well_formed(got, checks.compartment_link("thigh_anterior"))'
    )
    nb = new_notebook(
        cells=[
            new_code_cell("from legcourse.grading import checks"),
            new_code_cell("answer_q1 = 42"),
            new_code_cell(check),
            new_code_cell('answer_q1 = "femoral nerve"'),
            new_code_cell(check),
        ]
    )
    NotebookClient(nb, timeout=60, allow_errors=True).execute()
    refused, accepted = nb.cells[2].outputs, nb.cells[4].outputs
    (error,) = [o for o in refused if o.output_type == "error"]
    link = checks.compartment_link("thigh_anterior")
    assert error.traceback == [
        f"NotYet: The answer should be a nerve, written as a string; got 42. Read: {link}"
    ]
    kinds = [o.output_type for o in accepted if handin.ANSWER_MIME not in o.get("data", {})]
    assert kinds == ["stream"]  # the message, no Out[...] value
    assert accepted[-1].text.startswith("Well formed. Read as: femoral nerve.")
