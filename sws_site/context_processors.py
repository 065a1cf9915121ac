from django.conf import settings


def service(request):
    """The service's and council's names, shown in every page's header, title and footer."""
    return {"service_name": settings.SWS_SERVICE_NAME, "council_name": settings.SWS_COUNCIL_NAME}
