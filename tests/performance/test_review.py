"""Bappeda's cascading review: submit, return with a note, approve (locks), revise (keeps the
approved version), comments on nodes, dismissed findings, and the inbox of each side."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core.models import ActivityLog, WorkflowEvent
from apps.core.registry import inbox_for
from apps.core.workflow import WorkflowError
from apps.performance import quality, selectors, services
from apps.performance.models import FindingDismissal, Node, NodeLevel, ReviewComment, Target
from apps.planning import selectors as planning_selectors
from apps.planning.models import DocumentStatus, Renstra, RenstraVersion


def _status(renstra):
    return Renstra.objects.get(pk=renstra.pk).status


def test_it_runs_the_review_from_submit_to_approval(plan):
    cast = plan.cast
    services.renstra_submit(actor=cast.operator, renstra=plan.renstra)
    assert _status(plan.renstra) == DocumentStatus.SUBMITTED
    services.renstra_return(actor=cast.bappeda, renstra=plan.renstra, note="Perbaiki indikator")
    assert _status(plan.renstra) == DocumentStatus.RETURNED
    services.renstra_submit(actor=cast.verifier, renstra=plan.renstra)
    approved = services.renstra_approve(actor=cast.admin, renstra=plan.renstra)
    assert approved.status == DocumentStatus.APPROVED
    assert approved.approved_at is not None
    events = list(selectors.renstra_events(user=cast.viewer, renstra=plan.renstra))
    assert [e.transition for e in events] == ["submit", "return", "submit", "approve"]
    assert events[1].note == "Perbaiki indikator"
    assert ActivityLog.objects.filter(action="sakip.renstra.approve").count() == 1


def test_it_lets_only_the_right_roles_act(plan):
    cast = plan.cast
    with pytest.raises(PermissionDenied):
        services.renstra_submit(actor=cast.other_operator, renstra=plan.renstra)
    with pytest.raises(PermissionDenied):
        services.renstra_submit(actor=cast.bappeda, renstra=plan.renstra)
    services.renstra_submit(actor=cast.operator, renstra=plan.renstra)
    for user in (cast.operator, cast.viewer, cast.evaluator, cast.outsider):
        with pytest.raises(PermissionDenied):
            services.renstra_approve(actor=user, renstra=plan.renstra)
    assert _status(plan.renstra) == DocumentStatus.SUBMITTED


def test_it_needs_a_note_to_return_and_a_tujuan_to_submit(plan):
    services.renstra_submit(actor=None, renstra=plan.renstra)
    with pytest.raises(WorkflowError):
        services.renstra_return(actor=plan.cast.bappeda, renstra=plan.renstra, note="  ")
    assert _status(plan.renstra) == DocumentStatus.SUBMITTED
    empty = services.renstra_create(actor=None, period=plan.period, opd=_third_opd(plan))
    with pytest.raises(ValidationError, match="at least one tujuan"):
        services.renstra_submit(actor=None, renstra=empty)


def _third_opd(plan):
    from apps.organisations import services as org_services

    return org_services.unit_create(
        actor=None, parent=plan.cast.pemda, name="Dinas Sosial", unit_type="opd"
    )


def test_it_refuses_actions_the_state_does_not_allow(plan):
    with pytest.raises(WorkflowError):
        services.renstra_approve(actor=plan.cast.bappeda, renstra=plan.renstra)
    with pytest.raises(WorkflowError):
        services.renstra_revise(actor=plan.cast.operator, renstra=plan.renstra, reason="x")
    assert RenstraVersion.objects.count() == 0


@pytest.mark.parametrize("state", ["submitted", "approved"])
def test_it_refuses_every_write_to_a_locked_renstra(plan, state):
    services.renstra_submit(actor=None, renstra=plan.renstra)
    if state == "approved":
        services.renstra_approve(actor=None, renstra=plan.renstra)
    nodes_before = Node.objects.filter(renstra=plan.renstra).count()
    target_before = Target.objects.get(indicator=plan.sasaran_indicator, year=2026).value
    attempts = [
        lambda: services.node_create(
            actor=None, parent=plan.tujuan, node_level=NodeLevel.SASARAN, statement="Menurunnya Z"
        ),
        lambda: services.node_update(
            actor=None, node=plan.sasaran, data={"statement": "X"}, expected_version=None
        ),
        lambda: services.node_move(actor=None, node=plan.sub, new_parent=plan.kegiatan),
        lambda: services.node_delete(actor=None, node=plan.sub),
        lambda: services.node_set_cascade(
            actor=None, node=plan.tujuan, pemda_sasaran=[plan.sasaran_pemda2]
        ),
        lambda: services.indicator_create(actor=None, node=plan.sasaran, name="Baru"),
        lambda: services.indicator_update(
            actor=None,
            indicator=plan.sasaran_indicator,
            data={"unit": "x"},
            expected_version=None,
        ),
        lambda: services.indicator_delete(actor=None, indicator=plan.sub_indicator),
        lambda: services.target_set(
            actor=None, indicator=plan.sasaran_indicator, year=2026, value=99
        ),
        lambda: services.targets_set(
            actor=None, indicator=plan.sasaran_indicator, targets={2026: 99}
        ),
        lambda: services.budgets_set(actor=None, node=plan.sub, amounts={2025: 1}),
        lambda: services.crosscut_create(actor=None, source=plan.sasaran, target=plan.tujuan2),
    ]
    word = "submitted for review" if state == "submitted" else "approved and locked"
    for attempt in attempts:
        with pytest.raises(ValidationError) as exc:
            attempt()
        assert word in " ".join(exc.value.messages)
    assert Node.objects.filter(renstra=plan.renstra).count() == nodes_before
    assert Target.objects.get(indicator=plan.sasaran_indicator, year=2026).value == target_before
    # The other OPD's Renstra is not locked by this one.
    services.node_update(actor=None, node=plan.tujuan2, data={"number": "1"}, expected_version=None)


def test_it_keeps_the_approved_version_when_a_revision_starts(plan):
    cast = plan.cast
    services.renstra_submit(actor=None, renstra=plan.renstra)
    approved = services.renstra_approve(actor=cast.bappeda, renstra=plan.renstra)
    with pytest.raises(WorkflowError):
        services.renstra_revise(actor=cast.operator, renstra=plan.renstra, reason="")
    assert RenstraVersion.objects.count() == 0
    with pytest.raises(PermissionDenied):
        services.renstra_revise(actor=cast.bappeda, renstra=plan.renstra, reason="x")
    revised = services.renstra_revise(
        actor=cast.operator, renstra=plan.renstra, reason="Perubahan RPJMD"
    )
    assert revised.status == DocumentStatus.DRAFT
    assert revised.revision == 1
    version = RenstraVersion.objects.get(renstra=plan.renstra)
    assert version.revision == 0
    assert version.approved_at == approved.approved_at
    assert version.created_by == cast.operator
    snapshot = version.snapshot
    assert snapshot["renstra"]["opd"] == "Dinas Kesehatan"
    statements = [n["statement"] for n in snapshot["nodes"]]
    assert statements[0] == "Dinas Kesehatan"
    sasaran = next(n for n in snapshot["nodes"] if n["code"] == str(plan.sasaran.code))
    assert sasaran["indicators"][0]["targets"]["2026"]["value"] == "50"
    tujuan = next(n for n in snapshot["nodes"] if n["code"] == str(plan.tujuan.code))
    assert tujuan["pemda_sasaran"] == [str(plan.sasaran_pemda.code)]
    sub = next(n for n in snapshot["nodes"] if n["code"] == str(plan.sub.code))
    assert sub["budgets"]["2026"] == "2000000000"
    assert sub["nomenclature"]["code"] == "1.02.02.2.01.0002"
    # After the revision the tree can change, and a target change is logged with old and new.
    services.target_set(actor=cast.operator, indicator=plan.sasaran_indicator, year=2026, value=52)
    log = ActivityLog.objects.get(action="sakip.target.revised")
    assert log.data["changes"] == {"2026": {"old": "50", "new": "52"}}
    assert log.data["after_approval"] is True
    # The kept version is unchanged.
    version.refresh_from_db()
    sasaran = next(n for n in version.snapshot["nodes"] if n["code"] == str(plan.sasaran.code))
    assert sasaran["indicators"][0]["targets"]["2026"]["value"] == "50"
    kept = planning_selectors.renstra_versions(user=cast.viewer, renstra=revised)
    assert [v.revision for v in kept] == [0]


def test_it_lets_bappeda_comment_on_nodes_and_the_opd_resolve(plan):
    cast = plan.cast
    comment = services.review_comment_add(
        actor=cast.bappeda,
        renstra=plan.renstra,
        node=plan.sasaran,
        text="Indikator belum mengukur outcome",
    )
    with pytest.raises(PermissionDenied):
        services.review_comment_add(actor=cast.operator, renstra=plan.renstra, text="x")
    with pytest.raises(ValidationError):
        services.review_comment_add(
            actor=cast.bappeda, renstra=plan.renstra, node=plan.tujuan2, text="x"
        )
    with pytest.raises(ValidationError):
        services.review_comment_add(actor=cast.bappeda, renstra=plan.renstra, text=" ")
    open_comments = list(
        selectors.review_comments(user=cast.operator, renstra=plan.renstra, open_only=True)
    )
    assert open_comments == [comment]
    with pytest.raises(PermissionDenied):
        services.review_comment_resolve(actor=cast.other_operator, comment=comment)
    services.review_comment_resolve(actor=cast.operator, comment=comment)
    assert ReviewComment.objects.get(pk=comment.pk).resolved_at is not None
    with pytest.raises(ValidationError, match="already resolved"):
        services.review_comment_resolve(actor=cast.bappeda, comment=comment)


def test_it_lets_bappeda_dismiss_a_finding_with_a_note(plan):
    cast = plan.cast
    findings = selectors.renstra_findings(user=cast.bappeda, renstra=plan.renstra)
    kerja = [f for f in findings if f.node_id == plan.sub.pk]
    assert kerja == []
    orphan_sasaran = services.node_create(
        actor=None,
        parent=Node.objects.get(renstra=plan.renstra, parent=None),
        node_level=NodeLevel.TUJUAN,
        statement="Meningkatnya akuntabilitas kinerja Dinas Kesehatan",
    )
    findings = selectors.renstra_findings(user=cast.bappeda, renstra=plan.renstra)
    orphan = next(f for f in findings if f.rule == quality.ORPHAN)
    assert orphan.node_id == orphan_sasaran.pk
    with pytest.raises(PermissionDenied):
        services.finding_dismiss(
            actor=cast.operator, node=orphan_sasaran, rule=orphan.rule, note="x"
        )
    with pytest.raises(ValidationError):
        services.finding_dismiss(actor=cast.bappeda, node=orphan_sasaran, rule=orphan.rule, note="")
    with pytest.raises(ValidationError):
        services.finding_dismiss(actor=cast.bappeda, node=orphan_sasaran, rule="nope", note="x")
    dismissal = services.finding_dismiss(
        actor=cast.bappeda,
        node=orphan_sasaran,
        rule=orphan.rule,
        note="Tujuan internal, tidak diturunkan dari RPJMD",
    )
    findings = selectors.renstra_findings(user=cast.operator, renstra=plan.renstra)
    marked = next(f for f in findings if f.rule == quality.ORPHAN)
    assert marked.dismissed and "internal" in marked.dismissal_note
    open_only = selectors.renstra_findings(
        user=cast.operator, renstra=plan.renstra, include_dismissed=False
    )
    assert all(f.rule != quality.ORPHAN for f in open_only)
    assert selectors.get_rw_dismissal_for_user(cast.bappeda, dismissal.code) == dismissal
    with pytest.raises(PermissionDenied):
        selectors.get_rw_dismissal_for_user(cast.operator, dismissal.code)
    services.finding_restore(actor=cast.bappeda, dismissal=dismissal)
    assert FindingDismissal.objects.count() == 0


def test_it_shows_each_side_what_waits_for_them_in_the_inbox(plan):
    cast = plan.cast
    assert [i for i in inbox_for(cast.bappeda) if "Renstra" in i.title] == []
    services.renstra_submit(actor=cast.operator, renstra=plan.renstra)
    items = [i for i in inbox_for(cast.bappeda) if "Renstra" in i.title]
    assert len(items) == 1
    assert items[0].url == f"/plans/renstra/{plan.renstra.code}/"
    assert [i for i in inbox_for(cast.operator) if "Renstra" in i.title] == []
    assert [i for i in inbox_for(cast.viewer) if "Renstra" in i.title] == []
    services.renstra_return(actor=cast.bappeda, renstra=plan.renstra, note="Lengkapi target")
    assert [i for i in inbox_for(cast.bappeda) if "Renstra" in i.title] == []
    items = [i for i in inbox_for(cast.operator) if "Renstra" in i.title]
    assert len(items) == 1 and "returned" in items[0].title
    assert [i for i in inbox_for(cast.other_operator) if "Renstra" in i.title] == []
    assert [i for i in inbox_for(cast.outsider) if "Renstra" in i.title] == []


def test_it_records_workflow_events_with_the_note(plan):
    services.renstra_submit(actor=plan.cast.operator, renstra=plan.renstra, note="Mohon reviu")
    event = WorkflowEvent.objects.get(object_code=plan.renstra.code)
    assert (event.from_state, event.to_state, event.note) == ("draft", "submitted", "Mohon reviu")
