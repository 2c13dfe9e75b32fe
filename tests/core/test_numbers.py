"""Numbers as people type them: Indonesian and English grouping, rupiah with its prefix."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.core.numbers import check_bounds, parse_decimal, parse_money


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("75", "75"),
        ("75,5", "75.5"),
        ("75.5", "75.5"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("1.900.000", "1900000"),
        (" 12 ", "12"),
    ],
)
def test_parse_decimal_reads_both_groupings(text, expected):
    assert parse_decimal(text, field="v") == Decimal(expected)


@pytest.mark.parametrize("text", ["abc", "1,2,3x", "12%", "NaN", "Infinity"])
def test_parse_decimal_refuses_what_is_not_a_number(text):
    with pytest.raises(ValidationError) as err:
        parse_decimal(text, field="value")
    assert "value" in err.value.message_dict


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rp 175.000.000", "175000000"),
        ("Rp. 1.500", "1500"),
        ("rp1500,50", "1500.50"),
        ("1.500", "1500"),
        ("150000000", "150000000"),
    ],
)
def test_parse_money_takes_the_rupiah_prefix_and_grouping(text, expected):
    assert parse_money(text, field="amount") == Decimal(expected)


def test_parse_money_refuses_negative_amounts():
    with pytest.raises(ValidationError):
        parse_money("-5", field="amount")


def test_check_bounds_names_the_field():
    check_bounds(Decimal(100), Decimal(0), Decimal(100), "value")
    with pytest.raises(ValidationError) as err:
        check_bounds(Decimal("100.01"), Decimal(0), Decimal(100), "value")
    assert "value" in err.value.message_dict
