"""Charts of the LKjIP drawn on the server: inline SVG for the PDF, written directly (a few
rectangles, lines and texts: a province's report draws dozens, and matplotlib spent more time on
them than the rest of the content), and PNG for the DOCX with matplotlib (Agg) on the same layout
(figure size, margins, bars, labels), so both documents show the same drawing of the same data.

* `capaian_chart(sasaran)`: capaian per indicator of one sasaran against the 100 % line, each
  bar in its predicate band's colour (Permendagri 86/2017 bands, as on the dashboards);
* `budget_chart(budget)`: pagu against realisation per program with the absorption in percent.

Output is deterministic (no ids, dates or random parts), so one content renders to the same bytes
every time. matplotlib is imported lazily: a web worker that never draws never pays
for it.
"""

from __future__ import annotations

import io
import math
import os
import tempfile
from decimal import Decimal, InvalidOperation
from html import escape

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


WIDTH = 6.3  # inches, both charts
RIGHT, TOP, BOTTOM = 0.45, 0.08, 0.42  # margins in inches; the left one fits the labels
BAR_TEXT = 7  # pt
FONT = 8  # pt
FONT_FAMILY = "DejaVu Sans, sans-serif"


def _ticks(top: float) -> list[float]:
    """Round ticks from 0 to `top` (at most seven): steps of 1, 2, 2.5 or 5 times a power of 10."""
    if top <= 0:
        return [0.0]
    raw = top / 6
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return [i * step for i in range(int(top / step + 1e-9) + 1)]


def _tick_label(value: float) -> str:
    return format_number(value, 0 if value == int(value) else 1)


def _layout(
    *,
    labels: list[str],
    bars: list[tuple[list[float], float, float, str, str]],  # values, offset, height, colour, label
    notes: list[tuple[float, float, str]],  # x value, position, text
    top: float,
    height: float,
    left: float,
    xlabel: str,
    reference: float | None = None,
    legend: bool = False,
) -> dict:
    return {
        "labels": labels,
        "bars": bars,
        "notes": notes,
        "top": top,
        "height": height,
        "left": left,
        "xlabel": xlabel,
        "reference": reference,
        "legend": legend,
    }


def _f(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _svg(chart: dict) -> str:
    """The chart as SVG, in points (72 per inch), written directly."""
    n = max(1, len(chart["labels"]))
    width, height = WIDTH * 72, chart["height"] * 72
    left, right = chart["left"] * 72, width - RIGHT * 72
    top, bottom = TOP * 72, height - BOTTOM * 72
    xmax = chart["top"] or 1.0

    def x(value: float) -> float:
        return left + max(0.0, value) / xmax * (right - left)

    def y(position: float) -> float:  # positions run downwards, from -0.6 to n - 0.4
        return top + (position + 0.6) / n * (bottom - top)

    unit = (bottom - top) / n
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_f(width)}pt" height="{_f(height)}pt" '
        f'viewBox="0 0 {_f(width)} {_f(height)}" version="1.1">',
        f'<rect width="{_f(width)}" height="{_f(height)}" fill="#ffffff"/>',
    ]
    for values, offset, bar_height, colour, _label in chart["bars"]:
        for position, value in enumerate(values):
            if value and value > 0:
                out.append(
                    f'<rect x="{_f(left)}" y="{_f(y(position + offset - bar_height / 2))}" '
                    f'width="{_f(x(value) - left)}" height="{_f(bar_height * unit)}" '
                    f'fill="{colour}"/>'
                )
    if chart["reference"] is not None:
        at = _f(x(chart["reference"]))
        out.append(
            f'<line x1="{at}" y1="{_f(top)}" x2="{at}" y2="{_f(bottom)}" stroke="#333333" '
            f'stroke-width="0.8" stroke-dasharray="2.96 1.28"/>'
        )
    out.append(
        f'<path d="M {_f(left)} {_f(top)} L {_f(left)} {_f(bottom)} L {_f(right)} {_f(bottom)}" '
        f'fill="none" stroke="#000000" stroke-width="0.8"/>'
    )
    text = f'font-family="{FONT_FAMILY}" fill="#000000"'
    ticks = []
    for value in _ticks(xmax):
        at = _f(x(value))
        ticks.append(f"M {at} {_f(bottom)} L {at} {_f(bottom + 3.5)}")
        out.append(
            f'<text x="{at}" y="{_f(bottom + 3.5 + 3.5 + FONT * 0.76)}" {text} '
            f'font-size="{FONT}" text-anchor="middle">{_tick_label(value)}</text>'
        )
    for position, label in enumerate(chart["labels"]):
        at = _f(y(position))
        ticks.append(f"M {_f(left - 3.5)} {at} L {_f(left)} {at}")
        out.append(
            f'<text x="{_f(left - 7)}" y="{_f(y(position) + FONT * 0.36)}" {text} '
            f'font-size="{FONT}" text-anchor="end">{escape(label)}</text>'
        )
    out.append(f'<path d="{" ".join(ticks)}" stroke="#000000" stroke-width="0.8"/>')
    for value, position, note in chart["notes"]:
        out.append(
            f'<text x="{_f(x(value) + 2)}" y="{_f(y(position) + BAR_TEXT * 0.36)}" {text} '
            f'font-size="{BAR_TEXT}">{escape(note)}</text>'
        )
    out.append(
        f'<text x="{_f((left + right) / 2)}" y="{_f(height - 4)}" {text} font-size="{FONT}" '
        f'text-anchor="middle">{escape(chart["xlabel"])}</text>'
    )
    if chart["legend"]:
        for i, (_values, _offset, _h, colour, label) in enumerate(chart["bars"]):
            row = bottom - 8 - (len(chart["bars"]) - 1 - i) * 11
            out.append(
                f'<rect x="{_f(right - 80)}" y="{_f(row - 7)}" width="14" height="5" '
                f'fill="{colour}"/>'
                f'<text x="{_f(right - 60)}" y="{_f(row - 2)}" {text} '
                f'font-size="{BAR_TEXT}">{escape(label)}</text>'
            )
    out.append("</svg>")
    return "\n".join(out)


