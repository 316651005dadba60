"""Generated prose for the book: data records turned into readable MyST Markdown.

Pages display these strings (``IPython.display.Markdown``) instead of retyping facts the data
holds, so a corrected row changes every sentence that mentions it. Citations are written as
MyST ``{cite:p}`` roles; the book resolves them against ``legcourse/data/sources.bib``.
"""

from __future__ import annotations

from collections.abc import Iterable

from legcourse.core.catalog import get_catalog
from legcourse.core.errors import UnknownNameError
from legcourse.core.lesions import EFFECT_HEADINGS, EMPTY_EFFECTS, effect_words, lesion_roots
from legcourse.core.records import Condition, Muscle
from legcourse.core.wording import action_words, nerve_words
from legcourse.core.words import capitalise, join_words, number_word


def cite(keys: Iterable[str]) -> str:
    """A MyST parenthetical citation of one or more bibliography keys ("" for none)."""
    keys = list(keys)
    return f"{{cite:p}}`{','.join(keys)}`" if keys else ""


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
        Markdown with the position, origin, insertion, nerve, blood supply, actions, joints
        crossed, how to find and test it, other names, the note (when there is one) and the
        sources as a citation.

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
        f"**Nerve supply (innervation):** {nerve_words(m)}; spinal segments {m.roots}.",
        f"**Blood supply:** {join_words(cat.label('vessels', v) for v in m.blood_supply)}.",
        f"**What it does (actions):** it {action_words(m)}.",
        f"**Joints it crosses:** the {joint_words(m)}.",
        f"**Find it on yourself:** {capitalise(m.palpation).rstrip('.')}.",
        f"**Testing its strength:** {capitalise(m.test).rstrip('.')}.",
    ]
    if m.synonyms:
        items.append(f"**Also called:** {join_words(m.synonyms, 'or')}.")
    if m.note:
        items.append(f"**Worth knowing:** {capitalise(m.note).rstrip('.')}.")
    body = "\n".join(f"- {item}" for item in items)
    return f"{muscle_lead(muscle_id)} {cite(m.sources)}\n\n{body}\n"


MODEL_AUTHORS = ("Rajagopal",)
"""How the bibliography names the musculoskeletal model behind the figures on real bones."""


def model_sources() -> list[str]:
    """The bibliography keys of the musculoskeletal model (Rajagopal et al. 2016, MyoLeg).

    Raises:
        LookupError: ``sources.bib`` has no entry for it.
    """
    sources = get_catalog().sources
    keys = [k for k, s in sources.items() if any(a in s.text for a in MODEL_AUTHORS)]
    if not keys:
        raise LookupError("sources.bib has no entry for the model (Rajagopal et al. 2016)")
    return keys


def spotlight_figure(key: str, muscle_id: str) -> str:
    """The MyST of a muscle's spotlight figure glued as ``key``: alt text and caption from the
    data, the model cited; it is named ``fig-{key}`` for cross-references."""
    from legcourse.diagrams import spotlight

    view = spotlight.best_view(muscle_id)
    caption = spotlight.caption(muscle_id, view)
    return (
        f"::::{{glue:figure}} {key}\n:alt: {spotlight.alt_text(muscle_id, view)}\n"
        f":name: fig-{key}\n\n{caption} {cite(model_sources())}\n::::\n\n"
    )


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
    involved += [cat.label("vessels", x) for x in c.vessels]
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
    if c.evidence:
        level = cat.label("evidence_levels", c.evidence)
        text += f"\n\n**How good is the evidence?** {capitalise(level)}. {c.evidence_note}"
    if c.caution:
        text += f"\n\n```{{caution}}\n{c.caution}\n```"
    return text + "\n"


