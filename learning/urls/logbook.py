"""The logbook at the root of /aktionslaering/, and the team leader's page for the team's
techniques and feedback template."""

from django.urls import path

from learning.views import logbook, selfcheck, techniques

urlpatterns = [
    path("", logbook.LogbookView.as_view(), name="logbook"),
    path("logbog/delt/", logbook.LogbookSharedView.as_view(), name="logbook_shared"),
    path("logbog/<int:pk>/", logbook.LogbookEntryView.as_view(), name="logbook_entry"),
    path("logbog/<int:pk>/ret/", logbook.LogbookEntryEditView.as_view(), name="logbook_entry_edit"),
    path(
        "logbog/<int:pk>/slet/",
        logbook.LogbookEntryDeleteView.as_view(),
        name="logbook_entry_delete",
    ),
    path(
        "logbog/<int:pk>/deling/",
        logbook.LogbookEntryShareView.as_view(),
        name="logbook_entry_share",
    ),
    path("test-din-viden/", selfcheck.SelfCheckView.as_view(), name="selfcheck"),
    path("teknikker/", techniques.TechniquesView.as_view(), name="techniques"),
    path("teknikker/ny/", techniques.TechniqueAddView.as_view(), name="technique_add"),
    path("teknikker/<int:pk>/ret/", techniques.TechniqueEditView.as_view(), name="technique_edit"),
    path("teknikker/<int:pk>/flyt/", techniques.TechniqueMoveView.as_view(), name="technique_move"),
    path(
        "teknikker/<int:pk>/aktiv/",
        techniques.TechniqueActiveView.as_view(),
        name="technique_active",
    ),
    path(
        "teknikker/spoergsmaal/ny/",
        techniques.QuestionAddView.as_view(),
        name="feedback_question_add",
    ),
    path(
        "teknikker/spoergsmaal/<int:pk>/ret/",
        techniques.QuestionEditView.as_view(),
        name="feedback_question_edit",
    ),
    path(
        "teknikker/spoergsmaal/<int:pk>/flyt/",
        techniques.QuestionMoveView.as_view(),
        name="feedback_question_move",
    ),
    path(
        "teknikker/spoergsmaal/<int:pk>/aktiv/",
        techniques.QuestionActiveView.as_view(),
        name="feedback_question_active",
    ),
]
