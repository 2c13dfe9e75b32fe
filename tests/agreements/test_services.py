from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.agreements import selectors, services
from apps.agreements.models import PerjanjianKinerja, PkStatus
from apps.core.models import Job
from tests.agreements.conftest import YEAR

pytestmark = pytest.mark.django_db


def approve(world, pk, cast):
    services.transition(actor=cast.operator if pk.opd_id else cast.bappeda, pk=pk, name="submit")
    services.transition(actor=cast.bappeda, pk=pk, name="approve")


def test_it_generates_a_draft_per_owning_position(world, cast):
    kepala = world.kepala
    assert kepala.status == PkStatus.DRAFT
    assert kepala.superior_position == cast.kepala_daerah
    line = kepala.lines.get()
    assert line.indicator_name == "Persentase puskesmas terakreditasi paripurna"
    assert line.target == Decimal("50") and line.plan_target == Decimal("50")
    assert [b.level for b in kepala.budget_lines.all()] == ["program"]
    assert kepala.budget_lines.get().amount == Decimal("2000000000")
    kasi_levels = {b.level for b in world.kasi.budget_lines.all()}
    assert kasi_levels == {"kegiatan", "subkegiatan"}
    assert world.kabid.superior_position == cast.kepala_opd1
    assert world.kasi.superior_position == cast.kabid1
    assert world.kd.lines.get().indicator_name == "Angka Harapan Hidup"
    # a second run creates nothing new
    assert services.generate_drafts(actor=None, pemda=cast.pemda, year=YEAR) == []


def test_it_requires_a_reason_for_a_target_differing_from_the_renja(world, cast):
    line = world.kepala.lines.get()
    with pytest.raises(ValidationError) as exc:
        services.line_update(actor=cast.operator, line=line, target=Decimal("55"))
    assert "target_reason" in exc.value.message_dict
    line.refresh_from_db()
    assert line.target == Decimal("50")
    services.line_update(
        actor=cast.operator, line=line, target=Decimal("55"), target_reason="Dana alokasi khusus"
    )
    line.refresh_from_db()
    assert line.target == Decimal("55") and line.target_reason == "Dana alokasi khusus"


def test_it_refuses_approval_by_the_wrong_side(world, cast):
    services.transition(actor=cast.operator, pk=world.kasi, name="submit")
    with pytest.raises(PermissionDenied):
        services.transition(actor=cast.operator, pk=world.kasi, name="approve")
    services.transition(actor=cast.verifier, pk=world.kasi, name="approve")
    services.transition(actor=cast.bappeda, pk=world.kd, name="submit")
    with pytest.raises(PermissionDenied):
        services.transition(actor=cast.verifier, pk=world.kd, name="approve")


def test_it_signs_freezes_and_renders_the_pdf_once(world, cast, django_capture_on_commit_callbacks):
    pk = world.kepala
    approve(world, pk, cast)
    with django_capture_on_commit_callbacks(execute=False):
        services.sign(actor=cast.verifier, pk=pk, place="Contoh")
    pk.refresh_from_db()
    assert pk.status == PkStatus.SIGNED
    assert pk.first_party_name == "dr. Siti Rahma, M.Kes."
    assert pk.first_party_nip == "197501012000032001"
    assert pk.second_party_name == "H. Bupati Contoh, S.H."
    assert len(pk.verification_code) == 10
    assert Job.objects.filter(kind="pk_pdf").count() == 1
    _name, content = services.store_pdf(pk.pk)
    pk.refresh_from_db()
    import hashlib

    assert pk.pdf_sha256 == hashlib.sha256(content).hexdigest()
    again = services.store_pdf(pk.pk)[1]
    assert again == content
    line = pk.lines.get()
    with pytest.raises(ValidationError, match="frozen"):
        services.line_update(
            actor=cast.operator, line=line, target=Decimal("50"), target_reason="x"
        )
    assert selectors.current_signed_pk(cast.kepala_opd1, YEAR) == pk


def test_it_refuses_signing_without_a_holder(world, cast):
    pk = world.kepala
    pk.lines.update(target=None)
    approve(world, pk, cast)
    # Kepala Dinas Pendidikan has no holder: check through the Kepala Daerah vacancy instead.
    from apps.organisations.models import Assignment

    Assignment.objects.filter(position=cast.kepala_daerah).update(end_date="2025-06-30")
    with pytest.raises(ValidationError) as exc:
        services.sign(actor=cast.verifier, pk=pk)
    text = " ".join(exc.value.messages)
    assert "has no holder" in text and "Lines without a target: 1" in text
    pk.refresh_from_db()
    assert pk.status == PkStatus.APPROVED and pk.first_party_name == ""


def test_it_shows_acting_holders_as_such(world, cast):
    pk = world.kasi
    services.transition(actor=cast.operator, pk=pk, name="submit")
    services.transition(actor=cast.verifier, pk=pk, name="approve")
    services.sign(actor=cast.verifier, pk=pk, enqueue_pdf=False)
    pk.refresh_from_db()
    assert pk.first_party_acting == "plt"
    assert pk.second_party_name == "Budi Santoso, S.KM."


