"""Job ads and the inclusive-language check (part adcheck), under ``/rekruttering/opslag/``."""

from django.urls import path

from charlie.recruitment import views_ads

urlpatterns = [
    path("opslag/", views_ads.ads, name="ads"),
    path("opslag/nyt/", views_ads.ad_new, name="ad_new"),
    path("opslag/tjek/", views_ads.ad_check, name="ad_check"),
    path("opslag/<int:ad_id>/", views_ads.ad, name="ad"),
    path("opslag/<int:ad_id>/rediger/", views_ads.ad_edit, name="ad_edit"),
    path("opslag/<int:ad_id>/slaa-op/", views_ads.ad_publish, name="ad_publish"),
    path("opslag/<int:ad_id>/luk/", views_ads.ad_close, name="ad_close"),
    path("opslag/<int:ad_id>/kriterier/", views_ads.ad_criteria, name="ad_criteria"),
    path("opslag/<int:ad_id>/udvalg/", views_ads.ad_committee, name="ad_committee"),
]
