"""Where personal data lives: every place the portal can hold something about a person,
declared once, with what it is, why it is held, for how long, and what export, erasure and
retention do to it.

The inventory drives the code that acts on people:

- ``privacy.data_export`` exports the items marked ``export`` of every holding;
- ``privacy.anonymise`` applies each item's ``erasure`` (on deletion on request, on the
  withdrawal of consent to processing, and on retention) and scrubs the ``MENTIONS``;
- ``privacy.retention`` prunes the ``PRUNED`` records when their period ends.

``tests/privacy/test_inventory.py`` fails when a model (ours or a library's) has a text,
e-mail, address, file or JSON field that is neither here nor declared ``NOT_PERSONAL``, and
when a session key or a task seen at run time is not declared; ``test_erasure_proof.py``
searches the whole database and file store for a deleted person.

The README's "Personal data" section is this module in prose.
"""

from dataclasses import dataclass, field

from django.contrib import auth
from django.db.models import Q
from django.utils.translation import gettext_lazy as _  # for what the person reads

from accounts import session_policy, two_factor
from policy.middleware import SETTLED_SESSION_KEY
from submissions.applications.admin_views import ANSWERS_SESSION_KEY
from submissions.applications.apply import REFUSED_SESSION_KEY

LANGUAGE_SESSION_KEY = "_language"


class Category:
    IDENTITY = "identity"  # names
    CONTACTS = "contacts"  # e-mail addresses, phone numbers
    IDENTIFIERS = "identifiers"  # BIN/IIN, account and session keys, credentials
    DOCUMENTS = "documents"  # files and their names
    NETWORK = "network"  # addresses, networks, browsers
    FREE_TEXT = "free text"  # what a person or the staff wrote, which may name anyone

    LABELS = {
        IDENTITY: "identity",
        CONTACTS: "contacts",
        IDENTIFIERS: "identifiers",
        DOCUMENTS: "documents",
        NETWORK: "network data",
        FREE_TEXT: "free text",
    }


class Action:
    """What erasure does to an item (or a whole row)."""

    KEEP = "keep"  # stays as it is (``why`` says why the law or the evidence needs it)
    PSEUDONYMISE = "pseudonymise"  # replaced by the person's one stable pseudonym
    ERASE = "erase"  # emptied (a file: deleted from storage)
    DELETE = "delete"  # the whole row goes


@dataclass(frozen=True)
class Item:
    """One field (or JSON key, session key, task argument) that can hold personal data."""

    name: str
    category: str
    purpose: str
    erasure: str
    export: bool = True
    why: str = ""  # for KEEP: the reason it survives erasure


@dataclass(frozen=True)
class Holding:
    """A model whose rows belong to one person, found by ``rows_of(person)`` (a Q on the
    model, given a ``Person``). ``row`` is what erasure does to the row itself: KEEP (the
    row stays, its items are erased or pseudonymised) or DELETE (the row goes, with its
    files). ``revisions``: the model keeps Wagtail revisions and audit-log entries whose
    JSON and labels repeat its fields; erasure rewrites them too. ``section`` is the
    export's heading for these rows."""

    model: str
    rows_of: object
    items: tuple
    retention: str
    row: str = Action.KEEP
    why: str = ""
    revisions: bool = False
    section: str = ""
    exported_as: str = ""  # the key of the rows in the export's data.json
    # comments of the workflow's reviewers on these rows: erased or kept with the rows
    task_comments: str = Action.KEEP
    # a model that guards its own rows (the consent ledger) is erased by its own
    # function, given (user, pseudonym), which applies the items' erasure
    erased_by: object = None
    # the export: only the rows this Q allows (the reviewers' internal notes are theirs),
    # one row shown as one record rather than a list, and the links to other records
    # shown by the name of what they link to
    exported_rows: object = None
    single: bool = False
    shown_links: tuple = ()

    def item(self, name):
        return next(item for item in self.items if item.name == name)

    @property
    def app_label(self):
        return self.model.split(".")[0]

    @property
    def model_name(self):
        return self.model.split(".")[1]


@dataclass(frozen=True)
class Mention:
    """A text field of rows that do not belong to the person but may name them (the
    subject of an e-mail to the reviewers, an audit-log label): erasure replaces every
    occurrence of the person's name, organisation and e-mail by the pseudonym."""

    model: str
    fields: tuple
    why: str


@dataclass(frozen=True)
class Pruned:
    """Records deleted by retention when their period ends."""

    what: str
    period: str
    purpose: str


