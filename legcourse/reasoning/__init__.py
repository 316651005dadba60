"""Clinical reasoning: the lesion explorer and the clinical cases, each in Jupyter
(ipywidgets) and in the published book (no kernel).

>>> from legcourse.reasoning import LesionExplorer, CasePlayer
>>> LesionExplorer("femoral_inguinal").choice.value
'femoral_inguinal'
>>> CasePlayer("crossed_legs_foot_drop").case_choice.value
'crossed_legs_foot_drop'

The reasoning itself lives in ``legcourse.core.lesions`` and ``legcourse.core.cases``; this
package only presents it (``casework`` checks a case's answers and words the feedback).
"""

from legcourse.reasoning.case_player import CasePlayer, cases_html
from legcourse.reasoning.casework import CaseResult, QuestionFeedback, check_case
from legcourse.reasoning.explorer import LesionExplorer, explorer_html

__all__ = [
    "CasePlayer",
    "CaseResult",
    "LesionExplorer",
    "QuestionFeedback",
    "cases_html",
    "check_case",
    "explorer_html",
]
