"""Error monitoring (Sentry's SDK, sent to a self-hosted Sentry or GlitchTip) with the
personal data taken out before an event leaves the process.

What an event keeps: the exception's type and module, the stack (file, function, line and
the source lines around it), the URL pattern of the request (``/accounts/reset/{uidb64}/
{token}/``, never the path itself), its method, the request id (the same as in the logs
and the response's X-Request-ID header), the release, environment, server and runtime.

What it loses, whatever it holds: the exception's message (a PostgreSQL unique violation
quotes the value, a ValidationError the text typed), local variables of the frames, the
request's data, query string, cookies and headers (Cookie, Authorization,
X-Forwarded-For) and WSGI environment (REMOTE_ADDR), the user, the ``extra`` data (the
command line of a management command), breadcrumbs' data (SQL parameters, log arguments),
the log message's arguments, the tags. What is left of texts (log message templates, SQL
with placeholders) is scrubbed of e-mail addresses, 12-digit numbers (IIN and BIN),
phone numbers and IP addresses all the same. Names cannot be told from other words, which
is why free text is dropped rather than scrubbed.
"""

import re

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.logging import LoggingIntegration

from config.request_log import EMAIL, FILTERED, IPV4, IPV6, current_request_id

# Twelve digits (an IIN or BIN), written together or in groups.
IDENTIFIER = re.compile(r"(?<!\d)\d(?:[ -]?\d){11}(?!\d)")
# A phone number: seven digits and more, with or without "+", spaces, dashes and
# brackets.
PHONE = re.compile(r"(?<![\w+])\+?\d[\d ()\-]{6,}\d(?!\w)")
# Long random-looking runs: tokens of links (password reset, confirmation), session keys.
TOKEN = re.compile(r"(?<![\w-])(?=[A-Za-z_-]*\d)[A-Za-z0-9_-]{24,}(?![\w-])")
PATTERNS = (EMAIL, IPV6, IPV4, IDENTIFIER, PHONE, TOKEN)

# Keys of an event kept as they are (the rest of the event is dropped or rebuilt).
KEPT_EVENT_KEYS = {
    "event_id",
    "timestamp",
    "start_timestamp",
    "level",
    "platform",
    "logger",
    "server_name",
    "release",
    "environment",
    "dist",
    "sdk",
    "modules",
    "contexts",
    "fingerprint",
    "type",
    "transaction_info",
}
KEPT_CONTEXTS = {"runtime", "os", "device", "app", "trace", "response"}
KEPT_FRAME_KEYS = {
    "filename",
    "abs_path",
    "function",
    "module",
    "lineno",
    "colno",
    "in_app",
    "context_line",
    "pre_context",
    "post_context",
}
KEPT_BREADCRUMB_KEYS = {"type", "category", "level", "timestamp"}


def scrub_text(text):
    """``text`` with every e-mail address, IIN/BIN, phone number, IP address and
    token-like run replaced by ``[Filtered]``."""
    if not isinstance(text, str):
        return text
    for pattern in PATTERNS:
        text = pattern.sub(FILTERED, text)
    return text


def scrub_frames(stacktrace):
    if not isinstance(stacktrace, dict):
        return None
    frames = [
        {key: value for key, value in frame.items() if key in KEPT_FRAME_KEYS}
        for frame in stacktrace.get("frames") or []
    ]
    return {"frames": frames}


def scrub_exception(exception):
    values = []
    for value in (exception or {}).get("values") or []:
        kept = {
            "type": value.get("type"),
            "module": value.get("module"),
            "value": FILTERED if value.get("value") else value.get("value"),
        }
        if "mechanism" in value:
            mechanism = value["mechanism"] or {}
            kept["mechanism"] = {
                key: mechanism[key]
                for key in ("type", "handled", "exception_id", "parent_id", "source")
                if key in mechanism
            }
        stacktrace = scrub_frames(value.get("stacktrace"))
        if stacktrace is not None:
            kept["stacktrace"] = stacktrace
        values.append(kept)
    return {"values": values}


