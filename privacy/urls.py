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
