"""The shipped LKE templates and the template services on the real database: install (and its
idempotence), the 80 criteria of 88/2021, weights, clone, edits, the lock, permissions, audit and
history."""

from __future__ import annotations

from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.http import Http404

from apps.core.concurrency import StaleVersionError
from apps.core.models import ActivityLog
from apps.evaluation import scoring, selectors, services
from apps.evaluation.models import (
    AnswerOption,
    AnswerScale,
    Autofill,
    Component,
    Criterion,
    LkeTemplate,
    SubComponent,
)
from apps.evaluation.templates_data import criteria_count, shipped

pytestmark = pytest.mark.django_db

KEY_88 = "permenpanrb-88-2021"
KEY_12 = "permenpanrb-12-2015"


@pytest.fixture
def installed(cast):
    services.templates_install(pemda=cast.pemda)
    return LkeTemplate.objects.get(pemda=cast.pemda, key=KEY_88)


def counts_per_sub(template) -> dict[str, int]:
    return {
        f"{s.component.number}{s.ref}": s.criteria.count()
        for s in SubComponent.objects.filter(component__template=template).select_related(
            "component"
        )
    }


def test_it_ships_80_criteria_for_88_2021_with_weights_adding_to_100():
    data = {t["key"]: t for t in shipped()}
    assert criteria_count(data[KEY_88]) == 80
    for template in data.values():
        assert sum(D(c["weight"]) for c in template["components"]) == D(100)
        for c in template["components"]:
            assert sum(D(s["weight"]) for s in c["sub_components"]) == D(c["weight"])
            for s in c["sub_components"]:
                for crit in s["criteria"]:
                    assert crit.text.strip().endswith(".")
                    assert crit.evidence, crit.text
                    assert not crit.autofill or crit.autofill in Autofill.values


def test_it_installs_88_2021_with_the_regulations_structure(cast, installed):
    t = installed
    assert t.is_default and not t.is_locked and not t.is_in_use()
    assert Criterion.objects.filter(sub_component__component__template=t).count() == 80
    assert counts_per_sub(t) == {
        "1a": 6, "1b": 11, "1c": 8,
        "2a": 3, "2b": 7, "2c": 10,
        "3a": 6, "3b": 9, "3c": 7,
        "4a": 3, "4b": 5, "4c": 5,
    }  # fmt: skip
    assert [(c.number, c.weight) for c in Component.objects.filter(template=t)] == [
        (1, D(30)),
        (2, D(30)),
        (3, D(15)),
        (4, D(25)),
    ]
    sub_weights = {
        f"{s.component.number}{s.ref}": s.weight
        for s in SubComponent.objects.filter(component__template=t).select_related("component")
    }
    assert sub_weights["3b"] == D("4.5") and sub_weights["4c"] == D("12.5")
    assert services.check_weights(t) == []
    assert scoring.evaluate(selectors.template_specs(t), {}).total == D("0.00")


def test_it_installs_the_answer_scales_with_their_values(installed):
    values = {
        s.key: [(o.label, o.value) for o in s.options.all()]
        for s in AnswerScale.objects.filter(template=installed)
    }
    assert values["yt"] == [("Y", D(1)), ("T", D(0))]
    assert values["ae"] == [
        ("A", D(1)),
        ("B", D("0.75")),
        ("C", D("0.5")),
        ("D", D("0.25")),
        ("E", D(0)),
    ]
    assert [v for _label, v in values["aa_e"]] == [
        D(1), D("0.9"), D("0.8"), D("0.7"), D("0.6"), D("0.5"), D("0.3"), D(0)
    ]  # fmt: skip


def test_it_installs_12_2015_marked_as_a_local_rendering(cast, installed):
    t = LkeTemplate.objects.get(pemda=cast.pemda, key=KEY_12)
    assert t.is_local_rendering and not t.is_default
    assert [c.weight for c in t.components.all()] == [D(30), D(25), D(15), D(10), D(20)]
    assert services.check_weights(t) == []
    capaian = SubComponent.objects.get(component__template=t, component__number=5, ref="b")
    assert capaian.weight == D("12.5")
    assert {c.scale.key for c in capaian.criteria.all()} == {"aa_e"}


