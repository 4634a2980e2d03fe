"""The portal's log lines: each carries the id of the request it was written in, and with
``LOG_FORMAT=json`` each is one JSON object on one line (for a log collector in the data
centre).

The request id comes from the proxy's X-Request-ID header when it is sane (8 to 64 of
letters, digits and dashes) or is made afresh; config.middleware.RequestLogMiddleware
sets it for the request, returns it in the response's X-Request-ID header and writes
one line per request to the logger ``opi.request``: method, URL pattern (never the
path: reset and confirmation links carry tokens in it), status and duration. No client
address and no e-mail address is logged: what the portal writes does not hold them, and
the formatters scrub e-mail and IP addresses from what libraries write (a database
error quoting a value, a path in Django's "Not Found: …").
"""

import contextvars
import datetime
import json
import logging
import re
import uuid

from django.urls import Resolver404, resolve

REQUEST_ID_HEADER = "X-Request-ID"
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{8,64}", re.ASCII)
NO_REQUEST = "-"

_request_id = contextvars.ContextVar("request_id", default=None)
EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+")
IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]|/\d)")
IPV6 = re.compile(
    r"(?<![\w:])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"
    r"|(?:[0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{0,4}::(?:[0-9A-Fa-f]{1,4}:){0,6}"
    r"[0-9A-Fa-f]{0,4})(?![\w:]|/\d)"
)
FILTERED = "[Filtered]"
# The attributes every LogRecord has; anything else was passed in ``extra``.
RECORD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
# ``extra`` values written into a JSON line (never a request object, a user, a form).
JSON_FIELDS = ("method", "route", "view", "status", "duration_ms", "security_event")


def current_request_id():
    return _request_id.get()


def start_request(incoming):
    """The id of the request now starting: ``incoming`` when sane, else a new one.
    Returns it and the token that ``end_request`` takes."""
    if incoming and SANE_REQUEST_ID.fullmatch(incoming):
        request_id = incoming
    else:
        request_id = str(uuid.uuid4())
    return request_id, _request_id.set(request_id)


def end_request(token):
    _request_id.reset(token)


def without_addresses(text):
    """``text`` without e-mail and IP addresses (a /24 network stays: the security log
    writes the network on purpose instead of the address)."""
    for pattern in (EMAIL, IPV6, IPV4):
        text = pattern.sub(FILTERED, text)
    return text


def route_of(request):
    """The URL pattern a request was resolved to (``accounts/reset/<uidb64>/<token>/``);
    ``-`` when it matched none."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return NO_REQUEST
    return "/" + (match.route or "")


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record (``-`` outside a request), and
    the URL pattern instead of the path into django.request's and django.server's
    messages."""

    def filter(self, record):
        record.request_id = current_request_id() or NO_REQUEST
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if path and isinstance(record.args, tuple):
            # django.request passes the path escaped (unicode_escape)
            spellings = {path, path.encode("unicode_escape").decode("ascii")}
            if any(isinstance(arg, str) and arg in spellings for arg in record.args):
                route = route_of(request)
                record.args = tuple(
                    route if isinstance(arg, str) and arg in spellings else arg
                    for arg in record.args
                )
        return True


class TextFormatter(logging.Formatter):
    """The plain log line (the default): the message, without addresses."""

    def format(self, record):
        return without_addresses(super().format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object per line: timestamp (UTC), level, logger, message, request_id,
    the request line's fields, and the traceback of an exception."""

    def format(self, record):
        line = {
            "timestamp": datetime.datetime.fromtimestamp(
                record.created, tz=datetime.UTC
            ).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": without_addresses(record.getMessage()),
            "request_id": getattr(record, "request_id", None) or NO_REQUEST,
        }
        for field in JSON_FIELDS:
            value = getattr(record, field, None)
            if value is not None and field not in RECORD_ATTRIBUTES:
                line[field] = value
        if record.exc_info:
            line["exception"] = without_addresses(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False, default=str)
