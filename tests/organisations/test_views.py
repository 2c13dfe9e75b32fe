"""The organisation pages through the browser-level client: they render for the roles that use
them, their forms create and update through the services, bad input comes back with a message on
the field and nothing changed, and a stale edit is refused with the other person's values."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from apps.core.models import ActivityLog, Job
from apps.organisations import services
from apps.organisations.models import (
    Assignment,
    Membership,
    OrgUnit,
    Person,
    PlanPeriod,
    Position,
    QuarterWindow,
    Role,
    UnitType,
    User,
)


def url(name: str, *args) -> str:
    return reverse(f"organisations:{name}", args=args)


@pytest.fixture
def period(cast) -> PlanPeriod:
    return services.period_create(
        actor=cast.admin, pemda=cast.pemda, name="RPJMD 2025–2029", start_year=2025
    )


# --- pages render -------------------------------------------------------------------------------


def test_it_renders_every_page_for_the_admin(cast, period):
    window = QuarterWindow.objects.filter(plan_year__period=period).first()
    assignment = Assignment.objects.get(position=cast.kepala_opd1)
    client = cast.client(cast.admin)
    pages = [
        url("unit_tree"),
        url("unit_create"),
        url("unit_create") + f"?parent={cast.opd1.code}",
        url("unit_detail", cast.opd1.code),
        url("unit_edit", cast.opd1.code),
        url("unit_move", cast.seksi1.code),
        url("position_list"),
        url("position_list") + f"?opd={cast.opd1.code}",
        url("position_create"),
        url("position_create") + f"?unit={cast.bidang1.code}",
        url("position_edit", cast.kepala_opd1.code),
        url("assignment_create", cast.kabid1.code),
        url("assignment_end", assignment.code),
        url("person_list"),
        url("person_list") + "?q=Siti",
        url("person_create"),
        url("person_edit", cast.person_kepala_opd1.code),
        url("user_list"),
        url("user_list") + "?q=oper",
        url("user_create"),
        url("user_edit", cast.operator.code),
        url("membership_create", cast.operator.code),
        url("period_list"),
        url("period_create"),
        url("period_detail", period.code),
        url("window_edit", window.code),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page


def test_it_shows_the_tree_of_the_users_own_units_to_an_operator(cast):
    response = cast.client(cast.operator).get(url("unit_tree"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dinas Kesehatan" in body
    assert "Seksi Pelayanan Primer" in body
    assert "Dinas Pendidikan" not in body
    assert url("unit_edit", cast.opd1.code) not in body, "no admin actions for an operator"


def test_it_shows_admin_actions_in_the_tree(cast):
    body = cast.client(cast.admin).get(url("unit_tree")).content.decode()
    assert url("unit_edit", cast.opd1.code) in body
    assert url("unit_deactivate", cast.seksi1.code) in body
    assert url("export") in body


def test_it_shows_a_position_read_only_to_an_operator(cast):
    response = cast.client(cast.operator).get(url("position_edit", cast.kepala_opd1.code))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert "dr. Siti Rahma, M.Kes." in response.content.decode()


def test_it_lists_positions_with_their_holders_and_filters_by_opd(cast):
    services.assignment_create(
        actor=cast.admin,
        position=cast.kabid1,
        person=cast.person_kepala_opd1,
        kind="plt",
        start_date=dt.date(2024, 6, 1),
    )
    client = cast.client(cast.admin)
    body = client.get(url("position_list") + f"?opd={cast.opd1.code}").content.decode()
    assert "Kepala Bidang Pelayanan Kesehatan" in body
    assert "PLT" in body, "an acting holder is marked"
    assert "Kepala Dinas Pendidikan" not in body
    everything = client.get(url("position_list") + "?opd=not-a-code").content.decode()
    assert "Kepala Dinas Pendidikan" in everything, "a bad filter value is ignored"


def test_it_shows_a_unit_with_its_positions_and_sub_units(cast):
    body = cast.client(cast.verifier).get(url("unit_detail", cast.opd1.code)).content.decode()
    assert "Kepala Dinas Kesehatan" in body
    assert "dr. Siti Rahma, M.Kes." in body
    assert "Bidang Pelayanan Kesehatan" in body


def test_it_shows_a_period_with_its_years_and_windows(cast, period):
    window_link = url("window_edit", QuarterWindow.objects.first().code)
    body = cast.client(cast.viewer).get(url("period_detail", period.code)).content.decode()
    assert "2029" in body and "2.029" not in body, "years are not written as thousands"
    assert "TW IV" in body
    assert window_link not in body, "no edit links for a read-only role"
    body = cast.client(cast.bappeda).get(url("period_detail", period.code)).content.decode()
    assert window_link in body, "Bappeda keeps the planning calendar"


def test_it_lets_bappeda_create_a_period(cast):
    response = cast.client(cast.bappeda).post(
        url("period_create"), {"name": "RPJMD 2030–2034", "start_year": 2030}
    )
    assert response.status_code == 302
    assert PlanPeriod.objects.filter(pemda=cast.pemda, start_year=2030).exists()


# --- units ------------------------------------------------------------------------------------


def test_it_creates_a_unit_from_the_form(cast):
    response = cast.client(cast.admin).post(
        url("unit_create"),
        {
            "parent": cast.opd2.code,
            "unit_type": UnitType.BIDANG,
            "name": "Bidang Pendidikan Dasar",
            "short_name": "",
            "opd_code": "",
            "sort_order": 0,
        },
    )
    unit = OrgUnit.objects.get(name="Bidang Pendidikan Dasar")
    assert response.status_code == 302
    assert response.url == url("unit_detail", unit.code)
    assert unit.parent_id == cast.opd2.pk
    assert unit.opd_id == cast.opd2.pk


def test_it_refuses_a_unit_type_not_allowed_under_the_parent_on_the_field(cast):
    before = OrgUnit.objects.count()
    response = cast.client(cast.admin).post(
        url("unit_create"),
        {"parent": cast.seksi1.code, "unit_type": UnitType.BIDANG, "name": "Bidang X"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["unit_type"]
    assert 'id="id_unit_type_errors"' in response.content.decode()
    assert OrgUnit.objects.count() == before


def test_it_offers_only_managed_units_as_parents(cast):
    form = cast.client(cast.admin).get(url("unit_create")).context["form"]
    parents = set(form.fields["parent"].queryset)
    assert cast.opd1 in parents
    assert cast.opd_b not in parents, "another Pemda's units are never offered"


def test_it_edits_a_unit(cast):
    response = cast.client(cast.admin).post(
        url("unit_edit", cast.opd1.code),
        {
            "version": cast.opd1.version,
            "name": "Dinas Kesehatan Daerah",
            "short_name": "Dinkes",
            "opd_code": cast.opd1.opd_code,
            "place": "",
            "sort_order": 0,
        },
    )
    assert response.status_code == 302
    cast.opd1.refresh_from_db()
    assert cast.opd1.name == "Dinas Kesehatan Daerah"
    assert cast.opd1.version == 2


def test_it_refuses_a_stale_unit_edit_and_shows_the_current_values(cast):
    read_version = cast.opd1.version
    services.unit_update(
        actor=cast.bappeda,
        unit=OrgUnit.objects.get(pk=cast.opd1.pk),
        data={"name": "Dinas Kesehatan (saved by someone else)"},
        expected_version=read_version,
    )
    response = cast.client(cast.admin).post(
        url("unit_edit", cast.opd1.code),
        {
            "version": read_version,
            "name": "My late edit",
            "short_name": "Dinkes",
            "opd_code": cast.opd1.opd_code,
            "place": "",
            "sort_order": 0,
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.is_stale
    assert form.non_field_errors()
    body = response.content.decode()
    assert "Dinas Kesehatan (saved by someone else)" in body
    assert 'class="current-value"' in body
    assert f'name="version" value="{read_version + 1}"' in body, "saving again is possible"
    cast.opd1.refresh_from_db()
    assert cast.opd1.name == "Dinas Kesehatan (saved by someone else)"


def test_it_moves_a_unit_and_refuses_a_move_under_itself(cast):
    client = cast.client(cast.admin)
    form = client.get(url("unit_move", cast.bidang1.code)).context["form"]
    assert cast.seksi1 not in set(form.fields["parent"].queryset)
    response = client.post(url("unit_move", cast.bidang1.code), {"parent": cast.seksi1.code})
    assert response.status_code == 200
    assert response.context["form"].errors["parent"]
    response = client.post(url("unit_move", cast.bidang1.code), {"parent": cast.opd2.code})
    assert response.status_code == 302
    cast.bidang1.refresh_from_db()
    assert cast.bidang1.parent_id == cast.opd2.pk


def test_it_deactivates_a_unit_by_post_only(cast):
    client = cast.client(cast.admin)
    assert client.get(url("unit_deactivate", cast.seksi1.code)).status_code == 405
    response = client.post(
        url("unit_deactivate", cast.seksi1.code), {"version": cast.seksi1.version}
    )
    assert response.status_code == 302
    cast.seksi1.refresh_from_db()
    assert not cast.seksi1.is_active


def test_it_explains_why_a_unit_with_active_sub_units_stays_active(cast):
    response = cast.client(cast.admin).post(
        url("unit_deactivate", cast.bidang1.code), {"version": cast.bidang1.version}, follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert messages
    cast.bidang1.refresh_from_db()
    assert cast.bidang1.is_active


# --- positions and assignments ------------------------------------------------------------------


def test_it_creates_and_edits_a_position(cast):
    client = cast.client(cast.admin)
    response = client.post(
        url("position_create"),
        {
            "unit": cast.seksi1.code,
            "title": "Analis Kesehatan",
            "level": "pelaksana",
            "superior": cast.kasi1.code,
        },
    )
    position = Position.objects.get(title="Analis Kesehatan")
    assert response.status_code == 302
    assert position.superior_id == cast.kasi1.pk
    response = client.post(
        url("position_edit", position.code),
        {
            "version": position.version,
            "unit": cast.seksi1.code,
            "title": "Analis Kesehatan Ahli Pertama",
            "level": "fungsional",
            "superior": cast.kasi1.code,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    position.refresh_from_db()
    assert position.title == "Analis Kesehatan Ahli Pertama"
    assert position.level == "fungsional"


def test_it_refuses_a_position_that_would_be_its_own_superior(cast):
    response = cast.client(cast.admin).post(
        url("position_edit", cast.kepala_opd1.code),
        {
            "version": cast.kepala_opd1.version,
            "unit": cast.opd1.code,
            "title": cast.kepala_opd1.title,
            "level": "jpt",
            "is_head": "on",
            "superior": cast.kasi1.code,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["superior"]
    cast.kepala_opd1.refresh_from_db()
    assert cast.kepala_opd1.superior_id == cast.kepala_daerah.pk


def test_it_assigns_an_acting_holder_and_ends_the_assignment(cast):
    client = cast.client(cast.admin)
    response = client.post(
        url("assignment_create", cast.kabid1.code),
        {
            "person": cast.person_kepala_opd1.code,
            "kind": "plt",
            "start_date": "2025-01-06",
            "decree": "800/12/2025",
        },
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get(position=cast.kabid1)
    assert assignment.kind == "plt"
    assert assignment.start_date == dt.date(2025, 1, 6)
    body = client.get(url("position_edit", cast.kabid1.code)).content.decode()
    assert url("assignment_end", assignment.code) in body

    response = client.post(
        url("assignment_end", assignment.code),
        {"version": assignment.version, "end_date": "2025-03-31"},
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.end_date == dt.date(2025, 3, 31)


def test_it_refuses_an_assignment_ending_before_it_starts(cast):
    response = cast.client(cast.admin).post(
        url("assignment_create", cast.kabid1.code),
        {
            "person": cast.person_kepala_opd1.code,
            "kind": "definitif",
            "start_date": "2025-02-01",
            "end_date": "2025-01-01",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["end_date"]
    assert not Assignment.objects.filter(position=cast.kabid1).exists()


def test_it_refuses_an_overlapping_definitive_holder_on_the_field(cast):
    response = cast.client(cast.admin).post(
        url("assignment_create", cast.kepala_opd1.code),
        {"person": cast.person_kepala_opd1.code, "kind": "definitif", "start_date": "2025-01-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["start_date"]
    assert Assignment.objects.filter(position=cast.kepala_opd1).count() == 1


# --- people -----------------------------------------------------------------------------------


def test_it_adds_a_person_and_accepts_a_nip_with_spaces(cast):
    response = cast.client(cast.admin).post(
        url("person_create"),
        {
            "name": "Budi Santoso, S.Kom.",
            "nip": "19800202 200501 1 003",
            "pangkat": "III/c",
            "unit": cast.bidang1.code,
            "email": "",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(name="Budi Santoso, S.Kom.")
    assert person.nip == "198002022005011003"
    assert person.unit_id == cast.bidang1.pk


def test_it_refuses_a_bad_nip_with_a_clear_indonesian_message(cast):
    before = Person.objects.count()
    response = cast.client(cast.admin).post(
        url("person_create"),
        {"name": "Budi", "nip": "12345", "unit": cast.opd1.code},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["nip"]
    assert errors == ["NIP harus tepat 18 digit (tanpa spasi atau titik)."]
    assert Person.objects.count() == before


def test_it_refuses_a_nip_already_used_on_the_field(cast):
    response = cast.client(cast.admin).post(
        url("person_create"),
        {"name": "Orang Lain", "nip": cast.person_kepala_opd1.nip, "unit": cast.opd1.code},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["nip"]


def test_it_refuses_a_stale_person_edit(cast):
    person = cast.person_kepala_opd1
    services.person_update(
        actor=cast.admin,
        person=Person.objects.get(pk=person.pk),
        data={"name": "dr. Siti Rahma, M.Kes., Sp.KKLP"},
        expected_version=person.version,
    )
    response = cast.client(cast.admin).post(
        url("person_edit", person.code),
        {
            "version": person.version,
            "name": "dr. Siti Rahma",
            "nip": person.nip,
            "pangkat": "IV/b",
            "unit": cast.opd1.code,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].is_stale
    assert "dr. Siti Rahma, M.Kes., Sp.KKLP" in response.content.decode()
    person.refresh_from_db()
    assert person.name == "dr. Siti Rahma, M.Kes., Sp.KKLP"


def test_it_keeps_people_and_users_pages_for_admins(cast):
    client = cast.client(cast.operator)
    assert client.get(url("person_list")).status_code == 403
    assert client.get(url("user_list")).status_code == 403


# --- users and memberships --------------------------------------------------------------------


def test_it_creates_a_user_with_a_password_and_grants_a_role(cast):
    client = cast.client(cast.admin)
    response = client.post(
        url("user_create"),
        {
            "username": "operator2",
            "first_name": "Rina",
            "last_name": "Wati",
            "email": "rina@example.org",
            "password1": "Kinerja-2025-baik",
            "password2": "Kinerja-2025-baik",
        },
    )
    user = User.objects.get(username="operator2")
    assert response.status_code == 302
    assert response.url == url("user_edit", user.code)
    assert user.pemda_id == cast.pemda.pk
    assert user.check_password("Kinerja-2025-baik")

    response = client.post(
        url("membership_create", user.code), {"unit": cast.opd2.code, "role": Role.OPD_OPERATOR}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=user)
    assert membership.unit_id == cast.opd2.pk
    body = client.get(url("user_list")).content.decode()
    assert "operator2" in body

    response = client.post(url("membership_revoke", membership.code))
    assert response.status_code == 302
    assert not Membership.objects.filter(user=user).exists()


def test_it_refuses_a_weak_or_mismatched_password_on_the_field(cast):
    client = cast.client(cast.admin)
    response = client.post(
        url("user_create"),
        {"username": "lemah", "password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    response = client.post(
        url("user_create"),
        {"username": "beda", "password1": "Kinerja-2025-baik", "password2": "Kinerja-2025-lain"},
    )
    assert response.context["form"].errors["password2"]
    assert not User.objects.filter(username__in=["lemah", "beda"]).exists()


def test_it_refuses_a_duplicate_username_and_a_duplicate_role(cast):
    client = cast.client(cast.admin)
    response = client.post(
        url("user_create"),
        {
            "username": "operator",
            "password1": "Kinerja-2025-baik",
            "password2": "Kinerja-2025-baik",
        },
    )
    assert response.context["form"].errors["username"]
    response = client.post(
        url("membership_create", cast.operator.code),
        {"unit": cast.opd1.code, "role": Role.OPD_OPERATOR},
    )
    assert response.status_code == 200
    assert response.context["membership_form"].errors
    assert Membership.objects.filter(user=cast.operator).count() == 1


def test_it_edits_a_user(cast):
    target = cast.operator
    response = cast.client(cast.admin).post(
        url("user_edit", target.code),
        {
            "version": target.version,
            "first_name": "Ani",
            "last_name": "Operator",
            "email": "ani@example.org",
            "person": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.get_full_name() == "Ani Operator"


# --- periods and windows ----------------------------------------------------------------------


def test_it_creates_a_period_with_five_years_and_default_windows(cast):
    response = cast.client(cast.admin).post(
        url("period_create"), {"name": "RPJMD 2025–2029", "start_year": 2025}
    )
    period = PlanPeriod.objects.get(pemda=cast.pemda)
    assert response.status_code == 302
    assert response.url == url("period_detail", period.code)
    assert period.plan_years.count() == 5
    assert QuarterWindow.objects.filter(plan_year__period=period).count() == 20


def test_it_refuses_an_overlapping_period_on_the_field(cast, period):
    response = cast.client(cast.admin).post(
        url("period_create"), {"name": "Tumpang tindih", "start_year": 2027}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["start_year"]
    assert PlanPeriod.objects.filter(pemda=cast.pemda).count() == 1


def test_it_edits_a_window_and_refuses_one_closing_before_it_opens(cast, period):
    window = QuarterWindow.objects.filter(plan_year__period=period).order_by("pk").first()
    client = cast.client(cast.admin)
    response = client.post(
        url("window_edit", window.code),
        {"version": window.version, "opens_on": "2025-04-01", "closes_on": "2025-03-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["closes_on"]
    response = client.post(
        url("window_edit", window.code),
        {"version": window.version, "opens_on": "2025-03-01", "closes_on": "2025-04-20"},
    )
    assert response.status_code == 302
    window.refresh_from_db()
    assert window.closes_on == dt.date(2025, 4, 20)
    assert ActivityLog.objects.filter(action="sakip.window.changed").exists()


# --- export -----------------------------------------------------------------------------------


def test_it_starts_the_organisation_export_and_shows_its_job(cast):
    client = cast.client(cast.admin)
    assert client.get(url("export")).status_code == 405
    response = client.post(url("export"))
    job = Job.objects.get(owner=cast.admin)
    assert job.kind == "organisation_export"
    assert job.pemda_id == cast.pemda.pk
    assert response.status_code == 302
    assert response.url == reverse("core:job_detail", args=[job.code])
