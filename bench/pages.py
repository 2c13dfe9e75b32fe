"""Server time and SQL query count of the pages of issue 8, in-process through
django.test.Client with real (database) sessions: the time is the server's handling of the
request (middleware, view, template), without a network or a WSGI server in between.

Needs Django set up on the bench database (bench/run.py does it)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.stats import summarise

PAGES = (
    "login",
    "opd_dashboard",
    "pemda_dashboard",
    "tree_pemda",
    "tree_opd",
    "grid",
    "pk_detail",
    "lke_worksheet",
    "portal_pemda",
)
FLOOR_REQUESTS_PER_PAGE_REQUEST = 10
# Who asks for a signed-in page, most likely first: the first one answered 200 is measured.
ROLE_ORDER = ("admin", "bappeda", "evaluator_lead", "evaluator", "viewer", "opd_operator")


@dataclass
class Subject:
    """The objects one size's pages are about: its Pemda, a big OPD and that OPD's documents."""

    pemda: object
    opd: object
    period: object | None
    renstra: object | None
    pk: object | None
    evaluation: object | None
    year: int


def pick(pemda) -> Subject:
    """The Pemda's biggest OPD (most tree nodes) and its latest documents."""
    from apps.agreements.models import PerjanjianKinerja
    from apps.evaluation.models import Evaluation
    from apps.organisations.models import OrgUnit, PlanPeriod, UnitType
    from apps.performance.models import Node
    from apps.planning.models import Renstra

    opds = OrgUnit.objects.filter(pemda=pemda, unit_type=UnitType.OPD)
    sizes = dict(
        Node.objects.filter(pemda=pemda, opd__isnull=False)
        .values_list("opd")
        .annotate(n=Count("id"))
        .values_list("opd", "n")
    )
    opd = max(opds.order_by("pk"), key=lambda u: sizes.get(u.pk, 0))
    period = PlanPeriod.objects.filter(pemda=pemda, is_active=True).order_by("-start_year").first()
    renstra = Renstra.objects.filter(opd=opd).order_by("-period__start_year").first()
    pk = (
        PerjanjianKinerja.objects.filter(opd=opd)
        .order_by("-year", "-status", "pk")
        .select_related("position")
        .first()
    )
    evaluation = (
        Evaluation.objects.filter(pemda=pemda, opd=opd).order_by("-pk").first()
        or Evaluation.objects.filter(pemda=pemda).order_by("-pk").first()
    )
    year = pk.year if pk else (period.start_year if period else 2026)
    return Subject(pemda, opd, period, renstra, pk, evaluation, year)


def urls(subject: Subject) -> dict[str, str | None]:
    """Each page's URL for this subject (None: the object it shows is missing)."""
    s = subject
    # The dashboards of the subject's year (the year of its PK: the latest with data), so that
    # both sizes show figures (a Pemda's period may end before the current year).
    year = f"?year={s.year}"
    return {
        "login": reverse("login"),
        "opd_dashboard": reverse("measurement:opd_dashboard", args=[s.opd.code]) + year,
        "pemda_dashboard": reverse("measurement:pemda_dashboard") + year,
        "tree_pemda": s.period and reverse("performance:tree_pemda", args=[s.period.code]),
        "tree_opd": s.renstra and reverse("performance:tree_opd", args=[s.renstra.code]),
        "grid": reverse("measurement:grid", args=[s.opd.code, s.year, 1]),
        "pk_detail": s.pk and reverse("agreements:pk_detail", args=[s.pk.code]),
        "lke_worksheet": s.evaluation and reverse("evaluation:worksheet", args=[s.evaluation.code]),
        "portal_pemda": reverse("portal:pemda", args=[s.pemda.code]),
    }


ANONYMOUS = {"login", "portal_pemda"}


def users_by_role(pemda) -> list:
    from apps.organisations.models import Membership

    seen, ordered = set(), []
    memberships = (
        Membership.objects.filter(pemda=pemda, user__is_active=True)
        .select_related("user")
        .order_by("pk")
    )
    by_role: dict[str, list] = {}
    for m in memberships:
        by_role.setdefault(m.role, []).append(m.user)
    for role in ROLE_ORDER:
        for user in by_role.get(role, []):
            if user.pk not in seen:
                seen.add(user.pk)
                ordered.append(user)
    return ordered


def _time(client: Client, url: str, n: int) -> list[float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    return times


def _client_for(url: str, anonymous: bool, users: list) -> tuple[Client | None, str]:
    """A client that gets 200 for `url`: anonymous, or signed in as the first user who may."""
    if anonymous:
        client = Client()
        status = client.get(url).status_code
        return (client if status == 200 else None), f"anonymous: {status}"
    tried = []
    for user in users[:12]:
        client = Client()
        client.force_login(user)  # a real session row, as a browser's sign-in leaves
        status = client.get(url).status_code
        if status == 200:
            return client, user.username
        tried.append(f"{user.username}: {status}")
    return None, "; ".join(tried) or "no user of this Pemda"


@override_settings(ROOT_URLCONF="bench.urls", ALLOWED_HOSTS=["*"])
def measure(pemda, *, n: int = 20, warmup: int = 2) -> dict:
    """p50/p95 of `n` requests and the query count of each page for `pemda`, with the floor."""
    subject = pick(pemda)
    users = users_by_role(pemda)
    out: dict = {
        "pemda": pemda.name,
        "opd": subject.opd.name,
        "year": subject.year,
        "pages": {},
    }
    floor_client, _who = _client_for(reverse("bench_floor"), False, users)
    if floor_client is None:
        raise RuntimeError("no user of the Pemda can open the floor view")
    floor_url = reverse("bench_floor")
    _time(floor_client, floor_url, warmup)
    # The floor is the divisor of every ratio and costs a millisecond: many more requests, so
    # that one stray slow request (another process on the machine) does not make its p95.
    out["floor"] = summarise(_time(floor_client, floor_url, FLOOR_REQUESTS_PER_PAGE_REQUEST * n))
    for name, url in urls(subject).items():
        if url is None:
            out["pages"][name] = {"error": "nothing to show at this size (object missing)"}
            continue
        client, who = _client_for(url, name in ANONYMOUS, users)
        if client is None:
            out["pages"][name] = {"url": url, "error": f"no 200 ({who})"}
            continue
        # One request on an empty cache first: what the first reader after a change waits (the
        # page computed, not served from the page cache), reported beside the p50/p95 with its
        # own query count, which must not grow with the data either.
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            cold = _time(client, url, 1)[0]
        cold_queries = len(queries.captured_queries)
        _time(client, url, warmup)
        page = {"url": url, "as": who, **summarise(_time(client, url, n))}
        page["cold_ms"] = round(cold, 1)
        page["cold_queries"] = cold_queries
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        page["queries"] = len(queries.captured_queries)
        page["floor_ratio"] = round(page["p95_ms"] / out["floor"]["p95_ms"], 2)
        out["pages"][name] = page
    return out