@dataclass
class Person:
    """What identifies one person, read before erasure changes any of it."""

    user: object
    email: str
    full_name: str
    organization: str = ""
    strings: list = field(default_factory=list)
    # the addresses of the people the person registered for (a representative's
    # principal, asked for their own consent): their records go with the registration
    represented: list = field(default_factory=list)

    @property
    def addresses(self):
        return [self.email, *self.represented]


def _user(person):
    return Q(user=person.user)


def _user_or_address(person):
    return Q(user=person.user) | Q(email__iexact=person.email)


def _recipient(person):
    query = Q()
    for address in person.addresses:
        query |= Q(recipient__iexact=address)
    return query


def notice_holding(model, purpose, section, exported_as):
    """An e-mail notice sent to the person (of a new edition, of an incident): kept
    under the pseudonym as evidence that they were told."""
    return Holding(
        model,
        _user_or_address,
        (
            Item("email", Category.CONTACTS, purpose, Action.PSEUDONYMISE),
            Item(
                "error",
                Category.FREE_TEXT,
                "why the notice could not be sent (may repeat the address)",
                Action.ERASE,
                export=False,
            ),
        ),
        "kept under the pseudonym: evidence that the person was told",
        section=section,
        exported_as=exported_as,
    )


# --- the person's own records ----------------------------------------------------------

REGISTRATION_ITEMS = (
    Item(
        "full_name",
        Category.IDENTITY,
        "who the applicant is (policy 3.3): an individual, or a legal entity's head",
        Action.ERASE,
    ),
    Item(
        "organization",
        Category.IDENTITY,
        "the legal entity applying (policy 3.4)",
        Action.ERASE,
    ),
    Item(
        "country",
        Category.IDENTITY,
        "the country of registration of a non-resident legal entity (policy 3.4)",
        Action.ERASE,
    ),
    Item(
        "bin_iin",
        Category.IDENTIFIERS,
        "the legal entity's registration data (policy 3.4)",
        Action.ERASE,
    ),
    Item(
        "phone",
        Category.CONTACTS,
        "optional: to reach the applicant about the registration if e-mail fails",
        Action.ERASE,
    ),
    Item(
        "representative_name",
        Category.IDENTITY,
        "who acts for the applicant under a power of attorney (policy 3.4)",
        Action.ERASE,
    ),
    Item(
        "represented_email",
        Category.CONTACTS,
        "to ask the person represented for their own consent",
        Action.ERASE,
    ),
    Item(
        "power_of_attorney",
        Category.DOCUMENTS,
        "the power of attorney of a representative (policy 3.4)",
        Action.ERASE,
    ),
    Item(
        "power_of_attorney_name",
        Category.DOCUMENTS,
        "the name the applicant gave the power of attorney",
        Action.ERASE,
    ),
    Item(
        "registration_certificate",
        Category.DOCUMENTS,
        "the legal entity's registration certificate (policy 3.4)",
        Action.ERASE,
    ),
    Item(
        "registration_certificate_name",
        Category.DOCUMENTS,
        "the name the applicant gave the certificate",
        Action.ERASE,
    ),
)
ACCOUNT_RETENTION = (
    "while the account is used; verified accounts five years after their last activity "
    "(policy 7.1), others after RETENTION['inactive_years'] without activity, accounts "
    "never confirmed after RETENTION['unconfirmed_days'] days"
)

