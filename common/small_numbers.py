"""Small numbers: a figure on too few people is not shown, and no hidden figure may follow
from the figures that are shown.

The one rule behind every table of the leaders' figures, the citizens' evaluations and the
home pages. It knows nothing of the apps: callers pass plain numbers and the job centre's
threshold (`centres.JobCentre.small_number_threshold`).

- Primary suppression: a cell on 1 to threshold - 1 people is hidden (0 is shown: an empty
  cell points at no one).
- Complementary suppression: where a line of cells adds up to a total that is shown, the
  total minus the shown cells is what the hidden cells and the rest (the people outside every
  cell, such as consultants without a team) hold together. That must not be one person's or
  one small group's figure: a line is safe when what is unknown in it is nothing, or is at
  least two non-empty parts holding at least the threshold together, none of them a small
  cell that the bounds ("< 5" is 1 to 4, any other hidden cell at least 5) pin to one value.
  Until it is, the smallest shown non-empty cell of the line is hidden as well (and, when
  there is none left, the total). A hidden total must not follow from its parts either. This
  repeats over all lines until nothing changes, so a cell hidden in one line is hidden in
  every line it is in.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

#: What a job centre hides under when it has not chosen (`JobCentre.small_number_threshold`).
DEFAULT_THRESHOLD = 5
#: A satisfaction figure rests on at least this many consultants, so it is never one
#: consultant's figure (DOMAIN: never per consultant).
MIN_CONSULTANTS = 2

K = TypeVar("K", bound=Hashable)


def is_small(n: int | float | None, threshold: int) -> bool:
    """True for a count of people that may not be shown: 1 to threshold - 1."""
    return n is not None and 0 < n < threshold


def hidden_text(threshold: int) -> str:
    """How a hidden cell reads: "< 5" (the same in Danish and English)."""
    return f"< {threshold}"


def protect(n: int, threshold: int) -> int | str:
    """A count as a table shows it on its own: the number, or "< 5"."""
    return hidden_text(threshold) if is_small(n, threshold) else n


def suppress(
    values: Mapping[K, int],
    lines: Iterable[tuple[Sequence[K], K]],
    *,
    threshold: int,
    hidden: Iterable[K] = (),
) -> set[K]:
    """The cells of a table to hide: the keys of `values` (every cell and every total, by
    the number of people behind it) that are small, those in `hidden` (hidden for another
    reason, such as resting on one consultant), and those that must be hidden as well so that
    none of them follows from a total. `lines` are (parts, total): the parts add up to the
    total, or to less when some people are in none of the parts."""
    checked = [(list(parts), total) for parts, total in lines]
    out = {key for key, n in values.items() if is_small(n, threshold)} | set(hidden)
    changed = True
    while changed:
        changed = False
        for parts, total in checked:
            extra = _line_needs(values, parts, total, out, threshold)
            if extra is not None:
                out.add(extra)
                changed = True
    return out


def _line_needs(
    values: Mapping[K, int], parts: list[K], total: K, out: set[K], threshold: int
) -> K | None:
    """The next cell one line needs hidden, or None when the line is safe."""
    shown_parts = [(values[p], i, p) for i, p in enumerate(parts) if p not in out and values[p]]
    rest = max(values[total] - sum(values[p] for p in parts), 0)
    if total in out:
        # A hidden total must not be the sum of shown parts.
        unknown = any(p in out and values[p] for p in parts) or rest
        if unknown or not shown_parts:
            return None
        return min(shown_parts)[2]
    unknown_parts = [values[p] for p in parts if p in out and values[p]]
    unknowns = unknown_parts + ([rest] if rest else [])
    if not unknown_parts and not is_small(rest, threshold):
        return None  # nothing hidden, and what is in no part is nothing or many
    if len(unknowns) >= 2 and sum(unknowns) >= threshold:
        hidden_parts = [values[p] for p in parts if p in out and values[p]]
        if not _pins_a_small_cell(hidden_parts, rest, threshold):
            return None
    if shown_parts:
        return min(shown_parts)[2]
    return total


def _pins_a_small_cell(hidden: list[int], rest: int, threshold: int) -> bool:
    """Whether what is unknown in a line leaves a hidden small cell one possible value. A
    reader knows that a "< 5" cell holds 1 to 4 and any other hidden cell at least 5 (it would
    have been shown), so six "< 5" cells under a total of 6 are ones, and "hidden" and "< 5"
    under a total of 6 are 5 and 1."""
    unknown = sum(hidden) + rest
    small = [is_small(n, threshold) for n in hidden]
    for i, is_small_cell in enumerate(small):
        if not is_small_cell:
            continue
        others = [s for j, s in enumerate(small) if j != i]
        highest = min(threshold - 1, unknown - sum(1 if s else threshold for s in others))
        lowest = 1
        if not rest and all(others):
            lowest = max(1, unknown - (threshold - 1) * len(others))
        if highest <= lowest:
            return True
    return False


def suppress_line(
    values: Sequence[int], total: int, *, threshold: int, hidden: Iterable[int] = ()
) -> tuple[set[int], bool]:
    """One line with its total: (the indexes of the cells to hide, whether to hide the total)."""
    cells: dict[object, int] = {i: n for i, n in enumerate(values)}
    cells["total"] = total
    out = suppress(cells, [(list(range(len(values))), "total")], threshold=threshold, hidden=hidden)
    return {key for key in out if key != "total"}, "total" in out  # type: ignore[misc]
