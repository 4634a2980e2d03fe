"""The technology request an application answers and the applicant's answers to its own
questions, as the reviewers' dossier, the expert's screen, the applicant's page and the
data export show them (``Application.request_answers``: each question as the applicant
was asked it, with the answer; file questions are answered by attachments)."""

from submissions.technology_requests.questions import shown


def answered(request_answers, request_page=None):
    """(question, answer in words) of each entry of ``request_answers``: yes/no in words,
    an empty answer as a dash. In the order of ``request_page``'s questions when given
    (PostgreSQL's jsonb keeps no order of keys), the rest in the order stored."""
    entries = dict(request_answers or {})
    order = (
        [block.id for block in request_page.questions]
        if request_page is not None
        else []
    )
    ids = [i for i in order if i in entries] + [i for i in entries if i not in order]
    return [(entries[i].get("question", ""), shown(entries[i])) for i in ids]


def request_context(application):
    """The request ``application`` answers, in the active language if it is published
    in it (None for a free proposal), and its questions with the applicant's answers."""
    original = application.technology_request
    if original is None:
        return {"technology_request": None, "request_answers": []}
    localized = original.in_language()
    return {
        "technology_request": localized if localized.live else original,
        "request_answers": answered(application.request_answers, original),
    }
