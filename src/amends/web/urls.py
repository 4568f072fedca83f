"""Routes of the web desk."""

from django.urls import path, register_converter

from amends.web import case_views, manager_views, views
from amends.web.converters import IdConverter

register_converter(IdConverter, "id")

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("account/password/", views.PasswordChangeView.as_view(), name="password"),
    path("favicon.ico", views.favicon),
    path("healthz", views.healthz, name="healthz"),
    path("cases/new/", views.case_new, name="case-new"),
    path("cases/<id:case_id>/", case_views.case_detail, name="case"),
    path("cases/<id:case_id>/reply/", case_views.reply, name="case-reply"),
    path("cases/<id:case_id>/coach/", case_views.coach, name="case-coach"),
    path("cases/<id:case_id>/draft/", case_views.draft, name="case-draft"),
    path("cases/<id:case_id>/steps/<slug:key>/complete/", case_views.step_complete, name="step-complete"),
    path("cases/<id:case_id>/steps/<slug:key>/skip/", case_views.step_skip, name="step-skip"),
    path("cases/<id:case_id>/assign/", case_views.assign, name="case-assign"),
    path("cases/<id:case_id>/take/", case_views.take, name="case-take"),
    path("cases/<id:case_id>/priority/", case_views.priority, name="case-priority"),
    path("cases/<id:case_id>/status/", case_views.status, name="case-status"),
    path("cases/<id:case_id>/points/", case_views.points, name="case-points"),
    path("cases/<id:case_id>/agreement/", case_views.agreement, name="case-agreement"),
    path("cases/<id:case_id>/remedies/", case_views.remedy, name="case-remedy"),
    path("cases/<id:case_id>/remedies/check/", case_views.remedy_check, name="case-remedy-check"),
    path("cases/<id:case_id>/tasks/", case_views.task_add, name="case-task"),
    path("cases/<id:case_id>/followups/", case_views.followup_add, name="case-followup"),
    path("cases/<id:case_id>/close/", case_views.close, name="case-close"),
    path("cases/<id:case_id>/reopen/", case_views.reopen, name="case-reopen"),
    path("remedies/<id:remedy_id>/deliver/", case_views.remedy_delivered, name="remedy-deliver"),
    path("tasks/<id:task_id>/done/", case_views.task_done, name="task-done"),
    path("approvals/", manager_views.approvals, name="approvals"),
    path("approvals/<id:remedy_id>/", manager_views.approval, name="approval"),
    path("team/", manager_views.team, name="team"),
    path("manage/catalogue/", manager_views.catalogue_list, name="manage-catalogue"),
    path("manage/catalogue/<id:item_id>/", manager_views.catalogue_list, name="manage-catalogue-item"),
    path("manage/users/", manager_views.users, name="manage-users"),
    path("manage/users/new/", manager_views.user_new, name="manage-user-new"),
    path("manage/users/<id:user_id>/", manager_views.user_edit, name="manage-user"),
    path("manage/playbooks/", manager_views.playbooks, name="manage-playbooks"),
    path("manage/playbooks/<id:playbook_id>/", manager_views.playbook_edit, name="manage-playbook"),
]
