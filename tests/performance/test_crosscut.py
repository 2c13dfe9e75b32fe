"""Crosscutting: a statement of one OPD supports a statement of another OPD of the same Pemda;
the other OPD sees it read-only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from apps.organisations import services as org_services
from apps.performance import selectors, services
from apps.performance.models import Crosscut, Node, NodeLevel


def test_it_links_a_statement_to_another_opds_statement(plan):
    crosscut = services.crosscut_create(
        actor=plan.cast.operator,
        source=plan.sasaran,
        target=plan.tujuan2,
        note="Usaha Kesehatan Sekolah",
    )
    assert crosscut.pemda == plan.cast.pemda
    into = list(selectors.crosscuts_into(user=plan.cast.other_operator, renstra=plan.renstra2))
    assert into == [crosscut]
    # The target OPD reads the supporting statement, but may not change it.
    assert selectors.get_node_for_user(plan.cast.other_operator, plan.sasaran.code) == plan.sasaran
    with pytest.raises(PermissionDenied):
        selectors.get_rw_node_for_user(plan.cast.other_operator, plan.sasaran.code)
    # ...and only that statement, not the rest of the other OPD's tree.
    with pytest.raises(Http404):
        selectors.get_node_for_user(plan.cast.other_operator, plan.program.code)


def test_it_refuses_a_link_inside_one_opd(plan):
    with pytest.raises(ValidationError) as exc:
        services.crosscut_create(actor=None, source=plan.program, target=plan.tujuan)
    assert "place the statement in the tree" in exc.value.message_dict["target"][0]


def test_it_refuses_a_link_to_the_rpjmd_or_another_pemda_or_period(plan):
    with pytest.raises(ValidationError):
        services.crosscut_create(actor=None, source=plan.sasaran, target=plan.sasaran_pemda)
    period_b = org_services.period_create(
        actor=None, pemda=plan.cast.pemda_b, name="RPJMD B", start_year=2025
    )
    renstra_b = services.renstra_create(actor=None, period=period_b, opd=plan.cast.opd_b)
    tujuan_b = services.node_create(
        actor=None,
        parent=Node.objects.get(renstra=renstra_b, parent=None),
        node_level=NodeLevel.TUJUAN,
        statement="Meningkatnya kesehatan",
    )
    with pytest.raises(ValidationError, match="of this Pemda"):
        services.crosscut_create(actor=None, source=plan.sasaran, target=tujuan_b)
    assert Crosscut.objects.count() == 0


def test_it_refuses_a_duplicate_link(plan):
    services.crosscut_create(actor=None, source=plan.sasaran, target=plan.tujuan2)
    with pytest.raises(ValidationError, match="exists already"):
        services.crosscut_create(actor=None, source=plan.sasaran, target=plan.tujuan2)


def test_it_lets_only_the_source_opd_create_update_and_remove_the_link(plan):
    cast = plan.cast
    with pytest.raises(PermissionDenied):
        services.crosscut_create(
            actor=cast.other_operator, source=plan.sasaran, target=plan.tujuan2
        )
    with pytest.raises(PermissionDenied):
        services.crosscut_create(actor=cast.bappeda, source=plan.sasaran, target=plan.tujuan2)
    crosscut = services.crosscut_create(
        actor=cast.verifier, source=plan.sasaran, target=plan.tujuan2
    )
    with pytest.raises(PermissionDenied):
        selectors.get_rw_crosscut_for_user(cast.other_operator, crosscut.code)
    assert selectors.get_crosscut_for_user(cast.other_operator, crosscut.code) == crosscut
    services.crosscut_update(
        actor=cast.operator,
        crosscut=crosscut,
        data={"note": "UKS"},
        expected_version=crosscut.version,
    )
    crosscut.refresh_from_db()
    assert crosscut.note == "UKS"
    services.crosscut_delete(actor=cast.operator, crosscut=crosscut)
    assert Crosscut.objects.count() == 0


def test_it_offers_the_other_opds_statements_as_link_targets(plan):
    choices = list(selectors.crosscut_target_choices(user=plan.cast.operator, source=plan.sasaran))
    assert plan.tujuan2 in choices
    assert all(n.renstra_id == plan.renstra2.pk for n in choices)
