"""``{% next_step as step %}``: where the person looking at the page goes next to apply
(``submissions.next_step``), for the home page, the header and the how-to page."""

from django import template

from submissions.next_step import (
    REGISTER,
    NextStep,
    apply_to_request_url,
    next_step_of,
)

register = template.Library()


@register.simple_tag(takes_context=True, name="next_step")
def next_step_tag(context):
    """The NextStep of the request in ``context``, worked out once per request (the
    header and the page both ask); without a request (a block's preview in the admin)
    the visitor's, with no link."""
    request = context.get("request")
    if request is None:
        return NextStep(REGISTER, "")
    return next_step_of(request)


@register.simple_tag(takes_context=True, name="apply_to_request_url")
def apply_to_request_url_tag(context, request_page):
    """``{% apply_to_request_url page as url %}``: the application form started with
    the technology request ``request_page`` ("" without a form page)."""
    request = context.get("request")
    return apply_to_request_url(request, request_page) if request is not None else ""
