"""URLs of the plans and the performance tree, under /plans/ (namespace "performance").
Editing pages live in urls_plans.py, the pohon kinerja pages and exports in urls_tree.py."""

from apps.performance.urls_plans import urlpatterns as plan_patterns
from apps.performance.urls_tree import urlpatterns as tree_patterns

app_name = "performance"

urlpatterns = [*plan_patterns, *tree_patterns]
