"""LKjIP renderings, measured in a process of their own so that the peak memory is their own:

    python -m bench.pdf --pemda CODE --which opd|pemda --mode renderer|floor|paired

`renderer` times `render_pdf(content_for(report))`, the product's path; `floor` builds the same
HTML first (`pdf_source`, untimed) and times WeasyPrint alone laying it out and writing the PDF;
`paired` runs the product's path several times and times each run's phases: the whole run is
the renderer, its WeasyPrint part the floor (on a shared machine WeasyPrint alone varied by a
fifth between two processes a minute apart, more than the renderer's own work). Prints one
JSON object. The peak memory is that of the rendering: measured from just before it
(`start_peak`), not from the process's start. The report (the biggest OPD's, or the Pemda's,
for the year of that OPD's latest PK) is created as a draft through reporting.services when it
is missing."""

from __future__ import annotations

import argparse
import gc
import json
import re
import resource
import sys
import time

STATUS = "/proc/self/status"


def _status_kib(field: str) -> int | None:
    """A memory field of /proc/self/status in KiB (VmRSS: resident now; VmHWM: peak resident),
    None where there is no such file."""
    try:
        with open(STATUS) as f:
            found = re.search(rf"^{field}:\s+(\d+) kB", f.read(), re.MULTILINE)
    except OSError:
        return None
    return int(found.group(1)) if found else None


def start_peak() -> int:
    """Start measuring the peak resident memory from here, and return the resident memory now
    (KiB). On Linux the process's peak (VmHWM) is reset to the current size (writing 5 to
    /proc/self/clear_refs), so the peak measured afterwards is that of what follows, not of a
    transient before it (imports, the report's lookup). Elsewhere the peak is the process's
    whole life (ru_maxrss)."""
    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return _status_kib("VmRSS") or 0


def peak_since_start() -> int:
    """The peak resident memory (KiB) since start_peak(), where it could be reset."""
    return _status_kib("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _report(pemda_code: str, which: str):
    from apps.organisations.models import OrgUnit
    from apps.reporting import services
    from bench.pages import pick, users_by_role

    pemda = OrgUnit.objects.get(code=pemda_code)
    subject = pick(pemda)
    actor = users_by_role(pemda)[0]
    opd = subject.opd if which == "opd" else None
    report, _created = services.report_get_or_create(actor=actor, opd=opd, year=subject.year)
    return report


def paired(pemda_code: str, which: str, repeat: int = 3) -> dict:
    """The product's path `repeat` times, each run timed in its phases: the renderer is the whole
    of `render_pdf(content_for(report))` (content, HTML, WeasyPrint), the floor its WeasyPrint
    part alone on that very HTML. The ratio is the median of the runs' own ratios: on a shared
    machine WeasyPrint's time varies by a tenth or more from one run to the next, more than the
    renderer's own work, and a ratio of two separate runs measured that noise."""
    from apps.reporting.content import content_for
    from apps.reporting.render import pdf_source

    report = _report(pemda_code, which)
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        source = pdf_source(content_for(report))
        laid_out = time.perf_counter()
        result = source.render()
        done = time.perf_counter()
        runs.append((done - started, done - laid_out, result.pages))
    ratios = sorted(total / floor for total, floor, _pages in runs)
    return {
        "report": str(report.code),
        "mode": "paired",
        "repeat": repeat,
        "seconds": round(min(total for total, _f, _p in runs), 3),
        "pages": runs[-1][2],
        "floor_seconds": round(min(floor for _t, floor, _p in runs), 3),
        "floor_pages": runs[-1][2],
        "floor_ratio": round(ratios[len(ratios) // 2], 2),
        "runs": [[round(t, 3), round(f, 3)] for t, f, _p in runs],
    }


def measure(pemda_code: str, which: str, mode: str, repeat: int = 2) -> dict:
    from apps.reporting.content import content_for
    from apps.reporting.render import pdf_source, render_pdf

    report = _report(pemda_code, which)
    baseline = start_peak()
    best, pages = None, 0
    for _ in range(repeat):
        if mode == "renderer":
            started = time.perf_counter()
            result = render_pdf(content_for(report))
        else:
            source = pdf_source(content_for(report))
            started = time.perf_counter()
            result = source.render()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
        pages = result.pages
    peak = peak_since_start()
    return {
        "report": str(report.code),
        "unit": report.opd.name if report.opd else "Pemda",
        "year": report.year,
        "mode": mode,
        "pages": pages,
        "seconds": round(best, 3),
        "repeat": repeat,
        "peak_mib": round(peak / 1024, 1),
        "baseline_mib": round(baseline / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pemda", required=True)
    parser.add_argument("--which", choices=("opd", "pemda"), required=True)
    parser.add_argument("--mode", choices=("renderer", "floor", "paired"), required=True)
    parser.add_argument("--repeat", type=int, default=None)
    args = parser.parse_args(argv)
    import django

    django.setup()
    if args.mode == "paired":
        result = paired(args.pemda, args.which, args.repeat or 3)
    else:
        result = measure(args.pemda, args.which, args.mode, args.repeat or 2)
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
