"""Pohon kinerja pages and exports of the tree and the cascading matrix."""

from __future__ import annotations

from django.urls import path

from apps.performance.views import exports, tree

urlpatterns: list = [
    path("tree/", tree.tree_index, name="tree_index"),
    path("tree/period/<uuid:code>/", tree.tree_pemda, name="tree_pemda"),
    path("tree/period/<uuid:code>/export.xlsx", exports.tree_pemda_xlsx, name="tree_pemda_xlsx"),
    path("tree/node/<uuid:code>/branch/", tree.tree_branch, name="tree_branch"),
    path("tree/renstra/<uuid:code>/", tree.tree_opd, name="tree_opd"),
    path("tree/renstra/<uuid:code>/export.xlsx", exports.tree_xlsx, name="tree_xlsx"),
    path("tree/renstra/<uuid:code>/pdf/", exports.tree_pdf, name="tree_pdf"),
    path(
        "tree/renstra/<uuid:code>/workbook.xlsx",
        exports.import_template,
        name="import_template",
    ),
    path("tree/renstra/<uuid:code>/import/", exports.import_upload, name="import_upload"),
    path("tree/renstra/<uuid:code>/import/apply/", exports.import_apply, name="import_apply"),
]
