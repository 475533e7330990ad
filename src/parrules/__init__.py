"""parrules: Vietnam's PAR Index criteria as checked, compiled rulesets.

    import parrules
    rs = parrules.load("national-2022")          # a shipped ruleset, or a path
    card = rs.evaluate({"received_dept": 66186, "on_time_dept": 66108, ...})
    card.total, card.index, card["3.4.1"].score
    print(card.explain("3.4.1"))

See docs/api.md for the whole public API.
"""

from .errors import Diagnostic, InputError, NotFound, ParrulesError, RulesetError
from .evaluate import NodeResult, Scorecard
from .ruleset import Ruleset, compile_to_source, load, loads, shipped

# The presentation layer registers a scorecard's notebook view (Scorecard.html_view): imported
# here, after the core, so that `import parrules` is enough for a notebook to show a card.
from . import report as _report  # noqa: F401  # isort: skip

__all__ = [
    "Diagnostic",
    "InputError",
    "NodeResult",
    "NotFound",
    "ParrulesError",
    "Ruleset",
    "RulesetError",
    "Scorecard",
    "compile_to_source",
    "load",
    "loads",
    "shipped",
]
__version__ = "0.1.0"
