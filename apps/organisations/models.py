"""The organisation tree (Pemda → OPD → bidang/bagian/UPT → seksi/subbagian), positions (jabatan),
people, who holds which position when, users and their role memberships, plan periods and the
quarter windows that lock data entry."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from mptt.models import MPTTModel, TreeForeignKey
from simple_history.models import HistoricalRecords

from apps.core.models import BaseModel
from apps.organisations.querysets import (
    AssignmentQuerySet,
    MembershipQuerySet,
    OrgUnitQuerySet,
    PositionQuerySet,
)

_MPTT_FIELDS = ["lft", "rght", "tree_id", "level"]

nip_validator = RegexValidator(
    r"^\d{18}$", _("NIP must be exactly 18 digits (without spaces or dots).")
)


class UnitType(models.TextChoices):
    PEMDA = "pemda", _("Pemda")
    OPD = "opd", _("OPD")
    SEKRETARIAT = "sekretariat", _("Sekretariat")
    BIDANG = "bidang", _("Bidang")
    BAGIAN = "bagian", _("Bagian")
    UPT = "upt", _("UPT")
    SEKSI = "seksi", _("Seksi")
    SUBBAGIAN = "subbagian", _("Subbagian")


# Which unit types may sit directly under which (the shape every Pemda shares).
ALLOWED_CHILDREN: dict[str, set[str]] = {
    UnitType.PEMDA: {UnitType.OPD},
    UnitType.OPD: {UnitType.SEKRETARIAT, UnitType.BIDANG, UnitType.BAGIAN, UnitType.UPT},
    UnitType.SEKRETARIAT: {UnitType.SUBBAGIAN},
    UnitType.BIDANG: {UnitType.SEKSI, UnitType.SUBBAGIAN},
    UnitType.BAGIAN: {UnitType.SUBBAGIAN, UnitType.SEKSI},
    UnitType.UPT: {UnitType.SEKSI, UnitType.SUBBAGIAN},
    UnitType.SEKSI: set(),
    UnitType.SUBBAGIAN: set(),
}


class PemdaKind(models.TextChoices):
    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")


class OrgUnit(MPTTModel, BaseModel):
    """A unit of the organisation. The root of each tree is the Pemda itself (its `pemda` points to
    itself). Writes go through apps.organisations.services, which lock the Pemda row first."""

    pemda = models.ForeignKey(
        "self", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    parent = TreeForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    # The OPD this unit belongs to (itself for an OPD, empty for the Pemda): scoping by OPD is then
    # one indexed equality instead of a tree walk.
    opd = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    unit_type = models.CharField(_("unit type"), max_length=20, choices=UnitType.choices)
    opd_code = models.CharField(
        _("OPD code"),
        max_length=40,
        blank=True,
        help_text=_(
            "The code of the OPD in the Pemda's budget nomenclature, e.g. 1.02.0.00.0.00.01."
        ),
    )
    pemda_kind = models.CharField(
        _("kind of Pemda"), max_length=20, choices=PemdaKind.choices, blank=True
    )
    place = models.CharField(
        _("place"), max_length=100, blank=True, help_text=_("Where documents are signed.")
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords(excluded_fields=_MPTT_FIELDS)
    objects = OrgUnitQuerySet.as_manager()

    class MPTTMeta:
        order_insertion_by = ["sort_order", "name"]

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "opd_code"],
                condition=~models.Q(opd_code=""),
                name="orgunit_unique_opd_code",
                violation_error_code="orgunit_unique_opd_code",
                violation_error_message=_("Another unit of this Pemda already has this OPD code."),
            )
        ]
        indexes = [
            models.Index(fields=["pemda", "unit_type"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_pemda(self) -> bool:
        return self.unit_type == UnitType.PEMDA


class PositionLevel(models.TextChoices):
    KEPALA_DAERAH = "kepala_daerah", _("Kepala Daerah")
    JPT = "jpt", _("JPT (pimpinan tinggi)")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Pengawas")
    PELAKSANA = "pelaksana", _("Pelaksana")
    FUNGSIONAL = "fungsional", _("Fungsional")


class Position(BaseModel):
    """A jabatan: a title in a unit at a level. `superior` names the other party of its Perjanjian
    Kinerja; left empty, the head of the parent unit is the superior."""

    unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="positions", verbose_name=_("unit")
    )
    opd = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=PositionLevel.choices)
    is_head = models.BooleanField(
        _("head of the unit"), default=False, help_text=_("Kepala of the unit.")
    )
    superior = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subordinates",
        verbose_name=_("superior position"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()
    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["unit__tree_id", "unit__lft", "-is_head", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "unit"],
                condition=models.Q(is_head=True, is_active=True),
                name="position_one_head_per_unit",
                violation_error_code="position_one_head_per_unit",
                violation_error_message=_("This unit already has an active head position."),
            )
        ]
        indexes = [models.Index(fields=["pemda", "opd"])]

    def __str__(self) -> str:
        return self.title


class Pangkat(models.TextChoices):
    IA = "I/a", _("Juru Muda (I/a)")
    IB = "I/b", _("Juru Muda Tingkat I (I/b)")
    IC = "I/c", _("Juru (I/c)")
    ID = "I/d", _("Juru Tingkat I (I/d)")
    IIA = "II/a", _("Pengatur Muda (II/a)")
    IIB = "II/b", _("Pengatur Muda Tingkat I (II/b)")
    IIC = "II/c", _("Pengatur (II/c)")
    IID = "II/d", _("Pengatur Tingkat I (II/d)")
    IIIA = "III/a", _("Penata Muda (III/a)")
    IIIB = "III/b", _("Penata Muda Tingkat I (III/b)")
    IIIC = "III/c", _("Penata (III/c)")
    IIID = "III/d", _("Penata Tingkat I (III/d)")
    IVA = "IV/a", _("Pembina (IV/a)")
    IVB = "IV/b", _("Pembina Tingkat I (IV/b)")
    IVC = "IV/c", _("Pembina Utama Muda (IV/c)")
    IVD = "IV/d", _("Pembina Utama Madya (IV/d)")
    IVE = "IV/e", _("Pembina Utama (IV/e)")


class Person(BaseModel):
    """A person who can hold a position. Elected officials (Kepala Daerah) have no NIP."""

    name = models.CharField(_("name with academic titles"), max_length=200)
    nip = models.CharField(
        _("NIP"), max_length=18, blank=True, validators=[nip_validator], help_text=_("18 digits.")
    )
    pangkat = models.CharField(
        _("pangkat/golongan"), max_length=6, choices=Pangkat.choices, blank=True
    )
    # The unit the person works in, for scoping; the Pemda root for Pemda-level people.
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="people", verbose_name=_("home unit")
    )
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "nip"],
                condition=~models.Q(nip=""),
                name="person_unique_nip",
                violation_error_code="person_unique_nip",
                violation_error_message=_("Another person of this Pemda already has this NIP."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class AssignmentKind(models.TextChoices):
    DEFINITIVE = "definitif", _("Definitive")
    PLT = "plt", _("Plt (pelaksana tugas)")
    PLH = "plh", _("Plh (pelaksana harian)")


class Assignment(BaseModel):
    """Who holds which position from when to when. Acting holders (Plt/Plh) may overlap a
    definitive holder's absence; two definitive holders of one position may not overlap."""

    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("position")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("person")
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=AssignmentKind.choices, default=AssignmentKind.DEFINITIVE
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    decree = models.CharField(_("decree (SK) number"), max_length=200, blank=True)

    history = HistoricalRecords()
    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["position", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="assignment_end_after_start",
                violation_error_code="assignment_end_after_start",
                violation_error_message=_("The end date is before the start date."),
            )
        ]
        indexes = [models.Index(fields=["pemda", "position", "start_date"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.position}"

    @property
    def is_acting(self) -> bool:
        return self.kind != AssignmentKind.DEFINITIVE


class User(AbstractUser):
    """A login. `pemda` is the tenant the user belongs to; roles come from memberships."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pemda = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person = models.OneToOneField(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="user"
    )
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Role(models.TextChoices):
    ADMIN = "admin", _("Pemda administrator")
    BAPPEDA = "bappeda", _("Bappeda")
    OPD_OPERATOR = "opd_operator", _("OPD operator")
    OPD_VERIFIER = "opd_verifier", _("OPD verifier")
    EVALUATOR = "evaluator", _("Evaluator (Inspektorat)")
    EVALUATOR_LEAD = "evaluator_lead", _("Lead evaluator (Inspektorat)")
    VIEWER = "viewer", _("Leadership (read-only)")


class Membership(BaseModel):
    """A role for a user on a unit; it covers the unit and all its descendants."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("unit")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "user", "unit", "role"],
                name="membership_unique",
                violation_error_code="membership_unique",
                violation_error_message=_("The user already has this role on this unit."),
            )
        ]
        indexes = [models.Index(fields=["pemda", "unit"])]

    def __str__(self) -> str:
        return f"{self.user} {self.role} @ {self.unit}"


