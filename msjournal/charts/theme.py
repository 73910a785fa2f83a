"""The charts' colours and text size: Okabe-Ito series colours (safe for colour-blind eyes)."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class ChartTheme:
    """Colours and text size; the series colours are Okabe-Ito, ordered for the background."""

    background: str = "#ffffff"
    foreground: str = "#1a1a1a"
    muted: str = "#6b6b6b"
    grid: str = "#d9d9d9"
    alert: str = "#D55E00"
    series: tuple[str, ...] = (
        "#0072B2",
        "#E69F00",
        "#009E73",
        "#CC79A7",
        "#56B4E9",
        "#D55E00",
        "#000000",
        "#F0E442",
    )
    font_size: float = 13.0
    band_alpha: float = 0.22  # the lab's range band: faint, yet clear of the background

    @classmethod
    def light(cls, font_size: float = 13.0) -> ChartTheme:
        return cls(font_size=font_size)

    @classmethod
    def dark(cls, font_size: float = 13.0) -> ChartTheme:
        return cls(
            "#1e1e1e",
            "#f0f0f0",
            "#a8a8a8",
            "#444444",
            "#FF7F3F",
            (
                "#56B4E9",
                "#E69F00",
                "#009E73",
                "#F0E442",
                "#CC79A7",
                "#D55E00",
                "#FFFFFF",
                "#0072B2",
            ),
            font_size,
            band_alpha=0.34,
        )

    def sized(self, font_size: float) -> ChartTheme:
        return replace(self, font_size=font_size)
