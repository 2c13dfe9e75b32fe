from __future__ import annotations

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Tests assert the English msgids, except where they check Indonesian on purpose."""
    with translation.override("en"):
        yield