def _signed(world, cast):
    pk = world.kepala
    approve(world, pk, cast)
    services.sign(actor=cast.verifier, pk=pk, enqueue_pdf=False)
    pk.refresh_from_db()
    return pk


def test_it_revises_a_signed_pk_into_a_new_version(world, cast):
    pk = _signed(world, cast)
    with pytest.raises(ValidationError) as exc:
        services.revise(actor=cast.operator, pk=pk, reason="budget", note="")
    assert "note" in exc.value.message_dict
    new = services.revise(actor=cast.operator, pk=pk, reason="budget", note="APBD-P 2026")
    assert new.version_number == 2 and new.status == PkStatus.DRAFT
    assert new.lines.count() == 1 and new.budget_lines.count() == 1
    assert selectors.current_signed_pk(cast.kepala_opd1, YEAR) == pk
    line = new.lines.get()
    services.line_update(
        actor=cast.operator, line=line, target=Decimal("45"), target_reason="Refocusing"
    )
    approve(world, new, cast)
    services.sign(actor=cast.verifier, pk=new, enqueue_pdf=False)
    pk.refresh_from_db()
    assert pk.status == PkStatus.SUPERSEDED
    assert selectors.current_signed_pk(cast.kepala_opd1, YEAR) == new
    assert pk.lines.get().target == Decimal("50")


def test_it_checks_rencana_aksi_against_the_annual_target(world, cast):
    kasi = world.kasi
    line = kasi.lines.get()  # kumulatif, target 1
    assert line.aggregation == "kumulatif"
    bad = [
        {"target": Decimal(1)},
        {"target": Decimal(1)},
        {"target": Decimal(0)},
        {"target": Decimal(0)},
    ]
    with pytest.raises(ValidationError) as exc:
        services.action_plan_save(actor=cast.operator, line=line, quarters=bad)
    assert "add up to" in exc.value.message_dict["q4_target"][0]
    assert not line.quarters.exists()
    good = [
        {"target": Decimal(0), "actions": "Lelang"},
        {"target": Decimal(0)},
        {"target": Decimal(0)},
        {"target": Decimal(1)},
    ]
    services.action_plan_save(actor=cast.operator, line=line, quarters=good)
    assert [q.target for q in line.quarters.order_by("quarter")] == [0, 0, 0, 1]
    kepala_line = world.kepala.lines.get()  # nilai akhir, target 50
    with pytest.raises(ValidationError) as exc:
        services.action_plan_save(
            actor=cast.operator,
            line=kepala_line,
            quarters=[{"target": Decimal(v)} for v in (10, 20, 30, 40)],
        )
    assert "TW IV must equal" in exc.value.message_dict["q4_target"][0]


def test_it_lists_coverage_with_late_positions(world, cast):
    from apps.organisations.models import PlanYear

    PlanYear.objects.filter(period=world.plan.period, year=YEAR).update(dpa_date="2026-01-05")
    pk = _signed(world, cast)
    PerjanjianKinerja.objects.filter(pk=pk.pk).update(signed_on="2026-01-20")
    import datetime as dt

    data = selectors.coverage(user=cast.bappeda, year=YEAR, today=dt.date(2026, 3, 1))
    opd1 = next(o for o in data["opds"] if o.opd == cast.opd1)
    rows = {r.position: r for r in opd1.rows}
    assert rows[cast.kepala_opd1].pk == pk and not rows[cast.kepala_opd1].late
    assert rows[cast.kasi1].pk is None and rows[cast.kasi1].late
    assert opd1.depth == "jpt"
    with pytest.raises(PermissionDenied):
        selectors.coverage(user=cast.operator, year=YEAR)


def test_it_refuses_remote_urls_in_the_pdf_fetcher():
    from apps.agreements.pdf import RemoteFetchRefused, url_fetcher

    assert url_fetcher("pk-static:/fonts/NotoSans-Regular.ttf")["mime_type"] == "font/ttf"
    for url in (
        "http://example.com/x.png",
        "file:///etc/passwd",
        "pk-static:/../sakip/settings.py",
        "pk-media:/../../etc/passwd",
    ):
        with pytest.raises(RemoteFetchRefused):
            url_fetcher(url)


def test_it_checks_a_qualitative_target_on_tw_iv(world, cast):
    line = world.kasi.lines.get()
    PkLine = type(line)
    PkLine.objects.filter(pk=line.pk).update(target=None, target_text="WTP")
    line.refresh_from_db()
    quarters = [{"target_text": t} for t in ("WDP", "WDP", "WDP", "WDP")]
    with pytest.raises(ValidationError) as exc:
        services.action_plan_save(actor=cast.operator, line=line, quarters=quarters)
    assert "WTP" in exc.value.message_dict["q4_target_text"][0]
    quarters[3] = {"target_text": "WTP"}
    services.action_plan_save(actor=cast.operator, line=line, quarters=quarters)
    assert line.quarters.get(quarter=4).target_text == "WTP"
