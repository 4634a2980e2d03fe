"""Views of the accounts app. The applicant dashboard arrives with the registration issue."""

from wagtail.users.views.users import UserViewSet

from .forms import PortalUserCreationForm, PortalUserEditForm


class PortalUserViewSet(UserViewSet):
    """Wagtail's user admin using the portal's e-mail + full-name forms."""

    create_template_name = "accounts/admin/user_create.html"
    edit_template_name = "accounts/admin/user_edit.html"

    def get_form_class(self, for_update=False):
        return PortalUserEditForm if for_update else PortalUserCreationForm
