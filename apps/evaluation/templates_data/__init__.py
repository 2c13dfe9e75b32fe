"""The shipped LKE templates as plain data. `services.templates_install` copies them into a
Pemda's own rows (docs/decisions/0006-lke-templates-as-data.md); nothing here touches the DB.

A template is a dict: key, name, regulation, variant, description, is_default,
is_local_rendering, scales (key, name, options [(label, value)]) and components (number, name,
weight, sub_components (code, name, weight, criteria [Crit])). Weights and values are strings
read as Decimal, so that 4.5 stays exactly 4.5.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# DOMAIN.md "Evaluation": Y/T = 1/0; A–E = 1, 0.75, 0.5, 0.25, 0; the 8-step scale AA … E =
# 100, 90, 80, 70, 60, 50, 30, 0 percent.
SCALES: list[dict] = [
    {"key": "yt", "name": "Y/T", "options": [("Y", "1"), ("T", "0")]},
    {
        "key": "ae",
        "name": "A/B/C/D/E",
        "options": [("A", "1"), ("B", "0.75"), ("C", "0.5"), ("D", "0.25"), ("E", "0")],
    },
    {
        "key": "aa_e",
        "name": "AA/A/BB/B/CC/C/D/E",
        "options": [
            ("AA", "1"),
            ("A", "0.9"),
            ("BB", "0.8"),
            ("B", "0.7"),
            ("CC", "0.6"),
            ("C", "0.5"),
            ("D", "0.3"),
            ("E", "0"),
        ],
    },
]


@dataclass(frozen=True)
class Crit:
    """One criterion of a shipped template."""

    text: str
    evidence: list[str] = field(default_factory=list)
    autofill: str = ""
    scale: str = ""  # empty: the sub-component's default scale
    guidance: str = ""


def sub(code: str, name: str, weight: str, scale: str, criteria: list[Crit]) -> dict:
    return {"code": code, "name": name, "weight": weight, "scale": scale, "criteria": criteria}


def shipped() -> list[dict]:
    from apps.evaluation.templates_data import permenpanrb_12_2015, permenpanrb_88_2021

    return [permenpanrb_88_2021.TEMPLATE, permenpanrb_12_2015.TEMPLATE]


def criteria_count(template: dict) -> int:
    return sum(len(s["criteria"]) for c in template["components"] for s in c["sub_components"])
