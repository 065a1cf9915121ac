"""The school's certificate download in the portal, for anyone who may see the school."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from schools.access import visible_school_or_404

from .certificates import certificate_response
from .models import Award


@login_required
def certificate(request, urn, pk):
    """The award's certificate as a PDF; a revoked award has none, and a school the user may not see is a 404."""
    school = visible_school_or_404(request.user, urn)
    award = get_object_or_404(Award.objects.select_related("school"), school=school, pk=pk)
    if award.revoked_at is not None:
        return render(request, "awards/certificate_revoked.html", {"school": school, "award": award}, status=404)
    return certificate_response(request, award)
