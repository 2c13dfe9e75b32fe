from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from apps.agreements import services
from apps.agreements.models import PerjanjianKinerja, PkStatus
from apps.organisations import services as org_services
from apps.performance.models import Node
from tests.agreements.conftest import YEAR

pytestmark = pytest.mark.django_db


def _signed(world, cast) -> PerjanjianKinerja:
    pk = world.kepala
    services.transition(actor=cast.operator, pk=pk, name="submit")
    services.transition(actor=cast.verifier, pk=pk, name="approve")
    services.sign(actor=cast.verifier, pk=pk, place="Contoh", enqueue_pdf=False)
    services.store_pdf(pk.pk)
    pk.refresh_from_db()
    return pk


def test_it_prints_both_parties_and_the_targets_in_the_pdf(world, cast):
    pk = _signed(world, cast)
    with pk.pdf.open("rb") as fh:
        text = "\n".join(page.extract_text() for page in PdfReader(fh).pages)
    flat = " ".join(text.split())
    assert "dr. Siti Rahma, M.Kes." in flat
    assert "197501012000032001" in flat
    assert "H. Bupati Contoh, S.H." in flat
    assert "Persentase puskesmas terakreditasi paripurna" in flat
    assert "50 %" in flat
    assert pk.verification_code in flat
    assert f"TAHUN {YEAR}" in flat or f"YEAR {YEAR}" in flat


def test_it_verifies_a_signed_pk_and_compares_an_uploaded_file(world, cast, client):
    pk = _signed(world, cast)
    url = reverse("verify:pk", args=[pk.verification_code])
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "dr. Siti Rahma, M.Kes." in body and pk.pdf_sha256 in body
    with pk.pdf.open("rb") as fh:
        content = fh.read()
    same = client.post(url, {"file": SimpleUploadedFile("pk.pdf", content)})
    assert "identik" in same.content.decode()
    other = client.post(url, {"file": SimpleUploadedFile("pk.pdf", content + b"x")})
    assert "berbeda dari dokumen" in other.content.decode()
    missing = client.get(reverse("verify:pk", args=["ZZZZZZZZZZ"]))
    assert missing.status_code == 404 and "ZZZZZZZZZZ" in missing.content.decode()


def test_it_shows_the_service_reason_on_the_line_form(world, cast):
    line = world.kepala.lines.get()
    client = cast.client(cast.operator)
    url = reverse("agreements:line_edit", args=[line.code])
    response = client.post(url, {"version": line.version, "target": "60", "target_reason": ""})
    assert response.status_code == 200
    assert "berbeda dari Renja" in response.content.decode()
    line.refresh_from_db()
    assert line.target == 50


def test_it_refuses_inconsistent_quarters_on_the_form(world, cast):
    line = world.kepala.lines.get()
    client = cast.client(cast.operator)
    url = reverse("agreements:action_plan", args=[line.code])
    data = {"version": line.version, "q1_target": "10", "q2_target": "20", "q3_target": "30"}
    data["q4_target"] = "40"
    response = client.post(url, data)
    assert "TW IV harus sama dengan target tahunan 50" in response.content.decode()
    assert not line.quarters.exists()
    data["q4_target"] = "50"
    assert client.post(url, data).status_code == 302
    assert line.quarters.count() == 4


def test_it_refuses_signing_without_a_holder_on_the_page(world, cast):
    pk = world.kepala
    from apps.organisations.models import Assignment

    Assignment.objects.filter(position=cast.kepala_opd1).update(end_date="2025-06-30")
    services.transition(actor=cast.operator, pk=pk, name="submit")
    services.transition(actor=cast.verifier, pk=pk, name="approve")
    client = cast.client(cast.verifier)
    pk.refresh_from_db()
    response = client.post(
        reverse("agreements:transition", args=[pk.code, "sign"]),
        {"version": pk.version},
        follow=True,
    )
    assert "belum ada pejabatnya" in response.content.decode()
    pk.refresh_from_db()
    assert pk.status == PkStatus.APPROVED


def _more_pks(world, cast, n: int) -> None:
    for i in range(n):
        for pk in (world.kepala, world.kabid, world.kasi):
            PerjanjianKinerja.objects.create(
                pemda=cast.pemda,
                year=2030 + i,
                position=pk.position,
                opd=pk.opd,
                unit=pk.unit,
                superior_position=pk.superior_position,
            )