def test_it_names_the_data_checks_the_system_will_answer(installed):
    autofills = set(
        Criterion.objects.filter(sub_component__component__template=installed)
        .exclude(autofill="")
        .values_list("autofill", flat=True)
    )
    for key in (
        "renstra_approved",
        "pk_signed_down_to_pengawas",
        "rencana_aksi_monitored",
        "realisations_every_quarter",
        "lkjip_published_on_time",
        "recommendations_followed_up",
    ):
        assert key in autofills
    follow_up = Criterion.objects.get(
        sub_component__component__template=installed, autofill="recommendations_followed_up"
    )
    assert (follow_up.sub_component.component.number, follow_up.sub_component.ref) == (4, "c")


def test_it_installs_idempotently_through_the_command_for_every_pemda(cast):
    out = StringIO()
    call_command("load_lke_templates", stdout=out)
    call_command("load_lke_templates", stdout=out)
    assert "nothing new" in out.getvalue()
    for pemda in (cast.pemda, cast.pemda_b):
        assert set(LkeTemplate.objects.filter(pemda=pemda).values_list("key", flat=True)) == {
            KEY_88,
            KEY_12,
        }
    assert Criterion.objects.filter(pemda=cast.pemda).count() == 80 + 47
    assert ActivityLog.objects.filter(action="sakip.lke_template.installed").count() == 4


def test_it_installs_for_one_pemda_by_name_and_refuses_an_unknown_one(cast):
    call_command("load_lke_templates", pemda=cast.pemda_b.name, stdout=StringIO())
    assert LkeTemplate.objects.filter(pemda=cast.pemda_b).count() == 2
    assert not LkeTemplate.objects.filter(pemda=cast.pemda).exists()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("load_lke_templates", pemda="Kabupaten Tidak Ada", stdout=StringIO())


def test_it_keeps_a_local_default_when_installing(cast, installed):
    clone = services.template_clone(actor=cast.admin, template=installed, name="Varian lokal")
    services.template_set_default(actor=cast.admin, template=clone)
    LkeTemplate.objects.get(pemda=cast.pemda, key=KEY_12).delete()
    reinstalled = services.templates_install(pemda=cast.pemda, actor=cast.admin)
    assert [t.key for t in reinstalled] == [KEY_12]
    assert LkeTemplate.objects.get(pemda=cast.pemda, is_default=True) == clone
    assert not LkeTemplate.objects.get(pk=installed.pk).is_default


def test_it_clones_a_template_deeply(cast, installed):
    clone = services.template_clone(actor=cast.lead, template=installed, name="LKE Kab. Contoh")
    assert clone.based_on == installed and clone.key == "" and not clone.is_default
    assert clone.pemda_id == cast.pemda.pk
    assert counts_per_sub(clone) == counts_per_sub(installed)
    original = selectors.template_data(installed)
    copied = selectors.template_data(clone)
    assert copied["components"] == original["components"]
    assert copied["scales"] == original["scales"]
    # The copy has its own rows: its criteria point at its own scales.
    assert not Criterion.objects.filter(
        sub_component__component__template=clone, scale__template=installed
    ).exists()
    log = ActivityLog.objects.get(action="sakip.lke_template.cloned")
    assert log.actor == cast.lead and log.object_code == clone.code


def test_it_edits_an_unlocked_template_with_history_and_audit(cast, installed):
    clone = services.template_clone(actor=cast.admin, template=installed, name="Varian")
    crit = Criterion.objects.filter(sub_component__component__template=clone).first()
    yt = AnswerScale.objects.get(template=clone, key="yt")
    services.criterion_update(
        actor=cast.admin,
        criterion=crit,
        expected_version=crit.version,
        text="Terdapat pedoman teknis perencanaan kinerja yang ditetapkan Kepala Daerah.",
        evidence_types=["Perkada", "SK"],
        autofill="renstra_approved",
        scale=yt,
    )
    crit.refresh_from_db()
    assert crit.evidence_types == ["Perkada", "SK"] and crit.version == 2
    assert crit.history.count() == 2
    assert crit.history.first().text.endswith("Kepala Daerah.")
    assert ActivityLog.objects.filter(
        action="sakip.lke_template.changed", object_code=crit.code
    ).exists()
    # the original is untouched
    assert Criterion.objects.get(
        sub_component__component__template=installed, sub_component__ref="a",
        sub_component__component__number=1, number=1,
    ).text == "Terdapat pedoman teknis perencanaan kinerja."  # fmt: skip


