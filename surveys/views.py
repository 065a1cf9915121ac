"""The school's Brighter Futures Survey profile in the portal.

The school is found through `schools.access`, so another school's profile is a 404.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from schools.access import visible_school_or_404

from .charts import bar_chart
from .services import MIN_RESPONDENTS, MIN_SCHOOLS, highest_risk_rows, school_profile


@login_required
def profile(request, urn):
    """The school's risk and protective factors in its latest survey year, against the borough average."""
    school = visible_school_or_404(request.user, urn)
    found = school_profile(school)
    return render(
        request,
        "surveys/profile.html",
        {
            "school": school,
            "profile": found,
            "highest": highest_risk_rows(found) if found else [],
            "risk_chart": bar_chart(found.risk_rows) if found else None,
            "protective_chart": bar_chart(found.protective_rows) if found else None,
            "min_respondents": MIN_RESPONDENTS,
            "min_schools": MIN_SCHOOLS,
            "breadcrumbs": [
                ("Your schools", reverse("portal:dashboard")),
                (school.name, reverse("portal:school", args=[school.urn])),
                ("Brighter Futures Survey", ""),
            ],
        },
    )