HOLDINGS = (
    Holding(
        "accounts.User",
        lambda person: Q(pk=person.user.pk),
        (
            Item(
                "email",
                Category.CONTACTS,
                "the login and the address the portal writes to (policy 3.3, 7.3)",
                Action.PSEUDONYMISE,
            ),
            Item(
                "full_name",
                Category.IDENTITY,
                "how the portal addresses the person (policy 3.3)",
                Action.ERASE,
            ),
            Item(
                "password",
                Category.IDENTIFIERS,
                "the login (policy 7.3); only a salted hash is stored",
                Action.ERASE,
                export=False,
            ),
        ),
        ACCOUNT_RETENTION,
        why=(
            "the row stays under the pseudonym so that the consent ledger, the audit trail "
            "and decided applications still point at one (unnamed) person"
        ),
        section=_("Account"),
        exported_as="account",
        single=True,
    ),
    Holding(
        "submissions.ApplicantProfile",
        _user,
        REGISTRATION_ITEMS,
        ACCOUNT_RETENTION,
        section=_("Registration details"),
        exported_as="profile",
        single=True,
    ),
    Holding(
        "submissions.RegistrationRequest",
        lambda person: Q(profile__user=person.user),
        (
            *REGISTRATION_ITEMS,
            Item(
                "email",
                Category.CONTACTS,
                "the address the registration was made with",
                Action.PSEUDONYMISE,
            ),
        ),
        ACCOUNT_RETENTION,
        why="the verification's audit trail stays, without the person",
        revisions=True,
        task_comments=Action.ERASE,
        section=_("Registrations sent for verification"),
        exported_as="registrations",
    ),
    Holding(
        "submissions.RepresentedConsent",
        lambda person: Q(registration__profile__user=person.user),
        (
            Item(
                "email",
                Category.CONTACTS,
                "the person represented, asked for their consent",
                Action.PSEUDONYMISE,
            ),
        ),
        ACCOUNT_RETENTION,
        section=_("Consent of the person represented"),
        exported_as="represented_consents",
    ),
    Holding(
        "accounts.LoginSession",
        _user,
        (
            Item(
                "session_key",
                Category.IDENTIFIERS,
                "to end the person's sessions (logout everywhere, erasure)",
                Action.DELETE,
                export=False,
            ),
            Item(
                "user_agent",
                Category.NETWORK,
                "so the person recognises their own logins",
                Action.DELETE,
            ),
        ),
        "until the session ends; ended sessions are pruned by retention",
        row=Action.DELETE,
        section=_("Your logins"),
        exported_as="logins",
    ),
    Holding(
        "submissions.Application",
        lambda person: Q(applicant=person.user),
        tuple(
            Item(
                name,
                Category.FREE_TEXT,
                "the application itself (policy 3.4), assessed by the group",
                Action.KEEP,
                why=(
                    "a decided application is the company's record of its decision; it "
                    "stays, without the person, until its own retention period"
                ),
            )
            for name in (
                "title",
                "summary",
                "problem",
                "application_area",
                "applicability_criteria",
                "expected_value",
                "prior_tests",
                "reviews",
                "public_links",
                "permits",
                "lab_report",
                "ip_protection",
                # the answers to a technology request's own questions, with each
                # question as asked: may hold personal data and trade secrets
                "request_answers",
            )
        ),
        (
            "drafts a year after their last change; rejected applications five years "
            "after the decision (policy 7.1); on erasure drafts go and open ones are "
            "withdrawn"
        ),
        revisions=True,
        section=_("Applications"),
        shown_links=("subsidiary", "technology_request"),
        exported_as="applications",
    ),
    Holding(
        "submissions.ApplicationFile",
        lambda person: Q(application__applicant=person.user),
        (
            Item(
                "file",
                Category.DOCUMENTS,
                "the materials of an application (policy 3.4)",
                Action.KEEP,
                why="part of the decided application, the company's record",
            ),
            Item(
                "original_name",
                Category.DOCUMENTS,
                "the name the applicant gave the file",
                Action.PSEUDONYMISE,
            ),
        ),
        "with the application",
        section=_("Files of applications"),
        exported_as="application_files",
        shown_links=("application",),
    ),
    Holding(
        "submissions.ApplicationMessage",
        lambda person: Q(application__applicant=person.user),
        (
            Item(
                "body",
                Category.FREE_TEXT,
                "the conversation about an application (policy 5.1: feedback)",
                Action.KEEP,
                why="part of the decided application's record",
            ),
        ),
        "with the application",
        section=_("Messages"),
        exported_as="messages",
        exported_rows=Q(internal=False),
        shown_links=("application",),
    ),
    Holding(
        "submissions.ExpertAssessment",
        lambda person: Q(application__applicant=person.user),
        (
            Item(
                "comment",
                Category.FREE_TEXT,
                "the expert's assessment of the application (policy 4.2)",
                Action.KEEP,
                export=False,
                why="the basis of the company's decision",
            ),
            *(
                Item(
                    f"{criterion}_comment",
                    Category.FREE_TEXT,
                    "the expert's words on the proposal, on one criterion of the "
                    "rubric (policy 4.2)",
                    Action.KEEP,
                    export=False,
                    why="the basis of the company's decision",
                )
                for criterion in (
                    "novelty",
                    "group_fit",
                    "economic_effect",
                    "safety",
                    "readiness",
                )
            ),
        ),
        "with the application",
    ),
    Holding(
        "submissions.AccessLog",
        lambda person: Q(applicant=person.user),
        (
            Item(
                "what",
                Category.DOCUMENTS,
                "which of the person's records or files was opened",
                Action.ERASE,
            ),
            Item(
                "network",
                Category.NETWORK,
                "the network the staff member opened it from (a /24, not an address)",
                Action.KEEP,
                export=False,
                why="it is the staff member's, not the person's",
            ),
        ),
        "five years (policy 7.1): the person's right to know who saw their data",
        section=_("Who opened your data"),
        shown_links=("actor",),
        exported_as="accesses_to_my_data",
    ),
    Holding(
        "submissions.Disclosure",
        lambda person: Q(application__applicant=person.user),
        (
            Item(
                "statement",
                Category.FREE_TEXT,
                "an expert's declaration of independence about the applicant, in the "
                "expert's own words: no conflict of interest, their conflict, or why "
                "they declined the assignment",
                Action.KEEP,
                export=False,
                why="evidence that the assessment was independent, the basis of the "
                "company's decision like the assessments; the reviewers' alone",
            ),
        ),
        "with the application: the person's right to know who received their data",
        section=_("Experts your applications were disclosed to"),
        # who was given access and when it was taken away; the experts' declarations
        # are the reviewers' (like the assessments)
        exported_rows=Q(action__in=("granted", "revoked")),
        shown_links=("application", "expert"),
        exported_as="disclosures",
    ),
    Holding(
        "policy.ConsentRecord",
        _user,
        (
            Item(
                "email",
                Category.CONTACTS,
                "the address given with the consent (evidence of consent)",
                Action.PSEUDONYMISE,
            ),
            Item(
                "user_agent",
                Category.NETWORK,
                "the browser the consent was given from (evidence of consent)",
                Action.ERASE,
            ),
            Item(
                "network",
                Category.NETWORK,
                "the network the consent was given from (a /24, evidence of consent)",
                Action.ERASE,
            ),
            Item(
                "person_digest",
                Category.IDENTIFIERS,
                "the person in the ledger's hash chain: a keyed digest of the account",
                Action.KEEP,
                export=False,
                why=(
                    "it names nobody without the portal's key, and the chain that proves "
                    "the ledger unchanged is built on it"
                ),
            ),
            Item(
                "withdrawal_reason",
                Category.FREE_TEXT,
                "why the consent was withdrawn",
                Action.KEEP,
                why="evidence that and why the consent ended",
            ),
        ),
        (
            "the ledger's rows are never deleted: they prove what was agreed and when it "
            "was withdrawn; the person is replaced by the pseudonym on erasure"
        ),
        why="the ledger proves consent (Law on personal data, art. 8)",
        erased_by="privacy.anonymise.erase_from_ledger",
        section=_("Consents"),
        shown_links=("edition",),
        exported_as="consents",
    ),
    notice_holding(
        "policy.EditionNotice",
        "to tell the person of a new edition of the policy (policy 12.4)",
        _("Notices of new editions"),
        "edition_notices",
    ),
    notice_holding(
        "privacy.BreachNotice",
        "to tell the person of an incident (policy 6.4)",
        _("Notices of incidents"),
        "incident_notices",
    ),
    Holding(
        "privacy.DataSubjectRequest",
        lambda person: Q(requester=person.user),
        (
            Item(
                "email",
                Category.CONTACTS,
                "where the answer to the request goes",
                Action.PSEUDONYMISE,
            ),
            Item(
                "details",
                Category.FREE_TEXT,
                "what the person asked",
                Action.ERASE,
            ),
            Item(
                "answer",
                Category.FREE_TEXT,
                "what the staff answered",
                Action.KEEP,
                why="evidence that the request was answered, and how",
            ),
        ),
        "kept under the pseudonym: evidence that the request was handled in time",
        revisions=True,
        task_comments=Action.ERASE,
        section=_("Your requests about your data"),
        exported_as="data_requests",
    ),
    Holding(
        "privacy.DataExport",
        _user,
        (
            Item(
                "file",
                Category.DOCUMENTS,
                "the ZIP of the person's data, made at their request (policy 5)",
                Action.DELETE,
                export=False,
            ),
        ),
        "the ZIP is deleted when its link expires (24 hours)",
        row=Action.DELETE,
    ),
    Holding(
        "accounts.SentEmail",
        _recipient,
        (
            Item(
                "recipient",
                Category.CONTACTS,
                "the record of the e-mails sent to the person",
                Action.PSEUDONYMISE,
            ),
            Item(
                "subject",
                Category.FREE_TEXT,
                "what the e-mail was about (may name the organisation)",
                Action.ERASE,
            ),
        ),
        "kept under the pseudonym: evidence that the person was written to",
        section=_("E-mails sent to you"),
        exported_as="emails_sent",
    ),
    Holding(
        "wagtailusers.UserProfile",
        _user,
        (
            Item(
                "avatar",
                Category.DOCUMENTS,
                "a staff member's picture in the admin",
                Action.ERASE,
                export=False,
            ),
        ),
        "while the account is used",
    ),
    Holding(
        "otp_totp.TOTPDevice",
        _user,
        (
            Item(
                "key",
                Category.IDENTIFIERS,
                "a staff member's second factor",
                Action.DELETE,
                export=False,
            ),
            Item(
                "name",
                Category.IDENTIFIERS,
                "the second factor's name",
                Action.DELETE,
                export=False,
            ),
        ),
        "while the account is used",
        row=Action.DELETE,
    ),
    Holding(
        "otp_static.StaticDevice",
        _user,
        (
            Item(
                "name",
                Category.IDENTIFIERS,
                "a staff member's recovery codes",
                Action.DELETE,
                export=False,
            ),
        ),
        "while the account is used",
        row=Action.DELETE,
    ),
)

