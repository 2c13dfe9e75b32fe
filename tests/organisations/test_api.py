"""The organisation REST API: scoping (404 outside scope, 403 for a read-only role), writes through
the services (activity log, per-field errors, nothing changed on bad input), optimistic
concurrency (409 with the current values), token authentication and constant query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from rest_framework.test import APIClient

from apps.core.models import ActivityLog
from apps.organisations import services
from apps.organisations.models import (
    Assignment,
    Membership,
    OrgUnit,
    Person,
    Position,
    Role,
    UnitType,
    User,
)
from tests.conftest import PASSWORD

API = "/api/v1"
ENDPOINTS = ["units", "positions", "people", "assignments", "memberships", "users"]
NIP_A = "198001012005011001"


def indonesian(message: str) -> str:
    """`message` as the API answers it by default (Indonesian is the default language)."""
    with translation.override("id"):
        translated = translation.gettext(message)
    assert translated != message, f"no Indonesian translation of {message!r}"
    return translated


def api(user: User | None = None, language: str | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    if language is not None:
        client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    return client


def codes(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["code"] for row in response.json()["results"]}


def code_set(*objects) -> set[str]:
    return {str(obj.code) for obj in objects}


def logged(action: str, obj) -> bool:
    return ActivityLog.objects.filter(action=action, object_code=obj.code).exists()


def pemda_a_codes(cast) -> set[str]:
    pemda = cast.pemda
    found: set[str] = set()
    for model in (OrgUnit, Position, Person, Assignment, Membership):
        found |= {str(c) for c in model.objects.filter(pemda=pemda).values_list("code", flat=True)}
    found |= {str(c) for c in User.objects.filter(pemda=pemda).values_list("code", flat=True)}
    return found


# --- anonymous and token authentication ------------------------------------------------------


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_it_refuses_anonymous_callers_with_403(cast, endpoint):
    # Session authentication comes first and sends no challenge: DRF answers 403, not 401.
    client = api()
    assert client.get(f"{API}/{endpoint}/").status_code == 403
    assert client.post(f"{API}/{endpoint}/", {}, format="json").status_code == 403
    response = client.get(f"{API}/{endpoint}/", HTTP_AUTHORIZATION="Token not-a-real-token")
    assert response.status_code == 403
    assert "WWW-Authenticate" not in response.headers


def test_it_gives_a_token_that_authenticates_api_calls(cast):
    client = APIClient()
    response = client.post(
        f"{API}/auth/token/", {"username": "operator", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    token = response.json()["token"]

    caller = APIClient()
    caller.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = caller.get(f"{API}/units/")
    assert codes(response) == code_set(cast.opd1, cast.bidang1, cast.seksi1)
    cast.operator.refresh_from_db()
    assert cast.operator.last_login is not None


def test_it_refuses_a_token_for_a_wrong_password(cast):
    response = APIClient().post(
        f"{API}/auth/token/", {"username": "operator", "password": "wrong"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"]
    assert "token" not in response.json()


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_it_throttles_repeated_failed_token_requests(cast):
    client = APIClient()
    statuses = [
        client.post(
            f"{API}/auth/token/", {"username": "operator", "password": "wrong"}, format="json"
        ).status_code
        for _ in range(3)
    ]
    assert statuses == [400, 400, 429]
    # Locked out: even the right password gets no token until the cool-off has passed.
    response = client.post(
        f"{API}/auth/token/", {"username": "operator", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "token" not in response.json()
    # Another account from the same address is not locked (username + address).
    response = client.post(
        f"{API}/auth/token/", {"username": "viewer", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200


# --- scoping: lists, retrieve, 404 across OPD and Pemda -------------------------------------


def test_it_lists_only_the_operators_opd(cast):
    client = api(cast.operator)
    assert codes(client.get(f"{API}/units/")) == code_set(cast.opd1, cast.bidang1, cast.seksi1)
    assert codes(client.get(f"{API}/positions/")) == code_set(
        cast.kepala_opd1, cast.kabid1, cast.kasi1
    )
    assert codes(client.get(f"{API}/people/")) == code_set(cast.person_kepala_opd1)
    assert codes(client.get(f"{API}/assignments/")) == code_set(
        *Assignment.objects.filter(position=cast.kepala_opd1)
    )
    assert codes(client.get(f"{API}/memberships/")) == code_set(
        *Membership.objects.filter(unit=cast.opd1)
    )


def test_it_never_shows_pemda_a_to_an_outsider(cast):
    client = api(cast.outsider)
    seen: set[str] = set()
    for endpoint in ["units", "positions", "people", "assignments", "memberships"]:
        seen |= codes(client.get(f"{API}/{endpoint}/"))
    assert seen
    assert not seen & pemda_a_codes(cast)
    assert codes(client.get(f"{API}/units/")) == code_set(cast.opd_b)


@pytest.mark.parametrize(
    ("endpoint", "attr"),
    [("units", "opd1"), ("positions", "kepala_opd1"), ("people", "person_kepala_opd1")],
)
def test_it_answers_404_for_another_pemdas_object(cast, endpoint, attr):
    code = getattr(cast, attr).code
    assert api(cast.outsider).get(f"{API}/{endpoint}/{code}/").status_code == 404
    response = api(cast.outsider).patch(
        f"{API}/{endpoint}/{code}/", {"name": "x", "version": 1}, format="json"
    )
    assert response.status_code == 404
    # and the other way round: Pemda A's administrator cannot reach Pemda B
    assert api(cast.admin).get(f"{API}/units/{cast.opd_b.code}/").status_code == 404


def test_it_answers_404_for_another_pemdas_assignment_membership_and_user(cast):
    assignment = Assignment.objects.get(position=cast.kepala_opd1)
    membership = Membership.objects.get(user=cast.operator)
    client = api(cast.outsider)
    assert client.get(f"{API}/assignments/{assignment.code}/").status_code == 404
    assert client.get(f"{API}/memberships/{membership.code}/").status_code == 404
    assert client.delete(f"{API}/memberships/{membership.code}/").status_code == 404
    admin_b = _admin_of_pemda_b(cast)
    assert api(admin_b).get(f"{API}/users/{cast.operator.code}/").status_code == 404
    assert (
        api(admin_b)
        .patch(
            f"{API}/users/{cast.operator.code}/", {"first_name": "x", "version": 1}, format="json"
        )
        .status_code
        == 404
    )
    assert codes(api(admin_b).get(f"{API}/users/")) == code_set(cast.outsider, admin_b)


def test_it_answers_404_for_another_opds_object_to_the_operator(cast):
    client = api(cast.operator)
    assert client.get(f"{API}/units/{cast.opd2.code}/").status_code == 404
    assert client.get(f"{API}/positions/{cast.kepala_opd2.code}/").status_code == 404
    assert client.get(f"{API}/units/{cast.pemda.code}/").status_code == 404
    assert api(cast.other_operator).get(f"{API}/positions/{cast.kasi1.code}/").status_code == 404
    # A malformed code is simply not found.
    assert client.get(f"{API}/units/not-a-code/").status_code == 404


def test_it_retrieves_an_object_in_scope(cast):
    response = api(cast.operator).get(f"{API}/positions/{cast.kepala_opd1.code}/")
    assert response.status_code == 200
    body = response.json()
    assert body["unit"] == str(cast.opd1.code)
    assert body["superior"] == str(cast.kepala_daerah.code)
    assert [h["person"] for h in body["current_holders"]] == [str(cast.person_kepala_opd1.code)]
    unit = api(cast.viewer).get(f"{API}/units/{cast.bidang1.code}/").json()
    assert unit["parent"] == str(cast.opd1.code)
    assert unit["opd"] == str(cast.opd1.code)
    assert unit["level"] == 2
    assert unit["version"] == 1


# --- 403: read-only roles and roles without the write role -----------------------------------


def test_it_refuses_writes_of_a_viewer_with_403(cast):
    client = api(cast.viewer)
    new_unit = {"parent": str(cast.opd1.code), "name": "Bidang X", "unit_type": "bidang"}
    assert client.post(f"{API}/units/", new_unit, format="json").status_code == 403
    patches = {
        "units": cast.opd1,
        "positions": cast.kabid1,
        "people": cast.person_kepala_opd1,
        "assignments": Assignment.objects.get(position=cast.kepala_opd1),
    }
    for endpoint, obj in patches.items():
        response = client.patch(
            f"{API}/{endpoint}/{obj.code}/", {"name": "x", "version": 1}, format="json"
        )
        assert response.status_code == 403, endpoint
    membership = Membership.objects.get(user=cast.operator)
    assert client.delete(f"{API}/memberships/{membership.code}/").status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()
    cast.opd1.refresh_from_db()
    assert cast.opd1.name == "Dinas Kesehatan"


def test_it_refuses_writes_of_an_operator_in_its_own_opd_with_403(cast):
    # The organisation is the Pemda administrators' to change, even inside the operator's OPD.
    client = api(cast.operator)
    response = client.patch(
        f"{API}/units/{cast.bidang1.code}/", {"name": "x", "version": 1}, format="json"
    )
    assert response.status_code == 403
    response = client.post(
        f"{API}/people/", {"unit": str(cast.opd1.code), "name": "Budi"}, format="json"
    )
    assert response.status_code == 403
    assert not Person.objects.filter(name="Budi").exists()


@pytest.mark.parametrize("user", ["viewer", "operator", "bappeda", "outsider"])
def test_it_keeps_users_to_the_pemda_administrators(cast, user):
    client = api(getattr(cast, user))
    assert client.get(f"{API}/users/").status_code == 403
    # Another Pemda's user does not exist for the outsider (404); inside the Pemda it is a 403.
    expected = 404 if user == "outsider" else 403
    assert client.get(f"{API}/users/{cast.operator.code}/").status_code == expected
    response = client.post(f"{API}/users/", {"username": "eve"}, format="json")
    assert response.status_code == 403
    assert not User.objects.filter(username="eve").exists()


# --- units: create, change, bad input, stale versions ---------------------------------------


def test_it_creates_a_unit_through_the_service_and_logs_it(cast):
    response = api(cast.admin).post(
        f"{API}/units/",
        {"parent": str(cast.opd2.code), "name": "Bidang Pendidikan Dasar", "unit_type": "bidang"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    unit = OrgUnit.objects.get(code=body["code"])
    assert unit.parent == cast.opd2
    assert unit.opd == cast.opd2
    assert body["parent"] == body["opd"] == str(cast.opd2.code)
    assert body["level"] == 2
    assert body["version"] == 1
    assert logged("sakip.unit.created", unit)


def test_it_changes_a_unit_with_its_version_and_logs_it(cast):
    response = api(cast.admin).patch(
        f"{API}/units/{cast.opd1.code}/",
        {"short_name": "Dinkes Contoh", "version": 1},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["short_name"] == "Dinkes Contoh"
    assert response.json()["version"] == 2
    cast.opd1.refresh_from_db()
    assert (cast.opd1.short_name, cast.opd1.version) == ("Dinkes Contoh", 2)
    assert logged("sakip.unit.changed", cast.opd1)


def test_it_refuses_a_unit_type_not_allowed_under_the_parent(cast):
    before = OrgUnit.objects.count()
    logs_before = ActivityLog.objects.count()
    response = api(cast.admin, language="en").post(
        f"{API}/units/",
        {"parent": str(cast.opd1.code), "name": "Seksi Langsung", "unit_type": "seksi"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"unit_type": ["A Seksi cannot be placed under a OPD."]}
    assert OrgUnit.objects.count() == before
    assert ActivityLog.objects.count() == logs_before


def test_it_reports_a_parent_of_another_pemda_as_not_found(cast):
    before = OrgUnit.objects.count()
    client = api(cast.admin)
    payload = {"parent": str(cast.opd_b.code), "name": "Bidang Asing", "unit_type": "bidang"}
    response = client.post(f"{API}/units/", payload, format="json")
    assert response.status_code == 400
    # Indonesian by default, and the same answer as for a code that exists nowhere.
    assert response.json() == {"parent": [indonesian("Not found.")]}
    unknown = {**payload, "parent": "00000000-0000-4000-8000-000000000000"}
    assert client.post(f"{API}/units/", unknown, format="json").json() == response.json()
    english = api(cast.admin, language="en").post(f"{API}/units/", payload, format="json")
    assert english.json() == {"parent": ["Not found."]}
    assert OrgUnit.objects.count() == before


def test_it_reports_a_parent_of_another_opd_as_not_found_for_a_scoped_user(cast):
    # A unit the caller cannot see is "not found" even when the caller could never write.
    response = api(cast.other_operator).get(f"{API}/units/{cast.bidang1.code}/")
    assert response.status_code == 404


def test_it_answers_per_field_messages_for_a_bad_payload(cast):
    response = api(cast.admin).post(f"{API}/units/", {"unit_type": "kecamatan"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["parent"] == [indonesian("This field is required.")]
    assert body["name"] == [indonesian("This field is required.")]
    assert set(body) == {"parent", "name", "unit_type"}


def test_it_requires_the_version_on_a_patch(cast):
    response = api(cast.admin, language="en").patch(
        f"{API}/units/{cast.opd1.code}/", {"name": "Dinas X"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"version": ["This field is required."]}
    cast.opd1.refresh_from_db()
    assert cast.opd1.name == "Dinas Kesehatan"


def test_it_refuses_fields_that_cannot_be_changed_instead_of_ignoring_them(cast):
    response = api(cast.admin).patch(
        f"{API}/units/{cast.bidang1.code}/",
        {"unit_type": "upt", "parent": str(cast.opd2.code), "version": 1},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"unit_type", "parent"}
    cast.bidang1.refresh_from_db()
    assert (cast.bidang1.unit_type, cast.bidang1.parent_id) == (UnitType.BIDANG, cast.opd1.pk)


def test_it_refuses_a_stale_version_with_409_and_the_current_values(cast):
    client = api(cast.admin)
    url = f"{API}/units/{cast.opd1.code}/"
    first = client.patch(url, {"name": "Dinas Kesehatan Daerah", "version": 1}, format="json")
    assert first.status_code == 200
    stale = api(cast.admin, language="en").patch(
        url, {"name": "Dinas Kesehatan Kita", "version": 1}, format="json"
    )
    assert stale.status_code == 409
    body = stale.json()
    assert body["detail"].startswith("Someone else saved this record")
    assert body["current"]["code"] == str(cast.opd1.code)
    assert body["current"]["name"] == "Dinas Kesehatan Daerah"
    assert body["current"]["version"] == 2
    assert body["current"]["parent"] == str(cast.pemda.code)
    cast.opd1.refresh_from_db()
    assert (cast.opd1.name, cast.opd1.version) == ("Dinas Kesehatan Daerah", 2)


# --- positions ------------------------------------------------------------------------------


def test_it_creates_a_position_and_logs_it(cast):
    response = api(cast.admin).post(
        f"{API}/positions/",
        {
            "unit": str(cast.bidang1.code),
            "title": "Analis Kebijakan",
            "level": "fungsional",
            "superior": str(cast.kabid1.code),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    position = Position.objects.get(code=response.json()["code"])
    assert (position.unit, position.opd, position.superior) == (
        cast.bidang1,
        cast.opd1,
        cast.kabid1,
    )
    assert response.json()["current_holders"] == []
    assert logged("sakip.position.created", position)


def test_it_reports_a_superior_of_another_pemda_as_not_found(cast):
    before = Position.objects.count()
    response = api(cast.admin).post(
        f"{API}/positions/",
        {
            "unit": str(cast.bidang1.code),
            "title": "Analis",
            "level": "fungsional",
            "superior": str(cast.kepala_opd_b.code),
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"superior": [indonesian("Not found.")]}
    assert Position.objects.count() == before


def test_it_refuses_a_second_head_of_a_unit_with_a_message(cast):
    response = api(cast.admin).post(
        f"{API}/positions/",
        {"unit": str(cast.bidang1.code), "title": "Kabid 2", "level": "administrator"}
        | {"is_head": True},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"]
    assert Position.objects.filter(unit=cast.bidang1).count() == 1


def test_it_changes_a_position_and_refuses_a_stale_one(cast):
    client = api(cast.admin)
    url = f"{API}/positions/{cast.kasi1.code}/"
    response = client.patch(url, {"title": "Kepala Seksi Primer", "version": 1}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Kepala Seksi Primer"
    assert logged("sakip.position.changed", cast.kasi1)
    stale = client.patch(url, {"level": "pelaksana", "version": 1}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current"]["title"] == "Kepala Seksi Primer"
    assert stale.json()["current"]["level"] == "pengawas"
    cast.kasi1.refresh_from_db()
    assert cast.kasi1.level == "pengawas"


def test_it_refuses_a_position_that_would_be_its_own_superior(cast):
    response = api(cast.admin).patch(
        f"{API}/positions/{cast.kepala_opd1.code}/",
        {"superior": str(cast.kasi1.code), "version": 1},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["superior"]
    cast.kepala_opd1.refresh_from_db()
    assert cast.kepala_opd1.superior == cast.kepala_daerah


# --- people ---------------------------------------------------------------------------------


def test_it_creates_a_person_and_logs_it(cast):
    response = api(cast.admin).post(
        f"{API}/people/",
        {
            "unit": str(cast.bidang1.code),
            "name": "Budi Santoso, S.E.",
            "nip": NIP_A,
            "pangkat": "III/c",
            "email": "budi@example.org",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    person = Person.objects.get(code=response.json()["code"])
    assert (person.nip, person.unit, person.pemda) == (NIP_A, cast.bidang1, cast.pemda)
    assert logged("sakip.person.created", person)


def test_it_refuses_a_nip_of_17_digits_with_a_field_message(cast):
    before = Person.objects.count()
    response = api(cast.admin, language="en").post(
        f"{API}/people/",
        {"unit": str(cast.opd1.code), "name": "Budi", "nip": NIP_A[:17]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"nip": ["NIP must be exactly 18 digits (without spaces or dots)."]}
    assert Person.objects.count() == before


def test_it_changes_a_person_and_refuses_a_stale_one(cast):
    person = cast.person_kepala_opd1
    client = api(cast.admin)
    url = f"{API}/people/{person.code}/"
    response = client.patch(url, {"pangkat": "IV/c", "version": 1}, format="json")
    assert response.status_code == 200, response.content
    assert logged("sakip.person.changed", person)
    stale = client.patch(url, {"name": "Someone else", "version": 1}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current"]["pangkat"] == "IV/c"
    assert stale.json()["current"]["name"] == "dr. Siti Rahma, M.Kes."
    person.refresh_from_db()
    assert (person.name, person.version) == ("dr. Siti Rahma, M.Kes.", 2)


# --- assignments ----------------------------------------------------------------------------


def _new_person(cast, name: str = "Budi") -> Person:
    return services.person_create(actor=None, unit=cast.bidang1, name=name)


def test_it_assigns_a_position_and_ends_the_assignment(cast):
    person = _new_person(cast)
    client = api(cast.admin)
    response = client.post(
        f"{API}/assignments/",
        {
            "position": str(cast.kabid1.code),
            "person": str(person.code),
            "start_date": "2025-01-02",
            "decree": "800/12/2025",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assignment = Assignment.objects.get(code=response.json()["code"])
    assert response.json()["kind"] == "definitif"
    assert logged("sakip.assignment.created", assignment)

    response = client.patch(
        f"{API}/assignments/{assignment.code}/",
        {"end_date": "2025-06-30", "version": 1},
        format="json",
    )
    assert response.status_code == 200, response.content
    assignment.refresh_from_db()
    assert assignment.end_date == dt.date(2025, 6, 30)
    assert logged("sakip.assignment.ended", assignment)


def test_it_refuses_an_end_date_before_the_start(cast):
    assignment = Assignment.objects.get(position=cast.kepala_opd1)
    response = api(cast.admin, language="en").patch(
        f"{API}/assignments/{assignment.code}/",
        {"end_date": "2023-12-31", "version": 1},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"end_date": ["The end date is before the start date."]}
    assignment.refresh_from_db()
    assert (assignment.end_date, assignment.version) == (None, 1)


def test_it_refuses_an_overlapping_definitive_holder(cast):
    person = _new_person(cast)
    before = Assignment.objects.count()
    response = api(cast.admin).post(
        f"{API}/assignments/",
        {"position": str(cast.kepala_opd1.code), "person": str(person.code)}
        | {"start_date": "2025-03-01"},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["start_date"]
    assert Assignment.objects.count() == before


def test_it_reports_a_person_of_another_pemda_as_not_found(cast):
    person_b = services.person_create(actor=None, unit=cast.opd_b, name="Orang Lain")
    response = api(cast.admin).post(
        f"{API}/assignments/",
        {"position": str(cast.kabid1.code), "person": str(person_b.code)}
        | {"start_date": "2025-03-01"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"person": [indonesian("Not found.")]}


def test_it_changes_an_assignment_only_by_ending_it(cast):
    assignment = Assignment.objects.get(position=cast.kepala_opd1)
    response = api(cast.admin).patch(
        f"{API}/assignments/{assignment.code}/",
        {"start_date": "2020-01-01", "version": 1},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"start_date", "end_date"}


# --- memberships ----------------------------------------------------------------------------


def test_it_grants_and_revokes_a_role(cast):
    client = api(cast.admin)
    response = client.post(
        f"{API}/memberships/",
        {"user": str(cast.other_operator.code), "unit": str(cast.opd1.code), "role": "viewer"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["username"] == "other_operator"
    membership = Membership.objects.get(code=response.json()["code"])
    assert logged("sakip.membership.granted", membership)

    response = client.delete(f"{API}/memberships/{membership.code}/")
    assert response.status_code == 204
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert logged("sakip.membership.revoked", membership)


def test_it_reports_a_user_or_unit_of_another_pemda_as_not_found(cast):
    client = api(cast.admin)
    response = client.post(
        f"{API}/memberships/",
        {"user": str(cast.outsider.code), "unit": str(cast.opd_b.code), "role": "viewer"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "user": [indonesian("Not found.")],
        "unit": [indonesian("Not found.")],
    }
    assert not Membership.objects.filter(user=cast.outsider, role=Role.VIEWER).exists()


def test_it_refuses_a_duplicate_grant_with_a_message(cast):
    response = api(cast.admin).post(
        f"{API}/memberships/",
        {"user": str(cast.operator.code), "unit": str(cast.opd1.code), "role": "opd_operator"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"]
    assert Membership.objects.filter(user=cast.operator).count() == 1


def test_it_lets_only_administrators_revoke(cast):
    membership = Membership.objects.get(user=cast.verifier)
    assert api(cast.operator).delete(f"{API}/memberships/{membership.code}/").status_code == 403
    assert api(cast.other_operator).delete(f"{API}/memberships/{membership.code}/").status_code == (
        404
    )
    assert Membership.objects.filter(pk=membership.pk).exists()


# --- users ----------------------------------------------------------------------------------


def _admin_of_pemda_b(cast) -> User:
    user = services.user_create(
        actor=None, pemda=cast.pemda_b, username="admin_b", password=PASSWORD
    )
    services.membership_grant(actor=None, user=user, unit=cast.pemda_b, role=Role.ADMIN)
    return user


def test_it_lists_the_users_of_the_administrators_pemda(cast):
    response = api(cast.admin).get(f"{API}/users/")
    expected = {str(u.code) for u in cast.users.values() if u is not None and u != cast.outsider}
    assert codes(response) == expected
    operator = next(r for r in response.json()["results"] if r["username"] == "operator")
    assert [m["role"] for m in operator["memberships"]] == ["opd_operator"]
    assert "password" not in operator


def test_it_creates_a_user_whose_password_works(cast):
    response = api(cast.admin).post(
        f"{API}/users/",
        {"username": "rina", "password": "kinerja-Baik-2025", "first_name": "Rina"}
        | {"person": str(cast.person_kepala_opd1.code)},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert "password" not in response.json()
    user = User.objects.get(username="rina")
    assert (user.pemda, user.person) == (cast.pemda, cast.person_kepala_opd1)
    assert user.check_password("kinerja-Baik-2025")
    assert logged("sakip.user.created", user)
    token = APIClient().post(
        f"{API}/auth/token/", {"username": "rina", "password": "kinerja-Baik-2025"}, format="json"
    )
    assert token.status_code == 200


def test_it_validates_a_new_password_with_djangos_validators(cast):
    response = api(cast.admin, language="en").post(
        f"{API}/users/", {"username": "rina", "password": "12345678"}, format="json"
    )
    assert response.status_code == 400
    messages = response.json()["password"]
    assert "This password is too common." in messages
    assert "This password is entirely numeric." in messages
    assert not User.objects.filter(username="rina").exists()


def test_it_answers_a_taken_username_in_the_callers_language(cast):
    payload = {"username": "operator", "password": "kinerja-Baik-2025"}
    indonesian = api(cast.admin).post(f"{API}/users/", payload, format="json")
    english = api(cast.admin, language="en").post(f"{API}/users/", payload, format="json")
    assert indonesian.status_code == english.status_code == 400
    assert english.json() == {"username": ["A user with that username already exists."]}
    assert indonesian.json()["username"] != english.json()["username"]
    assert User.objects.filter(username="operator").count() == 1


def test_it_changes_a_user_and_refuses_a_stale_one(cast):
    client = api(cast.admin)
    url = f"{API}/users/{cast.viewer.code}/"
    response = client.patch(url, {"first_name": "Pimpinan", "version": 1}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    cast.viewer.refresh_from_db()
    assert logged("sakip.user.changed", cast.viewer)
    stale = client.patch(url, {"is_active": False, "version": 1}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current"]["first_name"] == "Pimpinan"
    cast.viewer.refresh_from_db()
    assert cast.viewer.is_active
    response = client.patch(url, {"password": "x", "version": 2}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["password"]


# --- constant query counts ------------------------------------------------------------------


def _grow_the_organisation(cast, n: int) -> None:
    """Add n of everything under OPD 1, so every list has more rows (and more relations)."""
    for i in range(n):
        unit = services.unit_create(
            actor=None, parent=cast.opd1, name=f"Bidang {i}", unit_type=UnitType.BIDANG
        )
        position = services.position_create(
            actor=None, unit=unit, title=f"Kabid {i}", level="administrator", is_head=True
        )
        person = services.person_create(actor=None, unit=unit, name=f"Orang {i}")
        services.assignment_create(
            actor=None, position=position, person=person, start_date=dt.date(2024, 1, 1)
        )
        user = services.user_create(
            actor=None, pemda=cast.pemda, username=f"user{i}", password=None, person=person
        )
        services.membership_grant(actor=None, user=user, unit=unit, role=Role.OPD_OPERATOR)


def _list(user: User, url: str) -> tuple[int, int]:
    """(queries, rows) of one list request by a freshly loaded user (no cached scope)."""
    client = api(User.objects.get(pk=user.pk))
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.json()["count"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_it_lists_in_a_constant_number_of_queries(cast, endpoint):
    url = f"{API}/{endpoint}/"
    queries, rows = _list(cast.admin, url)
    _grow_the_organisation(cast, 4)
    queries_after, rows_after = _list(cast.admin, url)
    assert rows_after >= rows + 4
    assert queries_after == queries
