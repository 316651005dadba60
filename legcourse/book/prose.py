"""Generated prose for the book: data records turned into readable MyST Markdown.

Pages display these strings (``IPython.display.Markdown``) instead of retyping facts the data
holds, so a corrected row changes every sentence that mentions it. Citations are written as
MyST ``{cite:p}`` roles; the book resolves them against ``legcourse/data/sources.bib``.
"""

from __future__ import annotations

from collections.abc import Iterable

from legcourse.core.catalog import get_catalog
from legcourse.core.errors import UnknownNameError
from legcourse.core.records import Condition, Muscle
from legcourse.core.words import capitalise, join_words, number_word


def cite(keys: Iterable[str]) -> str:
    """A MyST parenthetical citation of one or more bibliography keys ("" for none)."""
    keys = list(keys)
    return f"{{cite:p}}`{','.join(keys)}`" if keys else ""


def nerve_words(muscle: Muscle) -> str:
    """The muscle's nerves in words with their spinal roots, e.g. "femoral nerve (L2-L4)"."""
    cat = get_catalog()
    nerves = cat.nerves
    return join_words(f"{nerves[n].label} ({nerves[n].roots})" for n in muscle.innervation)


def action_words(muscle: Muscle) -> str:
    """The muscle's actions as a sentence fragment, main action first."""
    cat = get_catalog()
    return join_words(cat.label("actions", a) for a in muscle.actions)


def joint_words(muscle: Muscle) -> str:
    """The joints the muscle crosses, in words."""
    cat = get_catalog()
    return join_words(cat.label("joints", j) for j in muscle.joints)


def muscle_or_group_name(item_id: str) -> str:
    """The name of a muscle, or the label of a group ("hamstrings"), from its id."""
    cat = get_catalog()
    groups = cat.groups
    return groups[item_id].label if item_id in groups else cat.muscle(item_id).name


def muscle_lead(muscle_id: str) -> str:
    """One sentence placing a muscle: its layer, compartment and group (if any)."""
    cat = get_catalog()
    m = cat.muscle(muscle_id)
    where = (
        f"a {cat.label('layers', m.layer)} muscle of the {cat.label('compartments', m.compartment)}"
    )
    if m.group:
        group_names = [cat.label("groups", g) for g in cat.groups_of(m)]
        where += ", part of " + join_words(f"the {g}" for g in group_names)
    return f"{capitalise(m.name)} is {where}."


def muscle_paragraph(muscle_id: str) -> str:
    """A muscle's section body in MyST Markdown: a lead sentence, then its facts as a list.

    Args:
        muscle_id: the id of the muscle, e.g. ``"soleus"``.

    Returns:
        Markdown with the position, origin, insertion, nerve, actions, joints crossed,
        other names, the note (when there is one) and the sources as a citation.

    Raises:
        UnknownNameError: no muscle has this id; the message suggests close ids.
    """
    cat = get_catalog()
    m = cat.muscle(muscle_id)
    bones = cat.vocabulary("bones")
    origin_bones = join_words(bones[b].label for b in m.origin_bones)
    insertion_bones = join_words(bones[b].label for b in m.insertion_bones)
    items = [
        f"**Where it lies:** {m.position}.",
        f"**Starts at (origin):** {m.origin}, on the {origin_bones}.",
        f"**Ends at (insertion):** {m.insertion}, on the {insertion_bones}.",
        f"**Nerve supply (innervation):** {nerve_words(m)}.",
        f"**What it does (actions):** it {action_words(m)}.",
        f"**Joints it crosses:** the {joint_words(m)}.",
    ]
    if m.synonyms:
        items.append(f"**Also called:** {join_words(m.synonyms, 'or')}.")
    if m.note:
        items.append(f"**Worth knowing:** {capitalise(m.note)}.")
    body = "\n".join(f"- {item}" for item in items)
    return f"{muscle_lead(muscle_id)} {cite(m.sources)}\n\n{body}\n"


