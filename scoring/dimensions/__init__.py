"""The rubric's dimensions, one module each; each returns a :class:`DimensionResult`."""

from scoring.dimensions.avoided import grade_avoided
from scoring.dimensions.common import DimensionResult, Opportunity
from scoring.dimensions.empathy import grade_empathy
from scoring.dimensions.escalation import grade_escalation
from scoring.dimensions.etiquette import grade_etiquette
from scoring.dimensions.restating import grade_restating
from scoring.dimensions.timeliness import grade_timeliness

__all__ = [
    "DimensionResult",
    "Opportunity",
    "grade_avoided",
    "grade_empathy",
    "grade_escalation",
    "grade_etiquette",
    "grade_restating",
    "grade_timeliness",
]
