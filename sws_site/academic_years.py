"""Schools' academic years, September to August, named by the calendar year they start in."""

import datetime


def academic_year_of(day):
    """The academic year (September to August) a date falls in, named by the year it starts."""
    return day.year if day.month >= 9 else day.year - 1


def academic_year_label(year):
    """For example 2026 → "2026 to 2027"."""
    return f"{year} to {year + 1}"


def start_of_academic_year(day):
    """1 September of the academic year `day` falls in."""
    return datetime.date(academic_year_of(day), 9, 1)
