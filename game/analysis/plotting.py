"""matplotlib for the ``--plot`` options (an optional dependency: the ``plot`` extra)."""

from __future__ import annotations

from typing import Any

from ..errors import CoalitionError


def pyplot() -> Any:
    """``matplotlib.pyplot`` drawing to files only (the Agg backend: no display needed), or a plain
    error saying how to install it."""
    try:
        import matplotlib  # noqa: PLC0415 - optional dependency

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt  # noqa: PLC0415
    except ImportError:
        raise CoalitionError(
            "--plot needs matplotlib, which is not installed: pip install 'coalition-wargame[plot]'"
        ) from None
    return plt
