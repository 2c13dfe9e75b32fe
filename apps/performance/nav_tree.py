"""The "Pohon kinerja" menu entry (imported from PerformanceConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.core.registry import NavEntry, register_nav

register_nav(
    NavEntry(
        label=_("Pohon kinerja"),
        url_name="performance:tree_index",
        # Everyone with a grant in a Pemda reads the RPJMD tree and their own OPDs' trees.
        visible=lambda scope: scope.pemda_id is not None and bool(scope.grants),
        order=30,
    )
)
