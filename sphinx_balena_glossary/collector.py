"""Python's cyclic garbage collector held off while the glossary is built.

Loading a glossary (YAML nodes, terms, their indexes) and compiling its matcher (the
regex parser's tree) allocate hundreds of thousands of objects and leave no cyclic
garbage: what they discard, reference counting frees. The collector, which runs after
every few hundred allocations, would meanwhile scan the build's whole heap again and
again for nothing (half the time of compiling a 20,000-term matcher), and move the
short-lived objects into its oldest generation, which brings the later full
collections of the build forward.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")


def without_collection(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """``function`` run with the collector off (as it was after: a caller may have turned
    it off already)."""

    @functools.wraps(function)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return run
