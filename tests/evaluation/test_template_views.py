"""The LKE template pages through the real client and database: the list and the detail with
the weight check, clone / default / install, the versioned edits (a locked template refuses with
the services' message, a stale version shows the other person's values), the Excel export and
the import (preview → confirm, a bad workbook), and constant queries."""

from __future__ import annotations

import io
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from apps.evaluation import excel, services
from apps.evaluation.models import Component, Criterion, LkeTemplate, SubComponent
from tests.evaluation.test_excel import edited

pytestmark = pytest.mark.django_db

KEY_88 = "permenpanrb-88-2021"
KEY_12 = "permenpanrb-12-2015"
# Session, user and scope (with the Pemda's name for the header), then the page: templates
# (with counts), components, sub-components.
LIST_QUERIES = 6
# The same start, then the template, criteria, components, sub-components, the rounds using it
# and the weight check (three).
DETAIL_QUERIES = 11


@pytest.fixture
def template(cast):
    services.templates_install(pemda=cast.pemda)
    return LkeTemplate.objects.get(pemda=cast.pemda, key=KEY_88)


def login(client, user):
    client.force_login(user)
    return client


def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_the_list_shows_templates_with_default_lock_count_and_weight_check(client, cast, template):
    clone = services.template_clone(actor=cast.admin, template=template, name="Varian lokal")
    component = Component.objects.get(template=clone, number=1)
    services.component_update(
        actor=cast.admin, component=component, expected_version=component.version, weight="25"
    )
    response = english(login(client, cast.viewer)).get(reverse("evaluation:template_list"))
    assert response.status_code == 200
    rows = {t.name: t for t in response.context["templates"]}
    assert rows[template.name].criteria_count == 80
    assert rows[template.name].problem_count == 0
    assert rows["Varian lokal"].problem_count == len(services.check_weights(clone)) == 2
    assert rows[template.name].is_default and not rows["Varian lokal"].is_default
    html = response.content.decode()
    assert "2 problems" in html and "weights add up" in html
    assert "template-install" not in html  # the viewer does not manage templates


def test_a_manager_installs_the_shipped_templates(client, cast):
    response = login(client, cast.lead).post(reverse("evaluation:template_install"))
    assert response.status_code == 302
    assert set(LkeTemplate.objects.filter(pemda=cast.pemda).values_list("key", flat=True)) == {
        KEY_88,
        KEY_12,
    }
    response = client.get(reverse("evaluation:template_list"))
    assert b"template-install" in response.content and b"template-import" in response.content


def test_the_detail_shows_the_structure_and_the_lock(client, cast):
    from tests.evaluation.conftest import build_round

    world = build_round(cast)
    template = world.round.template
    response = english(login(client, cast.admin)).get(
        reverse("evaluation:template_detail", args=[template.code])
    )
    html = response.content.decode()
    assert response.context["criteria_count"] == 80
    assert html.count('class="criterion"') == 80
    assert "Terdapat pedoman teknis perencanaan kinerja." in html
    assert 'id="template-locked"' in html and world.round.name in html
    assert (
        reverse(
            "evaluation:component_edit",
            args=[Component.objects.filter(template=template).first().code],
        )
        not in html
    )
    assert 'id="weights-ok"' in html


def test_a_manager_clones_and_sets_the_default(client, cast, template):
    login(client, cast.lead)
    response = client.post(
        reverse("evaluation:template_clone", args=[template.code]), {"name": "Varian Kab"}
    )
    clone = LkeTemplate.objects.get(pemda=cast.pemda, name="Varian Kab")
    assert response["Location"] == reverse("evaluation:template_detail", args=[clone.code])
    assert clone.based_on == template
    assert Criterion.objects.filter(sub_component__component__template=clone).count() == 80
    client.post(reverse("evaluation:template_default", args=[clone.code]))
    clone.refresh_from_db()
    template.refresh_from_db()
    assert clone.is_default and not template.is_default


