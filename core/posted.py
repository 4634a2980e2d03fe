"""A form's post kept for the page after the redirect (post / redirect / get): its typed
values as JSON-friendly lists for the session, and back as a form's data."""

from django.utils.datastructures import MultiValueDict

CSRF_FIELD = "csrfmiddlewaretoken"


def posted_values(request, *, leave_out=()):
    """{name: [values]} of what ``request`` posted, without the CSRF token and the
    names in ``leave_out`` (a file is never among them: files are not in POST)."""
    left_out = {CSRF_FIELD, *leave_out}
    return {
        name: request.POST.getlist(name)
        for name in request.POST
        if name not in left_out
    }


def as_form_data(values):
    """``posted_values``'s lists as the data a bound form takes."""
    data = MultiValueDict()
    for name, listed in values.items():
        data.setlist(name, listed)
    return data
