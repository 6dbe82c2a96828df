from django.urls import path

from charlie.skills import views
from charlie.skills import views_mus  # part "mus"

app_name = "skills"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("person/<int:person_id>/", views.person, name="person"),
    # --- MUS, development plans and the road map (part "mus") ---
    path("mus/", views_mus.mus_list, name="mus_list"),
    path("mus/planlaeg/", views_mus.mus_schedule, name="mus_schedule"),
    path("mus/mine/", views_mus.mus_mine, name="mus_mine"),
    path("mus/tal/", views_mus.mus_figures, name="mus_figures"),
    path("mus/<int:mus_id>/", views_mus.mus_detail, name="mus_detail"),
    path("udviklingsplan/<int:plan_id>/", views_mus.plan_detail, name="plan_detail"),
    path("kompetencevej/", views_mus.roadmap_mine, name="roadmap_mine"),
    path("kompetencevej/pdf/", views_mus.roadmap_pdf_mine, name="roadmap_pdf_mine"),
    path("kompetencevej/<int:person_id>/", views_mus.roadmap_person, name="roadmap_person"),
    path(
        "kompetencevej/<int:person_id>/pdf/",
        views_mus.roadmap_pdf_person,
        name="roadmap_pdf_person",
    ),
    path("aktiviteter/", views_mus.activities, name="activities"),
]
