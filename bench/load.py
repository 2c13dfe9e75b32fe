"""The load run: simulated users of each role (profiles built from the bench database), gunicorn
with 2 workers, locust headless for a fixed time; the summary read back from locust's CSV."""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.test import Client
from django.urls import reverse

from bench.pages import pick

ROOT = Path(__file__).resolve().parent.parent
# How many of the simulated users play each role (out of 50; scaled to other counts).
MIX = (
    ("opd_operator", 20),
    ("opd_verifier", 6),
    ("bappeda", 6),
    ("admin", 2),
    ("evaluator", 4),
    ("evaluator_lead", 2),
    ("viewer", 4),
    ("public", 6),
)


def _opd_of(unit):
    from apps.organisations.models import UnitType

    if unit.unit_type == UnitType.OPD:
        return unit
    return unit.opd if unit.unit_type != UnitType.PEMDA else None


def _pages(
    role: str, pemda, opd, subject, rng: random.Random, user=None
) -> list[tuple[str, str, int]]:
    """(url, label, weight) of what a user of `role` clicks."""
    from apps.agreements.models import PerjanjianKinerja
    from apps.evaluation.models import Evaluation
    from apps.organisations.models import OrgUnit, UnitType
    from apps.planning.models import Renstra

    home = ("/", "home", 1)
    year = f"?year={subject.year}"  # the year with data (bench/pages.py: urls)
    if role == "public":
        return [
            (reverse("portal:home"), "portal home", 1),
            (reverse("portal:pemda", args=[pemda.code]), "portal pemda", 2),
        ]
    if role in ("opd_operator", "opd_verifier") and opd is not None:
        pages = [
            home,
            (reverse("measurement:grid", args=[opd.code, subject.year, 1]), "grid", 4),
            (reverse("measurement:opd_dashboard", args=[opd.code]) + year, "opd dashboard", 2),
        ]
        renstra = Renstra.objects.filter(opd=opd).order_by("-period__start_year").first()
        if renstra:
            pages.append((reverse("performance:tree_opd", args=[renstra.code]), "opd tree", 1))
        pk = PerjanjianKinerja.objects.filter(opd=opd).order_by("-year", "pk").first()
        if pk:
            pages.append((reverse("agreements:pk_detail", args=[pk.code]), "pk", 1))
        return pages
    if role in ("admin", "bappeda"):
        opds = list(OrgUnit.objects.filter(pemda=pemda, unit_type=UnitType.OPD).order_by("pk"))
        pages = [home, (reverse("measurement:pemda_dashboard") + year, "pemda dashboard", 3)]
        if subject.period:
            pages.append(
                (reverse("performance:tree_pemda", args=[subject.period.code]), "pemda tree", 1)
            )
        for other in rng.sample(opds, min(3, len(opds))):
            pages.append(
                (reverse("measurement:opd_dashboard", args=[other.code]) + year, "opd dashboard", 1)
            )
        return pages
    if role in ("evaluator", "evaluator_lead"):
        pages = [home]
        # The evaluations on the user's own team (evaluators see those only).
        evaluations = list(
            Evaluation.objects.filter(pemda=pemda, team__user=user).distinct().order_by("pk")
        )
        for evaluation in rng.sample(evaluations, min(3, len(evaluations))):
            pages.append(
                (reverse("evaluation:worksheet", args=[evaluation.code]), "lke worksheet", 2)
            )
        return pages
    if role == "viewer":
        return [
            home,
            (reverse("measurement:leadership") + year, "leadership summary", 2),
            (reverse("measurement:pemda_dashboard") + year, "pemda dashboard", 2),
        ]
    return [home]


