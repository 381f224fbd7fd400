"""The small-number rule: small cells are hidden, and no hidden cell follows from a total
minus the cells that are shown, whatever the table."""

from hypothesis import given, settings
from hypothesis import strategies as st

from common.small_numbers import hidden_text, is_small, protect, suppress, suppress_line

THRESHOLDS = st.integers(min_value=3, max_value=12)
COUNTS = st.integers(min_value=0, max_value=40)


def test_a_count_under_the_threshold_is_hidden_and_zero_is_shown():
    assert [protect(n, 5) for n in (0, 1, 4, 5, 120)] == [0, "< 5", "< 5", 5, 120]
    assert [protect(n, 10) for n in (4, 9, 10)] == ["< 10", "< 10", 10]
    assert hidden_text(10) == "< 10" and not is_small(None, 5)


def test_one_hidden_team_takes_the_next_smallest_with_it():
    # Teams of 12, 3 and 9 people; the centre has 24. Showing 12 and 9 would give away the 3.
    cells, total = suppress_line([12, 3, 9], 24, threshold=5)
    assert cells == {1, 2} and not total


def test_people_in_no_team_are_not_given_away_either():
    # 2 people belong to no team: 26 - 12 - 12 would be their figure.
    cells, total = suppress_line([12, 12], 26, threshold=5)
    assert cells == {0} and not total


def test_two_small_hidden_cells_are_not_enough_when_they_are_small_together():
    cells, total = suppress_line([1, 2, 30, 40], 73, threshold=5)
    assert cells == {0, 1, 2} and not total


def test_a_line_that_cannot_be_made_safe_hides_its_total():
    cells, total = suppress_line([3, 0, 0], 3, threshold=5)
    assert cells == {0} and total


def test_a_cell_hidden_for_another_reason_is_protected_the_same_way():
    cells, _total = suppress_line([20, 8, 30], 58, threshold=5, hidden=[1])
    assert cells == {0, 1}


def test_six_hidden_ones_are_not_hidden_when_the_total_says_six():
    # Week 39, the consultants of a team: six cells read "< 5" and the team's total is 6.
    # Each "< 5" is at least 1, so each is exactly 1: the total must go too.
    cells, total = suppress_line([1, 0, 1, 1, 1, 1, 1], 6, threshold=5)
    assert cells == {0, 2, 3, 4, 5, 6} and total


def test_a_hidden_cell_of_five_and_one_under_five_are_not_hidden_by_a_total_of_six():
    # "hidden" (it would be shown, so at least 5) + "< 5" (at least 1) = 6: they are 5 and 1.
    cells, total = suppress_line([5, 1, 0], 6, threshold=5)
    assert cells == {0, 1} and total


def _check_line(values, parts, total, hidden, threshold):
    visible_sum = sum(values[p] for p in parts if p not in hidden)
    if total in hidden:
        if values[total]:
            assert visible_sum != values[total], "a hidden total is the sum of shown parts"
        return
    unknown = values[total] - visible_sum
    for part in parts:
        if part in hidden and values[part]:
            assert unknown != values[part], f"{part} is the total minus the shown cells"
    assert not is_small(unknown, threshold), "what is hidden together is a small group"
    # A reader knows more than the sum: a "< 5" cell holds 1 to 4, any other hidden cell
    # at least 5 (it would have been shown), and the people in no cell are 0 or more.
    small = {p: is_small(values[p], threshold) for p in parts}
    hidden_parts = [p for p in parts if p in hidden and values[p]]
    unbounded = unknown > sum(values[p] for p in hidden_parts)  # people in no cell
    for part in (p for p in hidden_parts if small[p]):
        others = [p for p in hidden_parts if p != part]
        highest = min(threshold - 1, unknown - sum(1 if small[p] else threshold for p in others))
        lowest = 1
        if not unbounded and all(small[p] for p in others):
            lowest = max(1, unknown - (threshold - 1) * len(others))
        assert highest > lowest, f"{part} can only be {values[part]}: the total says so"


@settings(max_examples=300, deadline=None)
@given(
    cells=st.lists(COUNTS, min_size=1, max_size=8),
    outside=st.integers(min_value=0, max_value=15),
    threshold=THRESHOLDS,
    data=st.data(),
)
def test_no_hidden_cell_of_a_line_follows_from_its_total(cells, outside, threshold, data):
    forced = data.draw(st.sets(st.integers(min_value=0, max_value=len(cells) - 1)))
    values = {i: n for i, n in enumerate(cells)} | {"total": sum(cells) + outside}
    parts = list(range(len(cells)))
    hidden = suppress(values, [(parts, "total")], threshold=threshold, hidden=forced)
    assert {i for i, n in enumerate(cells) if is_small(n, threshold)} | forced <= hidden
    _check_line(values, parts, "total", hidden, threshold)


@settings(max_examples=300, deadline=None)
@given(
    rows=st.integers(min_value=1, max_value=5),
    columns=st.integers(min_value=1, max_value=5),
    threshold=THRESHOLDS,
    data=st.data(),
)
def test_no_hidden_cell_of_a_table_follows_from_a_row_or_column_total(
    rows, columns, threshold, data
):
    """Cells by row and column, row totals, column totals and a grand total."""
    values: dict = {
        (r, c): data.draw(COUNTS, label=f"cell {r},{c}")
        for r in range(rows)
        for c in range(columns)
    }
    for r in range(rows):
        values[("row", r)] = sum(values[(r, c)] for c in range(columns))
    for c in range(columns):
        values[("column", c)] = sum(values[(r, c)] for r in range(rows))
    values["all"] = sum(values[("row", r)] for r in range(rows))
    lines = (
        [([(r, c) for c in range(columns)], ("row", r)) for r in range(rows)]
        + [([(r, c) for r in range(rows)], ("column", c)) for c in range(columns)]
        + [
            ([("row", r) for r in range(rows)], "all"),
            ([("column", c) for c in range(columns)], "all"),
        ]
    )
    hidden = suppress(values, lines, threshold=threshold)
    for parts, total in lines:
        _check_line(values, parts, total, hidden, threshold)


@settings(max_examples=200, deadline=None)
@given(
    teams=st.lists(st.lists(COUNTS, min_size=1, max_size=4), min_size=1, max_size=4),
    threshold=THRESHOLDS,
)
def test_teams_of_consultants_in_a_centre(teams, threshold):
    """Consultants add up to their team, teams to the centre: a team hidden because of its
    neighbour must not follow from its consultants either."""
    values: dict = {}
    lines = []
    for t, consultants in enumerate(teams):
        for c, n in enumerate(consultants):
            values[(t, c)] = n
        values[t] = sum(consultants)
        lines.append(([(t, c) for c in range(len(consultants))], t))
    values["centre"] = sum(values[t] for t in range(len(teams)))
    lines.append((list(range(len(teams))), "centre"))
    hidden = suppress(values, lines, threshold=threshold)
    for parts, total in lines:
        _check_line(values, parts, total, hidden, threshold)
