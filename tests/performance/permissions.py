"""Permission cases of the performance app: the plan pages and the pohon kinerja pages."""

from __future__ import annotations

from tests.performance.permissions_plans import PLAN_CASES
from tests.performance.permissions_tree import TREE_CASES

CASES = PLAN_CASES + TREE_CASES