def nerve_paragraph(nerve_id: str) -> str:
    """A nerve in MyST Markdown: roots and parent, its path, the muscles it supplies (from the
    muscles' rows), the skin it serves and where it is commonly injured.

    Raises:
        UnknownNameError: no nerve has this id.
    """
    cat = get_catalog()
    if nerve_id not in cat.nerves:
        raise UnknownNameError(nerve_id, [n for n in cat.nerves if nerve_id in n], kind="nerve")
    n = cat.nerves[nerve_id]
    from_ = f"a branch of the {cat.nerves[n.parent].label}" if n.parent else "formed by the roots"
    items = [
        f"**Roots and origin:** {n.roots}; {from_}.",
        f"**Course:** {n.course}",
    ]
    muscles = cat.muscles_supplied_by(nerve_id)
    if muscles:
        names = join_words(cat.muscles[m].name for m in muscles)
        via = (
            ""
            if all(nerve_id in cat.muscles[m].innervation for m in muscles)
            else (", itself or through its branches")
        )
        items.append(f"**Muscles it supplies{via}:** {names}.")
    if n.skin:
        items.append(f"**Skin it serves:** {join_words(n.skin)}.")
    # A plexus serves the skin of every nerve of the leg; the list would only repeat them.
    below = [b for b in cat.nerve_branches(nerve_id)[1:] if cat.nerves[b].skin]
    if below and n.kind != "plexus":
        parts = [f"the {cat.nerves[b].label}, {join_words(cat.nerves[b].skin)}" for b in below]
        items.append(f"**Skin it serves through its branches:** {'; '.join(parts)}.")
    injuries = [i for i in cat.nerve_injuries.values() if i.nerve == nerve_id]
    for injury in injuries:
        items.append(
            f"**Injured {injury.site}:** by {join_words(injury.causes, 'or')}. "
            f"{capitalise(injury.effect)} {cite(injury.sources)}"
        )
    if n.note:
        items.append(f"**Sources differ:** {n.note}")
    body = "\n".join(f"- {item}" for item in items)
    return f"The {n.label} is {cat.label('nerve_kinds', n.kind)}. {cite(n.sources)}\n\n{body}\n"


def vessel_paragraph(vessel_id: str) -> str:
    """An artery or vein in MyST Markdown: where it comes from, its path, its pulse, what it
    supplies and the muscles whose blood supply names it.

    Raises:
        UnknownNameError: no vessel has this id.
    """
    cat = get_catalog()
    if vessel_id not in cat.vessels:
        raise UnknownNameError(vessel_id, [v for v in cat.vessels if vessel_id in v], "vessel")
    v = cat.vessels[vessel_id]
    items = []
    if v.parent:
        items.append(f"**Comes from:** the {cat.vessels[v.parent].label}.")
    items.append(f"**Course:** {v.course}")
    if v.pulse:
        items.append(f"**Feel its pulse:** {v.pulse}")
    if v.supplies:
        items.append(f"**Supplies:** {v.supplies}")
    fed = [m.name for m in cat.muscles.values() if vessel_id in m.blood_supply]
    if fed:
        items.append(f"**Named in the blood supply of:** {join_words(fed)}.")
    if v.note:
        items.append(f"**Sources differ:** {v.note}")
    body = "\n".join(f"- {item}" for item in items)
    return f"{capitalise(v.label)} ({v.kind}). {cite(v.sources)}\n\n{body}\n"


def space_paragraph(space_id: str) -> str:
    """A space, opening or shared attachment in MyST Markdown: where it is, its boundaries,
    what passes through it (in order), a memory aid and why it matters.

    Raises:
        UnknownNameError: no space has this id.
    """
    cat = get_catalog()
    if space_id not in cat.spaces:
        raise UnknownNameError(space_id, [s for s in cat.spaces if space_id in s], "space")
    sp = cat.spaces[space_id]
    items = []
    if sp.boundaries:
        items.append(f"**Boundaries:** {join_words(sp.boundaries)}.")
    if sp.floor:
        items.append(f"**Floor:** {sp.floor.rstrip('.')}.")
    what = "What meets here" if sp.kind == "attachment" else "What passes through"
    items.append(f"**{what}:** {join_words(sp.contents)}.")
    if sp.mnemonic:
        items.append(f"**Memory aid:** {sp.mnemonic}")
    if sp.clinical:
        items.append(f"**Why it matters:** {sp.clinical}")
    if sp.note:
        items.append(f"**Sources differ:** {sp.note}")
    body = "\n".join(f"- {item}" for item in items)
    return f"{capitalise(sp.where)} {cite(sp.sources)}\n\n{body}\n"


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


def lesion_paragraph(lesion_id: str) -> str:
    """A lesion's section: where and why it happens, then its effects, worked out from the
    data (``legcourse.lesion_effects``), each list under its heading."""
    cat = get_catalog()
    lesion = cat.lesions[lesion_id]
    lines = [
        f"**Where:** {lesion.site}. **Roots involved:** {lesion_roots(lesion_id)}.",
        "",
    ]
    if lesion.causes:
        lines += [
            f"**Common causes:** {join_words(lesion.causes, 'or')}. {cite(lesion.sources)}",
            "",
        ]
    words = effect_words(lesion_id)
    for key, heading in EFFECT_HEADINGS.items():
        items = words[key]
        if items:
            lines += [f"**{heading}:**", "", *(f"- {i}" for i in items), ""]
        elif key in EMPTY_EFFECTS:
            lines += [f"**{heading}:** {EMPTY_EFFECTS[key]}.", ""]
    return "\n".join(lines).rstrip() + "\n"
