"""Reusable, chainable filters. They hold no workflows; selectors compose them."""

from __future__ import annotations

import datetime as dt

from django.db import models
from mptt.querysets import TreeQuerySet


class OrgUnitQuerySet(TreeQuerySet):
    def for_pemda(self, pemda_id: int) -> OrgUnitQuerySet:
        return self.filter(pemda_id=pemda_id)

    def opds(self) -> OrgUnitQuerySet:
        return self.filter(unit_type="opd")

    def active(self) -> OrgUnitQuerySet:
        return self.filter(is_active=True)


class PositionQuerySet(models.QuerySet):
    def for_pemda(self, pemda_id: int) -> PositionQuerySet:
        return self.filter(pemda_id=pemda_id)

    def active(self) -> PositionQuerySet:
        return self.filter(is_active=True)


class AssignmentQuerySet(models.QuerySet):
    def current_on(self, day: dt.date) -> AssignmentQuerySet:
        return self.filter(start_date__lte=day).filter(
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=day)
        )


class MembershipQuerySet(models.QuerySet):
    def for_pemda(self, pemda_id: int) -> MembershipQuerySet:
        return self.filter(pemda_id=pemda_id)