# Fields of the holdings' rows in other models, erased with the row's owner.
TASK_STATE_COMMENTS = Item(
    "comment",
    Category.FREE_TEXT,
    "a reviewer's comment on the person's registration or request",
    Action.ERASE,
    export=False,
)

# --- what Wagtail and the libraries keep about the person -------------------------------

LIBRARY_PLACES = {
    "wagtailcore.Revision.content": (
        "the JSON of a registration's, application's or request's revisions: rewritten "
        "with the holding's erasure"
    ),
    "wagtailcore.Revision.object_str": (
        "the revision's label: made again from the erased record"
    ),
    "wagtailcore.ModelLogEntry.label": (
        "the audit entry's label: made again from the erased record (the entry stays)"
    ),
    "wagtailcore.ModelLogEntry.data": (
        "the audit entry's details (a file name, a comment): erased for the person's "
        "records"
    ),
    "wagtailcore.TaskState.comment": (
        "a reviewer's comment in a workflow: erased for the person's registrations and "
        "requests; kept for applications (the reasons of a decision)"
    ),
    "wagtailadmin.FormState.data": (
        "a staff member's unsaved form in the admin: deleted for the person's records"
    ),
    "sessions.Session.session_data": (
        "the person's sessions are ended on erasure; anonymous sessions expire and are "
        "pruned by retention"
    ),
    "axes.AccessAttempt": (
        "failed logins: a keyed digest of the e-mail typed and a /24 network, deleted "
        "on erasure and after RETENTION['login_attempt_days']"
    ),
    "axes.AccessLog": "not written (AXES_DISABLE_ACCESS_LOG)",
    "axes.AccessFailureLog": "not written (AXES_ENABLE_ACCESS_FAILURE_LOG is off)",
    "django_tasks_database.DBTaskResult": (
        "a queued e-mail's arguments: the declared personal arguments are erased when "
        "the task finishes; finished results are pruned after "
        "RETENTION['task_result_days']"
    ),
}

