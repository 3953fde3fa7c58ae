"""What the workspace's operations return: each result holds what its renderers need and gives
analysts a pandas DataFrame (`to_frame()`; pandas is imported there and only there).

The results live in a few modules, loaded when first used, so that a command loads only its own.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {
    "Result": "base",
    "CheckResult": "check",
    "ProgressResult": "progress",
    "UnitsResult": "units",
    "UnitResult": "returns",
    "ReturnsResult": "returns",
    "CompletenessResult": "returns",
    "CrosswalkResult": "crosswalk",
    "TemplateResult": "returns",
    "ImportResult": "returns",
    "ReportResult": "returns",
    "GapsResult": "analysis",
    "ForecastResult": "analysis",
    "AwardsResult": "analysis",
    "NominationsFormResult": "analysis",
    "StoreCheckResult": "store",
    "ReviewListResult": "review",
    "ReviewDecisionsResult": "review",
    "ReviewHistoryResult": "review",
}

if TYPE_CHECKING:
    from ntm_cli.workspace.results.analysis import AwardsResult as AwardsResult
    from ntm_cli.workspace.results.analysis import ForecastResult as ForecastResult
    from ntm_cli.workspace.results.analysis import GapsResult as GapsResult
    from ntm_cli.workspace.results.analysis import NominationsFormResult as NominationsFormResult
    from ntm_cli.workspace.results.base import Result as Result
    from ntm_cli.workspace.results.check import CheckResult as CheckResult
    from ntm_cli.workspace.results.crosswalk import CrosswalkResult as CrosswalkResult
    from ntm_cli.workspace.results.progress import ProgressResult as ProgressResult
    from ntm_cli.workspace.results.returns import CompletenessResult as CompletenessResult
    from ntm_cli.workspace.results.returns import ImportResult as ImportResult
    from ntm_cli.workspace.results.returns import ReportResult as ReportResult
    from ntm_cli.workspace.results.returns import ReturnsResult as ReturnsResult
    from ntm_cli.workspace.results.returns import TemplateResult as TemplateResult
    from ntm_cli.workspace.results.returns import UnitResult as UnitResult
    from ntm_cli.workspace.results.review import ReviewDecisionsResult as ReviewDecisionsResult
    from ntm_cli.workspace.results.review import ReviewHistoryResult as ReviewHistoryResult
    from ntm_cli.workspace.results.review import ReviewListResult as ReviewListResult
    from ntm_cli.workspace.results.store import StoreCheckResult as StoreCheckResult
    from ntm_cli.workspace.results.units import UnitsResult as UnitsResult


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(name)
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)


__all__ = [
    "AwardsResult",
    "CheckResult",
    "CompletenessResult",
    "CrosswalkResult",
    "ForecastResult",
    "GapsResult",
    "ImportResult",
    "ProgressResult",
    "ReportResult",
    "Result",
    "ReturnsResult",
    "StoreCheckResult",
    "TemplateResult",
    "UnitResult",
    "UnitsResult",
]
