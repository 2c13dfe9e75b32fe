"""The permission matrix: role × URL × expected status (STYLE.md rule 4).

Every app lists its URLs in `tests/<app>/permissions.py` as `CASES = [Case(...), ...]`;
tests/test_permission_matrix.py runs them all and fails when a URL pattern has no case.

Roles are the cast of tests/conftest.py. A page's usual expectations:

* anonymous: 302 to the login page (pages) or 403 (API)
* a user whose scope does not reach the object (another OPD, another Pemda): 404
* a user who sees the object but may not do this to it: 403
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROLES = (
    "anonymous",
    "outsider",
    "other_operator",
    "viewer",
    "evaluator",
    "lead",
    "bappeda",
    "verifier",
    "operator",
    "admin",  # last: a successful write by the admin cannot change what the others see
)

PEMDA_A_ROLES = ("admin", "bappeda", "operator", "verifier", "evaluator", "lead", "viewer")


@dataclass
class Case:
    """One URL with its arguments and the status each role gets.

    `setup(cast)` may create what the URL needs and returns a dict passed to `args` and `data`.
    """

    url_name: str
    expect: dict[str, int]
    args: Callable[[Any, dict], list] = lambda cast, ctx: []
    method: str = "get"
    data: Callable[[Any, dict], dict] | None = None
    setup: Callable[[Any], dict] | None = None
    api: bool = False
    content_type: str | None = None
    id: str = ""
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        missing = set(ROLES) - set(self.expect)
        if missing:
            raise ValueError(f"{self.url_name}: no expectation for {sorted(missing)}")
        if not self.id:
            self.id = f"{self.url_name}[{self.method}]"


def statuses(default: int, *, anonymous: int | None = None, **roles: int) -> dict[str, int]:
    """Every role gets `default` unless named; anonymous gets 302 unless named."""
    out = dict.fromkeys(ROLES, default)
    out["anonymous"] = 302 if anonymous is None else anonymous
    out.update(roles)
    return out


def everyone(ok: int = 200, **overrides: int) -> dict[str, int]:
    """A page every signed-in user may open (about their own Pemda)."""
    return statuses(ok, **overrides)


def only(ok: int, roles, *, elsewhere: int = 403, outside: dict | None = None, **kw) -> dict:
    """`roles` get `ok`; every other signed-in role gets `elsewhere` (`outside` overrides)."""
    out = statuses(elsewhere, **kw)
    for role in roles:
        out[role] = ok
    out.update(outside or {})
    return out


def in_pemda_a(ok: int, roles, *, others_in_scope: int = 403, **kw) -> dict:
    """An object of OPD 1 in Pemda A: `roles` get `ok`; other Pemda A roles that see OPD 1 get
    `others_in_scope`; the operator of OPD 2 and the outsider get 404."""
    out = statuses(others_in_scope, **kw)
    for role in roles:
        out[role] = ok
    out["other_operator"] = kw.get("other_operator", 404)
    out["outsider"] = kw.get("outsider", 404)
    return out
