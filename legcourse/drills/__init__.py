"""Drills: label the diagram, identify the highlighted muscle, clue to name, sort into
compartments. Each is plain Python over ``legcourse.items`` with an ipywidgets front end.

>>> from legcourse.drills import LabelingDrill
>>> drill = LabelingDrill("leg_section", seed=7)
>>> result = drill.check({pin: "soleus" for pin in drill.pins})   # {pin: name}
>>> result.score_text                                               # doctest: +SKIP
'1/8'
>>> drill.widget()                                                  # doctest: +SKIP

Every drill has ``new_round()``, ``review_round()`` (exactly what was missed and not yet
answered right since), ``check(answers)`` returning a ``CheckResult`` and a ``session``
(score so far, pairs most often confused).
"""

from legcourse.drills.base import BOOK_URL_VARIABLE, DEFAULT_BOOK_BASE, Drill, DrillError
from legcourse.drills.clues import ClueDrill
from legcourse.drills.identify import IdentifyDrill
from legcourse.drills.labeling import LabelingDrill
from legcourse.drills.results import CheckResult, Feedback, Session
from legcourse.drills.sorting import SortDrill

__all__ = [
    "BOOK_URL_VARIABLE",
    "DEFAULT_BOOK_BASE",
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
