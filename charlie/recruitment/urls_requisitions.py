"""Requisitions (``/rekruttering/stillingsoensker/``) and HR's employer-branding stories
(``/rekruttering/historier/``): the careers part's signed-in pages."""

from django.urls import URLPattern, path

from charlie.recruitment import views_requisitions as req
from charlie.recruitment import views_stories as stories

urlpatterns: list[URLPattern] = [
    path("stillingsoensker/", req.requisition_list, name="requisitions"),
    path("stillingsoensker/ny/", req.requisition_new, name="requisition_new"),
    path("stillingsoensker/mangel/", req.requisition_shortage, name="requisition_shortage"),
    path("stillingsoensker/<int:requisition_id>/", req.requisition_detail, name="requisition"),
    path(
        "stillingsoensker/<int:requisition_id>/ret/",
        req.requisition_edit,
        name="requisition_edit",
    ),
    path(
        "stillingsoensker/<int:requisition_id>/send/",
        req.requisition_submit,
        name="requisition_submit",
    ),
    path(
        "stillingsoensker/<int:requisition_id>/slet/",
        req.requisition_delete,
        name="requisition_delete",
    ),
    path(
        "stillingsoensker/<int:requisition_id>/afgoer/",
        req.requisition_decide,
        name="requisition_decide",
    ),
    path("historier/", stories.story_list, name="stories"),
    path("historier/ny/", stories.story_new, name="story_new"),
    path("historier/<int:story_id>/", stories.story_edit, name="story_edit"),
    path("historier/<int:story_id>/offentliggoer/", stories.story_publish, name="story_publish"),
    path("historier/<int:story_id>/slet/", stories.story_delete, name="story_delete"),
]
