"""Answers every page route of the portal gives: a page with extra context."""

from django.template.response import TemplateResponse


def render_page(page, request, template=None, status=200, **context):
    """``page`` served (with its own template, or ``template``) with ``context`` added
    to its own: the one way the form pages' routes answer."""
    return TemplateResponse(
        request,
        template or page.get_template(request),
        {**page.get_context(request), **context},
        status=status,
    )
