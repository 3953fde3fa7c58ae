"""A reporting month: the one place that knows what "2024-06" means."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ntm_cli.domain.errors import ValueProblem

# Patterns as text: `re` compiles one on its first use, so a command that never parses a period
# pays nothing for them at start-up.
_CANONICAL = r"^(\d{4})-(0[1-9]|1[0-2])$"
_TYPED = (
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})$",  # 2024-06, 2024-6
    r"^(?P<m>\d{1,2})[/.-](?P<y>\d{4})$",  # 06/2024, 6/2024, 06.2024, 06-2024
    r"^(?:tháng|thang|t)\s*(?P<m>\d{1,2})\s*(?:/|-|năm|nam)\s*(?P<y>\d{4})$",
)


class Period(str):
    """A reporting month as "YYYY-MM". It is a string (stored, compared and printed as one),
    so a plain "2024-06" from a file or the store equals it; the arithmetic lives here.

    `Period("2024-06")` takes the canonical form only; `Period.parse` takes what users type.
    """

    __slots__ = ()

    def __new__(cls, value: str) -> Period:
        if isinstance(value, Period):
            return value
        if not isinstance(value, str) or not re.match(_CANONICAL, value):
            raise ValueProblem("period.invalid", value=str(value))
        return super().__new__(cls, value)

    @classmethod
    def parse(cls, text: str) -> Period:
        """A month as users write it: "2024-06", "2024-6", "06/2024", "6/2024", "tháng 6/2024"."""
        value = " ".join(str(text).split()).lower()
        for pattern in _TYPED:
            match = re.match(pattern, value)
            if match and 1 <= int(match.group("m")) <= 12:
                return cls.of(int(match.group("y")), int(match.group("m")))
        raise ValueProblem("period.invalid", value=str(text))

    @classmethod
    def of(cls, year: int, month: int) -> Period:
        return cls(f"{year:04d}-{month:02d}")

    @classmethod
    def of_date(cls, day: dt.date) -> Period:
        """The month a day falls in."""
        return cls.of(day.year, day.month)

    @property
    def year(self) -> int:
        return int(self[:4])

    @property
    def month(self) -> int:
        return int(self[5:7])

    def month_end(self) -> dt.date:
        """The last day of the month."""
        following = self.next()
        return dt.date(following.year, following.month, 1) - dt.timedelta(days=1)

    def next(self) -> Period:
        return (
            Period.of(self.year + 1, 1)
            if self.month == 12
            else Period.of(self.year, self.month + 1)
        )

    def previous(self) -> Period:
        return (
            Period.of(self.year - 1, 12)
            if self.month == 1
            else Period.of(self.year, self.month - 1)
        )

    def due_date(self, due_day: int) -> dt.date:
        """The day this month's return is due: `due_day` of the following month."""
        following = self.next()
        return dt.date(following.year, following.month, due_day)

    def in_years(self, first: int, last: int) -> bool:
        """Inside a plan's years, both ends included."""
        return first <= self.year <= last

    @staticmethod
    def span(first: Period, last: Period) -> Iterator[Period]:
        """Every month from `first` to `last`, both included (none when `last` is earlier)."""
        month = first
        while month <= last:
            yield month
            month = month.next()
