"""generate_scale_data at a small size: counts follow the arguments, the trees are consistent,
sampled rows pass the models' and services' validations, the same seed gives the same rows, and
the other Pemda (the fixed cast, standing in for the demo) is left exactly as it was.

The runs are made once for the module inside a transaction that is rolled back at its end."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F
from django.urls import reverse

from apps.agreements import services as pk_services
from apps.agreements.models import ActionPlanQuarter, PerjanjianKinerja, PkLine, PkStatus
from apps.core.trees import check_all
from apps.demo.scale import (
    INDICATORS_PER_NODE,
    PEMDA_USERS,
    RENSTRA_SHAPE,
    RPJMD_SHAPE,
    START_YEAR,
    digest,
    generate,
    scale_models,
)
from apps.evaluation.models import Answer, Criterion, Evaluation, LkeTemplate
from apps.measurement import services as measurement_services
from apps.measurement.models import BudgetRealisation, Realisation, RealisationStatus
from apps.organisations.models import Membership, OrgUnit, QuarterWindow, Role, UnitType
from apps.performance.models import Indicator, Node, NodeBudget, RenjaLine, Target
from apps.planning.models import Renja, Renstra
from apps.reporting.models import Publication, PublicationKind
from tests.conftest import build_cast

OPD, YEARS = 2, 2


def _renstra_nodes() -> int:
    total, width = 1, 1
    for _level, count in RENSTRA_SHAPE:
        width *= count
        total += width
    return total


def _rpjmd_nodes() -> int:
    total, width = 1, 1
    for _level, count in RPJMD_SHAPE:
        width *= count
        total += width
    return total


def _snapshot(pemda_ids: list[int]) -> dict[str, list[tuple]]:
    out = {}
    for model in scale_models():
        names = [f.attname for f in model._meta.concrete_fields]
        out[model._meta.label] = list(
            model._default_manager.filter(pemda_id__in=pemda_ids).order_by("pk").values_list(*names)
        )
    return out


@pytest.fixture(scope="module")
def runs(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        cast = build_cast()
        others = [cast.pemda.pk, cast.pemda_b.pk]
        before = _snapshot(others)
        big = generate(opd=OPD, years=YEARS, seed=11).pemda
        twin_a = generate(opd=1, years=1, seed=5, pemda_name="Provinsi Kembar A").pemda
        twin_b = generate(opd=1, years=1, seed=5, pemda_name="Provinsi Kembar B").pemda
        other = generate(opd=1, years=1, seed=6, pemda_name="Provinsi Lain").pemda
        yield {
            "big": big,
            "digests": [digest(p) for p in (twin_a, twin_b, other)],
            "before": before,
            "after": _snapshot(others),
        }
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_it_builds_counts_that_follow_the_arguments(runs):
    pemda = runs["big"]
    assert OrgUnit.objects.filter(pemda=pemda, unit_type=UnitType.OPD).count() == OPD
    assert Renstra.objects.filter(pemda=pemda).count() == OPD
    nodes = Node.objects.filter(pemda=pemda).count()
    assert nodes == _rpjmd_nodes() + OPD * _renstra_nodes()
    # Every node but the roots and the misi carries its indicators.
    with_indicators = nodes - 1 - RPJMD_SHAPE[0][1] - OPD
    indicators = Indicator.objects.filter(pemda=pemda).count()
    assert indicators == with_indicators * INDICATORS_PER_NODE
    assert Target.objects.filter(pemda=pemda).count() == indicators * YEARS
    assert Renja.objects.filter(pemda=pemda).count() == OPD * YEARS
    assert RenjaLine.objects.filter(pemda=pemda, pagu__gt=0).exists()
    assert Realisation.objects.filter(pemda=pemda).count() == indicators * 4 * YEARS
    statuses = dict(
        Realisation.objects.filter(pemda=pemda).values_list("status").annotate(n=Count("pk"))
    )
    assert statuses[RealisationStatus.VERIFIED] > 0.85 * sum(statuses.values())
    assert statuses.get(RealisationStatus.RETURNED, 0) > 0
    subs = NodeBudget.objects.filter(pemda=pemda).count()
    assert BudgetRealisation.objects.filter(pemda=pemda).count() == subs * 4
    assert PerjanjianKinerja.objects.filter(pemda=pemda, status=PkStatus.SIGNED).count() > 0
    assert set(PerjanjianKinerja.objects.filter(pemda=pemda).values_list("year", flat=True)) == set(
        range(START_YEAR, START_YEAR + YEARS)
    )
    criteria = Criterion.objects.filter(
        sub_component__component__template=LkeTemplate.objects.get(pemda=pemda, is_default=True)
    ).count()
    answers = Answer.objects.filter(pemda=pemda)
    assert criteria == 80
    assert answers.count() == (OPD + 1) * criteria * YEARS
    assert not answers.filter(self_label="").exists()
    assert not answers.filter(label="").exists()


def test_it_gives_every_role_a_user_every_team_its_evaluators_and_the_portal_a_page(runs, client):
    pemda = runs["big"]
    roles = set(Membership.objects.filter(pemda=pemda).values_list("role", flat=True))
    assert roles == set(Role.values)
    evaluations = Evaluation.objects.filter(pemda=pemda)
    assert evaluations.count() == (OPD + 1) * YEARS
    leads = {key: n for key, _name, _role, n in PEMDA_USERS}["lead"]
    for evaluation in evaluations:
        team = sorted(evaluation.team.values_list("role", flat=True))
        assert team == ["lead"] * leads + ["member"]
    kinds = set(
        Publication.objects.filter(pemda=pemda, withdrawn_at=None).values_list("kind", flat=True)
    )
    assert kinds == {
        PublicationKind.RPJMD,
        PublicationKind.IKU,
        PublicationKind.PK,
        PublicationKind.INDICATORS,
    }
    response = client.get(reverse("portal:pemda", args=[pemda.code]))
    assert response.status_code == 200


def test_it_leaves_every_tree_consistent(runs):
    assert check_all() == []


def test_it_writes_rows_that_pass_full_clean(runs):
    pemda = runs["big"]
    for model in scale_models():
        pks = list(model._default_manager.filter(pemda=pemda).values_list("pk", flat=True))
        step = max(1, len(pks) // 15)
        for obj in model._default_manager.filter(pk__in=pks[::step]):
            obj.full_clean()


def test_it_keeps_realisations_valid_and_inside_their_windows(runs):
    pemda = runs["big"]
    rows = Realisation.objects.filter(pemda=pemda)
    assert not rows.filter(value__lt=F("indicator__min_value")).exists()
    assert not rows.filter(value__gt=F("indicator__max_value")).exists()
    assert not rows.filter(value__isnull=True, text_value="").exists()
    windows = {
        (w.plan_year.year, w.quarter): w
        for w in QuarterWindow.objects.filter(pemda=pemda).select_related("plan_year")
    }
    for row in rows.select_related("indicator__scale")[::7]:
        raw = row.text_value if row.indicator.scale_id else row.value
        cleaned = measurement_services.clean_value(row.indicator, raw)
        assert cleaned == {"value": row.value, "text_value": row.text_value}
        window = windows[(row.year, row.quarter)]
        if row.status != RealisationStatus.DRAFT:
            assert window.opens_on <= row.submitted_at.date() <= window.closes_on
        if row.status == RealisationStatus.VERIFIED:
            assert row.verified_by_id and row.verified_at > row.submitted_at


def test_it_makes_pk_lines_that_match_the_tree(runs):
    pemda = runs["big"]
    targets = {(t.indicator_id, t.year): t for t in Target.objects.filter(pemda=pemda)}
    lines = PkLine.objects.filter(pemda=pemda).select_related("pk_doc", "indicator", "node")
    assert lines.exists()
    for line in lines:
        assert line.indicator.node_id == line.node_id
        assert line.statement == line.node.statement
        assert line.indicator_name == line.indicator.name
        target = targets[(line.indicator_id, line.pk_doc.year)]
        assert (line.target, line.target_text) == (target.value, target.text_value)
    for line in lines[::5]:
        quarters = [
            {"target": q.target, "target_text": q.target_text}
            for q in ActionPlanQuarter.objects.filter(line=line).order_by("quarter")
        ]
        assert len(quarters) == 4
        assert pk_services.check_quarters(line, quarters) == {}
    for pk in PerjanjianKinerja.objects.filter(pemda=pemda, status=PkStatus.SIGNED)[:10]:
        party = pk_services.party_of(pk.position, pk.signed_on)
        assert (pk.first_party_name, pk.first_party_nip) == (party.name, party.nip)
        assert pk.signed_on.year == pk.year and not pk.pdf
        assert pk_services.sign_problems(pk, pk.signed_on) == []


def test_it_is_deterministic_for_a_seed(runs):
    twin_a, twin_b, other = runs["digests"]
    assert twin_a == twin_b
    assert twin_a != other


def test_it_leaves_the_other_pemda_untouched(runs):
    assert runs["before"] == runs["after"]
    assert sum(len(rows) for rows in runs["before"].values()) > 20


def test_it_refuses_a_pemda_that_exists(runs):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="already exists"):
        call_command("generate_scale_data", "--opd", "1", "--years", "1", "--seed", "11")
    assert OrgUnit.objects.filter(parent=None, name="Provinsi Skala 11").count() == 1