def test_editing_a_component_saves_and_the_detail_shows_the_weight_problem(client, cast, template):
    clone = services.template_clone(actor=cast.admin, template=template, name="Varian")
    component = Component.objects.get(template=clone, number=1)
    url = reverse("evaluation:component_edit", args=[component.code])
    english(login(client, cast.lead))
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"version": component.version, "name": "Perencanaan", "weight": "35"}
    )
    assert response.status_code == 302
    component.refresh_from_db()
    assert component.weight == D("35") and component.name == "Perencanaan"
    page = client.get(response["Location"]).content.decode()
    assert 'id="weight-problems"' in page
    assert "105" in page and "temporarily not add up" in page


def test_editing_a_sub_component_and_a_criterion(client, cast, template):
    clone = services.template_clone(actor=cast.admin, template=template, name="Varian")
    sub = SubComponent.objects.filter(component__template=clone).first()
    login(client, cast.admin)
    response = client.post(
        reverse("evaluation:sub_component_edit", args=[sub.code]),
        {"version": sub.version, "name": "Dokumen", "weight": str(sub.weight)},
    )
    assert response.status_code == 302
    criterion = (
        Criterion.objects.filter(sub_component__component__template=clone)
        .select_related("scale")
        .first()
    )
    other_scale = clone.scales.exclude(pk=criterion.scale_id).first()
    response = client.post(
        reverse("evaluation:criterion_edit", args=[criterion.code]),
        {
            "version": criterion.version,
            "text": "Kriteria lokal",
            "guidance": "Lihat dokumen",
            "scale": other_scale.pk,
            "evidence_types": "SK,  Notulen , ",
            "autofill": "",
        },
    )
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.text == "Kriteria lokal" and criterion.scale == other_scale
    assert criterion.evidence_types == ["SK", "Notulen"]


