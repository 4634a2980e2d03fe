"""What the accounts app adds to the admin: the register of e-mails sent, the staff's
two-factor pages, account panel and reset button, the security log's audit actions, and
menus that offer only the admin views the person's roles may open."""

from django.urls import Resolver404, path, resolve, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail_modeladmin.options import modeladmin_register

from accounts import admin_views
from accounts.registers import SentEmailAdmin
from accounts.roles import may_open_admin_view

modeladmin_register(SentEmailAdmin)


# --- menus: only what the roles open ---------------------------------------------------


def opens(request, item):
    """Whether the menu item leads to an admin view ``request.user`` may open (a submenu,
    with no address of its own, is left to its items)."""
    url = getattr(item, "url", "") or ""
    if not url.startswith("/"):
        return True
    try:
        match = resolve(url.split("?")[0])
    except Resolver404:
        return True
    return may_open_admin_view(request.user, match.view_name)


@hooks.register("construct_main_menu")
@hooks.register("construct_reports_menu")
@hooks.register("construct_settings_menu")
def offer_only_what_opens(request, menu_items):
    menu_items[:] = [item for item in menu_items if opens(request, item)]


# --- staff security: two-factor pages, the security log's actions --------------------


@hooks.register("register_admin_urls")
def two_factor_admin_urls():
    return [
        path("two-factor/", admin_views.manage, name="opi_2fa_manage"),
        path("two-factor/verify/", admin_views.verify, name="opi_2fa_verify"),
        path("two-factor/setup/", admin_views.setup, name="opi_2fa_setup"),
        path(
            "two-factor/recovery-codes/",
            admin_views.recovery_codes,
            name="opi_2fa_recovery_codes",
        ),
        path(
            "two-factor/recovery-codes/new/",
            admin_views.regenerate,
            name="opi_2fa_regenerate",
        ),
        path(
            "two-factor/reset/<int:user_id>/",
            admin_views.reset,
            name="opi_2fa_reset",
        ),
    ]


@hooks.register("register_log_actions")
def security_log_actions(actions):
    actions.register_action("opi.login", _("Log in"), _("Logged in"))
    actions.register_action(
        "opi.login_failed", _("Failed login"), _("Login failed: wrong password or code")
    )
    actions.register_action(
        "opi.lockout", _("Lockout"), _("Locked out after repeated failed logins")
    )
    actions.register_action("opi.logout", _("Log out"), _("Logged out"))
    actions.register_action(
        "opi.session_expired", _("Session expired"), _("Session expired")
    )
    actions.register_action(
        "opi.sessions_ended", _("Sessions ended"), _("Other sessions ended")
    )
    actions.register_action(
        "opi.2fa.enrolled",
        _("Two-factor set up"),
        _("Two-factor authentication set up"),
    )
    actions.register_action(
        "opi.2fa.verified",
        _("Two-factor passed"),
        _("Two-factor authentication passed"),
    )
    actions.register_action(
        "opi.2fa.recovery_codes",
        _("New recovery codes"),
        _("New recovery codes made; the old ones no longer work"),
    )
    actions.register_action(
        "opi.2fa.reset",
        _("Two-factor reset"),
        _("Two-factor authentication reset by an administrator"),
    )


@hooks.register("register_account_settings_panel")
def two_factor_settings_panel(request, user, profile):
    return admin_views.TwoFactorSettingsPanel(request, user, profile)


@hooks.register("register_account_menu_item")
def two_factor_account_menu_item(request):
    return {
        "url": reverse("opi_2fa_manage"),
        "label": _("Two-factor authentication"),
        "help_text": _("See its status and make new recovery codes."),
    }


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    if not request_user.is_superuser or user.pk == request_user.pk:
        return []
    return [
        Button(
            _("Reset two-factor authentication"),
            reverse("opi_2fa_reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )
    ]
