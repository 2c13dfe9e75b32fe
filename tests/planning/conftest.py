from __future__ import annotations

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in their English source; Indonesian is checked where it matters."""
    with translation.override("en"):
        yield
