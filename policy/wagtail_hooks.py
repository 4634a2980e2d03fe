"""What the policy app adds to the admin: its read-only registers (frozen editions, the
consent ledger, the notices of new editions), a person's consent certificate, and a
button to it in the list of users."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail_modeladmin.options import modeladmin_register

from policy import admin_views
from policy.registers import ConsentRecordAdmin, EditionNoticeAdmin, PolicyEditionAdmin

modeladmin_register(PolicyEditionAdmin)
modeladmin_register(ConsentRecordAdmin)
modeladmin_register(EditionNoticeAdmin)


@hooks.register("register_admin_urls")
def consent_certificate_admin_urls():
    return [
        path(
            "consents/certificate/<int:user_id>/",
            admin_views.consent_certificate,
            name="consent_certificate_admin",
        )
    ]


@hooks.register("register_user_listing_buttons")
def consent_certificate_button(user, request_user):
    if not request_user.is_superuser:
        return []
    return [
        Button(
            _("Consent certificate"),
            reverse("consent_certificate_admin", args=[user.pk]),
            icon_name="doc-full",
            priority=95,
        )
    ]
