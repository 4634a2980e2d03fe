"""The password rules in the portal's words, so that they read in each of its languages.

Django's own catalogue has no Kazakh for them: a Kazakh page would give its rules and
refusals in Russian. Each rule is Django's, worded by the portal's catalogue."""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class LongEnough(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return (
            ngettext(
                "This password is too short: it needs at least %d character.",
                "This password is too short: it needs at least %d characters.",
                self.min_length,
            )
            % self.min_length
        )

    def get_help_text(self):
        return ngettext(
            "At least %(min_length)d character.",
            "At least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UnlikeTheAccount(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("This password is too like your %(verbose_name)s.")

    def get_help_text(self):
        return _("Not like your name or e-mail address.")


class NotCommon(password_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _("This password is one of the most common ones: choose another.")

    def get_help_text(self):
        return _("Not one of the most common passwords.")


class NotOnlyDigits(password_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("This password is only digits: add letters or other characters.")

    def get_help_text(self):
        return _("Not only digits.")
