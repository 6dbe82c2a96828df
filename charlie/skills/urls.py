from django.urls import path

from charlie.skills import views
from charlie.skills import views_analysis as analysis_views  # analysis part
from charlie.skills import views_mus as mus_views  # part "mus"
from charlie.skills import views_taxonomy as taxonomy  # taxonomy part
from charlie.skills.views_profiles import (  # profiles
    decide,
    enter,
    import_page,
    opt_in,
    pending,
    propose,
    withdraw,
)

app_name = "skills"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("person/<int:person_id>/", views.person, name="person"),
    # --- taxonomy part: skills, groups, ESCO occupations, job families, role profiles ---
    path("taksonomi/", taxonomy.skills, name="taxonomy"),
    path("taksonomi/ny/", taxonomy.skill_new, name="skill_new"),
    path("taksonomi/<int:skill_id>/", taxonomy.skill, name="skill"),
    path("taksonomi/<int:skill_id>/saml/", taxonomy.skill_merge, name="skill_merge"),
    path("taksonomi/<int:skill_id>/udgaa/", taxonomy.skill_retire, name="skill_retire"),
    path("grupper/", taxonomy.groups, name="groups"),
    path("erhverv/", taxonomy.occupations, name="occupations"),
    path("erhverv/<int:occupation_id>/", taxonomy.occupation, name="occupation"),
    path("stillingskategorier/", taxonomy.job_families, name="job_families"),
    path("stillingskategorier/<int:family_id>/", taxonomy.job_family, name="job_family"),
    path("profiler/", taxonomy.role_profiles, name="role_profiles"),
    path("profiler/ny/", taxonomy.role_profile_new, name="role_profile_new"),
    path("profiler/<slug:code>/", taxonomy.role_profile, name="role_profile"),
    path("profiler/<slug:code>/ret/", taxonomy.role_profile_edit, name="role_profile_edit"),
    # --- profiles: proposals, confirmations, opt-ins, the import ---
    path("foreslaa/", propose, name="propose"),
    path("tilsagn/", opt_in, name="opt_in"),
    path("person/<int:person_id>/niveau/", enter, name="enter"),
    path("vurdering/<int:assessment_id>/afgoer/", decide, name="decide"),
    path("vurdering/<int:assessment_id>/traek-tilbage/", withdraw, name="withdraw"),
    path("forslag/", pending, name="pending"),
    path("import/", import_page, name="import"),
    # analysis part (issue 13, points 6–8): gap, coverage, retiring holders, candidates, teams
    path("person/<int:person_id>/gab/", analysis_views.person_gap, name="person_gap"),
    path("analyse/daekning/", analysis_views.heatmap, name="heatmap"),
    path("analyse/pension/", analysis_views.retiring, name="retiring"),
    path("analyse/kandidater/", analysis_views.candidates, name="candidates"),
    path("analyse/mangel/", analysis_views.shortages, name="shortages"),
    path("analyse/hold/", analysis_views.teams, name="teams"),
    path("analyse/hold/<int:proposal_id>/", analysis_views.team, name="team"),
    path("analyse/hold/<int:proposal_id>/afgoer/", analysis_views.team_decide, name="team_decide"),
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
