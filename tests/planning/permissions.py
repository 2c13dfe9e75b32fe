"""Permission cases of the nomenclature pages: national reference data read by every signed-in
user, imported by Pemda admins only."""

from __future__ import annotations

from tests.matrix import Case, everyone, only

CASES = [
    Case("planning:nomenclature_list", everyone()),
    Case("planning:decree_list", everyone()),
    Case("planning:nomenclature_import", only(200, ("admin",))),
]

from .permissions_api import API_CASES  # noqa: E402

CASES = CASES + API_CASES
