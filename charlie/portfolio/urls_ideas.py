"""URLs of the portfolio's ideas part: beacons (pejlemærker) and ideas from the front line."""

from django.urls import URLPattern, path

from charlie.portfolio import views_ideas as views

urlpatterns: list[URLPattern] = [
    path("pejlemaerker/", views.beacons, name="beacons"),
    path("pejlemaerker/ny/", views.beacon_new, name="beacon_new"),
    path("pejlemaerker/<int:beacon_id>/", views.beacon, name="beacon"),
    path("pejlemaerker/<int:beacon_id>/ret/", views.beacon_edit, name="beacon_edit"),
    path(
        "pejlemaerker/<int:beacon_id>/offentliggoer/",
        views.beacon_publish,
        name="beacon_publish",
    ),
    path("pejlemaerker/<int:beacon_id>/maal/", views.beacon_measure, name="beacon_measure"),
    path(
        "pejlemaerker/<int:beacon_id>/maalinger/<int:measurement_id>/slet/",
        views.beacon_measurement_delete,
        name="beacon_measurement_delete",
    ),
    path("ideer/", views.ideas, name="ideas"),
    path("ideer/ny/", views.idea_new, name="idea_new"),
    path("ideer/mine/", views.my_ideas, name="my_ideas"),
    path("ideer/<int:idea_id>/", views.idea, name="idea"),
    path("ideer/<int:idea_id>/stoet/", views.idea_support, name="idea_support"),
    path("ideer/<int:idea_id>/kommenter/", views.idea_comment, name="idea_comment"),
    path(
        "ideer/<int:idea_id>/kommentarer/<int:comment_id>/skjul/",
        views.idea_comment_hide,
        name="idea_comment_hide",
    ),
    path("ideer/<int:idea_id>/afgoer/", views.idea_triage, name="idea_triage"),
]