# Keys the portal writes into a session, and what they hold. Sessions are never exported
# (they hold nothing the person gave); erasure ends the person's, retention prunes the rest.
SESSION_KEYS = {
    auth.SESSION_KEY: "the account logged in (Django)",
    auth.BACKEND_SESSION_KEY: "how it logged in (Django)",
    auth.HASH_SESSION_KEY: ("a hash of the password: the session ends when it changes"),
    LANGUAGE_SESSION_KEY: "the interface language chosen",
    "_messages": "messages shown on the next page (may name an application)",
    "otp_device_id": "a staff member's second factor (django-otp)",
    session_policy.LOGIN_AT: "when the session began (absolute timeout)",
    session_policy.SEEN_AT: "when the session was last used (idle timeout)",
    session_policy.STAFF_SESSION: "whether a staff member is logged in",
    two_factor.SETUP_SESSION_KEY: "a staff member setting up a second factor",
    two_factor.CODES_SESSION_KEY: "recovery codes shown once to a staff member",
    SETTLED_SESSION_KEY: "the edition whose renewed consent was answered",
    ANSWERS_SESSION_KEY: (
        "an expert's assessment on its way from the form through the check to being "
        "sent (scores and comments; no applicant data), removed when it is sent"
    ),
    REFUSED_SESSION_KEY: (
        "the answers of an application step that could not be saved, or why a file was "
        "refused, kept for the one page after the redirect, which removes them"
    ),
}
# Prefixes of keys that others write (Wagtail's previews, Django's password reset).
SESSION_KEY_PREFIXES = {
    "wagtail-preview-": "an editor's page preview (Wagtail)",
    "_password_reset_token": "a password-reset link being used (Django)",
}
# Prefixes of keys the portal writes into a shared cache about a person, and why each is
# neither exported nor erased. (Cached pages are of anonymous visitors and editorial.)
CACHE_KEY_PREFIXES = {
    "rl:": (
        "rate-limit counters (core.rate_limits): how many times in the current window a "
        "form was used for one e-mail address or from one /24 (/48) network. The key is "
        "a hash of a keyed digest (DIGEST_KEY) of the address or network, never the "
        "address; the value is a number; each counter expires with its window "
        "(RATE_LIMITS['window_minutes'], plus a minute at most). At most a pseudonym "
        "that is gone within the hour: not exported (it says nothing the person gave), "
        "not erased (it expires sooner than any request could be answered)"
    ),
}