def test_it_refuses_a_stale_criterion_edit(cast, installed):
    clone = services.template_clone(actor=cast.admin, template=installed, name="Varian")
    crit = Criterion.objects.filter(sub_component__component__template=clone).first()
    services.criterion_update(actor=cast.admin, criterion=crit, expected_version=1, guidance="x")
    stale = Criterion.objects.get(pk=crit.pk)
    with pytest.raises(StaleVersionError):
        services.criterion_update(actor=cast.admin, criterion=stale, expected_version=1, text="y")
    assert Criterion.objects.get(pk=crit.pk).text == crit.text


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"text": "  "}, "text"),
        ({"autofill": "guess_the_score"}, "autofill"),
        ({"evidence_types": "Renstra"}, "evidence_types"),
        ({"evidence_types": ["SK", "SK"]}, "evidence_types"),
    ],
)
def test_it_refuses_bad_criterion_input(cast, installed, changes, field):
    clone = services.template_clone(actor=cast.admin, template=installed, name="Varian")
    crit = Criterion.objects.filter(sub_component__component__template=clone).first()
    with pytest.raises(ValidationError) as exc:
        services.criterion_update(
            actor=cast.admin, criterion=crit, expected_version=crit.version, **changes
        )
    assert field in exc.value.message_dict
    after = Criterion.objects.get(pk=crit.pk)
    assert (after.text, after.version, after.autofill) == (crit.text, 1, crit.autofill)


def test_it_refuses_a_scale_of_another_template(cast, installed):
    clone = services.template_clone(actor=cast.admin, template=installed, name="Varian")
    crit = Criterion.objects.filter(sub_component__component__template=clone).first()
    foreign = AnswerScale.objects.get(template=installed, key="ae")
    with pytest.raises(ValidationError):
        services.criterion_update(
            actor=cast.admin, criterion=crit, expected_version=1, scale=foreign
        )


def test_it_checks_the_weights_after_edits(cast, installed):
    clone = services.template_clone(actor=cast.admin, template=installed, name="Varian")
    comp = Component.objects.get(template=clone, number=1)
    services.component_update(actor=cast.admin, component=comp, expected_version=1, weight="35")
    problems = services.check_weights(clone)
    assert "The component weights add up to 105.00 instead of 100." in problems
    assert any("component 1 add up to 30.00 instead of its weight 35.00" in p for p in problems)

    sub = SubComponent.objects.get(component=comp, ref="c")
    services.sub_component_update(
        actor=cast.admin, sub_component=sub, expected_version=1, weight="20"
    )
    comp2 = Component.objects.get(template=clone, number=2)
    services.component_update(actor=cast.admin, component=comp2, expected_version=1, weight="25")
    assert services.check_weights(clone) == [
        "The sub-components of component 2 add up to 30.00 instead of its weight 25.00."
    ]
    for bad in ("0", "-5", "101", "abc", "1.005"):
        with pytest.raises(ValidationError):
            services.component_update(
                actor=cast.admin, component=comp2, expected_version=2, weight=bad
            )
    assert Component.objects.get(pk=comp2.pk).weight == D(25)


def test_it_adds_and_removes_criteria(cast, installed):
    clone = services.template_clone(actor=cast.admin, template=installed, name="Varian")
    sub = SubComponent.objects.get(component__template=clone, component__number=4, ref="c")
    ae = AnswerScale.objects.get(template=clone, key="ae")
    added = services.criterion_add(
        actor=cast.admin,
        sub_component=sub,
        text="Rekomendasi BPK atas kinerja telah ditindaklanjuti.",
        scale=ae,
        evidence_types=["Laporan tindak lanjut"],
    )
    assert added.number == 6 and sub.criteria.count() == 6
    assert services.check_weights(clone) == []
    services.criterion_remove(actor=cast.admin, criterion=added)
    assert sub.criteria.count() == 5
    services.criterion_remove(actor=cast.admin, criterion=sub.criteria.first())
    for crit in list(sub.criteria.all()):
        services.criterion_remove(actor=cast.admin, criterion=crit)
    assert services.check_weights(clone) == ["Sub-component 4.c has no criteria."]


