"""The pages of well-being and the working environment, at ``/trivsel/``; each part of the app has
its own module of URLs. The answering page (``svar/<token>/``) is reached by the one-time link
without logging in."""

from charlie.wellbeing import (
    urls_apv,
    urls_pulse,
    urls_questionnaires,
    urls_results,
    urls_surveys,
)

app_name = "wellbeing"

urlpatterns = [
    *urls_questionnaires.urlpatterns,
    *urls_surveys.urlpatterns,
    *urls_results.urlpatterns,
    *urls_apv.urlpatterns,
    *urls_pulse.urlpatterns,
]
