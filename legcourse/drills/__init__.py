"""Drills: label the diagram, identify the highlighted muscle, clue to name, sort into
compartments. Each is plain Python over the question bank (``bank``) and presents itself
three ways: ``widget()`` (ipywidgets), ``in_page()`` (the published book, no kernel) and
``preview()`` (a still picture).

>>> from legcourse.drills import LabelingDrill
>>> drill = LabelingDrill("leg_section", seed=7)
>>> answers = {pin: drill.name(muscle) for pin, muscle in drill.pins.items()}  # {pin: name}
>>> drill.check(answers).score_text
'8/8'
>>> panel = drill.widget()          # the ipywidgets front end; display it in a notebook

Every drill has ``new_round()``, ``review_round()`` (exactly what was missed and not yet
answered right since), ``check(answers)`` returning a ``CheckResult`` and a ``session``
(score so far, pairs most often confused).
"""

from legcourse.drills.base import Drill, DrillError
from legcourse.drills.clues import ClueDrill
from legcourse.drills.identify import IdentifyDrill
from legcourse.drills.labeling import LabelingDrill
from legcourse.drills.results import CheckResult, Feedback, Session
from legcourse.drills.sorting import SortDrill

__all__ = [
    "CheckResult",
    "ClueDrill",
    "Drill",
    "DrillError",
    "Feedback",
    "IdentifyDrill",
    "LabelingDrill",
    "Session",
    "SortDrill",
]
