"""Reading numbers as people type them (Indonesian and English grouping) and checking them
against an indicator's valid range. Shared by every app that takes a number from a form, a paste
from Excel, an uploaded workbook or the API."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Target, baseline and realisation columns: 20 digits, 4 of them decimals.
_VALUE_PLACES = Decimal("0.0001")
_VALUE_LIMIT = Decimal(10) ** 16
_MONEY_PLACES = Decimal("0.01")
_MONEY_LIMIT = Decimal(10) ** 16


def parse_decimal(
    value: Any,
    *,
    field: str,
    places: Decimal = _VALUE_PLACES,
    limit: Decimal = _VALUE_LIMIT,
    message: str | None = None,
    money: bool = False,
) -> Decimal | None:
    """A number as people type it: 75, 75.5, "75,5", "1.234,5" (Indonesian grouping). Empty is
    None. Anything else is refused with a message on `field`."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    error = ValidationError({field: message or _("Enter a number (for example 75 or 75,5).")})
    if isinstance(value, bool):
        raise error
    try:
        if isinstance(value, Decimal):
            number = value
        elif isinstance(value, int):
            number = Decimal(value)
        elif isinstance(value, float):
            number = Decimal(repr(value))
        else:
            text = str(value).strip().replace(" ", "").replace("\u00a0", "")
            if "," in text and "." in text:
                # The separator that comes last is the decimal one; the other groups thousands.
                if text.rfind(",") > text.rfind("."):
                    text = text.replace(".", "").replace(",", ".")
                else:
                    text = text.replace(",", "")
            elif text.count(".") > 1:
                text = text.replace(".", "")  # 1.900.000.000: dots group thousands
            elif text.count(",") > 1:
                text = text.replace(",", "")  # 1,900,000,000
            elif "," in text:
                text = text.replace(",", ".")
            elif money and re.fullmatch(r"-?\d{1,3}\.\d{3}", text):
                text = text.replace(".", "")  # Rp 1.500 is fifteen hundred
            number = Decimal(text)
    except (InvalidOperation, ValueError) as exc:
        raise error from exc
    if not number.is_finite():
        raise error
    if abs(number) >= limit:
        raise ValidationError({field: _("This number is too large.")})
    return number.quantize(places, rounding=ROUND_HALF_UP)


def parse_money(value: Any, *, field: str) -> Decimal | None:
    """An amount in rupiah; a leading "Rp" / "Rp." (as Excel's currency cells paste) is allowed."""
    if isinstance(value, str):
        value = re.sub(r"^\s*rp\.?\s*", "", value, flags=re.IGNORECASE)
    amount = parse_decimal(
        value,
        field=field,
        places=_MONEY_PLACES,
        limit=_MONEY_LIMIT,
        message=_("Enter an amount in rupiah (for example 150000000)."),
        money=True,
    )
    if amount is not None and amount < 0:
        raise ValidationError({field: _("An amount cannot be negative.")})
    return amount


def check_bounds(value: Decimal, low: Decimal | None, high: Decimal | None, field: str) -> None:
    """Refuse a value outside an indicator's valid range (e.g. a percentage above 100)."""
    if low is not None and value < low:
        raise ValidationError(
            {field: _("The value is below the lowest valid value (%(low)s).") % {"low": low}}
        )
    if high is not None and value > high:
        raise ValidationError(
            {field: _("The value is above the highest valid value (%(high)s).") % {"high": high}}
        )
