from django.urls import path

from apps.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.unit_tree, name="unit_tree"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("units/<uuid:code>/", views.unit_detail, name="unit_detail"),
    path("units/<uuid:code>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<uuid:code>/move/", views.unit_move, name="unit_move"),
    path("units/<uuid:code>/deactivate/", views.unit_deactivate, name="unit_deactivate"),
    path("positions/", views.position_list, name="position_list"),
    path("positions/new/", views.position_create, name="position_create"),
    path("positions/<uuid:code>/", views.position_edit, name="position_edit"),
    path("positions/<uuid:code>/assign/", views.assignment_create, name="assignment_create"),
    path("assignments/<uuid:code>/end/", views.assignment_end, name="assignment_end"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<uuid:code>/", views.person_edit, name="person_edit"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<uuid:code>/", views.user_edit, name="user_edit"),
    path("users/<uuid:code>/memberships/new/", views.membership_create, name="membership_create"),
    path("memberships/<uuid:code>/revoke/", views.membership_revoke, name="membership_revoke"),
    path("periods/", views.period_list, name="period_list"),
    path("periods/new/", views.period_create, name="period_create"),
    path("periods/<uuid:code>/", views.period_detail, name="period_detail"),
    path("windows/<uuid:code>/", views.window_edit, name="window_edit"),
    path("export/", views.export_start, name="export"),
]
