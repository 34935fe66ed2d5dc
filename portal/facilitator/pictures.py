"""Pictures drawn on the server as SVG: a tile-grid map of races with critical
mass by state, a bar chart of the same by city (municipal tables) and a chart
of pledged capacity by activity and ISO week.

Pure functions: plain numbers in, an SVG string out. No scripts and no style
attributes (the CSP forbids inline styles): colours are SVG presentation
attributes. Every piece of text goes through markupsafe.escape, since
organization, table and city names are user data. Each picture carries a
<title> and a <desc>; the pages put a table with the same numbers beside it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Iterable, Mapping, Sequence

from markupsafe import Markup, escape

from portal.facilitator.tile_grid import COLUMNS, ROWS, TERRITORIES, TILE_GRID
from portal.orgs.states import STATES

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


# --- shading -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Shade:
    label: str
    fill: str
    text: str  # colour of text drawn on the fill


NO_RACES = Shade("No races", "#ffffff", "#6b7280")
# Races with critical mass: 0, 1, 2, 3, 4 or more (light to dark).
CRITICAL_SHADES = (
    Shade("0", "#e5e7eb", "#1f2937"),
    Shade("1", "#bfdbfe", "#1f2937"),
    Shade("2", "#60a5fa", "#111827"),
    Shade("3", "#2563eb", "#ffffff"),
    Shade("4 or more", "#1e3a8a", "#ffffff"),
)


def shade_for(critical: int, races: int) -> Shade:
    if not races:
        return NO_RACES
    return CRITICAL_SHADES[min(max(critical, 0), len(CRITICAL_SHADES) - 1)]


def _t(value) -> Markup:
    return escape(str(value))


def _num(value) -> str:
    """A quantity for people: whole numbers as such, others to one decimal."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.1f}"


