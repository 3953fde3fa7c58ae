"""The errors ntm raises; the command line prints them as one clear line and exits 1."""

from __future__ import annotations


class NtmError(Exception):
    """Anything the user can fix: bad input, a missing file, an unknown name."""


class DataError(NtmError):
    """A data file (plan, registry) cannot be read or does not validate."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []

    def __str__(self) -> str:
        text = super().__str__()
        if self.problems:
            text += "\n" + "\n".join(f"  {p}" for p in self.problems)
        return text


class LookupProblem(NtmError):
    """A name or code given on the command line matches no unit, or several."""
