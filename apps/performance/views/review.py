"""The Renstra pages: the list per plan period, the Renstra page (the OPD's tree with per-node
actions, quality findings, crosscuts pointing into it, the review banner, comments, events and
kept versions) and the cascading review acts (submit, return, approve, revise, comment, dismiss a
finding).

Who acts: the OPD's operators and verifiers edit while the Renstra is a draft or returned and
submit or revise it; Bappeda (and the Pemda admins) return, approve, comment and dismiss
findings. The services check the state and the role again.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.concurrency import StaleVersionError
from apps.core.forms import add_service_errors, bound_data, save_form
from apps.core.workflow import WorkflowError
from apps.organisations import selectors as org_selectors
from apps.organisations.access import OPD_WRITERS, PLANNERS, get_scope
from apps.organisations.models import UnitType
from apps.performance import forms, selectors, services
from apps.performance.selectors import walk
from apps.performance.views.common import anchor_url, report_errors
from apps.performance.workflows import APPROVE, RENSTRA_WORKFLOW, RETURN, REVISE, SUBMIT
from apps.planning import selectors as plan_selectors
from apps.planning.models import DocumentStatus, Renstra

# --- list and creation ---------------------------------------------------------------------------


def _default_period(periods: list):
    return periods[-1] if periods else None


@login_required
def renstra_list(request: HttpRequest) -> HttpResponse:
    """The Renstra of one plan period: OPD, status, revision and open quality findings. A
    constant number of queries (the findings come from the Pemda-wide tree loader)."""
    periods = list(org_selectors.period_list(user=request.user).order_by("start_year"))
    filter_form = forms.PeriodFilterForm(
        request.GET, periods=org_selectors.period_list(user=request.user)
    )
    period = None
    if filter_form.is_valid():
        period = filter_form.cleaned_data["period"]
    period = period or _default_period(periods)
    rows: list[dict[str, Any]] = []
    if period is not None:
        tree = selectors.pemda_tree(user=request.user, period=period)
        findings = {
            branch.renstra.pk: sum(len(item.open_findings) for item, _d in walk([branch.root]))
            for branch in tree.opds
        }
        rows = [
            {"renstra": renstra, "findings": findings.get(renstra.pk, 0)}
            for renstra in plan_selectors.renstra_list(user=request.user, period=period)
        ]
    scope = get_scope(request.user)
    return render(
        request,
        "performance/renstra_list.html",
        {
            "rows": rows,
            "period": period,
            "filter_form": filter_form,
            "may_create": scope.has_role(*(PLANNERS | OPD_WRITERS)),
        },
    )


def _opds_for_new_renstra(user):
    """OPDs the user plans for (Bappeda: every OPD; an OPD's writers: their own)."""
    scope = get_scope(user)
    return scope.filter(
        org_selectors.opd_list(user=user).filter(unit_type=UnitType.OPD, is_active=True),
        path="",
        roles=PLANNERS | OPD_WRITERS,
    )


@login_required
def renstra_create(request: HttpRequest) -> HttpResponse:
    if not get_scope(request.user).has_role(*(PLANNERS | OPD_WRITERS)):
        raise PermissionDenied
    form = forms.RenstraCreateForm(
        bound_data(request),
        periods=org_selectors.period_list(user=request.user),
        opds=_opds_for_new_renstra(request.user),
    )
    if request.method == "POST":
        renstra = save_form(form, lambda data: services.renstra_create(actor=request.user, **data))
        if renstra is not None:
            messages.success(request, _("The Renstra was created."))
            return redirect("performance:renstra_detail", code=renstra.code)
    return render(
        request,
        "performance/renstra_form.html",
        {"form": form, "back_url": reverse("performance:renstra_list")},
    )


# --- the Renstra page ----------------------------------------------------------------------------


def _banner(renstra: Renstra) -> tuple[str, str]:
    """Who must act now, in words, and the alert colour."""
    status = renstra.status
    if status == DocumentStatus.SUBMITTED:
        return _("Submitted: Bappeda must review it (return it with notes or approve it)."), "info"
    if status == DocumentStatus.RETURNED:
        return (
            _("Returned with notes: the OPD must fix it and submit it again."),
            "warning",
        )
    if status == DocumentStatus.APPROVED:
        return (
            _("Approved and locked. The OPD may start a revision; the approved version is kept."),
            "success",
        )
    return _("Draft: the OPD prepares it and submits it to Bappeda for review."), "secondary"


def _renstra_page(
    request: HttpRequest,
    renstra: Renstra,
    *,
    transition_forms: dict[str, forms.TransitionForm] | None = None,
    comment_form: forms.CommentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    tree = selectors.opd_tree(user=user, renstra=renstra)
    renstra = tree.renstra
    editable = tree.may_write and renstra.status in {DocumentStatus.DRAFT, DocumentStatus.RETURNED}
    available = {t.name: t for t in RENSTRA_WORKFLOW.available(renstra, user)}
    transition_forms = dict(transition_forms or {})
    actions = []
    for name in (SUBMIT, RETURN, APPROVE, REVISE):
        if name in available:
            form = transition_forms.get(name) or forms.TransitionForm(
                initial={"version": renstra.version}, prefix=name
            )
            actions.append({"name": name, "label": available[name].label, "form": form})
    if comment_form is None and tree.may_review:
        comment_form = forms.CommentForm(prefix="comment")
    if comment_form is not None:
        comment_form.fields["node"].queryset = selectors.node_list(user=user).filter(
            renstra=renstra, parent__isnull=False
        )
    dismissals = {
        (d.node_id, d.rule, d.subject): d
        for d in selectors.dismissal_list(user=user, renstra=renstra)
    }
    findings_view = [
        {"finding": f, "dismissal": dismissals.get((f.node_id, f.rule, f.subject))}
        for f in tree.findings
    ]
    by_node: dict[int, list] = {}
    for row in findings_view:
        by_node.setdefault(row["finding"].node_id, []).append(row)
    banner, banner_class = _banner(renstra)
    return render(
        request,
        "performance/renstra_detail.html",
        {
            "renstra": renstra,
            "tree": tree,
            "rows": [
                {"item": item, "depth": depth, "findings": by_node.get(item.node.pk, [])}
                for item, depth in walk([tree.root])
            ],
            "years": renstra.period.years,
            "editable": editable,
            "may_review": tree.may_review,
            "actions": actions,
            "banner": banner,
            "banner_class": banner_class,
            "comment_form": comment_form,
            "comments": selectors.review_comments(user=user, renstra=renstra),
            "events": selectors.renstra_events(user=user, renstra=renstra),
            "versions": plan_selectors.renstra_versions(user=user, renstra=renstra),
            "renjas": plan_selectors.renja_list(user=user, renstra=renstra),
            "open_findings": sum(1 for f in tree.findings if not f.dismissed),
        },
        status=status,
    )


@login_required
def renstra_detail(request: HttpRequest, code) -> HttpResponse:
    renstra = plan_selectors.get_renstra_for_user(request.user, code)
    return _renstra_page(request, renstra)


# --- review acts ---------------------------------------------------------------------------------


def _transition(request: HttpRequest, renstra: Renstra, name: str, act) -> HttpResponse:
    form = forms.TransitionForm(request.POST, prefix=name)
    if form.is_valid():
        try:
            act(form.cleaned_data["note"], form.cleaned_data["version"])
        except StaleVersionError as exc:
            form.add_error(None, str(exc))
        except WorkflowError as exc:
            form.add_error("note", str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc, default_field="note")
        else:
            messages.success(
                request,
                _("Done: the Renstra is now “%(status)s”.")
                % {
                    "status": plan_selectors.get_renstra_for_user(
                        request.user, renstra.code
                    ).get_status_display()
                },
            )
            return redirect("performance:renstra_detail", code=renstra.code)
    renstra.refresh_from_db()
    return _renstra_page(request, renstra, transition_forms={name: form}, status=200)


@login_required
@require_POST
def renstra_submit(request: HttpRequest, code) -> HttpResponse:
    renstra = plan_selectors.get_rw_renstra_for_user(request.user, code)
    return _transition(
        request,
        renstra,
        SUBMIT,
        lambda note, version: services.renstra_submit(
            actor=request.user, renstra=renstra, note=note, expected_version=version
        ),
    )


@login_required
@require_POST
def renstra_return(request: HttpRequest, code) -> HttpResponse:
    renstra = plan_selectors.get_review_renstra_for_user(request.user, code)
    return _transition(
        request,
        renstra,
        RETURN,
        lambda note, version: services.renstra_return(
            actor=request.user, renstra=renstra, note=note, expected_version=version
        ),
    )


@login_required
@require_POST
def renstra_approve(request: HttpRequest, code) -> HttpResponse:
    renstra = plan_selectors.get_review_renstra_for_user(request.user, code)
    return _transition(
        request,
        renstra,
        APPROVE,
        lambda note, version: services.renstra_approve(
            actor=request.user, renstra=renstra, note=note, expected_version=version
        ),
    )


@login_required
@require_POST
def renstra_revise(request: HttpRequest, code) -> HttpResponse:
    renstra = plan_selectors.get_rw_renstra_for_user(request.user, code)
    return _transition(
        request,
        renstra,
        REVISE,
        lambda note, version: services.renstra_revise(
            actor=request.user, renstra=renstra, reason=note, expected_version=version
        ),
    )


@login_required
@require_POST
def comment_add(request: HttpRequest, code) -> HttpResponse:
    """Bappeda's review comment on the Renstra, optionally on one statement."""
    renstra = plan_selectors.get_review_renstra_for_user(request.user, code)
    form = forms.CommentForm(request.POST, prefix="comment")
    form.fields["node"].queryset = selectors.node_list(user=request.user).filter(
        renstra=renstra, parent__isnull=False
    )
    if save_form(
        form,
        lambda data: services.review_comment_add(
            actor=request.user, renstra=renstra, text=data["text"], node=data["node"]
        ),
        default_field="text",
    ):
        messages.success(request, _("The comment was added."))
        return redirect("performance:renstra_detail", code=renstra.code)
    return _renstra_page(request, renstra, comment_form=form)


@login_required
@require_POST
def comment_resolve(request: HttpRequest, code) -> HttpResponse:
    comment = selectors.get_rw_comment_for_user(request.user, code)
    try:
        services.review_comment_resolve(actor=request.user, comment=comment)
    except ValidationError as exc:
        report_errors(request, exc)
    else:
        messages.success(request, _("The comment was marked resolved."))
    return redirect("performance:renstra_detail", code=comment.renstra.code)


@login_required
def finding_dismiss(request: HttpRequest, code) -> HttpResponse:
    """Bappeda decides a quality finding does not apply to this statement, and says why."""
    node = selectors.get_node_for_user(request.user, code)
    if node.renstra_id is not None:
        allowed = plan_selectors.may_review_renstra(request.user, node.renstra)
    else:
        allowed = get_scope(request.user).pemda_wide(PLANNERS)
    if not allowed:
        raise PermissionDenied
    initial = {"rule": request.GET.get("rule", ""), "subject": request.GET.get("subject", "")}
    form = forms.DismissForm(bound_data(request), initial=initial)
    if request.method == "POST" and save_form(
        form,
        lambda data: services.finding_dismiss(actor=request.user, node=node, **data),
        default_field="note",
    ):
        messages.success(request, _("The finding was dismissed."))
        return redirect(_node_anchor_url(node))
    return render(
        request,
        "performance/finding_dismiss.html",
        {"node": node, "form": form, "back_url": _node_anchor_url(node)},
    )


def _node_anchor_url(node) -> str:
    return anchor_url(node.renstra if node.renstra_id else node.rpjmd, node)


@login_required
@require_POST
def finding_restore(request: HttpRequest, code) -> HttpResponse:
    dismissal = selectors.get_rw_dismissal_for_user(request.user, code)
    node = dismissal.node
    target = _node_anchor_url(selectors.get_node_for_user(request.user, node.code))
    services.finding_restore(actor=request.user, dismissal=dismissal)
    messages.success(request, _("The finding shows again."))
    return redirect(target)


@login_required
def renstra_version(request: HttpRequest, code, revision: int) -> HttpResponse:
    """A kept (approved) version of the Renstra, read-only, as it was."""
    renstra = plan_selectors.get_renstra_for_user(request.user, code)
    version = plan_selectors.get_renstra_version_for_user(request.user, renstra, revision)
    nodes = version.snapshot.get("nodes", [])
    return render(
        request,
        "performance/renstra_version.html",
        {"renstra": renstra, "version": version, "nodes": nodes},
    )
