"""Where a drawn chart goes: off-screen figures, PNG/SVG files and bytes, and the hover texts.

Each drawn point carries a short text about the entry behind it; entry_at finds it under the mouse.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from matplotlib.artist import Artist
from matplotlib.backend_bases import MouseEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from msjournal.model.errors import JournalError
from msjournal.storage.files import write_atomic

SAVE_FORMATS = (".png", ".svg")
_HOVER = "_msjournal_entries"


def new_figure(width_in: float, height_in: float) -> Figure:
    """An off-screen figure (Agg canvas attached)."""
    figure = Figure(figsize=(width_in, height_in))
    FigureCanvasAgg(figure)
    return figure


def check_save_name(out: Path) -> Path:
    """A chart file name ends in .png or .svg; anything else is refused before drawing."""
    out = Path(out)
    if out.suffix.lower() not in SAVE_FORMATS:
        raise JournalError(f"{out}: a chart is saved as .png or .svg; choose a name ending in one.")
    return out


def write_figure(figure: Figure, out: Path, dpi: int = 120) -> Path:
    """Save an already drawn figure as PNG or SVG (by suffix) through write_atomic."""
    fmt = Path(out).suffix.lower().lstrip(".")

    def write(handle: BinaryIO) -> None:
        figure.savefig(
            handle,
            format=fmt,
            dpi=dpi,
            facecolor=figure.get_facecolor(),
            metadata={"Software": "msjournal"} if fmt == "png" else {"Creator": "msjournal"},
        )

    return write_atomic(Path(out), write)


def png_bytes(figure: Figure, dpi: int) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor=figure.get_facecolor())
    return buffer.getvalue()


def clear_entries(figure: Figure) -> None:
    setattr(figure, _HOVER, [])


def describe(figure: Figure, artist: Artist, texts: Sequence[str]) -> None:
    """Attach one text per point (or bar) of `artist`, for entry_at."""
    getattr(figure, _HOVER).append((artist, tuple(texts)))


def entry_at(figure: Figure, event: MouseEvent) -> str | None:
    """The text about the entry under the mouse, if the event is over a drawn point or bar."""
    for artist, texts in getattr(figure, _HOVER, []):
        hit, info = artist.contains(event)
        if hit:
            found = info.get("ind", [0])
            return texts[found[0]] if len(found) else texts[0]
    return None
