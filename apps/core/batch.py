"""Helpers for computations that build a very large number of objects at once."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import Any


def gc_paused(compute: Callable[..., Any]) -> Callable[..., Any]:
    """Run `compute` with Python's cyclic garbage collector paused (reference counting still
    frees everything as usual). A province's roll-up or LKjIP builds hundreds of thousands of
    objects that all stay alive until the result is returned; each allocation burst triggers
    collections that walk them all again and free nothing (a Pemda-wide LKjIP's content: a
    third of its time). The collector resumes afterwards and takes the cycles, if any, then."""

    @functools.wraps(compute)
    def run(*args, **kwargs):
        if not gc.isenabled():
            return compute(*args, **kwargs)
        gc.disable()
        try:
            return compute(*args, **kwargs)
        finally:
            gc.enable()

    return run
