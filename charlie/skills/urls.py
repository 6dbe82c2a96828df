from django.urls import path

from charlie.skills import views
from charlie.skills import views_mus as mus_views  # part "mus"

app_name = "skills"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("person/<int:person_id>/", views.person, name="person"),
    # --- MUS, development plans and the road map (part "mus") ---
    path("mus/", mus_views.mus_list, name="mus_list"),
    path("mus/planlaeg/", mus_views.mus_schedule, name="mus_schedule"),
    path("mus/mine/", mus_views.mus_mine, name="mus_mine"),
    path("mus/tal/", mus_views.mus_figures, name="mus_figures"),
    path("mus/<int:mus_id>/", mus_views.mus_detail, name="mus_detail"),
    path("udviklingsplan/<int:plan_id>/", mus_views.plan_detail, name="plan_detail"),
    path("kompetencevej/", mus_views.roadmap_mine, name="roadmap_mine"),
    path("kompetencevej/pdf/", mus_views.roadmap_pdf_mine, name="roadmap_pdf_mine"),
    path("kompetencevej/<int:person_id>/", mus_views.roadmap_person, name="roadmap_person"),
    path(
        "kompetencevej/<int:person_id>/pdf/",
        mus_views.roadmap_pdf_person,
        name="roadmap_pdf_person",
    ),
    path("aktiviteter/", mus_views.activities, name="activities"),
]
