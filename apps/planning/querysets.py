"""Reusable, chainable filters of the planning documents and the nomenclature. They hold no
workflows; selectors compose them."""

from __future__ import annotations

from django.db import models


class NomenclatureItemQuerySet(models.QuerySet):
    def current(self) -> NomenclatureItemQuerySet:
        """Items of the decree in force (what new links are made to)."""
        return self.filter(decree__is_current=True)

    def of_level(self, level: str) -> NomenclatureItemQuerySet:
        return self.filter(level=level)

    def under(self, code: str) -> NomenclatureItemQuerySet:
        """Items whose code continues `code` (its descendants in the code hierarchy)."""
        return self.filter(code__startswith=f"{code}.")


class RenstraQuerySet(models.QuerySet):
    def for_period(self, period) -> RenstraQuerySet:
        return self.filter(period=period)

    def with_status(self, *statuses: str) -> RenstraQuerySet:
        return self.filter(status__in=statuses)


class RenjaQuerySet(models.QuerySet):
    def current(self) -> RenjaQuerySet:
        return self.filter(is_current=True)

    def for_year(self, year: int) -> RenjaQuerySet:
        return self.filter(year=year)