# Tasks whose arguments hold personal data: the arguments erased when the task finishes.
TASK_ARGUMENTS = {
    "accounts.password_reset.send_password_reset": {
        "email": Item(
            "email",
            Category.CONTACTS,
            "the address typed to reset a password (an account's or not), normalised",
            Action.ERASE,
        ),
    },
    "accounts.verification.send_confirmation_link_again": {
        "email": Item(
            "email",
            Category.CONTACTS,
            "the address typed to have the confirmation link again (an account's or "
            "not), normalised",
            Action.ERASE,
        ),
    },
    "privacy.data_requests.send_data_request_mail": {
        "to": Item(
            "to",
            Category.CONTACTS,
            "the address of a person being erased, for the last answer",
            Action.ERASE,
        ),
    },
    "submissions.applications.notifications.send_application_notices": {
        "extra": Item(
            "extra",
            Category.FREE_TEXT,
            "a reviewer's comment sent with the notice",
            Action.ERASE,
        ),
    },
}
# Tasks whose arguments are only ids of records (nothing personal by itself).
TASKS_WITH_IDS_ONLY = (
    "accounts.verification.send_verification_email",
    "submissions.registrations.register.send_registration_attempt_notice",
    "submissions.registrations.verification.send_verification_result",
    "submissions.registrations.verification.send_registration_to_reviewers",
    "submissions.registrations.represented_consent.send_consent_request",
    "submissions.registrations.represented_consent.send_answer_to_applicant",
    "policy.tasks.announce_edition",
    "policy.tasks.send_edition_notice",
    "policy.tasks.send_consent_receipt",
    "privacy.data_export.build_export",
    "privacy.breaches.send_breach_notice",
    "privacy.retention.enforce_retention_task",
    "submissions.technology_requests.results.send_results_notices",
)

MENTIONS = (
    Mention(
        "accounts.SentEmail",
        ("subject",),
        "the e-mails to reviewers name the organisation that registered",
    ),
    Mention(
        "wagtailcore.ModelLogEntry",
        ("label",),
        "an audit entry's label may name the person (an e-mail, a registration)",
    ),
    Mention(
        "wagtailcore.Revision",
        ("object_str",),
        "a revision's label may name the person",
    ),
)

PRUNED = (
    Pruned(
        "data export ZIPs whose link has expired",
        "when the link expires, 24 hours after it was made",
        "the link works 24 hours; the ZIP goes with it",
    ),
    Pruned(
        "finished background tasks",
        "RETENTION['task_result_days'] after they finished",
        "a finished task's result is kept only to find faults",
    ),
    Pruned(
        "expired sessions and the index of ended logins",
        "when the session expires (SESSION_COOKIE_AGE)",
        "a session that has ended is of no use",
    ),
    Pruned(
        "records of failed logins",
        "RETENTION['login_attempt_days'] after the attempt",
        "lockout and the staff's look at attacks need weeks, not years",
    ),
    Pruned(
        "unsaved admin forms",
        "RETENTION['task_result_days'] after the last change",
        "Wagtail keeps them to restore an interrupted edit",
    ),
)

# --- what is text but holds nobody ------------------------------------------------------