def compartment_intro(compartment_id: str) -> str:
    """A short paragraph on a compartment: its muscles, their usual nerve and the exceptions.

    Raises:
        UnknownNameError: the compartment id is not in the vocabulary.
    """
    cat = get_catalog()
    comps = cat.compartments
    if compartment_id not in comps:
        raise UnknownNameError(compartment_id, [c for c in comps if compartment_id in c])
    comp = comps[compartment_id]
    members = cat.muscles_in(compartment_id)
    names = join_words(cat.muscles[m].name for m in members)
    text = (
        f"The {comp.label} holds {number_word(len(members))} muscles in this course: {names}. "
        f"As a rule they are supplied by the {cat.label('nerves', comp.nerve)}."
    )
    exceptions = [e for e in cat.innervation_exceptions if e.muscle in members]
    if exceptions:
        n = len(exceptions)
        count = "One muscle breaks" if n == 1 else f"{capitalise(number_word(n))} muscles break"
        text += f" {count} this rule:\n\n" + "\n".join(
            f"- **{cat.muscles[e.muscle].name}** also or instead gets the "
            f"{cat.label('nerves', e.nerve)}: {e.why} {cite(e.sources)}."
            for e in exceptions
        )
    return text + "\n"


def condition_paragraph(condition_id: str) -> str:
    """A condition in MyST Markdown: summary, causes, risk factors, muscles, symptoms, tests.

    Raises:
        KeyError: no condition has this id (the message names the known ids).
    """
    cat = get_catalog()
    if condition_id not in cat.conditions:
        raise KeyError(f"unknown condition {condition_id!r}; known: {', '.join(cat.conditions)}")
    c: Condition = cat.conditions[condition_id]
    items = [f"**Common causes:** {join_words(c.causes)}."]
    if c.risk_factors:
        items.append(f"**More likely with:** {join_words(c.risk_factors)}.")
    involved = [muscle_or_group_name(x) for x in c.muscles]
    involved += [cat.label("compartments", x) for x in c.compartments]
    if involved:
        items.append(f"**Where:** {join_words(involved)}.")
    items.append(
        f"**Typical symptoms:** {join_words(cat.label('symptoms', s) for s in c.symptoms)}."
    )
    items.append(
        f"**How it is diagnosed:** {join_words(cat.label('diagnostics', d) for d in c.diagnosis)}."
    )
    if c.treatments:
        items.append(f"**Care:** {join_words(cat.care[t].name for t in c.treatments)}.")
    if c.red_flags:
        signs = " ".join(cat.red_flags[r].sign for r in c.red_flags)
        items.append(f"**Get help when:** {signs}")
    body = "\n".join(f"- {item}" for item in items)
    return f"{c.summary} {cite(c.sources)}\n\n{body}\n"


def care_paragraph(care_id: str) -> str:
    """A treatment or habit in MyST Markdown: how to do it and what to watch for.

    Raises:
        KeyError: no care item has this id (the message names the known ids).
    """
    cat = get_catalog()
    if care_id not in cat.care:
        raise KeyError(f"unknown care item {care_id!r}; known: {', '.join(cat.care)}")
    c = cat.care[care_id]
    text = f"{c.how} {cite(c.sources)}"
    if c.parts:
        text += f" It combines {join_words(cat.care[p].name for p in c.parts)}."
    if c.caution:
        text += f"\n\n```{{caution}}\n{c.caution}\n```"
    return text + "\n"


def red_flag_list() -> str:
    """Every red flag as a Markdown list grouped by urgency, most urgent group first."""
    cat = get_catalog()
    parts = []
    for urgency in cat.vocabulary("urgencies").values():
        flags = [r for r in cat.red_flags.values() if r.urgency == urgency.id]
        if not flags:
            continue
        lines = "\n".join(
            f"- {r.sign} It may be {r.possible_cause}. {cite(r.sources)}" for r in flags
        )
        parts.append(f"**{capitalise(urgency.label)}** if you notice:\n\n{lines}")
    return "\n\n".join(parts) + "\n"
