"""Template filters of the applicants' submissions."""

from django import template

from submissions.validators import file_type_name

register = template.Library()


@register.filter
def file_type(content_type):
    """``{{ file.content_type|file_type }}``: the file's type in words ("Word
    document"), never its MIME type."""
    return file_type_name(content_type)
