"""Editing pages of RPJMD, Renstra, Renja and the review (filled by the planning pages)."""

urlpatterns: list = []
