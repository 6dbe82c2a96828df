from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from charlie.accounts import oidc
from charlie.api import api
from charlie.people import views as people_views

admin.site.site_header = "Charlie – administration"
admin.site.site_title = "Charlie"

# Bad input (ValidationFailed) is a 400 page; under /api/ Django's own errors answer JSON.
handler400 = "charlie.core.views_errors.bad_request"
handler404 = "charlie.core.views_errors.not_found"
handler500 = "charlie.core.views_errors.server_error"

urlpatterns = [
    path("", people_views.home, name="home"),
    path("", include("charlie.core.urls")),
    path("people/", include("charlie.people.urls")),
    path("privacy/", include("charlie.privacy.urls")),
    path("users/", include("charlie.accounts.urls")),
    # Log-in with the municipality's identity provider (404 while it is not configured).
    path("oidc/authenticate/", oidc.AuthenticateView.as_view(), name="oidc_authentication_init"),
    path("oidc/callback/", oidc.CallbackView.as_view(), name="oidc_authentication_callback"),
    path("import/", include("charlie.imports.urls")),
    path("absence/", include("charlie.absence.urls")),
    path("workforce/", include("charlie.workforce.urls")),
    path("kompetencer/", include("charlie.skills.urls")),
    path("laering/", include("charlie.learning.urls")),
    path("xapi/", include("charlie.learning.urls_xapi")),
    path("rekruttering/", include("charlie.recruitment.urls")),
    path("job/", include("charlie.recruitment.urls_public")),  # the public careers site
    path("trivsel/", include("charlie.wellbeing.urls")),
    path("digitalisering/", include("charlie.portfolio.urls")),
    path("api/v1/", api.urls),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:  # pragma: no cover - development only
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
