from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView, TemplateView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap
from wagtail.documents import urls as wagtaildocs_urls

from search import views as search_views


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico; the icon is a static SVG whose hashed name is known only at run time."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.svg")


urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("account/", include("users.urls")),
    path("portal/", include("portal.urls")),
    path("awards/", include("awards.public_urls")),
    # "What's on" and personal calendar feeds; not under /training/, which is the catalogue page's address.
    path("", include("training.public_urls")),
    path("api/open-referral/", include("directory.api_urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}, name="sitemap"),
    path("favicon.ico", FaviconView.as_view()),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
