"""The reporting API: LKjIP reports in the caller's scope and their sections, written with the
version read (409 with the other person's text when somebody saved first)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from apps.reporting.models import Section
from tests.reporting.conftest import YEAR, opd_report, to_reviu

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def section_url(report, key="bab1") -> str:
    return reverse("lkjip-section", args=[report.code, key])


def put(user, report, body, version, key="bab1"):
    return api(user).put(
        section_url(report, key), {"body": body, "version": version}, format="json"
    )


def test_the_list_is_scoped_and_filtered_by_year(cast, report):
    other = opd_report(cast, cast.opd2)
    opd_report(cast, cast.opd1, year=YEAR + 1)
    mine = api(cast.operator).get(reverse("lkjip-list"), {"year": YEAR}).json()
    rows = mine["results"] if isinstance(mine, dict) else mine
    assert [r["code"] for r in rows] == [str(report.code)]
    everything = api(cast.bappeda).get(reverse("lkjip-list"), {"year": YEAR}).json()
    rows = everything["results"] if isinstance(everything, dict) else everything
    assert {r["code"] for r in rows} == {str(report.code), str(other.code)}
    assert api(None).get(reverse("lkjip-list")).status_code == 403


def test_write_then_read_a_section(cast, report):
    response = put(cast.operator, report, '<p>Bab I<img src="http://x.example/a.png"></p>', 0)
    assert response.status_code == 200, response.content
    assert response.json()["body"] == "<p>Bab I</p>" and response.json()["version"] == 1
    assert response.json()["updated_by"] == "operator"
    read = api(cast.viewer).get(section_url(report)).json()
    assert read["body"] == "<p>Bab I</p>"
    detail = api(cast.evaluator).get(reverse("lkjip-detail", args=[report.code])).json()
    assert detail["status"] == "draft" and detail["sections"][0]["key"] == "bab1"


def test_a_stale_write_is_409_with_the_current_text(cast, report):
    put(cast.operator, report, "<p>Satu</p>", 0)
    put(cast.verifier, report, "<p>Dua</p>", 1)
    response = put(cast.operator, report, "<p>Tiga</p>", 1)
    assert response.status_code == 409
    assert response.json()["current"]["body"] == "<p>Dua</p>"
    assert response.json()["current"]["version"] == 2
    assert Section.objects.get().body == "<p>Dua</p>"


def test_bad_writes_are_refused_and_change_nothing(cast, report):
    assert put(cast.operator, report, "x", 0, key="bab9").status_code == 400
    assert put(cast.operator, report, "x", -1).status_code == 400
    extra = api(cast.operator).put(
        section_url(report), {"body": "x", "version": 0, "key": "bab2"}, format="json"
    )
    assert extra.status_code == 400 and "key" in extra.json()
    assert put(cast.viewer, report, "x", 0).status_code == 403
    assert put(cast.evaluator, report, "x", 0).status_code == 403
    assert put(cast.other_operator, report, "x", 0).status_code == 404
    assert put(None, report, "x", 0).status_code == 403
    assert not Section.objects.exists()
    assert api(cast.operator).get(section_url(report)).status_code == 404  # not written yet


def test_no_writing_once_in_reviu(cast, report):
    to_reviu(cast, report)
    response = put(cast.operator, report, "<p>Lagi</p>", 1)
    assert response.status_code == 400
    assert "Only a draft" in str(response.json())
