"""Pohon kinerja pages and exports of the tree and the cascading matrix."""

urlpatterns: list = []
