"""The pure part of the bench: percentiles, the targets and the pass/fail evaluation, the shape
of bench/results.json. No Django, no database: tests/bench/test_bench.py checks it directly."""

from __future__ import annotations

import math
from collections.abc import Sequence

# The targets of issue 8, point 3.
PAGE_P95_MS = 300.0  # every page at province scale
PAGE_FLOOR_RATIO = 10.0  # page p95 ≤ 10 × the floor view's p95
PDF_PAGES_PER_SECOND = 3.0
PDF_FLOOR_RATIO = 1.3  # renderer seconds ≤ 1.3 × WeasyPrint alone on the same HTML
LOAD_P95_MS = 500.0
MIN_REQUESTS = 20

RESULTS_VERSION = 1
RESULT_KEYS = ("version", "started_at", "config", "sizes", "pages", "pdf", "load", "checks", "ok")


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100) with linear interpolation between closest ranks (numpy's
    default, "linear"): p50 of [1, 2, 3, 4] is 2.5, p95 of 1..20 is 19.05."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError("q must be within 0 and 100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    if low == high:
        return float(ordered[low])
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarise(times_ms: Sequence[float]) -> dict:
    """p50, p95, mean and count of a list of server times in milliseconds."""
    return {
        "n": len(times_ms),
        "p50_ms": round(percentile(times_ms, 50), 2),
        "p95_ms": round(percentile(times_ms, 95), 2),
        "mean_ms": round(sum(times_ms) / len(times_ms), 2),
    }


def check(name: str, ok: bool, detail: str) -> dict:
    return {"name": name, "ok": bool(ok), "detail": detail}


def evaluate(results: dict) -> list[dict]:
    """Every target of issue 8 as a check {name, ok, detail}. `results` has the shape of
    bench/results.json (without "checks"/"ok"); a missing measurement is a failed check."""
    checks: list[dict] = []
    pages = results.get("pages") or {}
    sizes = results.get("sizes") or {}
    big = "province" if "province" in sizes else None
    for size, measured in pages.items():
        for name, page in measured.get("pages", {}).items():
            if page.get("error"):
                checks.append(check(f"{size} {name} answers", False, page["error"]))
                continue
            if page["n"] < MIN_REQUESTS:
                checks.append(
                    check(f"{size} {name} requests", False, f"{page['n']} < {MIN_REQUESTS}")
                )
            if size != big:
                continue
            checks.append(
                check(
                    f"{size} {name} p95 < {PAGE_P95_MS:g} ms",
                    page["p95_ms"] < PAGE_P95_MS,
                    f"{page['p95_ms']:.1f} ms",
                )
            )
            ratio = page.get("floor_ratio")
            checks.append(
                check(
                    f"{size} {name} ≤ {PAGE_FLOOR_RATIO:g}× floor",
                    ratio is not None and ratio <= PAGE_FLOOR_RATIO,
                    f"{ratio}×",
                )
            )
    if big is None:
        checks.append(check("province-size pages measured", False, "no province size"))
    else:
        small = [s for s in pages if s != big]
        for size in small:
            for name, page in pages[big].get("pages", {}).items():
                other = pages[size].get("pages", {}).get(name)
                if other is None or "queries" not in page or "queries" not in other:
                    checks.append(check(f"{name} queries equal", False, "not measured"))
                    continue
                checks.append(
                    check(
                        f"{name} queries equal ({size} vs {big})",
                        page["queries"] == other["queries"],
                        f"{other['queries']} vs {page['queries']}",
                    )
                )
                if "cold_queries" in page or "cold_queries" in other:
                    # Computed (the first request after a change), not from the page cache.
                    cold, cold_other = page.get("cold_queries"), other.get("cold_queries")
                    checks.append(
                        check(
                            f"{name} queries equal when computed ({size} vs {big})",
                            cold is not None and cold == cold_other,
                            f"{cold_other} vs {cold}",
                        )
                    )
    for name, pdf in (results.get("pdf") or {}).items():
        if pdf.get("error"):
            checks.append(check(f"LKjIP {name} renders", False, pdf["error"]))
            continue
        checks.append(
            check(
                f"LKjIP {name} ≥ {PDF_PAGES_PER_SECOND:g} pages/s",
                pdf["pages_per_s"] >= PDF_PAGES_PER_SECOND,
                f"{pdf['pages_per_s']:.2f} pages/s",
            )
        )
        checks.append(
            check(
                f"LKjIP {name} ≤ {PDF_FLOOR_RATIO:g}× WeasyPrint floor",
                pdf["floor_ratio"] <= PDF_FLOOR_RATIO,
                f"{pdf['floor_ratio']:.2f}×",
            )
        )
    if not results.get("pdf"):
        checks.append(check("LKjIP measured", False, "no PDF measured"))
    load = results.get("load")
    if load is None:
        checks.append(check("load run", False, "not run"))
    elif load.get("error"):
        checks.append(check("load run", False, load["error"]))
    else:
        checks.append(check("load run 0 errors", load["failures"] == 0, f"{load['failures']}"))
        checks.append(
            check(
                f"load run p95 < {LOAD_P95_MS:g} ms",
                load["p95_ms"] < LOAD_P95_MS,
                f"{load['p95_ms']:.0f} ms",
            )
        )
    return checks


