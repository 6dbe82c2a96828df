"""The pages of the digitalisation portfolio, at ``/digitalisering/``; each part of the app has
its own module of URLs."""

from charlie.portfolio import (
    urls_benefits,
    urls_cases,
    urls_ideas,
    urls_initiatives,
    urls_priorities,
    urls_team,
)

app_name = "portfolio"

urlpatterns = [
    *urls_ideas.urlpatterns,
    *urls_initiatives.urlpatterns,
    *urls_cases.urlpatterns,
    *urls_priorities.urlpatterns,
    *urls_team.urlpatterns,
    *urls_benefits.urlpatterns,
]
