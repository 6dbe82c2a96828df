"""The public pages at ``/job/`` (no log-in): the careers site, applying and the applicant's own
page, the talent pool, and a new colleague's pre-boarding page."""

from charlie.recruitment import urls_careers, urls_public_applying, urls_welcome

app_name = "careers"

urlpatterns = [
    *urls_public_applying.urlpatterns,
    *urls_welcome.urlpatterns,
    # Last: the careers site's ``<slug:slug>/``.
    *urls_careers.urlpatterns,
]