def test_it_refuses_every_edit_of_a_locked_template(cast, installed):
    locked = services.template_lock(actor=cast.admin, template=installed)
    first = locked.locked_at
    assert locked.is_locked
    assert services.template_lock(actor=cast.admin, template=locked).locked_at == first
    crit = Criterion.objects.filter(sub_component__component__template=installed).first()
    comp = Component.objects.get(template=installed, number=1)
    sub = SubComponent.objects.get(component=comp, ref="a")
    ae = AnswerScale.objects.get(template=installed, key="ae")
    attempts = [
        lambda: services.criterion_update(
            actor=cast.admin, criterion=crit, expected_version=1, text="Diubah."
        ),
        lambda: services.criterion_add(actor=cast.admin, sub_component=sub, text="Baru.", scale=ae),
        lambda: services.criterion_remove(actor=cast.admin, criterion=crit),
        lambda: services.component_update(
            actor=cast.admin, component=comp, expected_version=1, weight="40"
        ),
        lambda: services.sub_component_update(
            actor=cast.admin, sub_component=sub, expected_version=1, name="Ada"
        ),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as exc:
            attempt()
        assert "is locked because an evaluation uses it; clone it to make changes" in str(exc.value)
    assert Criterion.objects.filter(sub_component__component__template=installed).count() == 80
    assert Criterion.objects.get(pk=crit.pk).text == crit.text
    assert Component.objects.get(pk=comp.pk).weight == D(30)
    # a locked template can still be cloned, and the clone is editable
    clone = services.template_clone(actor=cast.admin, template=installed, name="Varian 2027")
    assert not clone.is_locked
    assert ActivityLog.objects.filter(action="sakip.lke_template.locked").count() == 1


@pytest.mark.parametrize(
    "who", ["bappeda", "operator", "verifier", "evaluator", "viewer", "outsider"]
)
def test_it_lets_only_the_admin_and_the_lead_change_templates(cast, installed, who):
    user = getattr(cast, who)
    crit = Criterion.objects.filter(sub_component__component__template=installed).first()
    with pytest.raises(PermissionDenied):
        services.template_clone(actor=user, template=installed, name="X")
    with pytest.raises(PermissionDenied):
        services.template_lock(actor=user, template=installed)
    with pytest.raises(PermissionDenied):
        services.criterion_update(actor=user, criterion=crit, expected_version=1, text="X.")
    with pytest.raises(PermissionDenied):
        services.templates_install(pemda=cast.pemda, actor=user)
    assert LkeTemplate.objects.filter(pemda=cast.pemda).count() == 2
    assert not LkeTemplate.objects.get(pk=installed.pk).is_locked


def test_it_scopes_template_reads_to_the_pemda(cast, installed):
    services.templates_install(pemda=cast.pemda_b)
    for who in ("admin", "operator", "evaluator", "viewer"):
        user = getattr(cast, who)
        assert set(selectors.template_list(user=user)) == set(
            LkeTemplate.objects.filter(pemda=cast.pemda)
        )
        assert selectors.get_template_for_user(user, installed.code) == installed
    other = LkeTemplate.objects.get(pemda=cast.pemda_b, key=KEY_88)
    with pytest.raises(Http404):
        selectors.get_template_for_user(cast.admin, other.code)
    with pytest.raises(Http404):
        selectors.get_template_for_user(cast.outsider, installed.code)
    with pytest.raises(Http404):
        selectors.get_template_for_user(cast.admin, "not-a-uuid")
    with pytest.raises(PermissionDenied):
        selectors.get_template_for_user(cast.operator, installed.code, write=True)
    assert selectors.get_template_for_user(cast.lead, installed.code, write=True) == installed


def test_it_reads_a_template_in_constant_queries(cast, installed, django_assert_num_queries):
    clone = services.template_clone(actor=cast.admin, template=installed, name="Kecil")
    for crit in list(Criterion.objects.filter(sub_component__component__template=clone))[10:]:
        crit.delete()
    for template in (installed, clone):
        with django_assert_num_queries(5):
            selectors.template_data(template)
        with django_assert_num_queries(1):
            selectors.template_specs(template)


def test_it_rejects_answer_values_outside_0_to_1_in_the_database(installed):
    from django.db import IntegrityError, transaction

    scale = AnswerScale.objects.get(template=installed, key="ae")
    with pytest.raises(IntegrityError), transaction.atomic():
        AnswerOption.objects.create(pemda_id=installed.pemda_id, scale=scale, label="F", value=2)
