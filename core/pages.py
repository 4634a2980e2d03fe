"""Answers every page route of the portal gives (a page with extra context), and the
form pages found in a language."""

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


def form_page(model, language):
    """The live page of ``model`` (a form page: one per language) in ``language``, or in
    the first language it has when it has no translation; None when there is none. One
    query."""
    pages = list(model.objects.live().select_related("locale").order_by("path"))
    page = next((p for p in pages if p.locale.language_code == language), None)
    return page or (pages[0] if pages else None)
