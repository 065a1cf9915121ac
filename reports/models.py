"""The reports app's models, each defined in its own module."""

from .kpi_access import KPIDashboard
from .risks import Risk

__all__ = ["KPIDashboard", "Risk"]
