"""Forms of the accounts app: the Wagtail admin's user forms for the portal's User."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from .models import User, normalize_email


class PortalUserFormMixin:
    """The portal's User has one full-name field and no first/last names."""

    def clean_email(self):
        email = normalize_email(self.cleaned_data.get("email"))
        users = User._default_manager.filter(email__iexact=email)
        if self.instance.pk is not None:
            users = users.exclude(pk=self.instance.pk)
        if users.exists():
            raise forms.ValidationError(
                _("A user with this e-mail address already exists."),
                code="duplicate_email",
            )
        return email


class PortalUserCreationForm(PortalUserFormMixin, UserCreationForm):
    first_name = None
    last_name = None
    full_name = forms.CharField(required=True, label=_("Full name"), max_length=255)

    class Meta(UserCreationForm.Meta):
        fields = {"email", "full_name", "language", "is_superuser", "groups"}


class PortalUserEditForm(PortalUserFormMixin, UserEditForm):
    first_name = None
    last_name = None
    full_name = forms.CharField(required=True, label=_("Full name"), max_length=255)

    class Meta(UserEditForm.Meta):
        fields = {
            "email",
            "full_name",
            "language",
            "is_active",
            "is_superuser",
            "groups",
        }
