"""SVG charts: the band chart's structure, accessibility cues and edge cases; the older charts
still there after the move from absence to core."""

from __future__ import annotations

import doctest
import math
import re
import xml.etree.ElementTree as ET

import pytest

from charlie.core import charts
from charlie.core.charts import SERIES_COLOURS, TEXT, Series, band_chart

NS = "{http://www.w3.org/2000/svg}"
YEARS = ["2027", "2028", "2029", "2030"]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to check it


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in (e.get("class") or "").split()]


def texts(elements: list[ET.Element]) -> list[str]:
    return [e.text or "" for e in elements]


def subpaths(path: ET.Element) -> int:
    return path.get("d", "").count("M")


def contrast_on_white(colour: str) -> float:
    """WCAG 2.1 contrast ratio against #ffffff, from the definition of relative luminance."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_the_chart_is_well_formed_and_named_by_its_title_and_description():
    svg = band_chart(
        "behov", "Behov", "Personer pr. år", YEARS, [Series("A", [1] * 4)], y_label="Personer"
    )
    root = parse(svg)
    assert root.tag == f"{NS}svg" and root.get("role") == "img"
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title is not None and desc is not None
    assert (title.text, desc.text) == ("Behov", "Personer pr. år")
    assert root.get("aria-labelledby", "").split() == [title.get("id"), desc.get("id")]
    assert title.get("id") == "behov-title" and root.get("id") == "behov"
    assert "Personer" in texts(list(root.iter(f"{NS}text")))


def test_text_is_escaped():
    svg = band_chart(
        "c", "A & B <script>", "<desc>", ["<2027>", "2028"], [Series("x < y & z", [1, 2])]
    )
    assert "<script" not in svg and "<2027>" not in svg
    root = parse(svg)
    assert root.findtext(f"{NS}title") == "A & B <script>"
    assert root.findtext(f"{NS}desc") == "<desc>"
    assert "<2027>" in texts(by_class(root, "x-label"))
    legend = by_class(root, "legend")[0]
    assert "x < y & z" in texts(list(legend.iter(f"{NS}text")))


def test_one_line_per_line_series_each_with_its_own_dash_and_marker():
    series = [Series(f"S{k}", [k + 1.0] * 4) for k in range(4)]
    root = parse(band_chart("c", "T", "D", YEARS, series))
    lines = by_class(root, "series-line")
    assert [line.get("data-series") for line in lines] == ["0", "1", "2", "3"]
    assert len({line.get("stroke") for line in lines}) == 4
    # Colour is not the only cue (WCAG 1.4.1): four different dash patterns (one solid) ...
    assert len({line.get("stroke-dasharray") for line in lines}) == 4
    # ... and four different marker shapes, one marker per value.
    markers = by_class(root, "marker")
    plot_markers = [m for m in markers if m.find(f"{NS}title") is not None]
    assert len(plot_markers) == 16
    assert {m.tag for m in plot_markers} == {f"{NS}circle", f"{NS}rect", f"{NS}polygon"}
    colours_by_shape: dict[str, set[str]] = {}
    for m in plot_markers:
        # Triangle and diamond are both polygons: tell them apart by their number of corners.
        shape = m.tag + str(len((m.get("points") or "").split()))
        colours_by_shape.setdefault(shape, set()).add(m.get("fill") or "")
    assert len(colours_by_shape) == 4 and all(len(c) == 1 for c in colours_by_shape.values())


def test_a_band_polygon_only_where_low_and_high_are_given():
    with_band = Series("Behov", [10, 12, 14, 16], low=[8, 9, 10, 11], high=[12, 15, 18, 21])
    without = Series("Afgang", [5, 5, 5, 5])
    root = parse(band_chart("c", "T", "D", YEARS, [with_band, without]))
    bands = by_class(root, "band")
    assert [b.get("data-series") for b in bands] == ["0"]
    # The polygon runs along the highs and back along the lows: 2 × 4 corners.
    assert len(bands[0].get("points", "").split()) == 8
    assert bands[0].get("fill") == SERIES_COLOURS[0]
    # The faint fill is not relied on: the band's edges are drawn in the full colour.
    edges = by_class(root, "band-edge")
    assert len(edges) == 1 and edges[0].get("stroke") == SERIES_COLOURS[0]
    legend = texts(list(by_class(root, "legend")[0].iter(f"{NS}text")))
    assert legend == ["Behov", "Behov: usikkerhedsbånd", "Afgang"]
    named = band_chart(
        "d", "T", "D", YEARS, [Series("B", [1] * 4, [0] * 4, [2] * 4, band_label="P10–P90")]
    )
    assert "P10–P90" in texts(list(by_class(parse(named), "legend")[0].iter(f"{NS}text")))


def test_the_band_lies_between_low_and_high():
    # y axis: highs up to 20 → ticks 0, 5, …, 20 (raw step 20 / 5 = 4 → 5), so y(v) = base −
    # 240 · v / 20. The highest corner (20) is at the plot's top and the lowest (0) on the axis.
    series = Series("B", [5, 10], low=[0, 5], high=[10, 20])
    root = parse(band_chart("c", "T", "D", ["2027", "2028"], [series]))
    ys = [float(p.split(",")[1]) for p in by_class(root, "band")[0].get("points", "").split()]
    assert texts(by_class(root, "y-tick")) == ["0", "5", "10", "15", "20"]
    top, base = 20, 20 + 240  # no y label: 20 px above the plot
    assert min(ys) == pytest.approx(top) and max(ys) == pytest.approx(base)


def test_hidden_values_leave_gaps_and_no_marker():
    values = [3.0, None, 4.0, 5.0, None, 6.0]
    x = [str(y) for y in range(2027, 2033)]
    root = parse(band_chart("c", "T", "D", x, [Series("A", values)]))
    (line,) = by_class(root, "series-line")
    # Runs of shown values: [3], [4, 5], [6] → three subpaths, a move at each gap.
    assert subpaths(line) == 3
    assert len(line.get("d", "").split("L")) - 1 == 1  # only 4 → 5 is joined
    assert len([m for m in by_class(root, "marker") if m.find(f"{NS}title") is not None]) == 4


def test_a_hidden_band_breaks_the_band():
    series = Series("A", [1, 2, 3, 4, 5], low=[0, 1, None, 3, 4], high=[2, 3, None, 5, 6])
    root = parse(band_chart("c", "T", "D", [*YEARS, "2031"], [series]))
    assert len(by_class(root, "band")) == 2


def test_an_x_where_everything_is_hidden_says_skjult():
    root = parse(band_chart("c", "T", "D", YEARS, [Series("A", [1, None, 2, 3])]))
    assert "skjult" in texts(list(root.iter(f"{NS}text")))
    root = parse(band_chart("c", "T", "D", YEARS, [Series("A", [1, 2, 2, 3])]))
    assert "skjult" not in texts(list(root.iter(f"{NS}text")))


def test_numbers_are_danish():
    series = Series("A", [12.5, 45000.25], low=[10, 40000], high=[15, 52000])
    root = parse(band_chart("c", "T", "D", ["2027", "2028"], [series], digits=1))
    # Top 52,000: raw step 10,400 → 20,000 (1 decimal allowed, a whole step chosen), three
    # intervals.
    assert texts(by_class(root, "y-tick")) == ["0", "20.000", "40.000", "60.000"]
    tips = [m.findtext(f"{NS}title") for m in by_class(root, "marker")]
    assert "A, 2027: 12,5 (usikkerhed 10,0–15,0)" in tips
    # Half away from zero, as core.formats (and Django's floatformat) round: 45000.25 → 45.000,3.
    assert "A, 2028: 45.000,3 (usikkerhed 40.000,0–52.000,0)" in tips
    assert charts.number(45000.5, 1) == "45.000,5"
    assert charts.number(1234.5) == "1.234,5"  # one Danish style: always the thousands point


def test_ticks_start_at_zero_and_are_round():
    def ticks(values: list[float | None], digits: int = 0) -> list[str]:
        x = [str(2027 + i) for i in range(len(values))]
        return texts(
            by_class(
                parse(band_chart("c", "T", "D", x, [Series("A", values)], digits=digits)), "y-tick"
            )
        )

    # 3: raw step 0.6 → whole numbers only with digits=0 → 1, three intervals.
    assert ticks([3]) == ["0", "1", "2", "3"]
    # 7: raw 1.4 → 2; ceil(7 / 2) = 4 intervals → 0 … 8.
    assert ticks([7, 1]) == ["0", "2", "4", "6", "8"]
    # 12 with one decimal: raw 2.4 → 2.5 → ceil(4.8) = 5 intervals → 0 … 12.5.
    assert ticks([12, 1], digits=1) == ["0,0", "2,5", "5,0", "7,5", "10,0", "12,5"]
    # 12 as a count: 2.5 has a decimal, so 5; ceil(2.4) = 3 intervals.
    assert ticks([12, 1]) == ["0", "5", "10", "15"]


def test_bar_and_line_charts_share_the_round_axis():
    # Counts 1, 0 and 2 (digits=0): whole ticks 0, 1, 2, never 0,5 of an initiative.
    counts = parse(charts.bar_chart("c", "T", "D", [("A", 1), ("B", 0), ("C", 2)], digits=0))
    assert texts(by_class(counts, "x-tick")) == ["0", "1", "2"]
    # 52 with one decimal: raw step 10.4 → 20, three intervals.
    shares = parse(charts.bar_chart("c", "T", "D", [("A", 52.0)], digits=1))
    assert texts(by_class(shares, "x-tick")) == ["0", "20", "40", "60"]
    # A line of small shares: 0.8 with one decimal → step 0.2, labelled with one decimal.
    line = parse(charts.line_chart("c", "T", "D", [("2026", 0.3), ("2027", 0.8)], digits=1))
    assert texts(by_class(line, "y-tick")) == ["0,0", "0,2", "0,4", "0,6", "0,8"]


def test_all_zero_and_all_hidden_data_draw_an_axis():
    root = parse(band_chart("c", "T", "D", YEARS, [Series("A", [0, 0, 0, 0])]))
    # Nothing to scale by: 0 … 5 in whole steps (digits=0).
    assert texts(by_class(root, "y-tick")) == ["0", "1", "2", "3", "4", "5"]
    assert len([m for m in by_class(root, "marker") if m.find(f"{NS}title") is not None]) == 4
    root = parse(band_chart("c", "T", "D", YEARS, [Series("A", [None] * 4)]))
    assert by_class(root, "series-line") == []
    assert texts(list(root.iter(f"{NS}text"))).count("skjult") == 4


@pytest.mark.parametrize("n", [1, 2, 7, 15, 30])
def test_many_x_values_keep_every_point_and_thin_out_the_labels(n):
    x = [str(2011 + i) for i in range(n)]
    root = parse(band_chart("c", "T", "D", x, [Series("A", [float(i) for i in range(n)])]))
    markers = [m for m in by_class(root, "marker") if m.find(f"{NS}title") is not None]
    assert len(markers) == n  # no data point dropped
    labels = texts(by_class(root, "x-label"))
    # The plot is max(400, min(64 · n, 768)) px wide: step = 400, 200, 64, 51.2, 25.6 px for
    # n = 1, 2, 7, 15, 30. A 4-character label needs 7.5 · 4 + 10 = 40 px, so every label fits
    # up to n = 15 and at n = 30 every 2nd (2 · 25.6 = 51.2 ≥ 40).
    expected = x if n <= 15 else x[::2]
    assert labels == expected
    assert labels[0] == "2011"


def test_long_labels_are_thinned_to_every_fifth():
    # "2025 K1" needs 7.5 · 7 + 10 = 62.5 px; at 30 points the step is 25.6 px, so every 2nd
    # (51.2) is too close and every 5th (128) is used.
    x = [f"{2020 + i // 4} K{i % 4 + 1}" for i in range(30)]
    root = parse(band_chart("c", "T", "D", x, [Series("A", [1.0] * 30)]))
    assert texts(by_class(root, "x-label")) == x[::5]


def test_bars_with_patterns_whiskers_and_gaps():
    first = Series("Behov", [3, 0, None, 5], low=[2, 0, None, 4], high=[4, 1, None, 7], kind="bars")
    second = Series("Tilgang", [1, 2, 3, 4], kind="bars")
    root = parse(band_chart("c", "T", "D", YEARS, [first, second]))
    bars = by_class(root, "bar")
    assert [b.get("data-series") for b in bars].count("0") == 3  # hidden → no bar; 0 → a sliver
    assert [b.get("data-series") for b in bars].count("1") == 4
    zero = [b for b in bars if b.get("data-series") == "0"][1]
    assert float(zero.get("height", "0")) > 0
    # The second series is filled with a pattern, not only another colour (WCAG 1.4.1).
    assert {b.get("fill") for b in bars if b.get("data-series") == "1"} == {"url(#c-fill-1)"}
    assert root.find(f".//{NS}pattern[@id='c-fill-1']") is not None
    in_legend = by_class(by_class(root, "legend")[0], "whisker")
    whiskers = [w for w in by_class(root, "whisker") if w not in in_legend]
    assert len(whiskers) == 3 and {w.get("stroke") for w in whiskers} == {TEXT}
    assert len(in_legend) == 1  # "Behov: usikkerhedsbånd"
    assert by_class(root, "band") == []  # bars show the band as whiskers


def test_colours_meet_wcag_contrast_on_white():
    assert len(SERIES_COLOURS) == charts.MAX_SERIES == 4
    assert all(contrast_on_white(c) >= 3 for c in SERIES_COLOURS)  # SC 1.4.11, graphics
    assert contrast_on_white(TEXT) >= 4.5  # SC 1.4.3, text
    svg = band_chart("c", "T", "D", YEARS, [Series("A", [1] * 4, [0] * 4, [2] * 4)])
    used = set(re.findall(r'(?:stroke|fill)="(#[0-9a-f]{6})"', svg)) - {"#ffffff"}
    text_colours = {e.get("fill") for e in parse(svg).iter(f"{NS}text")}
    assert text_colours == {TEXT}
    assert all(contrast_on_white(c) >= 3 for c in used), used


@pytest.mark.parametrize(
    ("x", "series", "message"),
    [
        ([], [Series("A", [])], "at least one x"),
        (YEARS, [], "1 to 4 series"),
        (YEARS, [Series(str(k), [1] * 4) for k in range(5)], "1 to 4 series"),
        (YEARS, [Series("A", [1, 2, 3])], "3 values for 4"),
        (YEARS, [Series("A", [1] * 4, low=[0] * 4)], "both low and high"),
        (YEARS, [Series("A", [1, -1, 2, 3])], "≥ 0"),
        (YEARS, [Series("A", [1, math.nan, 2, 3])], "finite"),
        (YEARS, [Series("A", [1] * 4, low=[0, 3, 0, 0], high=[2] * 4)], "low 3.0 > high 2.0"),
        (YEARS, [Series("A", [1] * 4, kind="area")], "kind"),
    ],
)
def test_what_cannot_be_drawn_honestly_is_refused(x, series, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        band_chart("c", "T", "D", x, series)


def test_the_older_charts_are_still_here():
    svg = charts.bar_chart("b", "T", "D", [("a", 1.5), ("b", None)], reference=("Land", 1.0))
    assert parse(svg).get("role") == "img" and "skjult" in svg
    line = charts.line_chart("l", "T", "D", [("2025 K1", 1.0), ("2025 K2", 2.0)])
    assert parse(line).find(f".//{NS}polyline") is not None


@pytest.mark.parametrize(
    "svg",
    [
        charts.bar_chart("b", "Sygedage pr. årsværk efter enhed", "D", [("Afsnit Nord", 1.5)]),
        charts.line_chart("l", "Sygedage pr. årsværk pr. kvartal, 2025", "D", [("K1", 1.0)]),
        band_chart("c", "Rekrutteringsbehov pr. år", "D", YEARS, [Series("A", [1] * 4)]),
    ],
    ids=["bar", "line", "band"],
)
def test_text_is_at_least_12_px_and_the_title_is_visible(svg):
    root = parse(svg)
    # Drawn at its own size: the viewBox is the size in px, so a font size is a size on screen.
    width, height = float(root.get("width", "0")), float(root.get("height", "0"))
    assert root.get("viewBox") == f"0 0 {width:g} {height:g}"
    sizes = [float(root.get("font-size", "0"))]
    sizes += [float(t.get("font-size")) for t in root.iter(f"{NS}text") if t.get("font-size")]
    assert min(sizes) >= 12
    # The title is shown above the plot, not only in <title> (a tooltip at best).
    title = by_class(root, "chart-title")
    assert len(title) == 1
    shown = " ".join(span.text or "" for span in title[0].iter(f"{NS}tspan"))
    assert shown == root.findtext(f"{NS}title")


def test_a_long_title_wraps_to_the_chart_width():
    title = "Sygedage pr. årsværk efter enhed, 1. januar 2026 – 31. marts 2026, uden barsel"
    root = parse(charts.line_chart("l", title, "D", [("K1", 1.0), ("K2", 2.0)]))
    lines = [span.text or "" for span in by_class(root, "chart-title")[0].iter(f"{NS}tspan")]
    assert len(lines) > 1 and " ".join(lines) == title
    room = (float(root.get("width", "0")) - 16) / (charts.TITLE_SIZE * 0.55)
    assert all(len(line) <= room for line in lines)


def test_docstring_examples():
    assert doctest.testmod(charts).failed == 0
