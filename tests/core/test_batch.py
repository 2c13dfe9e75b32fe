"""apps.core.batch.gc_paused: the cyclic collector is off during the computation only."""

from __future__ import annotations

import gc

import pytest

from apps.core.batch import gc_paused


@gc_paused
def _state() -> bool:
    return gc.isenabled()


@gc_paused
def _fail() -> None:
    raise ValueError("boom")


def test_it_pauses_the_collector_during_the_call_and_resumes_it_after():
    assert gc.isenabled()
    assert _state() is False
    assert gc.isenabled()
    with pytest.raises(ValueError):
        _fail()
    assert gc.isenabled()


def test_it_leaves_a_collector_paused_by_the_caller_paused():
    gc.disable()
    try:
        assert _state() is False
        assert not gc.isenabled()
    finally:
        gc.enable()
