"""Permission cases of the performance app: the plan pages and the pohon kinerja pages."""

from __future__ import annotations

from tests.performance.permissions_plans import PLAN_CASES
from tests.performance.permissions_tree import TREE_CASES

CASES = PLAN_CASES + TREE_CASES

from .permissions_api import API_CASES  # noqa: E402

CASES = CASES + API_CASES