def finish(results: dict) -> dict:
    """`results` with its checks and the overall verdict, in the key order of results.json."""
    checks = evaluate(results)
    done = {key: results.get(key) for key in RESULT_KEYS if key not in ("checks", "ok")}
    done["version"] = RESULTS_VERSION
    done["checks"] = checks
    done["ok"] = all(c["ok"] for c in checks)
    return done


def table(results: dict) -> str:
    """The terminal table: pages per size, PDFs, the load run, then every check."""
    lines = []
    for size, measured in (results.get("pages") or {}).items():
        floor = measured.get("floor") or {}
        lines.append(
            f"\nPages at {size} size ({measured.get('pemda', '')}); floor p50/p95 "
            f"{floor.get('p50_ms', '-')}/{floor.get('p95_ms', '-')} ms"
        )
        lines.append(
            f"  {'page':<22}{'n':>4}{'p50 ms':>10}{'p95 ms':>10}{'×floor':>8}{'SQL':>6}"
            f"{'cold ms':>10}{'cold SQL':>10}"
        )
        for name, page in measured.get("pages", {}).items():
            if page.get("error"):
                lines.append(f"  {name:<22}  ERROR {page['error']}")
                continue
            lines.append(
                f"  {name:<22}{page['n']:>4}{page['p50_ms']:>10.1f}{page['p95_ms']:>10.1f}"
                f"{page.get('floor_ratio') or 0:>8.1f}{page['queries']:>6}"
                f"{page.get('cold_ms') or 0:>10.1f}{page.get('cold_queries', '-'):>10}"
            )
    pdfs = results.get("pdf") or {}
    if pdfs:
        lines.append("\nLKjIP PDF")
        lines.append(
            f"  {'report':<22}{'pages':>6}{'s':>8}{'pages/s':>9}{'floor s':>9}"
            f"{'×floor':>8}{'peak MiB':>10}"
        )
        for name, pdf in pdfs.items():
            if pdf.get("error"):
                lines.append(f"  {name:<22}  ERROR {pdf['error']}")
                continue
            lines.append(
                f"  {name:<22}{pdf['pages']:>6}{pdf['seconds']:>8.2f}{pdf['pages_per_s']:>9.2f}"
                f"{pdf['floor_seconds']:>9.2f}{pdf['floor_ratio']:>8.2f}{pdf['peak_mib']:>10.1f}"
            )
    load = results.get("load")
    if load:
        lines.append("\nLoad run")
        if load.get("error"):
            lines.append(f"  ERROR {load['error']}")
        else:
            lines.append(
                f"  {load['users']} users, {load['seconds']} s: {load['requests']} requests, "
                f"{load['rps']:.1f} req/s, p50 {load['p50_ms']:.0f} ms, "
                f"p95 {load['p95_ms']:.0f} ms, {load['failures']} errors"
            )
    lines.append("\nChecks")
    for c in results.get("checks", []):
        lines.append(f"  {'PASS' if c['ok'] else 'FAIL'}  {c['name']}: {c['detail']}")
    lines.append(f"\n{'PASS' if results.get('ok') else 'FAIL'}")
    return "\n".join(lines)
