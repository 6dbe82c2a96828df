from django.urls import path

from charlie.learning import views, views_compliance, views_figures, views_modules
from charlie.learning import views_catalogue as catalogue
from charlie.learning import views_records as records_views

app_name = "learning"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("person/<int:person_id>/", views.person, name="person"),
    # --- catalogue part ---
    path("kurser/", catalogue.catalogue, name="catalogue"),
    path("kurser/nyt/", catalogue.course_new, name="course_new"),
    path("kurser/<slug:code>/", catalogue.course, name="course"),
    path("kurser/<slug:code>/rediger/", catalogue.course_edit, name="course_edit"),
    path("kurser/<slug:code>/kompetencer/", catalogue.course_skills, name="course_skills"),
    path("kurser/<slug:code>/hold/nyt/", catalogue.session_new, name="session_new"),
    path("kurser/hold/<int:session_id>/rediger/", catalogue.session_edit, name="session_edit"),
    path("kurser/hold/<int:session_id>/aflys/", catalogue.session_cancel, name="session_cancel"),
    path("kurser/hold/<int:session_id>/kalender.ics", catalogue.session_ical, name="session_ical"),
    path("kurser/hold/<int:session_id>/tilmeld/", catalogue.session_join, name="session_join"),
    path(
        "kurser/hold/<int:session_id>/tilmeld-medarbejder/",
        catalogue.session_enrol,
        name="session_enrol",
    ),
    path(
        "kurser/hold/<int:session_id>/deltagere/",
        catalogue.session_participants,
        name="session_participants",
    ),
    path("tilmeldinger/", catalogue.approvals, name="enrolment_approvals"),
    path("tilmeldinger/<int:enrolment_id>/godkend/", catalogue.approve, name="enrolment_approve"),
    path("tilmeldinger/<int:enrolment_id>/afvis/", catalogue.reject, name="enrolment_reject"),
    path("tilmeldinger/<int:enrolment_id>/afmeld/", catalogue.cancel, name="enrolment_cancel"),
    # --- Part "elearning": taking built-in modules, and HR's editor ---
    path("moduler/", views_modules.module_list, name="modules"),
    path("moduler/<int:module_id>/", views_modules.module, name="module"),
    path(
        "moduler/<int:module_id>/lektion/<int:number>/",
        views_modules.lesson,
        name="module_lesson",
    ),
    path("moduler/<int:module_id>/quiz/", views_modules.quiz, name="module_quiz"),
    path("moduler/forsoeg/<int:attempt_id>/", views_modules.attempt, name="module_attempt"),
    path(
        "moduler/bevis/<int:certificate_id>/",
        views_modules.certificate,
        name="module_certificate",
    ),
    path(
        "moduler/<int:module_id>/billeder/<int:image_id>/",
        views_modules.image,
        name="module_image",
    ),
    path("moduler/rediger/", views_modules.editor, name="module_editor"),
    path("moduler/rediger/<int:module_id>/", views_modules.edit, name="module_edit"),
    path(
        "moduler/rediger/<int:module_id>/lektion/ny/",
        views_modules.lesson_new,
        name="module_lesson_new",
    ),
    path(
        "moduler/rediger/<int:module_id>/lektion/<int:lesson_id>/",
        views_modules.lesson_edit,
        name="module_lesson_edit",
    ),
    path(
        "moduler/rediger/<int:module_id>/spoergsmaal/ny/",
        views_modules.question_new,
        name="module_question_new",
    ),
    path(
        "moduler/rediger/<int:module_id>/spoergsmaal/<int:question_id>/",
        views_modules.question_edit,
        name="module_question_edit",
    ),
    path("moduler/rediger/<int:module_id>/billeder/", views_modules.images, name="module_images"),
    # --- Part "compliance": mandatory training ---
    path("krav/", views_compliance.compliance_list, name="compliance"),
    path("krav/excel/", views_compliance.compliance_export, name="compliance_export"),
    path("krav/regler/", views_compliance.rule_list, name="rules"),
    path("krav/regler/ny/", views_compliance.rule_edit, name="rule_new"),
    path("krav/regler/<int:rule_id>/", views_compliance.rule_edit, name="rule_edit"),
    path("tal/krav/", views_compliance.figures_compliance, name="figures_compliance"),
    # --- Læringstal ---
    path("tal/", views_figures.figures_page, name="figures"),
    path("tal/excel/", views_figures.figures_export, name="figures_export"),
    # --- Completions from other systems: the file, unusable xAPI statements, xAPI clients ---
    path("gennemfoerte/indlaes/", records_views.import_page, name="import_completions"),
    path("gennemfoerte/xapi-udsagn/", records_views.unmatched, name="xapi_unmatched"),
    path("xapi/klienter/", records_views.clients, name="xapi_clients"),
    path(
        "xapi/klienter/<int:client_id>/tilbagekald/",
        records_views.revoke_client,
        name="xapi_revoke",
    ),
]
