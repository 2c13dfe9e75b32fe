"""One LKjIP rendering, measured in its own process so that its peak memory is its own:

    python -m bench.pdf --pemda CODE --which opd|pemda --mode renderer|floor

`renderer` times `render_pdf(content_for(report))`, the product's path; `floor` builds the same
HTML first (`pdf_source`, untimed) and times WeasyPrint alone laying it out and writing the PDF.
Prints one JSON object. The report (the biggest OPD's, or the Pemda's, for the year of that OPD's
latest PK) is created as a draft through reporting.services when it is missing."""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time


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


def measure(pemda_code: str, which: str, mode: str, repeat: int = 2) -> dict:
    from apps.reporting.content import content_for
    from apps.reporting.render import pdf_source, render_pdf

    report = _report(pemda_code, which)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
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
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
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
    parser.add_argument("--mode", choices=("renderer", "floor"), required=True)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    import django

    django.setup()
    json.dump(measure(args.pemda, args.which, args.mode, args.repeat), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
