"""The signed-in pages of recruitment and onboarding, at ``/rekruttering/``; each part of the
app has its own module of URLs."""

from charlie.recruitment import (
    urls_ads,
    urls_applying,
    urls_onboarding,
    urls_pipeline,
    urls_requisitions,
)

app_name = "recruitment"

urlpatterns = [
    *urls_requisitions.urlpatterns,
    *urls_ads.urlpatterns,
    *urls_applying.urlpatterns,
    *urls_pipeline.urlpatterns,
    *urls_onboarding.urlpatterns,
]
