from django.urls import path

from charlie.skills import views
from charlie.skills import views_analysis as analysis_views  # analysis part

app_name = "skills"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("person/<int:person_id>/", views.person, name="person"),
    # analysis part (issue 13, points 6–8): gap, coverage, retiring holders, candidates, teams
    path("person/<int:person_id>/gab/", analysis_views.person_gap, name="person_gap"),
    path("analyse/daekning/", analysis_views.heatmap, name="heatmap"),
    path("analyse/pension/", analysis_views.retiring, name="retiring"),
    path("analyse/kandidater/", analysis_views.candidates, name="candidates"),
    path("analyse/mangel/", analysis_views.shortages, name="shortages"),
    path("analyse/hold/", analysis_views.teams, name="teams"),
    path("analyse/hold/<int:proposal_id>/", analysis_views.team, name="team"),
    path("analyse/hold/<int:proposal_id>/afgoer/", analysis_views.team_decide, name="team_decide"),
]
