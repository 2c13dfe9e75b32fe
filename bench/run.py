"""`make bench`: build the bench database, measure, write bench/results.json, print the table,
exit 1 when a target of issue 8 is missed. See bench/README.md for what is measured and how.

Environment (all optional): BENCH_OPD (70) and BENCH_YEARS (5) the size given to
generate_scale_data, BENCH_SEED (1), BENCH_REQUESTS (50 per page), BENCH_LOAD_SECONDS (60),
BENCH_LOAD_USERS (50), BENCH_SPAWN_RATE (5 users/s), BENCH_THINK_SECONDS (3-10),
BENCH_DB (sakip_bench), BENCH_PORT (8765),
BENCH_REUSE_DB=1 to measure an existing bench database again without rebuilding it,
BENCH_SKIP_LOAD=1 to leave out the load run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import stats  # noqa: E402

RESULTS = ROOT / "bench" / "results.json"
WORKDIR = ROOT / "var" / "bench"


def config() -> dict:
    env = os.environ.get
    return {
        "opd": int(env("BENCH_OPD", "70")),
        "years": int(env("BENCH_YEARS", "5")),
        "seed": int(env("BENCH_SEED", "1")),
        "requests": int(env("BENCH_REQUESTS", "50")),
        "load_seconds": int(env("BENCH_LOAD_SECONDS", "60")),
        "load_users": int(env("BENCH_LOAD_USERS", "50")),
        "spawn_rate": int(env("BENCH_SPAWN_RATE", "5")),
        "think_seconds": env("BENCH_THINK_SECONDS", "3-10"),
        "database": env("BENCH_DB", "sakip_bench"),
        "port": int(env("BENCH_PORT", "8765")),
        "reuse_db": env("BENCH_REUSE_DB", "") == "1",
        "skip_load": env("BENCH_SKIP_LOAD", "") == "1",
        "server_time": "in-process django.test.Client, real database sessions",
        "cpus": os.cpu_count(),
    }


def bench_env(cfg: dict) -> dict:
    """The settings every process of the bench runs with: production-like (DEBUG off) on the
    bench database, plain HTTP on 127.0.0.1 (no SSL redirect, cookies not Secure-only), static
    files from the finders' storage (pages only are measured, no static file is requested)."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="sakip.settings",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{cfg['database']}",
        SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-only-" + secrets.token_hex(16),
        DEBUG="false",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        STATIC_MANIFEST="false",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        PYTHONPATH=str(ROOT),
        CACHE_DIR=str(WORKDIR / "cache"),  # its own file cache, shared by its processes
        BENCH_THINK_SECONDS=cfg["think_seconds"],
    )
    return env


def step(title: str, argv: list[str], env: dict) -> float:
    print(f"== {title}", flush=True)
    started = time.monotonic()
    subprocess.run(argv, cwd=ROOT, env=env, check=True)  # noqa: S603
    return round(time.monotonic() - started, 1)


def build(cfg: dict, env: dict) -> dict:
    """A fresh bench database: migrate, load_demo, generate_scale_data (seconds of each)."""
    db = cfg["database"]
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q"]
    timings = {}
    timings["create"] = step(
        f"fresh database {db}",
        [
            *psql,
            "-d",
            "postgres",
            "-c",
            f"DROP DATABASE IF EXISTS {db} WITH (FORCE)",
            "-c",
            f"CREATE DATABASE {db}",
        ],
        env,
    )
    manage = [sys.executable, "manage.py"]
    timings["migrate"] = step("migrate", [*manage, "migrate", "--noinput", "-v", "0"], env)
    timings["load_demo"] = step("load_demo", [*manage, "load_demo"], env)
    if cfg["opd"] > 0:
        timings["generate_scale_data"] = step(
            f"generate_scale_data --opd {cfg['opd']} --years {cfg['years']}",
            [
                *manage,
                "generate_scale_data",
                "--opd",
                str(cfg["opd"]),
                "--years",
                str(cfg["years"]),
                "--seed",
                str(cfg["seed"]),
            ],
            env,
        )
    return timings


def pemdas() -> dict:
    """{"demo": the demo Pemda, "province": the generated one (the other Pemda with most OPD)}."""
    from apps.organisations.demo import PEMDA_NAME, SECOND_PEMDA_NAME
    from apps.organisations.models import OrgUnit, UnitType

    found = {"demo": OrgUnit.objects.get(unit_type=UnitType.PEMDA, name=PEMDA_NAME)}
    other = (
        OrgUnit.objects.filter(unit_type=UnitType.PEMDA)
        .exclude(name__in=[PEMDA_NAME, SECOND_PEMDA_NAME])
        .order_by("pk")
    )
    best = max(
        other,
        key=lambda p: OrgUnit.objects.filter(pemda=p, unit_type=UnitType.OPD).count(),
        default=None,
    )
    if best is not None:
        found["province"] = best
    return found


