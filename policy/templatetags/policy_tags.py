"""Links to the privacy policy: the edition in force, the list of editions, one edition."""

from django import template
from django.conf import settings
from django.utils.translation import get_language

from home.page_frame import frame_for
from policy.models import PolicyPage

register = template.Library()


def live_policy_url(request):
    """The live policy in the current language, or in the default one when it is not
    translated; "" when none is live."""
    languages = list(dict.fromkeys([get_language(), settings.LANGUAGE_CODE]))
    pages = {
        page.locale.language_code: page
        for page in PolicyPage.objects.live()
        .filter(locale__language_code__in=languages)
        .select_related("locale")
    }
    page = next((pages[code] for code in languages if code in pages), None)
    return page.get_url(request) if page is not None else ""


def policy_url_for(request):
    """``live_policy_url``, looked up once per page frame (``home.page_frame``: a new
    one when a page is published)."""
    if request is None:
        return live_policy_url(None)
    return frame_for(request).keep("policy_url", lambda: live_policy_url(request))


@register.simple_tag(takes_context=True)
def policy_url(context):
    return policy_url_for(context.get("request"))


@register.simple_tag(takes_context=True)
def policy_editions_url(context):
    """The list of every edition of the policy, in the visitor's language."""
    url = policy_url_for(context.get("request"))
    return f"{url}editions/" if url else ""


@register.simple_tag(takes_context=True)
def policy_edition_url(context, edition):
    """The frozen text of ``edition``, on the policy page it was published on."""
    page = edition.page
    return page.get_url(context.get("request")) + page.reverse_subpage(
        "edition", args=[edition.number]
    )