def test_it_lists_pks_in_a_constant_number_of_queries(world, cast, django_assert_num_queries):
    client = cast.client(cast.operator)
    url = reverse("agreements:pk_list")
    client.get(url)
    with django_assert_num_queries(_count(client, url)) as small:
        client.get(url)
    _more_pks(world, cast, 4)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert "2033" in response.content.decode()


def test_the_detail_page_runs_a_fixed_number_of_queries(world, cast, django_assert_num_queries):
    # Session, user, the data revision, scope, the PK, its lines with their Rencana Aksi (one
    # query), the budget lines, the versions and the history; before signing, the two parties'
    # current holders.
    client = cast.client(cast.operator)
    url = reverse("agreements:pk_detail", args=[world.kepala.code])
    with django_assert_num_queries(11):
        client.get(url)
    # Unchanged since: from the page cache (session, user, revision, scope, the PK).
    with django_assert_num_queries(5):
        client.get(url)
    services.action_plan_save(
        actor=cast.operator,
        line=world.kepala.lines.get(),
        quarters=[{"target": Decimal(v), "actions": f"Aksi {v}"} for v in (10, 20, 30, 50)],
    )
    with django_assert_num_queries(11):
        body = client.get(url).content.decode()
    assert "Aksi 30" in body and "No Rencana Aksi yet" not in body
    # Signed, the page shows the parties frozen in it: their holders are not read.
    _signed(world, cast)
    with django_assert_num_queries(9):
        body = client.get(url).content.decode()
    assert "dr. Siti Rahma, M.Kes." in body and "H. Bupati Contoh, S.H." in body


def test_the_page_offers_the_pdf_once_the_worker_stored_it(world, cast):
    # The worker's store_pdf is no edit of anyone's, but the page (cached while the PDF was
    # being made) must show the file and its SHA-256 at once.
    pk = world.kepala
    services.transition(actor=cast.operator, pk=pk, name="submit")
    services.transition(actor=cast.verifier, pk=pk, name="approve")
    services.sign(actor=cast.verifier, pk=pk, place="Contoh", enqueue_pdf=False)
    client = cast.client(cast.operator)
    url = reverse("agreements:pk_detail", args=[pk.code])
    assert "SHA-256" not in client.get(url).content.decode()
    services.store_pdf(pk.pk)
    pk.refresh_from_db()
    assert pk.pdf_sha256 in client.get(url).content.decode()


def test_it_shows_coverage_in_a_constant_number_of_queries(world, cast, django_assert_num_queries):
    client = cast.client(cast.bappeda)
    url = reverse("agreements:coverage") + f"?year={YEAR}"
    client.get(url)
    count = _count(client, url)
    _signed(world, cast)
    for i in range(3):
        pos = org_services.position_create(
            actor=None, unit=cast.seksi1, title=f"Pengelola {i}", level="pelaksana"
        )
        Node.objects.filter(pk=world.plan.kegiatan.pk).update(owner_position=pos)
    with django_assert_num_queries(count):
        response = client.get(url)
    assert "Kepala Dinas Kesehatan" in response.content.decode()


def _count(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return len(ctx.captured_queries)


def test_it_exports_pks_and_rencana_aksi_to_excel(world, cast):
    from openpyxl import load_workbook

    from apps.agreements.exports import pk_workbook

    result = pk_workbook(pemda_id=cast.pemda.pk, year=YEAR)
    wb = load_workbook(io.BytesIO(result.content))
    assert wb.sheetnames == ["PK", "Sasaran & indikator", "Anggaran", "Rencana Aksi"]
    assert wb["PK"].max_row == 5


def test_it_puts_a_submitted_pk_in_the_verifiers_inbox(world, cast):
    services.transition(actor=cast.operator, pk=world.kasi, name="submit")
    from apps.core.registry import inbox_for

    items = inbox_for(cast.verifier)
    assert any(world.kasi.position.title in item.title for item in items)
    assert not any(world.kasi.position.title in item.title for item in inbox_for(cast.viewer))


def test_it_refuses_editing_a_signed_pk_on_the_page(world, cast):
    pk = _signed(world, cast)
    line = pk.lines.get()
    client = cast.client(cast.operator)
    response = client.post(
        reverse("agreements:line_edit", args=[line.code]),
        {"version": line.version, "target": "70", "target_reason": "Naik"},
    )
    assert response.status_code == 200
    line.refresh_from_db()
    assert line.target == 50
    detail = client.get(reverse("agreements:pk_detail", args=[pk.code])).content.decode()
    assert reverse("agreements:pk_pdf", args=[pk.code]) in detail