def size_of(pemda) -> dict:
    from apps.agreements.models import PerjanjianKinerja
    from apps.evaluation.models import Answer
    from apps.measurement.models import Realisation
    from apps.organisations.models import OrgUnit, UnitType
    from apps.performance.models import Indicator, Node

    return {
        "pemda": pemda.name,
        "opd": OrgUnit.objects.filter(pemda=pemda, unit_type=UnitType.OPD).count(),
        "nodes": Node.objects.filter(pemda=pemda).count(),
        "indicators": Indicator.objects.filter(pemda=pemda).count(),
        "realisations": Realisation.objects.filter(pemda=pemda).count(),
        "pk": PerjanjianKinerja.objects.filter(pemda=pemda).count(),
        "lke_answers": Answer.objects.filter(pemda=pemda).count(),
    }


def pdf(pemda, which: str, env: dict) -> dict:
    """The renderer once in a process of its own (its peak memory), then three runs of it timed
    in their phases in another (bench/pdf.py `paired`: the renderer, the WeasyPrint floor and
    the ratio)."""
    out = {}
    for mode, repeat in (("renderer", "1"), ("paired", "3")):
        done = subprocess.run(  # noqa: S603
            [
                sys.executable,
                "-m",
                "bench.pdf",
                "--pemda",
                str(pemda.code),
                "--which",
                which,
                "--mode",
                mode,
                "--repeat",
                repeat,
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            return {"error": f"{mode}: {done.stderr.strip().splitlines()[-1:]}"}
        out[mode] = json.loads(done.stdout)
    memory, timed = out["renderer"], out["paired"]
    return {
        "unit": memory["unit"],
        "year": memory["year"],
        "pages": timed["pages"],
        "seconds": timed["seconds"],
        "pages_per_s": round(timed["pages"] / timed["seconds"], 2),
        "peak_mib": memory["peak_mib"],
        "baseline_mib": memory["baseline_mib"],
        "floor_seconds": timed["floor_seconds"],
        "floor_pages": timed["floor_pages"],
        "floor_ratio": timed["floor_ratio"],
        "repeat": timed["repeat"],
        "runs": timed["runs"],
    }


def main() -> int:
    cfg = config()
    env = bench_env(cfg)
    os.environ.update(env)
    results: dict = {
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "config": cfg,
    }
    if not cfg["reuse_db"]:
        cfg["build_seconds"] = build(cfg, env)

    import django

    django.setup()
    from bench import pages

    found = pemdas()
    results["sizes"] = {size: size_of(p) for size, p in found.items()}
    results["pages"] = {}
    for size, pemda in found.items():
        print(f"== pages at {size} size ({pemda.name})", flush=True)
        results["pages"][size] = pages.measure(pemda, n=cfg["requests"])
    big = found.get("province", found["demo"])
    label = "province" if "province" in found else "demo"
    results["pdf"] = {}
    for which in ("opd", "pemda"):
        print(f"== LKjIP PDF ({label} {which})", flush=True)
        results["pdf"][f"{label} {which}"] = pdf(big, which, env)
    if cfg["skip_load"]:
        results["load"] = {"error": "skipped (BENCH_SKIP_LOAD=1)"}
    else:
        from bench import load

        print(f"== load run: {cfg['load_users']} users, {cfg['load_seconds']} s", flush=True)
        password = "bench-" + secrets.token_hex(8)
        profile_list, dropped = load.profiles(big, users=cfg["load_users"], password=password)
        from django.db import connections

        connections.close_all()
        results["load"] = load.run(
            profile_list,
            password=password,
            users=cfg["load_users"],
            seconds=cfg["load_seconds"],
            port=cfg["port"],
            spawn_rate=cfg["spawn_rate"],
            workdir=WORKDIR,
            env=env,
        )
        results["load"]["roles"] = sorted({p["role"] for p in profile_list})
        results["load"]["dropped_pages"] = dropped
    done = stats.finish(results)
    RESULTS.write_text(json.dumps(done, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(stats.table(done))
    print(f"\nWritten {RESULTS.relative_to(ROOT)}")
    return 0 if done["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