def test_a_scale_of_another_template_is_not_a_choice(client, cast, template):
    clone = services.template_clone(actor=cast.admin, template=template, name="Varian")
    criterion = Criterion.objects.filter(sub_component__component__template=clone).first()
    response = login(client, cast.admin).post(
        reverse("evaluation:criterion_edit", args=[criterion.code]),
        {
            "version": criterion.version,
            "text": "X",
            "scale": template.scales.first().pk,
            "evidence_types": "",
            "autofill": "",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["scale"]
    criterion.refresh_from_db()
    assert criterion.text != "X"


def test_a_locked_template_refuses_edits_with_the_reason(client, cast):
    from tests.evaluation.conftest import build_round

    template = build_round(cast).round.template
    component = Component.objects.get(template=template, number=1)
    response = english(login(client, cast.admin)).post(
        reverse("evaluation:component_edit", args=[component.code]),
        {"version": component.version, "name": "Baru", "weight": "30"},
    )
    assert response.status_code == 200
    assert "is locked because an evaluation uses it" in response.content.decode()
    component.refresh_from_db()
    assert component.name != "Baru"


def test_a_stale_version_shows_the_other_persons_values(client, cast, template):
    clone = services.template_clone(actor=cast.admin, template=template, name="Varian")
    component = Component.objects.get(template=clone, number=1)
    read_version = component.version
    services.component_update(
        actor=cast.lead, component=component, expected_version=read_version, name="Oleh Lead"
    )
    response = english(login(client, cast.admin)).post(
        reverse("evaluation:component_edit", args=[component.code]),
        {"version": read_version, "name": "Oleh Admin", "weight": "30"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="stale"' in html and "Oleh Lead" in html
    component.refresh_from_db()
    assert component.name == "Oleh Lead"


def test_the_export_opens_with_openpyxl(client, cast, template):
    response = login(client, cast.viewer).get(
        reverse("evaluation:template_export", args=[template.code])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    wb = load_workbook(io.BytesIO(response.content))
    assert len(list(wb[excel.CRITERIA_SHEET].iter_rows(values_only=True))) == 81


def upload(content: bytes, name: str = "lke.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_the_import_previews_then_creates_on_confirm(client, cast, template):
    content = excel.template_workbook(template=template)
    url = reverse("evaluation:template_import")
    english(login(client, cast.lead))
    assert client.get(url).status_code == 200
    before = LkeTemplate.objects.count()
    response = client.post(url, {"name": "Impor Kab", "file": upload(content)})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="apply-import"' in html and "Perencanaan Kinerja" in html
    assert LkeTemplate.objects.count() == before  # the preview saves nothing
    token = response.context["token"]
    response = client.post(url, {"token": token})
    created = LkeTemplate.objects.get(pemda=cast.pemda, name="Impor Kab")
    assert response["Location"] == reverse("evaluation:template_detail", args=[created.code])
    assert Criterion.objects.filter(sub_component__component__template=created).count() == 80
    # The token is used once.
    response = client.post(url, {"token": token})
    assert response.status_code == 302 and LkeTemplate.objects.count() == before + 1


def test_a_bad_workbook_lists_every_error_and_creates_nothing(client, cast, template):
    content = edited(
        excel.template_workbook(template=template),
        excel.CRITERIA_SHEET,
        {(2, excel.C_SCALE): "zz", (3, excel.C_TEXT): ""},
    )
    before = LkeTemplate.objects.count()
    response = english(login(client, cast.admin)).post(
        reverse("evaluation:template_import"), {"name": "Rusak", "file": upload(content)}
    )
    html = response.content.decode()
    errors = response.context["report"].errors
    assert len(errors) >= 2 and {e.row for e in errors} >= {2, 3}
    assert 'id="import-errors"' in html and excel.CRITERIA_SHEET in html
    assert 'id="apply-import"' not in html
    assert LkeTemplate.objects.count() == before
    response = client.post(
        reverse("evaluation:template_import"), {"name": "Rusak", "file": upload(b"x", "a.pdf")}
    )
    assert response.status_code == 200 and response.context["form"].errors["file"]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_list_reads_in_constant_queries(client, cast, template):
    LkeTemplate.objects.filter(pemda=cast.pemda, key=KEY_12).delete()
    login(client, cast.viewer)
    url = reverse("evaluation:template_list")
    client.get(url)
    one = _queries(client, url)
    services.template_clone(actor=cast.admin, template=template, name="Varian")
    assert _queries(client, url) == one
    assert one == LIST_QUERIES


def test_the_detail_reads_in_constant_queries(client, cast, template):
    small = services.template_clone(actor=cast.admin, template=template, name="Kecil")
    for criterion in Criterion.objects.filter(sub_component__component__template=small)[1:]:
        criterion.delete()
    login(client, cast.viewer)
    client.get(reverse("evaluation:template_list"))
    few = _queries(client, reverse("evaluation:template_detail", args=[small.code]))
    many = _queries(client, reverse("evaluation:template_detail", args=[template.code]))
    assert few == many
    assert many == DETAIL_QUERIES


def test_the_round_list_links_to_the_templates(client, cast):
    html = login(client, cast.viewer).get(reverse("evaluation:round_list")).content.decode()
    assert 'id="template-list-link"' in html and reverse("evaluation:template_list") in html


def test_a_manager_adds_and_removes_a_criterion(client, cast, template):
    clone = services.template_clone(actor=cast.admin, template=template, name="Varian")
    sub = SubComponent.objects.filter(component__template=clone).first()
    before = sub.criteria.count()
    login(client, cast.lead)
    assert client.get(reverse("evaluation:criterion_add", args=[sub.code])).status_code == 200
    response = client.post(
        reverse("evaluation:criterion_add", args=[sub.code]),
        {
            "text": "Kriteria baru",
            "guidance": "",
            "scale": clone.scales.first().pk,
            "evidence_types": "SK",
            "autofill": "",
        },
    )
    assert response.status_code == 302
    added = sub.criteria.get(text="Kriteria baru")
    assert added.evidence_types == ["SK"] and sub.criteria.count() == before + 1
    response = client.post(reverse("evaluation:criterion_remove", args=[added.code]))
    assert response.status_code == 302 and sub.criteria.count() == before


def test_a_locked_template_refuses_to_lose_a_criterion(client, cast):
    from tests.evaluation.conftest import build_round

    template = build_round(cast).round.template
    criterion = Criterion.objects.filter(sub_component__component__template=template).first()
    response = english(login(client, cast.admin)).post(
        reverse("evaluation:criterion_remove", args=[criterion.code]), follow=True
    )
    assert "is locked because an evaluation uses it" in response.content.decode()
    assert Criterion.objects.filter(pk=criterion.pk).exists()
