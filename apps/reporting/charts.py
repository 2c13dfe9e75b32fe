"""Charts of the LKjIP drawn on the server with matplotlib (Agg): the same figure as inline SVG
for the PDF and as PNG for the DOCX, so both documents show one drawing of the same data.

* `capaian_chart(sasaran)`: capaian per indicator of one sasaran against the 100 % line, each
  bar in its predicate band's colour (Permendagri 86/2017 bands, as on the dashboards);
* `budget_chart(budget)`: pagu against realisation per program with the absorption in percent.

Output is deterministic (fixed SVG ids, no date in the metadata), so one content renders to the
same bytes every time. matplotlib is imported lazily: a web worker that never draws never pays
for it.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from decimal import Decimal, InvalidOperation

from apps.core.templatetags.sakip import format_number
from apps.measurement.capaian import predicate

BAND_COLOURS = {
    "sangat_tinggi": "#198754",
    "tinggi": "#7cb342",
    "sedang": "#ffc107",
    "rendah": "#fd7e14",
    "sangat_rendah": "#dc3545",
}
NO_DATA = "#adb5bd"


def _pyplot():
    os.environ.setdefault("MPLCONFIGDIR", os.path.join(tempfile.gettempdir(), "sakip-mpl"))
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "svg.hashsalt": "sakip-lkjip",
            "svg.fonttype": "path",
            "font.family": "DejaVu Sans",
            "font.size": 8,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return plt


def _number(value) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None


def _short(text: str, width: int = 28) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


_ID = re.compile(r'(id="|xlink:href="#|href="#|url\(#)([^")]+)')


def _frame(fig, height: float, left: float) -> None:
    """Fixed margins in inches (labels are cut to a known width), so that saving draws the figure
    once: `bbox_inches="tight"` would draw it twice to measure it."""
    fig.subplots_adjust(
        left=left / 6.3, right=1 - 0.45 / 6.3, bottom=0.42 / height, top=1 - 0.08 / height
    )


def _output(fig, fmt: str, prefix: str) -> str | bytes:
    plt = _pyplot()
    buffer = io.BytesIO()
    if fmt == "svg":
        fig.savefig(buffer, format="svg", metadata={"Date": None})
        plt.close(fig)
        text = buffer.getvalue().decode()
        # Inline in HTML: drop the XML prolog and DOCTYPE, keep the <svg> element, and give its
        # ids a prefix of their own (several charts share one document).
        text = text[text.index("<svg") :]
        return _ID.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", text)
    fig.savefig(buffer, format="png", dpi=150, metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def capaian_chart(sasaran: dict, fmt: str = "svg", prefix: str = "c") -> str | bytes:
    """Capaian (%) of each indicator of `sasaran` against 100 %."""
    plt = _pyplot()
    indicators = sasaran.get("indicators") or []
    labels = [_short(f"{i['code']} {i['name']}") for i in indicators]
    values = [_number(i.get("capaian")) for i in indicators]
    colours = []
    for value in values:
        band = predicate(Decimal(str(value))) if value is not None else None
        colours.append(BAND_COLOURS[band[0]] if band else NO_DATA)
    height = 0.9 + 0.38 * max(1, len(indicators))
    fig, ax = plt.subplots(figsize=(6.3, height))
    _frame(fig, height, 2.35)
    positions = list(range(len(indicators)))
    ax.barh(positions, [v or 0 for v in values], color=colours, height=0.6)
    ax.axvline(100, color="#333", linewidth=0.8, linestyle="--")
    for pos, value in zip(positions, values, strict=True):
        text = format_number(value, 2) + "%" if value is not None else "–"
        ax.text((value or 0) + 1, pos, text, va="center", fontsize=7)
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    top = max([100.0, *[v for v in values if v is not None]])
    ax.set_xlim(0, top * 1.15)
    ax.set_xlabel("Capaian (%)")
    return _output(fig, fmt, prefix)


def budget_chart(budget: dict, fmt: str = "svg", prefix: str = "b") -> str | bytes:
    """Pagu against realisation per program, with the absorption (%) beside each pair."""
    plt = _pyplot()
    rows = [r for r in budget.get("rows") or [] if r.get("level") == "program"]
    if not rows:
        rows = list(budget.get("rows") or [])[:12]
    labels = [_short(f"{r.get('code', '')} {r.get('name', '')}".strip(), 34) for r in rows]
    pagu = [(_number(r.get("pagu")) or 0) / 1e6 for r in rows]
    spent = [(_number(r.get("spent")) or 0) / 1e6 for r in rows]
    height = 1.0 + 0.5 * max(1, len(rows))
    fig, ax = plt.subplots(figsize=(6.3, height))
    _frame(fig, height, 2.75)
    positions = list(range(len(rows)))
    ax.barh([p - 0.2 for p in positions], pagu, height=0.38, color="#9ab7d3", label="Pagu")
    ax.barh([p + 0.2 for p in positions], spent, height=0.38, color="#1f5f99", label="Realisasi")
    for pos, row, value in zip(positions, rows, spent, strict=True):
        absorption = _number(row.get("absorption"))
        text = format_number(absorption, 2) + "%" if absorption is not None else "–"
        ax.text(value, pos + 0.2, " " + text, va="center", fontsize=7)
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    ax.set_xlabel("Juta rupiah")
    ax.legend(loc="lower right", fontsize=7, frameon=False)
    return _output(fig, fmt, prefix)
