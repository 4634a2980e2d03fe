from django.urls import path

from submissions import views

urlpatterns = [
    path(
        "files/registrations/<int:pk>/<str:kind>/",
        views.registration_file,
        name="registration_file",
    ),
    path(
        "files/applications/<int:pk>/",
        views.application_file,
        name="application_file",
    ),
]