def _png(chart: dict) -> bytes:
    """The same chart drawn by matplotlib (Agg) for the DOCX."""
    plt = _pyplot()
    n = max(1, len(chart["labels"]))
    fig, ax = plt.subplots(figsize=(WIDTH, chart["height"]))
    fig.subplots_adjust(
        left=chart["left"] / WIDTH,
        right=1 - RIGHT / WIDTH,
        bottom=BOTTOM / chart["height"],
        top=1 - TOP / chart["height"],
    )
    positions = list(range(len(chart["labels"])))
    for values, offset, bar_height, colour, label in chart["bars"]:
        ax.barh(
            [p + offset for p in positions], values, height=bar_height, color=colour, label=label
        )
    if chart["reference"] is not None:
        ax.axvline(chart["reference"], color="#333", linewidth=0.8, linestyle="--")
    for value, position, note in chart["notes"]:
        ax.text(value, position, " " + note, va="center", fontsize=BAR_TEXT)
    ax.set_yticks(positions, chart["labels"])
    ax.set_ylim(n - 0.4, -0.6)
    ticks = _ticks(chart["top"] or 1.0)
    ax.set_xticks(ticks, [_tick_label(t) for t in ticks])
    ax.set_xlim(0, chart["top"] or 1.0)
    ax.set_xlabel(chart["xlabel"])
    if chart["legend"]:
        ax.legend(loc="lower right", fontsize=BAR_TEXT, frameon=False)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150, metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def _draw(chart: dict, fmt: str) -> str | bytes:
    return _svg(chart) if fmt == "svg" else _png(chart)


def capaian_chart(sasaran: dict, fmt: str = "svg", prefix: str = "c") -> str | bytes:
    """Capaian (%) of each indicator of `sasaran` against 100 %. (`prefix`: kept for callers;
    the SVG has no ids.)"""
    indicators = sasaran.get("indicators") or []
    labels = [_short(f"{i['code']} {i['name']}") for i in indicators]
    values = [_number(i.get("capaian")) for i in indicators]
    colours = []
    for value in values:
        band = predicate(Decimal(str(value))) if value is not None else None
        colours.append(BAND_COLOURS[band[0]] if band else NO_DATA)
    top = max([100.0, *[v for v in values if v is not None]])
    chart = _layout(
        labels=labels,
        bars=[],
        notes=[
            ((value or 0), pos, format_number(value, 2) + "%" if value is not None else "–")
            for pos, value in enumerate(values)
        ],
        top=top * 1.15,
        height=0.9 + 0.38 * max(1, len(indicators)),
        left=2.35,
        xlabel="Capaian (%)",
        reference=100.0,
    )
    # One colour per bar: a series per bar, each with a single non-zero value at its position.
    for pos, (value, colour) in enumerate(zip(values, colours, strict=True)):
        series = [0.0] * len(values)
        series[pos] = value or 0.0
        chart["bars"].append((series, 0.0, 0.6, colour, ""))
    return _draw(chart, fmt)


def budget_chart(budget: dict, fmt: str = "svg", prefix: str = "b") -> str | bytes:
    """Pagu against realisation per program, with the absorption (%) beside each pair."""
    rows = [r for r in budget.get("rows") or [] if r.get("level") == "program"]
    if not rows:
        rows = list(budget.get("rows") or [])[:12]
    labels = [_short(f"{r.get('code', '')} {r.get('name', '')}".strip(), 34) for r in rows]
    pagu = [(_number(r.get("pagu")) or 0) / 1e6 for r in rows]
    spent = [(_number(r.get("spent")) or 0) / 1e6 for r in rows]
    notes = []
    for pos, row, value in zip(range(len(rows)), rows, spent, strict=True):
        absorption = _number(row.get("absorption"))
        notes.append(
            (
                value,
                pos + 0.2,
                format_number(absorption, 2) + "%" if absorption is not None else "–",
            )
        )
    chart = _layout(
        labels=labels,
        bars=[(pagu, -0.2, 0.38, "#9ab7d3", "Pagu"), (spent, 0.2, 0.38, "#1f5f99", "Realisasi")],
        notes=notes,
        top=max([1.0, *pagu, *spent]) * 1.15,
        height=1.0 + 0.5 * max(1, len(rows)),
        left=2.75,
        xlabel="Juta rupiah",
        legend=True,
    )
    return _draw(chart, fmt)
