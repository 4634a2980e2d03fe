from django.urls import path

from policy import views

urlpatterns = [
    path("account/consent/", views.renewed_consent, name="renewed_consent"),
    path("account/export/", views.request_data_export, name="request_data_export"),
    path(
        "account/export/<int:pk>/",
        views.download_data_export,
        name="download_data_export",
    ),
    path("cookies/dismiss/", views.dismiss_cookie_notice, name="dismiss_cookie_notice"),
]
