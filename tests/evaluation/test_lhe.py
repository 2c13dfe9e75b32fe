"""The LHE: started from the result page as a job, rendered with WeasyPrint and read back with
pypdf (score in the Indonesian format, grade and predikat, component names, the evaluator's note,
a recommendation, last year's comparison, the signer, page numbers); the first LHE after the
finalisation is kept with its SHA-256 and a second render returns it unchanged; a reopen and a new
finalisation issue a new one; only a final evaluation has an LHE."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from apps.core.models import Job
from apps.evaluation import followup, lhe, worksheet
from apps.evaluation.models import Component, Evaluation, EvaluationStatus
from tests.evaluation.conftest import build_round
from tests.evaluation.permissions_results import finish

pytestmark = pytest.mark.django_db


def _client(cast, user):
    """A client reading the English msgids the tests assert (the default language is id)."""
    client = cast.client(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def two_years(cast):
    """opd1: 2025 final 80.00 BB, 2026 final 100.00 AA with a recommendation."""
    before = build_round(cast, year=2025)
    finish(cast, before.opd1, ae="B")
    world = build_round(cast, year=2026)
    finish(cast, world.opd1, ae="A", note="Pedoman perencanaan kinerja ditetapkan dengan SK.")
    component = Component.objects.get(template=world.template, number=2)
    followup.recommendation_add(
        actor=cast.lead,
        evaluation=world.opd1,
        text="Manfaatkan hasil pengukuran kinerja untuk realokasi anggaran.",
        component=component,
        due_date=dt.date(2027, 6, 30),
    )
    world.opd1.refresh_from_db()
    return world


def _text(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def _job(cast, user, evaluation) -> Job:
    before = set(Job.objects.values_list("pk", flat=True))
    response = _client(cast, user).post(reverse("evaluation:lhe_start", args=[evaluation.code]))
    (job,) = Job.objects.exclude(pk__in=before)
    assert response.status_code == 302
    assert response.url == reverse("core:job_detail", args=[job.code])
    assert job.kind == lhe.KIND and job.params == {"evaluation": str(evaluation.code)}
    lhe.render_lhe_task.call(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    return job


def test_it_renders_the_lhe_with_scores_grade_notes_recommendations_and_last_year(cast, two_years):
    evaluation = two_years.opd1
    job = _job(cast, cast.lead, evaluation)
    assert job.result_name == "LHE-2026-Dinkes.pdf"
    reader, text = _text(job.result_file.read())
    flat = " ".join(text.split())
    assert "LAPORAN HASIL EVALUASI" in flat
    assert "Dinas Kesehatan" in flat and "Kabupaten Contoh" in flat
    assert "100,00" in flat  # the score, the Indonesian way
    assert "AA (Sangat Memuaskan)" in flat
    for name in ("Perencanaan Kinerja", "Pengukuran Kinerja", "Pelaporan Kinerja"):
        assert name in flat
    assert "Pedoman perencanaan kinerja ditetapkan dengan SK." in flat  # the evaluator's note
    assert "perlu penguatan pemanfaatan hasil" in flat  # the summary
    assert "Manfaatkan hasil pengukuran kinerja untuk realokasi anggaran." in flat
    assert "30 Juni 2027" in flat
    # Last year: 80,00 BB → 100,00 AA, +20,00; per component (Perencanaan 24,00 → 30,00).
    assert "80,00" in flat and "+20,00" in flat and "BB (Sangat Baik)" in flat
    assert "24,00 30,00 +6,00" in flat
    assert "Kriteria yang berubah" in flat
    assert "Ketua Tim Evaluasi" in flat and "lead" in flat
    assert f"Halaman 1 dari {len(reader.pages)}" in flat
    assert len(reader.pages) >= 3
    assert reader.pages[0].mediabox.width == pytest.approx(595, abs=2)  # A4 portrait
    fonts = {
        str(f.get_object().get("/BaseFont", ""))
        for page in reader.pages
        for f in (page["/Resources"].get("/Font") or {}).values()
    }
    assert any(f.endswith("SAKIP-Sans") for f in fonts), fonts  # Noto Sans, embedded


def test_the_first_lhe_is_kept_with_its_sha256_and_never_changes(cast, two_years):
    evaluation = two_years.opd1
    first = _job(cast, cast.lead, evaluation)
    content = first.result_file.read()
    evaluation.refresh_from_db()
    assert evaluation.lhe_sha256 == hashlib.sha256(content).hexdigest()
    name = evaluation.lhe_pdf.name
    assert lhe.issued(evaluation)
    # A second job (by the OPD's operator) returns the issued file unchanged.
    second = _job(cast, cast.operator, evaluation)
    assert second.result_file.read() == content
    evaluation.refresh_from_db()
    assert evaluation.lhe_pdf.name == name
    assert evaluation.lhe_sha256 == hashlib.sha256(content).hexdigest()
    # The download serves the issued file with its fingerprint, to the OPD's users too.
    response = _client(cast, cast.verifier).get(
        reverse("evaluation:lhe_download", args=[evaluation.code])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["X-Content-SHA256"] == evaluation.lhe_sha256
    assert 'filename="LHE-2026-Dinkes.pdf"' in response["Content-Disposition"]
    page = _client(cast, cast.operator).get(
        reverse("evaluation:evaluation_comparison", args=[evaluation.code])
    )
    assert evaluation.lhe_sha256 in page.content.decode()


def test_a_reopen_and_a_new_finalisation_issue_a_new_lhe(cast, two_years):
    evaluation = two_years.opd1
    lhe.issue_lhe(evaluation, actor=cast.lead)
    evaluation.refresh_from_db()
    first_name, first_sha = evaluation.lhe_pdf.name, evaluation.lhe_sha256
    worksheet.evaluation_reopen(
        actor=cast.lead, evaluation=evaluation, note="Koreksi catatan", expected_version=None
    )
    evaluation.refresh_from_db()
    assert not lhe.issued(evaluation)
    url = reverse("evaluation:lhe_download", args=[evaluation.code])
    assert _client(cast, cast.lead).get(url).status_code == 404
    # Not final: no job, the reason is shown, nothing rendered.
    before = Job.objects.count()
    response = _client(cast, cast.lead).post(
        reverse("evaluation:lhe_start", args=[evaluation.code]), follow=True
    )
    assert "The LHE is issued only for a final evaluation." in response.content.decode()
    assert Job.objects.count() == before
    with pytest.raises(ValidationError):
        lhe.issue_lhe(evaluation, actor=cast.lead)

    worksheet.evaluation_finalise(
        actor=cast.lead,
        evaluation=evaluation,
        summary="Ringkasan setelah koreksi.",
        expected_version=evaluation.version,
    )
    evaluation.refresh_from_db()
    assert evaluation.lhe_pdf.name == first_name  # the earlier issue is still referenced…
    assert not lhe.issued(evaluation)  # …but it belongs to the earlier finalisation
    content = lhe.issue_lhe(evaluation, actor=cast.lead)
    evaluation.refresh_from_db()
    assert evaluation.lhe_pdf.name != first_name
    assert evaluation.lhe_sha256 == hashlib.sha256(content).hexdigest() != first_sha
    assert "Ringkasan setelah koreksi." in " ".join(_text(content)[1].split())
    assert evaluation.lhe_pdf.storage.exists(first_name)  # the first issue is kept
    history = list(
        Evaluation.history.filter(id=evaluation.pk)
        .exclude(lhe_sha256="")
        .values_list("lhe_sha256", flat=True)
    )
    assert first_sha in history and evaluation.lhe_sha256 in history


def test_an_evaluation_in_progress_has_no_lhe(cast, round_world):
    evaluation = round_world.opd1
    assert evaluation.status == EvaluationStatus.SELF_ASSESSMENT
    with pytest.raises(ValidationError):
        lhe.render_lhe(evaluation)
    url = reverse("evaluation:lhe_download", args=[evaluation.code])
    assert _client(cast, cast.lead).get(url).status_code == 404
    page = _client(cast, cast.operator).get(
        reverse("evaluation:evaluation_comparison", args=[evaluation.code])
    )
    assert page.status_code == 200
    assert 'id="comparison-not-final"' in page.content.decode()


def test_a_job_of_an_evaluation_outside_the_owner_s_scope_fails_without_a_file(cast, two_years):
    """The job re-reads as its owner: OPD 2's operator cannot print OPD 1's LHE."""
    job = Job.objects.create(
        kind=lhe.KIND,
        owner=cast.other_operator,
        pemda_id=cast.pemda.pk,
        params={"evaluation": str(two_years.opd1.code)},
    )
    lhe.render_lhe_task.call(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert not job.result_file
    two_years.opd1.refresh_from_db()
    assert not two_years.opd1.lhe_sha256
