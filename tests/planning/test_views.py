"""The nomenclature pages: list and search, decrees, and the import (upload → preview → apply)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.planning import services
from apps.planning.models import NomenclatureDecree, NomenclatureItem
from tests.planning.nomenclature_data import SMALL, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pages_in_english(settings):
    settings.LANGUAGE_CODE = "en"


def _upload(rows=None, name="nomenklatur.xlsx", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, workbook(rows, **kwargs))


@pytest.fixture
def decree():
    return services.nomenclature_import(
        actor=None, content=workbook(), decree="Kepmendagri 050-5889/2021"
    )


def test_it_lists_and_searches_the_current_items_for_every_signed_in_user(cast, decree):
    client = cast.client(cast.viewer)
    response = client.get(reverse("planning:nomenclature_list"))
    assert response.status_code == 200
    assert "1.02.02.2.01.0002" in response.content.decode()
    response = client.get(reverse("planning:nomenclature_list") + "?level=program&q=1.02")
    body = response.content.decode()
    assert "1.02.02" in body and "1.02.02.2.01.0002" not in body
    response = client.get(reverse("planning:nomenclature_list") + "?q=Puskesmas")
    assert "Pembangunan Puskesmas" in response.content.decode()
    assert cast.client(cast.outsider).get(reverse("planning:decree_list")).status_code == 200


def test_it_previews_then_applies_an_import(cast):
    client = cast.client(cast.admin)
    response = client.post(
        reverse("planning:nomenclature_import"),
        {"file": _upload(), "decree": "Kepmendagri 050-5889/2021", "issued_on": "2021-10-01"},
    )
    assert response.status_code == 200
    parsed = response.context["parsed"]
    assert not parsed.errors and parsed.counts["subkegiatan"] == 7
    assert not NomenclatureDecree.objects.exists()  # a preview saves nothing
    token = response.context["apply_form"]["token"].value()
    response = client.post(reverse("planning:nomenclature_import"), {"token": token})
    assert response.status_code == 302
    decree = NomenclatureDecree.objects.get()
    assert decree.is_current and decree.items.count() == len(SMALL)


def test_it_shows_every_error_per_row_and_cell_and_offers_no_apply(cast):
    rows = [*SMALL, ("1.02.02.2.01.01", "Kode salah"), ("9.99.99", "Tanpa induk")]
    response = cast.client(cast.admin).post(
        reverse("planning:nomenclature_import"),
        {"file": _upload(rows), "decree": "Kepmendagri X"},
    )
    assert response.status_code == 200
    errors = response.context["parsed"].errors
    assert {e.row for e in errors} >= {len(SMALL) + 2, len(SMALL) + 3}
    body = response.content.decode()
    assert "apply-form" not in body
    assert "sub kegiatan" in body.lower()
    assert not NomenclatureItem.objects.exists()


def test_it_refuses_to_apply_a_decree_imported_already(cast, decree):
    client = cast.client(cast.admin)
    response = client.post(
        reverse("planning:nomenclature_import"),
        {"file": _upload(), "decree": "Kepmendagri 050-5889/2021"},
    )
    token = response.context["apply_form"]["token"].value()
    response = client.post(reverse("planning:nomenclature_import"), {"token": token})
    assert response.status_code == 200
    assert "already been imported" in response.content.decode()
    assert NomenclatureDecree.objects.count() == 1


def test_it_refuses_a_file_that_is_not_xlsx_on_its_field(cast):
    response = cast.client(cast.admin).post(
        reverse("planning:nomenclature_import"),
        {"file": SimpleUploadedFile("list.csv", b"kode,nama"), "decree": "X"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_it_lets_only_admins_import(cast):
    for user in (cast.bappeda, cast.operator, cast.viewer):
        assert cast.client(user).get(reverse("planning:nomenclature_import")).status_code == 403
    assert cast.client(cast.admin).get(reverse("planning:nomenclature_import")).status_code == 200


def test_it_refuses_an_apply_without_a_preview(cast):
    response = cast.client(cast.admin).post(
        reverse("planning:nomenclature_import"), {"token": "forged"}
    )
    assert response.status_code == 302
    assert not NomenclatureDecree.objects.exists()