def profiles(pemda, *, users: int, password: str, seed: int = 8) -> tuple[list[dict], list[str]]:
    """`users` profiles in the role mix, each page checked to answer 200 in-process (pages that
    do not are left out and listed). Sets `password` on the users chosen (bench database only)."""
    from apps.organisations.models import Membership, User

    rng = random.Random(seed)
    subject = pick(pemda)
    by_role: dict[str, list] = {}
    for m in (
        Membership.objects.filter(pemda=pemda, user__is_active=True)
        .select_related("user", "unit")
        .order_by("pk")
    ):
        by_role.setdefault(m.role, []).append(m)
    total = sum(n for _r, n in MIX)
    wanted = [(role, max(1, round(n * users / total))) for role, n in MIX]
    out, dropped, chosen = [], [], set()
    for role, count in wanted:
        if role == "public":
            client = Client()
            pages = []
            for url, label, weight in _pages(role, pemda, None, subject, rng):
                status = client.get(url).status_code
                if status == 200:
                    pages.append((url, label, weight))
                else:
                    dropped.append(f"anonymous {url}: {status}")
            if pages:
                out.extend({"role": role, "username": "", "urls": pages} for _ in range(count))
            continue
        members = by_role.get(role, [])
        rng.shuffle(members)
        for membership in members[:count]:
            user = membership.user
            client = Client()
            client.force_login(user)
            pages = []
            for url, label, weight in _pages(
                role, pemda, _opd_of(membership.unit), subject, rng, user
            ):
                status = client.get(url).status_code
                if status == 200:
                    pages.append((url, label, weight))
                else:
                    dropped.append(f"{user.username} {url}: {status}")
            if pages:
                chosen.add(user.pk)
                out.append({"role": role, "username": user.username, "urls": pages})
    User.objects.filter(pk__in=chosen).update(password=make_password(password))
    # Interleave the roles, so that any prefix of the list (locust cycles it) keeps the mix.
    rng.shuffle(out)
    return out[:users], dropped


def _wait_healthy(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (local)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer {url} within {seconds:.0f} s")


def run(
    profile_list: list[dict],
    *,
    password: str,
    users: int,
    seconds: int,
    port: int,
    workdir: Path,
    spawn_rate: int = 5,
    env: dict,
) -> dict:
    """gunicorn (2 workers) and locust headless; returns the aggregated numbers per page."""
    workdir.mkdir(parents=True, exist_ok=True)
    users_file = workdir / "users.json"
    users_file.write_text(json.dumps(profile_list), encoding="utf-8")
    host = f"http://127.0.0.1:{port}"
    bin_dir = Path(sys.executable).parent
    gunicorn = subprocess.Popen(  # noqa: S603
        [str(bin_dir / "gunicorn"), "sakip.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=open(workdir / "gunicorn.log", "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_healthy(f"{host}/healthz/")
        locust = subprocess.run(  # noqa: S603
            [
                str(bin_dir / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(spawn_rate),
                "--run-time",
                f"{seconds}s",
                "--host",
                host,
                "--csv",
                str(workdir / "locust"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**env, "BENCH_USERS_FILE": str(users_file), "BENCH_PASSWORD": password},
            capture_output=True,
            text=True,
            timeout=seconds + 120,
        )
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=30)
    return summary(
        workdir / "locust_stats.csv", workdir / "locust_failures.csv", users, seconds, locust
    )


def summary(stats_csv: Path, failures_csv: Path, users: int, seconds: int, locust=None) -> dict:
    """The aggregated row and the rows per page of locust's CSV, and the first failures."""
    if not stats_csv.exists():
        tail = (locust.stderr or "")[-800:] if locust is not None else ""
        return {"error": f"locust wrote no statistics: {tail}"}
    with stats_csv.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))

    def numbers(row: dict) -> dict:
        return {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50_ms": float(row["50%"]),
            "p95_ms": float(row["95%"]),
            "rps": round(float(row["Requests/s"]), 2),
        }

    aggregated = next(r for r in rows if r["Name"] == "Aggregated")
    out = {"users": users, "seconds": seconds, **numbers(aggregated), "by_page": {}}
    for row in rows:
        if row["Name"] != "Aggregated":
            out["by_page"][f"{row['Type']} {row['Name']}"] = numbers(row)
    if failures_csv.exists():
        with failures_csv.open(encoding="utf-8") as file:
            out["failure_samples"] = [
                f"{r['Occurrences']}× {r['Method']} {r['Name']}: {r['Error']}"
                for r in list(csv.DictReader(file))[:10]
            ]
    return out
