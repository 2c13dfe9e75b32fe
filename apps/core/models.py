"""The shared machinery: the base model every domain row builds on, the activity log, jobs and
notifications."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Every domain row: an opaque `code` for URLs, its Pemda (the tenant), timestamps and a
    `version` for optimistic concurrency (see apps.core.concurrency)."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pemda = models.ForeignKey(
        "organisations.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Pemda"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True


class ActivityLog(models.Model):
    """A human-readable record of who did what to which object (dotted action names, e.g.
    `sakip.position.created`); row history (django-simple-history) keeps the field values."""

    pemda = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    # The unit the object belongs to, so that the log can be scoped like the object itself.
    unit = models.ForeignKey(
        "organisations.OrgUnit", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=100)
    object_type = models.CharField(max_length=100, blank=True)
    object_code = models.UUIDField(null=True, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["pemda", "-created_at"]),
            models.Index(fields=["pemda", "object_code"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"


class DataRevision(models.Model):
    """A counter per Pemda, raised in the same transaction as every audited change (see
    apps.core.revisions): pages whose content depends only on the Pemda's data are cached under
    it (apps.core.pagecache). A counter, not the latest activity log id, because ids are taken
    before commit: a change committed after a later-numbered one would not move the latest id,
    and a page cached in between would be served stale."""

    pemda = models.OneToOneField(
        "organisations.OrgUnit", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.pemda_id}: {self.value}"


class Job(models.Model):
    """Our own row for a background job: created before the task is enqueued (after commit); the
    page polls it for progress. The task itself only gets this row's id."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pemda = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=100)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)
    result_file = models.FileField(upload_to="jobs/%Y/%m/", blank=True)
    result_name = models.CharField(max_length=200, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["pemda", "owner", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}


class Notification(models.Model):
    """An in-app notification. `dedupe_key` makes sending idempotent: a reminder run twice
    creates one row."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pemda = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    dedupe_key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="notification_unique_dedupe",
            )
        ]

    def __str__(self) -> str:
        return self.title


class WorkflowEvent(models.Model):
    """Every state transition of any workflow object, with who, when and why."""

    pemda = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    object_type = models.CharField(max_length=100)
    object_code = models.UUIDField()
    transition = models.CharField(max_length=50)
    from_state = models.CharField(max_length=30)
    to_state = models.CharField(max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["pemda", "object_type", "object_code"])]

    def __str__(self) -> str:
        return f"{self.object_type} {self.transition}"
