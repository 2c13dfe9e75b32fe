from __future__ import annotations

import pytest

from apps.agreements.demo import load_pk_demo
from apps.agreements.models import PerjanjianKinerja, PkStatus
from apps.performance.services.renja import renja_create
from tests.agreements.conftest import YEAR, hold
from tests.performance.conftest import build_plan

pytestmark = pytest.mark.django_db


def test_it_loads_demo_pks_with_pdfs_once(cast):
    plan = build_plan(cast)
    renja_create(actor=None, renstra=plan.renstra, year=YEAR)
    hold(cast, cast.kepala_daerah, "H. Bupati Contoh, S.H.")
    hold(cast, cast.kabid1, "Budi Santoso, S.KM.", "198001012005011001")
    hold(cast, cast.kasi1, "Ani Wulandari, S.Kep.", "198505052010012002")
    summary = load_pk_demo(cast.pemda, actor=cast.admin)
    assert summary.created
    pks = list(PerjanjianKinerja.objects.filter(pemda=cast.pemda, year=YEAR))
    assert len(pks) >= 4
    signed = [pk for pk in pks if pk.status in {PkStatus.SIGNED, PkStatus.SUPERSEDED}]
    assert len(signed) == len(summary.signed) + (1 if summary.revision else 0)
    for pk in signed:
        assert pk.pdf and len(pk.pdf_sha256) == 64
        assert all(line.quarters.count() == 4 for line in pk.lines.all())
    again = load_pk_demo(cast.pemda, actor=cast.admin)
    assert not again.created
    assert PerjanjianKinerja.objects.filter(pemda=cast.pemda, year=YEAR).count() == len(pks)
