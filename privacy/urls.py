"""The applicant's own data export (language-prefixed like the rest of /account/)."""

from django.urls import path

from privacy import views

urlpatterns = [
    path("account/export/", views.request_data_export, name="request_data_export"),
    path(
        "account/export/<int:pk>/",
        views.download_data_export,
        name="download_data_export",
    ),
]