EDITORIAL = (
    "editorial content written by the staff for everyone; the portal never puts an "
    "applicant's data into pages, images, documents, menus or settings"
)
NOT_PERSONAL_MODELS = {
    "home.PortalSettings": (
        "the operator's published contacts (its officer's work contacts are public by "
        "law)"
    ),
    "home.SocialLink": EDITORIAL,
    "policy.ConsentLedgerHead": "the hash of the ledger's last row",
    "privacy.DataRequestTask": EDITORIAL,
    "submissions.RegistrationVerificationTask": EDITORIAL,
    "submissions.ScreeningTask": EDITORIAL,
    "submissions.ExpertAssessmentTask": EDITORIAL,
    "submissions.DecisionTask": EDITORIAL,
    "submissions.EditorsApprovalTask": EDITORIAL,
    "policy.PolicyEdition": "the published text of the policy",
    "submissions.Subsidiary": "the group's companies",
    "submissions.AssessmentCriterion": "the experts' rubric, written by editors",
    "submissions.RequiredCategory": "settings of the application form",
    "submissions.ResultsAnnouncement": (
        "when a technology request's results were told: the request and a time"
    ),
    "privacy.BreachIncident": (
        "describes an incident, not a person; those affected are the 'applicants' link "
        "and their notices"
    ),
    "privacy.PageVisits": "views per page and day",
    "privacy.DailyVisitor": (
        "keyed hashes of the day's visitors; the key never reaches the database and is "
        "forgotten at midnight, so a stored hash names nobody"
    ),
    "wagtailforms.FormSubmission": (
        "the portal has no Wagtail form pages: its forms store into its own models"
    ),
    "wagtailredirects.Redirect": EDITORIAL,
    "wagtailembeds.Embed": EDITORIAL,
    "wagtaildocs.Document": EDITORIAL,
    "wagtailimages.Image": EDITORIAL,
    "wagtailimages.Rendition": EDITORIAL,
    "wagtailsearch.IndexEntry": "the search index of pages (editorial)",
    "wagtailsearch.SQLiteFTSIndexEntry": "the search index of pages (editorial)",
    "wagtailadmin.EditingSession": "who edits which object now: ids only",
    "wagtailcore.Locale": EDITORIAL,
    "wagtailcore.Site": EDITORIAL,
    "wagtailcore.APIToken": "API tokens of the staff (hashed)",
    "wagtailcore.CollectionViewRestriction": EDITORIAL,
    "wagtailcore.PageViewRestriction": EDITORIAL,
    "wagtailcore.Collection": EDITORIAL,
    "wagtailcore.UploadedFile": "an editor's upload in progress (images, documents)",
    "wagtailcore.WorkflowState": "the state of a workflow: ids and a status",
    "wagtailcore.Workflow": EDITORIAL,
    "wagtailcore.Task": EDITORIAL,
    "wagtailcore.GroupApprovalTask": EDITORIAL,
    "wagtailcore.PageLogEntry": (
        "the audit of pages: editors' actions on editorial pages"
    ),
    "wagtailcore.Comment": "editors' comments on pages",
    "wagtailcore.CommentReply": "editors' comments on pages",
    "wagtailcore.ReferenceIndex": "which object refers to which: ids and paths",
    "taggit.Tag": EDITORIAL,
    "captcha.CaptchaStore": (
        "a random challenge and its answer, expired after minutes"
    ),
    "otp_static.StaticToken": "a recovery code, deleted with its device",
    "auth.Permission": "permissions",
    "auth.Group": "roles",
    "contenttypes.ContentType": "model names",
}
# Models that exist only on some databases (Wagtail's SQLite full-text index).
ON_SOME_DATABASES = {"wagtailsearch.SQLiteFTSIndexEntry"}
# Fields of the holdings' models (or of the library models above) that hold nobody.
NOT_PERSONAL_FIELDS = {
    "accounts.User.language": "the language chosen for the interface and e-mails",
    "accounts.SentEmail.kind": "the kind of e-mail",
    "accounts.SentEmail.reference": "the application's reference",
    "accounts.SentEmail.task_run": "the background task's id",
    "policy.ConsentRecord.text_sha256": "the hash of the published text",
    "policy.ConsentRecord.language": "the language of the published text shown",
    "policy.ConsentRecord.purpose": "a choice",
    "policy.ConsentRecord.form_name": "which form",
    "policy.ConsentRecord.record_hash": "the row's hash in the chain",
    "policy.ConsentRecord.previous_hash": "the hash of the row before",
    "policy.ConsentRecord.evidence_hash": "the hash of the network and browser",
    "policy.ConsentRecord.withdrawal_hash": "the hash of the withdrawal",
    "policy.EditionNotice.status": "a status",
    "privacy.BreachNotice.status": "a status",
    "privacy.DataSubjectRequest.kind": "a choice",
    "privacy.DataSubjectRequest.purpose": "a choice",
    "privacy.DataSubjectRequest.status": "a status",
    "privacy.DataExport.status": "a status",
    "submissions.ApplicantProfile.person_type": "a choice",
    "submissions.ApplicantProfile.status": "a status",
    "submissions.RegistrationRequest.person_type": "a choice",
    "submissions.RepresentedConsent.decision": "a choice",
    "submissions.Application.reference": "the portal's number",
    "submissions.Application.status": "a status",
    "submissions.Application.kind": "a choice",
    "submissions.ApplicationFile.category": "a choice",
    "submissions.ApplicationFile.sha256": "a hash of the file",
    "submissions.ApplicationFile.content_type": "the file's type",
    "submissions.ApplicationMessage.requested_category": "a choice",
    "submissions.ExpertAssessment.recommendation": "a choice",
    "submissions.AccessLog.action": "a choice",
    "submissions.Disclosure.action": "a choice",
    "wagtailusers.UserProfile.preferred_language": "a preference",
    "wagtailusers.UserProfile.current_time_zone": "a preference",
    "wagtailusers.UserProfile.dismissibles": "which tips were dismissed",
    "wagtailusers.UserProfile.theme": "a preference",
    "wagtailusers.UserProfile.contrast": "a preference",
    "wagtailusers.UserProfile.density": "a preference",
    "wagtailcore.Revision.object_id": "an id",
    "wagtailcore.ModelLogEntry.action": "the action's name",
    "wagtailcore.ModelLogEntry.object_id": "an id",
    "wagtailcore.TaskState.status": "a status",
    "wagtailadmin.FormState.object_id": "an id",
    "wagtailadmin.FormState.parent_object_id": "an id",
    "sessions.Session.session_key": "the session's key (the row goes with the data)",
}
# Pages (every subclass of wagtailcore.Page) are editorial, like NOT_PERSONAL_MODELS.
PAGES_ARE_EDITORIAL = EDITORIAL


