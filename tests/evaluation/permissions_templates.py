"""Permission cases of the LKE template pages (collected by permissions.py).

The world: the shipped templates installed for Pemda A (unlocked: no round uses them). Every
member of the Pemda reads them; the template managers (admin, the lead evaluator) write; the
outsider of another Pemda gets 404 on a template and 403 on the Pemda-level writes."""

from __future__ import annotations

from apps.evaluation.models import Component, Criterion, LkeTemplate, SubComponent
from tests.matrix import Case, everyone, only, statuses

MANAGERS = ("admin", "lead")


def _installed(cast) -> dict:
    from apps.evaluation.services import templates_install

    templates_install(pemda=cast.pemda)
    template = LkeTemplate.objects.get(pemda=cast.pemda, key="permenpanrb-88-2021")
    other = LkeTemplate.objects.get(pemda=cast.pemda, key="permenpanrb-12-2015")
    return {
        "template": template,
        "other": other,
        "component": Component.objects.filter(template=template).order_by("number").first(),
        "sub": SubComponent.objects.filter(component__template=template).first(),
        "criterion": Criterion.objects.filter(sub_component__component__template=template)
        .select_related("scale")
        .first(),
    }


def _code(name):
    return lambda c, x: [x[name].code]


def _weighted(name):
    return lambda c, x: {"version": x[name].version, "name": x[name].name, "weight": "30"}


def _criterion_data(c, x) -> dict:
    k = x["criterion"]
    return {
        "version": k.version,
        "text": k.text + " (lokal)",
        "guidance": "",
        "scale": k.scale.pk,
        "evidence_types": "SK, Notulen",
        "autofill": "",
    }


WRITE_404 = {"outsider": 404}

CASES = [
    Case("evaluation:template_list", everyone()),
    Case("evaluation:template_install", only(302, MANAGERS), method="post"),
    Case("evaluation:template_import", only(200, MANAGERS)),
    Case(
        "evaluation:template_detail",
        statuses(200, outsider=404),
        args=_code("template"),
        setup=_installed,
    ),
    Case(
        "evaluation:template_export",
        statuses(200, outsider=404),
        args=_code("template"),
        setup=_installed,
    ),
    Case(
        "evaluation:template_clone",
        only(302, MANAGERS, outside=WRITE_404),
        args=_code("template"),
        method="post",
        data=lambda c, x: {"name": "Varian lokal"},
        setup=_installed,
    ),
    Case(
        "evaluation:template_default",
        only(302, MANAGERS, outside=WRITE_404),
        args=_code("other"),
        method="post",
        setup=_installed,
    ),
    Case(
        "evaluation:component_edit",
        only(200, MANAGERS, outside=WRITE_404),
        args=_code("component"),
        setup=_installed,
    ),
    Case(
        "evaluation:component_edit",
        only(302, MANAGERS, outside=WRITE_404),
        args=_code("component"),
        method="post",
        data=_weighted("component"),
        setup=_installed,
    ),
    Case(
        "evaluation:sub_component_edit",
        only(200, MANAGERS, outside=WRITE_404),
        args=_code("sub"),
        setup=_installed,
    ),
    Case(
        "evaluation:sub_component_edit",
        only(302, MANAGERS, outside=WRITE_404),
        args=_code("sub"),
        method="post",
        data=_weighted("sub"),
        setup=_installed,
    ),
    Case(
        "evaluation:criterion_edit",
        only(200, MANAGERS, outside=WRITE_404),
        args=_code("criterion"),
        setup=_installed,
    ),
    Case(
        "evaluation:criterion_edit",
        only(302, MANAGERS, outside=WRITE_404),
        args=_code("criterion"),
        method="post",
        data=_criterion_data,
        setup=_installed,
    ),
    Case(
        "evaluation:criterion_add",
        only(200, MANAGERS, outside=WRITE_404),
        args=_code("sub"),
        setup=_installed,
    ),
    Case(
        "evaluation:criterion_add",
        only(302, MANAGERS, outside=WRITE_404),
        args=_code("sub"),
        method="post",
        data=lambda c, x: {**_criterion_data(c, x), "text": "Kriteria baru"},
        setup=_installed,
    ),
    Case(
        "evaluation:criterion_remove",
        only(302, MANAGERS, outside=WRITE_404),
        args=_code("criterion"),
        method="post",
        setup=_installed,
    ),
]