def scrub_breadcrumb(crumb):
    kept = {key: crumb[key] for key in KEPT_BREADCRUMB_KEYS if key in crumb}
    # SQL is kept with its placeholders (the parameters are in the dropped data).
    if crumb.get("category") == "query":
        kept["message"] = scrub_text(crumb.get("message"))
    return kept


def route_of(event):
    """The URL pattern of the request, when Sentry's Django integration found one (its
    ``url`` style names the transaction by the route); else nothing."""
    info = event.get("transaction_info") or {}
    if info.get("source") == "route" and event.get("transaction"):
        return event["transaction"]
    return None


def scrub_event(event, hint=None):
    """The ``before_send`` (and ``before_send_transaction``) of the portal's Sentry."""
    scrubbed = {key: value for key, value in event.items() if key in KEPT_EVENT_KEYS}
    scrubbed["contexts"] = {
        key: value
        for key, value in (event.get("contexts") or {}).items()
        if key in KEPT_CONTEXTS
    }
    route = route_of(event)
    if event.get("transaction"):
        # A transaction named by the raw path (no route found) could carry a token.
        scrubbed["transaction"] = route or FILTERED
    request = event.get("request") or {}
    if request:
        scrubbed["request"] = {"method": request.get("method"), "url": route or ""}
    if "exception" in event:
        scrubbed["exception"] = scrub_exception(event["exception"])
    if "threads" in event:
        scrubbed["threads"] = {
            "values": [
                {
                    key: thread.get(key)
                    for key in ("id", "name", "crashed", "current", "main")
                    if key in thread
                }
                | (
                    {"stacktrace": scrub_frames(thread["stacktrace"])}
                    if thread.get("stacktrace")
                    else {}
                )
                for thread in (event["threads"] or {}).get("values") or []
            ]
        }
    logentry = event.get("logentry") or event.get("message")
    if logentry:
        template = logentry.get("message") if isinstance(logentry, dict) else logentry
        scrubbed["logentry"] = {"message": scrub_text(template)}
    breadcrumbs = (event.get("breadcrumbs") or {}).get("values") or []
    scrubbed["breadcrumbs"] = {"values": [scrub_breadcrumb(c) for c in breadcrumbs]}
    # Tags are whatever code set (sentry_sdk.set_tag): dropped like the other free text.
    request_id = current_request_id()
    if request_id:
        scrubbed["tags"] = {"request_id": request_id}
    if "spans" in event:
        scrubbed["spans"] = [
            {
                key: span.get(key)
                for key in (
                    "span_id",
                    "parent_span_id",
                    "trace_id",
                    "op",
                    "status",
                    "start_timestamp",
                    "timestamp",
                    "origin",
                )
                if key in span
            }
            | {"description": scrub_text(span.get("description"))}
            for span in event["spans"]
        ]
    return scrubbed


def scrub_breadcrumb_hook(crumb, hint=None):
    return scrub_breadcrumb(crumb)


def init_sentry(
    dsn, *, environment, release, traces_sample_rate=0.0, transport=None, **options
):
    """Start Sentry's SDK: personal data off in the SDK itself and scrubbed again before
    an event leaves (``scrub_event``).

    Off in the SDK by its defaults: ``send_default_pii`` (deprecated since 2.75, so not
    set) is off, and its event scrubber stays on; a ``data_collection`` setting would
    switch that scrubber off, so there is none."""
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        traces_sample_rate=traces_sample_rate,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        before_breadcrumb=scrub_breadcrumb_hook,
        integrations=[
            DjangoIntegration(
                transaction_style="url",
                middleware_spans=False,
                signals_spans=False,
                cache_spans=False,
            ),
            LoggingIntegration(),
        ],
        transport=transport,
        **options,
    )