def _open(width: int, height: int, prefix: str, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{prefix}-title {prefix}-desc" '
        f'font-family="{escape(FONT)}" font-size="12">',
        f'<title id="{prefix}-title">{_t(title)}</title>',
        f'<desc id="{prefix}-desc">{_t(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]


# --- the tile-grid map ---------------------------------------------------------------------

TILE = 44
GAP = 4


def state_map_svg(table_name: str, races: Mapping[str, int], critical: Mapping[str, int],
                  prefix: str = "map") -> str:
    """Tile-grid map of states shaded by races with critical mass (`critical`),
    states without races (`races`) left white."""
    step = TILE + GAP
    margin, top = 10, 40
    territories = [code for code in TERRITORIES if races.get(code)]
    grid_height = ROWS * step
    legend_y = top + grid_height + (step + 16 if territories else 8)
    width = margin * 2 + COLUMNS * step
    height = legend_y + 40
    with_critical = sorted(code for code, n in critical.items() if n and races.get(code))
    desc = (f"Tile-grid map of U.S. states, one square per state, shaded by the number of races with "
            f"critical mass. {sum(races.values())} races in {len([c for c in races if races[c]])} states or "
            f"territories; {sum(critical.get(c, 0) for c in races)} with critical mass"
            + (": " + ", ".join(f"{STATES.get(c, c)} {critical[c]}" for c in with_critical) if with_critical
               else "") + ".")
    out = _open(width, height, prefix, f"Races with critical mass by state — {table_name}", desc)
    out.append(f'<text x="{margin}" y="24" font-size="15" font-weight="600" fill="#111827">'
               f'{_t("Races with critical mass by state")}</text>')

    def tile(code: str, col: int, row: int, y0: int) -> None:
        n_races, n_critical = races.get(code, 0), critical.get(code, 0)
        shade = shade_for(n_critical, n_races)
        x, y = margin + col * step, y0 + row * step
        label = (f"{STATES.get(code, code)}: {n_critical} of {n_races} races with critical mass" if n_races
                 else f"{STATES.get(code, code)}: no races")
        out.append(f'<g data-state="{_t(code)}"><title>{_t(label)}</title>'
                   f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="3" fill="{shade.fill}" '
                   f'stroke="#9ca3af" stroke-width="1"/>'
                   f'<text x="{x + TILE / 2}" y="{y + 19}" text-anchor="middle" font-weight="600" '
                   f'fill="{shade.text}">{_t(code)}</text>')
        if n_races:
            out.append(f'<text x="{x + TILE / 2}" y="{y + 35}" text-anchor="middle" font-size="11" '
                       f'fill="{shade.text}">{n_critical}</text>')
        out.append('</g>')

    for code, (col, row) in TILE_GRID.items():
        tile(code, col, row, top)
    if territories:
        out.append(f'<text x="{margin}" y="{top + grid_height + 10}" font-size="11" fill="#4b5563">'
                   f'{_t("Territories")}</text>')
        for i, code in enumerate(territories):
            tile(code, i, 0, top + grid_height + 16)

    # Legend.
    out.append(f'<text x="{margin}" y="{legend_y + 12}" font-size="11" fill="#374151">'
               f'{_t("Races with critical mass:")}</text>')
    x = margin + 150
    for shade in (NO_RACES, *CRITICAL_SHADES):
        out.append(f'<rect x="{x}" y="{legend_y + 1}" width="14" height="14" fill="{shade.fill}" '
                   f'stroke="#9ca3af" stroke-width="1"/>'
                   f'<text x="{x + 18}" y="{legend_y + 12}" font-size="11" fill="#374151">{_t(shade.label)}</text>')
        x += 26 + 7 * len(shade.label)
    out.append('</svg>')
    return "\n".join(out)


# --- bars by city --------------------------------------------------------------------------

def city_bars_svg(table_name: str, races: Mapping[str, int], critical: Mapping[str, int],
                  prefix: str = "map") -> str:
    """Horizontal bars: races with critical mass per city, out of its races."""
    cities = sorted(races, key=lambda c: (c.casefold(), c))
    label_w, bar_w, row_h, top, margin = 180, 360, 26, 44, 10
    width = margin * 2 + label_w + bar_w + 60
    height = top + max(len(cities), 1) * row_h + 40
    scale = max([races[c] for c in cities] or [1]) or 1
    desc = ("Bar chart of races with critical mass by city; a light bar behind each shows the city's races. "
            + ("; ".join(f"{c}: {critical.get(c, 0)} of {races[c]}" for c in cities) if cities
               else "No races yet") + ".")
    out = _open(width, height, prefix, f"Races with critical mass by city — {table_name}", desc)
    out.append(f'<text x="{margin}" y="24" font-size="15" font-weight="600" fill="#111827">'
               f'{_t("Races with critical mass by city")}</text>')
    if not cities:
        out.append(f'<text x="{margin}" y="{top + 16}" fill="#6b7280">{_t("No races yet.")}</text>')
    for i, city in enumerate(cities):
        y = top + i * row_h
        n_races, n_critical = races[city], critical.get(city, 0)
        x0 = margin + label_w
        total_w = bar_w * n_races / scale
        crit_w = bar_w * n_critical / scale
        out.append(f'<g data-city="{_t(city)}"><title>{_t(f"{city}: {n_critical} of {n_races} races with critical mass")}</title>'
                   f'<text x="{x0 - 8}" y="{y + 15}" text-anchor="end" fill="#111827">{_t(city)}</text>'
                   f'<rect x="{x0}" y="{y + 3}" width="{total_w:.1f}" height="18" fill="#e5e7eb"/>'
                   f'<rect x="{x0}" y="{y + 3}" width="{crit_w:.1f}" height="18" fill="#1e3a8a"/>'
                   f'<text x="{x0 + total_w + 6:.1f}" y="{y + 16}" fill="#111827">{n_critical} of {n_races}</text></g>')
    ly = height - 24
    out.append(f'<rect x="{margin}" y="{ly}" width="14" height="14" fill="#1e3a8a"/>'
               f'<text x="{margin + 18}" y="{ly + 11}" font-size="11" fill="#374151">{_t("Races with critical mass")}</text>'
               f'<rect x="{margin + 180}" y="{ly}" width="14" height="14" fill="#e5e7eb"/>'
               f'<text x="{margin + 198}" y="{ly + 11}" font-size="11" fill="#374151">{_t("All races")}</text>')
    out.append('</svg>')
    return "\n".join(out)


# --- capacity by week ----------------------------------------------------------------------

# Units that are totals over the window (spread evenly over its weeks), as
# against levels held every week of it (counted in full each week).
SPREAD_UNITS = frozenset({"shifts", "hours", "events"})
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000")


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _week_starts(start: date, end: date) -> list[date]:
    monday = start - timedelta(days=start.weekday())
    weeks = []
    while monday <= end:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


@dataclass
class WeeklyCapacity:
    weeks: list[str]                               # ISO weeks, consecutive, e.g. "2026-W23"
    series: dict[tuple[str, str], list[Fraction]]  # (activity, unit) -> quantity per week
    undated: int = 0                               # pledges without a date window, left out

    def total(self, activity: str, unit: str) -> Fraction:
        return sum(self.series.get((activity, unit), []), Fraction(0))


def weekly_capacity(pledges: Iterable[tuple[str, str, int, date | None, date | None]]) -> WeeklyCapacity:
    """Pledges (activity, unit, quantity, starts_on, ends_on) by ISO week. A
    pledge with only one date covers that date's week. Shifts, hours and events
    are spread evenly over the weeks covered; volunteers and FTE count in full
    in each week."""
    per_week: dict[tuple[str, str], dict[date, Fraction]] = {}
    undated = 0
    for activity, unit, quantity, starts_on, ends_on in pledges:
        start, end = starts_on or ends_on, ends_on or starts_on
        if start is None or not quantity:
            undated += 1
            continue
        weeks = _week_starts(start, end)
        share = Fraction(quantity, len(weeks)) if unit in SPREAD_UNITS else Fraction(quantity)
        bucket = per_week.setdefault((activity, unit), {})
        for monday in weeks:
            bucket[monday] = bucket.get(monday, Fraction(0)) + share
    mondays = [m for bucket in per_week.values() for m in bucket]
    if not mondays:
        return WeeklyCapacity([], {}, undated)
    all_weeks = _week_starts(min(mondays), max(mondays))
    series = {key: [per_week[key].get(m, Fraction(0)) for m in all_weeks] for key in sorted(per_week)}
    return WeeklyCapacity([iso_week(m) for m in all_weeks], series, undated)


def series_label(activity: str, unit: str) -> str:
    return f"{activity.capitalize()} ({'FTE' if unit == 'fte' else unit})"


def _nice_max(value: float) -> tuple[float, float]:
    """An axis maximum and tick step covering `value`."""
    if value <= 0:
        return 1, 1
    for step in (0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000):
        if value / step <= 6:
            top = step * -(-value // step)
            return top, step
    return value, value


def capacity_svg(table_name: str, capacity: WeeklyCapacity, prefix: str = "capacity") -> str:
    """Grouped bars: one group per ISO week, one bar per activity and unit."""
    keys = list(capacity.series)
    n_weeks = len(capacity.weeks)
    left, right, top, bottom = 56, 16, 44, 70
    group_w = max(18, min(60, 8 * len(keys) + 10))
    plot_w = max(480, n_weeks * group_w)
    plot_h = 220
    legend_rows = (len(keys) + 2) // 3
    width = left + plot_w + right
    height = top + plot_h + bottom + legend_rows * 18
    peak = max((float(v) for values in capacity.series.values() for v in values), default=0)
    y_max, y_step = _nice_max(peak)
    parts = []
    for key in keys:
        total = capacity.total(*key)
        parts.append(f"{series_label(*key)}: {_num(total)} in all")
    desc = ("Grouped bar chart of pledged capacity by ISO week, one bar per activity and unit. "
            + (f"Weeks {capacity.weeks[0]} to {capacity.weeks[-1]}. " + "; ".join(parts) + "." if keys
               else "No dated pledges visible to you.")
            + (f" {capacity.undated} pledges without dates are not shown." if capacity.undated else "")
            + " Shifts, hours and events are spread evenly over the weeks a pledge covers; volunteers and FTE"
              " count in each week.")
    out = _open(width, height, prefix, f"Pledged capacity by activity and week — {table_name}", desc)
    out.append(f'<text x="10" y="24" font-size="15" font-weight="600" fill="#111827">'
               f'{_t("Pledged capacity by activity and week")}</text>')
    x0, y0 = left, top + plot_h  # origin
    # Axis and grid.
    tick = 0.0
    while tick <= y_max + 1e-9:
        y = y0 - plot_h * tick / y_max
        out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x0 + plot_w}" y2="{y:.1f}" stroke="#e5e7eb" stroke-width="1"/>'
                   f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#374151">'
                   f'{_num(Fraction(tick).limit_denominator(10))}</text>')
        tick += y_step
    out.append(f'<line x1="{x0}" y1="{y0}" x2="{x0 + plot_w}" y2="{y0}" stroke="#374151" stroke-width="1"/>')
    out.append(f'<text x="14" y="{top + plot_h / 2}" font-size="11" fill="#374151" text-anchor="middle" '
               f'transform="rotate(-90 14 {top + plot_h / 2})">{_t("Quantity")}</text>')
    if not keys:
        out.append(f'<text x="{x0 + 12}" y="{y0 - plot_h / 2}" fill="#6b7280">'
                   f'{_t("No dated pledges visible to you.")}</text>')
    slot = plot_w / max(n_weeks, 1)
    bar_w = max(2.0, (slot - 6) / max(len(keys), 1))
    label_every = max(1, -(-n_weeks * 52 // plot_w))  # keep week labels ~52px apart
    for w, week in enumerate(capacity.weeks):
        gx = x0 + w * slot + 3
        for k, key in enumerate(keys):
            value = capacity.series[key][w]
            if not value:
                continue
            h = plot_h * float(value) / y_max
            out.append(f'<rect x="{gx + k * bar_w:.1f}" y="{y0 - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                       f'fill="{PALETTE[k % len(PALETTE)]}"><title>{_t(f"{series_label(*key)}, {week}: {_num(value)}")}'
                       f'</title></rect>')
        if w % label_every == 0:
            cx = x0 + (w + 0.5) * slot
            out.append(f'<text x="{cx:.1f}" y="{y0 + 14}" text-anchor="middle" font-size="10" fill="#374151">'
                       f'{_t(week[5:])}</text>')
    if capacity.weeks:
        out.append(f'<text x="{x0}" y="{y0 + 30}" font-size="11" fill="#374151">'
                   f'{_t(f"ISO weeks, {capacity.weeks[0]} to {capacity.weeks[-1]}")}</text>')
    for k, key in enumerate(keys):
        lx = 10 + (k % 3) * 200
        ly = y0 + 44 + (k // 3) * 18
        out.append(f'<rect x="{lx}" y="{ly}" width="12" height="12" fill="{PALETTE[k % len(PALETTE)]}"/>'
                   f'<text x="{lx + 17}" y="{ly + 10}" font-size="11" fill="#374151">{_t(series_label(*key))}</text>')
    out.append('</svg>')
    return "\n".join(out)