def holding(model_label):
    """The holding of ``model_label`` ("app.Model"), or None."""
    return next((h for h in HOLDINGS if h.model == model_label), None)


def declared_fields():
    """Every "app.Model.field" the inventory names, as personal data or not."""
    names = {f"{h.model}.{item.name}" for h in HOLDINGS for item in h.items}
    names |= {f"wagtailcore.TaskState.{TASK_STATE_COMMENTS.name}"}
    names |= {place for place in LIBRARY_PLACES if place.count(".") == 2}
    return names | set(NOT_PERSONAL_FIELDS)


def declared_models():
    """Models declared whole (a library's place listed by model, or not personal)."""
    return {place for place in LIBRARY_PLACES if place.count(".") == 1} | set(
        NOT_PERSONAL_MODELS
    )


ERASURE_WORDS = {
    Action.KEEP: "kept",
    Action.PSEUDONYMISE: "pseudonymised",
    Action.ERASE: "erased",
    Action.DELETE: "deleted",
}


def as_markdown():
    """The inventory in prose, as the README's "Where personal data lives" shows it
    (``manage.py personal_data_inventory`` prints it; a test keeps the README equal)."""
    lines = [
        "| Where | What | Category | Why | On erasure | Exported |",
        "|---|---|---|---|---|---|",
    ]
    for holding in HOLDINGS:
        for item in holding.items:
            erasure = str(ERASURE_WORDS[item.erasure])
            if item.why:
                erasure += f": {item.why}"
            lines.append(
                f"| `{holding.model}` | `{item.name}` | {Category.LABELS[item.category]} "
                f"| {item.purpose} | {erasure} | {'yes' if item.export else 'no'} |"
            )
    lines += ["", "| Where | How long it is kept |", "|---|---|"]
    lines += [f"| `{h.model}` | {h.retention} |" for h in HOLDINGS]
    lines += [
        "",
        "| Kept by Wagtail and the libraries | What happens to it |",
        "|---|---|",
    ]
    lines += [f"| `{place}` | {what} |" for place, what in LIBRARY_PLACES.items()]
    lines += ["", "| Pruned by retention | When | Why |", "|---|---|---|"]
    lines += [f"| {p.what} | {p.period} | {p.purpose} |" for p in PRUNED]
    return "\n".join(lines) + "\n"