class PlanPeriod(BaseModel):
    """An RPJMD period: five consecutive years."""

    name = models.CharField(_("name"), max_length=100)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan period")
        verbose_name_plural = _("plan periods")
        ordering = ["-start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "start_year"],
                name="planperiod_unique",
                violation_error_code="planperiod_unique",
                violation_error_message=_("A plan period already starts in this year."),
            ),
            models.CheckConstraint(
                condition=models.Q(end_year=models.F("start_year") + 4),
                name="planperiod_five_years",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)


class PlanYear(BaseModel):
    """One year of a plan period, with the dates later steps depend on."""

    period = models.ForeignKey(PlanPeriod, on_delete=models.CASCADE, related_name="plan_years")
    year = models.PositiveSmallIntegerField(_("year"))
    dpa_date = models.DateField(_("DPA approval date"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan year")
        verbose_name_plural = _("plan years")
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["pemda", "year"], name="planyear_unique")]

    def __str__(self) -> str:
        return str(self.year)


class QuarterWindow(BaseModel):
    """When realisations of a quarter (triwulan) may be entered. Outside the window entry is
    locked (reopening per OPD is the measurement app's business)."""

    plan_year = models.ForeignKey(PlanYear, on_delete=models.CASCADE, related_name="windows")
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), choices=[(1, "TW I"), (2, "TW II"), (3, "TW III"), (4, "TW IV")]
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quarter window")
        verbose_name_plural = _("quarter windows")
        ordering = ["plan_year__year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "plan_year", "quarter"], name="window_unique"),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="window_closes_after",
                violation_error_code="window_closes_after",
                violation_error_message=_("The window must close after it opens."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_year.year} {self.get_quarter_display()}"
