"""Every URL the portal answers, and how the sweep fills each one from the world.

``walk()`` lists every pattern Django's resolver knows (recursively through includes
and namespaces, the i18n prefix included) and the sub-routes of Wagtail's routable pages
(the application steps, the policy's editions). ``urls_for()`` fills a pattern's
arguments from ``FILLERS``, an explicit table of (pattern glob, argument) → the values
from the world; a pattern with an argument no row fills is reported as a problem (and
fails the sweep), so that a new view cannot escape it. ``EXCLUDED`` lists the patterns
never opened, each with its reason.
"""

import fnmatch
import itertools
import zlib
from dataclasses import dataclass, field
from urllib.parse import urlencode

from captcha.models import CaptchaStore
from django.apps import apps
from django.contrib.auth.models import Group
from django.db.models import Model
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from wagtail.admin.models import EditingSession
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Revision,
    Site,
    TaskState,
    UploadedFile,
    Workflow,
    WorkflowState,
    get_page_models,
)
from wagtail.snippets.models import get_snippet_models
from wagtail.workflows import get_task_types

from accounts.models import SentEmail
from policy.models import ConsentRecord, EditionNotice, PolicyEdition
from privacy.models.data_requests import DataSubjectRequest
from privacy.models.exports import DataExport
from privacy.models.incidents import BreachIncident
from submissions.models.applications import (
    Application,
    ApplicationFile,
    AssessmentCriterion,
    FileCategory,
    Subsidiary,
)
from submissions.models.registrations import REGISTRATION_FILES, RegistrationRequest
from tests.exposure.world import password_reset_uid

# The languages besides the default whose prefixes (/kk/, /en/) are sampled: the first
# filled URL of each localized pattern is opened in one of them too, in turn.
SAMPLED_LANGUAGES = ("kk", "en")
# The register exports opened as ?export=… on every list that offers them.
EXPORT_FORMATS = ("csv", "xlsx")
# At most this many URLs per pattern (the fillers already pick representative objects).
MAX_URLS_PER_PATTERN = 40

# Never opened, with the reason. Everything else is, with GET only.
EXCLUDED = {
    "logout": "logs the role out (the sweep would go on as anonymous)",
    "wagtailadmin_logout": (
        "Wagtail deletes the session cookie even when it refuses a GET: the sweep "
        "would go on as anonymous"
    ),
    "wagtailadmin_error_test": "Wagtail's error test page: fails on purpose, shows nothing",
}

# Views that take POST only (a GET answers 405 to whoever may post, a refusal to the
# rest): opened with their first filled URL alone. The sweep fails if one of them
# answers a GET with a page, so that this list cannot hide a view.
POST_ONLY = (
    "wagtailsnippets_*:lock",
    "wagtailsnippets_*:unlock",
    "wagtailadmin_pages:lock",
    "wagtailadmin_pages:unlock",
    "wagtailadmin_pages:set_page_position",
    "wagtailadmin_api:pages:action",
    "wagtailadmin_editing_sessions:*",
    "wagtailadmin_workflows:enable",
    "wagtailadmin_workflows:enable_task",
    "wagtailadmin_workflows:remove",
    "wagtailimages:edit_multiple",
    "wagtailimages:delete_multiple",
    "wagtailimages:delete_upload_multiple",
    "wagtailimages:create_multiple_from_uploaded_image",
    "wagtaildocs:edit_multiple",
    "wagtaildocs:delete_multiple",
    "wagtaildocs:delete_upload_multiple",
    "wagtaildocs:create_multiple_from_uploaded_document",
    "account_application_message",
    "account_application_upload",
    "account_application_publication",
)


def is_post_only(key):
    return any(fnmatch.fnmatchcase(key, glob) for glob in POST_ONLY)


@dataclass(frozen=True)
class Pattern:
    """One URL pattern: its qualified name (``namespace:name``; None if unnamed), its
    full route as written, the arguments to fill (named ones; ``#1``, ``#2`` … for
    unnamed regex groups; ``page`` for a routable page's sub-route), whether it lives
    under the language prefix, and the view."""

    name: str | None
    route: str
    arguments: tuple
    localized: bool = False
    callback: object = None
    page_class: type | None = None
    subpage_name: str | None = None

    @property
    def key(self):
        """How the sweep names the pattern: its qualified name, else its route."""
        if self.page_class is not None:
            return f"{self.page_class.__name__}:{self.subpage_name or 'index'}"
        return self.name or self.route

    @property
    def namespace(self):
        return self.key.rpartition(":")[0] if ":" in self.key else ""


def pattern_arguments(pattern):
    """The argument names a RoutePattern or RegexPattern captures."""
    if isinstance(pattern, RoutePattern):
        return tuple(pattern.converters)
    if isinstance(pattern, RegexPattern):
        named = tuple(pattern.regex.groupindex)
        if named:
            return named
        return tuple(f"#{n}" for n in range(1, pattern.regex.groups + 1))
    return ()


def walk(resolver=None, prefix="", namespace="", arguments=(), localized=False):
    """Every URLPattern under ``resolver`` (the root one by default) as a Pattern, then
    the sub-routes of every routable page model."""
    top = resolver is None
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        captured = arguments + pattern_arguments(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = (
                    f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                )
            found += walk(
                entry,
                route,
                inner,
                captured,
                localized or isinstance(entry.pattern, LocalePrefixPattern),
            )
            continue
        name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
        found.append(Pattern(name, route, captured, localized, entry.callback))
    if top:
        found += routable_subpages()
    return found


def routable_subpages():
    """The sub-routes of Wagtail's routable pages (resolved by the page, not Django)."""
    found = []
    for page_class in get_page_models():
        if not issubclass(page_class, RoutablePageMixin):
            continue
        for entry in page_class.get_subpage_urls():
            found.append(
                Pattern(
                    None,
                    f"<{page_class.__name__}>/{entry.pattern}",
                    ("page", *pattern_arguments(entry.pattern)),
                    callback=entry.callback,
                    page_class=page_class,
                    subpage_name=entry.name,
                )
            )
    return found


def surface_of(key):
    """The row of the matrix a pattern counts in: its namespace for Wagtail's viewsets
    (``wagtailsnippets_submissions_application:*``), one row per wagtail-modeladmin
    register, else the pattern itself."""
    if ":" in key:
        return key.rsplit(":", 1)[0] + ":*"
    if "_modeladmin_" in key:
        return key.split("_modeladmin_")[0] + "_modeladmin_*"
    return key


def offers_export(pattern):
    """Whether the pattern's view is a register with CSV/XLSX exports (``list_export``
    on the view class, its as_view() arguments, or the wagtail-modeladmin ModelAdmin)."""
    callback = pattern.callback
    candidates = [
        getattr(callback, "view_initkwargs", {}).get("list_export"),
        getattr(getattr(callback, "view_class", None), "list_export", None),
        getattr(getattr(callback, "__self__", None), "list_export", None),
    ]
    return any(candidates)


# --- the fillers -----------------------------------------------------------------------


@dataclass(frozen=True)
class Filler:
    """The values of one argument: ``values(world, pattern, chosen)`` where ``chosen``
    holds the arguments named in ``needs``, filled first (as text: objects by pk)."""

    values: object
    needs: tuple = field(default=())


def each(source):
    """A filler of objects that need nothing: ``source(world)``."""
    return Filler(lambda world, pattern, chosen: list(source(world)))


def after(*needs):
    """A filler needing ``needs``: ``source(world, pattern, **chosen)``."""

    def wrap(source):
        return Filler(
            lambda world, pattern, chosen: list(source(world, pattern, **chosen)), needs
        )

    return wrap


# The applications each admin URL of one application is opened for: one in each state
# that decides what a role may see (submitted, assigned, draft, another applicant's,
# blocked). A3 (changes requested) and A4 (approved) are still in every register, export
# and bulk action, and their markers are searched for in every answer.
OPENED_ONE_BY_ONE = ("A1", "A2", "A5", "B1", "B2", "C1")


def applications(world):
    return [world.applications[key] for key in OPENED_ONE_BY_ONE]


def registrations(world):
    return RegistrationRequest.objects.order_by("pk")


def pages(world):
    """The page the page admin's URLs are opened for: the policy (revisions, a draft in
    the approval workflow, a parent). Pages hold no applicant's data; every page is
    opened on the site (``wagtail_serve`` and the routable pages' own routes)."""
    return [world.policy_page]


def sample_users(world):
    """The applicants, and a member of staff."""
    return [*world.applicants.values(), world.staff["reviewer"]]


def snippet_model(pattern):
    """The model of a Wagtail snippet viewset's or chooser's namespace."""
    namespace = pattern.namespace.split(":")[-1]
    for prefix in ("wagtailsnippets_", "wagtailsnippetchoosers_"):
        if namespace.startswith(prefix):
            label = namespace.removeprefix(prefix)
            for model in get_snippet_models():
                if f"{model._meta.app_label}_{model._meta.model_name}" == label:
                    return model
    raise LookupError(f"no snippet model for {pattern.key}")


def instance_of(pattern, pk):
    """The object an admin URL is about: a page (``page_id``/``pk`` of pages) or the
    snippet of the pattern's namespace."""
    if pattern.namespace.startswith("wagtailsnippet"):
        return snippet_model(pattern).objects.get(pk=pk)
    return Page.objects.get(pk=pk).specific


def revisions_of(pattern, pk):
    return Revision.objects.for_instance(instance_of(pattern, pk)).order_by("pk")


def workflow_states_of(pattern, pk):
    return WorkflowState.objects.for_instance(instance_of(pattern, pk)).order_by("pk")


def task_states_of(pattern, pk):
    """The object's latest task state (the one in progress, if any): an action is
    asked of the task at hand; older states are refused alike."""
    return TaskState.objects.filter(
        workflow_state__in=workflow_states_of(pattern, pk)
    ).order_by("-pk")[:1]


def actions_of(world, task_state_id):
    """The action names the task offers anyone (reviewer, expert, approver,
    administrator) on the object; "approve" and "reject" where it offers none (a
    frozen object: asking anyway must be refused)."""
    state = TaskState.objects.get(pk=task_state_id)
    task = state.task.specific
    obj = state.workflow_state.content_object
    names = []
    for role in ("reviewer", "expert", "policy approver", "administrator"):
        for name, _label, _modal in task.get_actions(obj, world.staff[role]):
            if name not in names:
                names.append(name)
    return names or ["approve", "reject"]


def page_types(world):
    """The types of the pages sampled (``pages``)."""
    return [(p._meta.app_label, p._meta.model_name) for p in pages(world)]


def first_and_last(queryset):
    items = list(queryset)
    return items[:1] + items[-1:] if len(items) > 1 else items


def sent_emails(world):
    """The first e-mail to each address of the applicants (theirs and the persons
    represented) and to the reviewer."""
    addresses = [
        *(user.email for user in world.applicants.values()),
        *RegistrationRequest.objects.exclude(represented_email="").values_list(
            "represented_email", flat=True
        ),
        world.staff["reviewer"].email,
    ]
    chosen = []
    for address in addresses:
        chosen += SentEmail.objects.filter(recipient__iexact=address).order_by("pk")[:1]
    return chosen


def one_per_email(model):
    def source(world):
        seen, chosen = set(), []
        for row in model.objects.order_by("pk"):
            if row.email not in seen:
                seen.add(row.email)
                chosen.append(row)
        return chosen

    return source


def page_paths(world):
    """The path of every live page below the site's root, as wagtail_serve takes it."""
    root = Site.objects.get(is_default_site=True).root_page
    chosen = []
    for page in Page.objects.live().descendant_of(root, inclusive=True):
        chosen.append(page.url_path[len(root.url_path) :])
    return chosen


def live_pages_of_class(world, pattern):
    return pattern.page_class.objects.live().order_by("pk")


def bulk_apps(world):
    bulk_action_registry._scan_for_bulk_actions()
    return list(bulk_action_registry.actions)


def snippet_labels(world):
    return [(m._meta.app_label, m._meta.model_name) for m in get_snippet_models()]


def first_tasks(world):
    """The first task of each workflow (the tasks' pages show no applicant)."""
    return [
        workflow.workflow_tasks.order_by("sort_order")[0].task
        for workflow in Workflow.objects.order_by("pk")
        if workflow.workflow_tasks.exists()
    ]


def first_file_of_each_application(world):
    """A file of each application, and the files filed later (the materials asked
    for, the conclusion)."""
    files = [a.files.order_by("pk")[0] for a in world.applications.values()]
    later = ApplicationFile.objects.filter(answers__isnull=False) | (
        ApplicationFile.objects.filter(category=FileCategory.CONCLUSION)
    )
    return files + list(later.order_by("pk"))


def task_type_labels(world):
    return [(m._meta.app_label, m._meta.model_name) for m in get_task_types()]


def settings_models(world):
    return [(m._meta.app_label, m._meta.model_name) for m in settings_registry]


def images_and_renditions(world):
    image = world.image
    return [image.file.name, *(r.file.name for r in image.renditions.all())]


def missing_token(world):
    """A token that was never issued: a real one is a credential, not data to find."""
    return ["sweep-token-never-issued"]


def pairs_first(source):
    """The first halves of (app_label, model_name) pairs."""
    return each(lambda world: sorted({app for app, _model in source(world)}))


def pairs_second(source, needs):
    """The second halves of the (app_label, model_name) pairs whose first half is the
    argument ``needs`` already filled."""
    return after(needs)(
        lambda world, pattern, **chosen: [
            model for app, model in source(world) if app == chosen[needs]
        ]
    )


# (pattern glob, argument) → Filler. The most specific glob that matches (the longest)
# wins; a pattern with an argument nothing here fills fails the sweep.
FILLERS = {
    # --- the moderated snippets (Wagtail's viewsets and choosers) ---
    ("wagtailsnippets_submissions_application:*", "pk"): each(applications),
    ("wagtailsnippetchoosers_submissions_application:*", "pk"): each(applications),
    ("wagtailsnippets_submissions_registrationrequest:*", "pk"): each(registrations),
    ("wagtailsnippetchoosers_submissions_registrationrequest:*", "pk"): each(
        registrations
    ),
    ("wagtailsnippets_submissions_subsidiary:*", "pk"): each(
        lambda world: Subsidiary.objects.order_by("pk")
    ),
    ("wagtailsnippetchoosers_submissions_subsidiary:*", "pk"): each(
        lambda world: Subsidiary.objects.order_by("pk")
    ),
    ("wagtailsnippets_submissions_assessmentcriterion:*", "pk"): each(
        lambda world: AssessmentCriterion.objects.order_by("pk")[:1]
    ),
    ("wagtailsnippetchoosers_submissions_assessmentcriterion:*", "pk"): each(
        lambda world: AssessmentCriterion.objects.order_by("pk")[:1]
    ),
    ("wagtailsnippets_privacy_datasubjectrequest:*", "pk"): each(
        lambda world: DataSubjectRequest.objects.order_by("pk")
    ),
    ("wagtailsnippetchoosers_privacy_datasubjectrequest:*", "pk"): each(
        lambda world: DataSubjectRequest.objects.order_by("pk")
    ),
    ("wagtailsnippets_privacy_breachincident:*", "pk"): each(
        lambda world: BreachIncident.objects.order_by("pk")
    ),
    ("wagtailsnippetchoosers_privacy_breachincident:*", "pk"): each(
        lambda world: BreachIncident.objects.order_by("pk")
    ),
    # what a snippet's pk leads to: its revisions, workflow states and task states
    ("wagtailsnippets_*:*", "revision_id"): after("pk")(
        lambda world, pattern, pk: revisions_of(pattern, pk)
    ),
    ("wagtailsnippets_*:*", "revision_id_a"): after("pk")(
        lambda world, pattern, pk: first_and_last(revisions_of(pattern, pk))[:1]
    ),
    ("wagtailsnippets_*:*", "revision_id_b"): after("pk")(
        lambda world, pattern, pk: ["latest"]
    ),
    ("wagtailsnippets_*:*", "workflow_state_id"): after("pk")(
        lambda world, pattern, pk: workflow_states_of(pattern, pk)
    ),
    ("wagtailsnippets_*:*", "task_state_id"): after("pk")(
        lambda world, pattern, pk: task_states_of(pattern, pk)
    ),
    ("wagtailsnippets_*:*", "action_name"): after("task_state_id")(
        lambda world, pattern, task_state_id: actions_of(world, task_state_id)
    ),
    # --- pages ---
    ("wagtailadmin_pages:*", "page_id"): each(pages),
    ("wagtailadmin_pages:*", "pk"): each(pages),
    ("wagtailadmin_pages:*", "parent_page_id"): each(lambda world: [world.home]),
    ("wagtailadmin_pages:*", "page_to_move_id"): each(pages),
    ("wagtailadmin_pages:*", "destination_id"): each(
        lambda world: [world.home, world.policy_page]
    ),
    ("wagtailadmin_pages:*", "revision_id"): after("page_id")(
        lambda world, pattern, page_id: first_and_last(revisions_of(pattern, page_id))
    ),
    ("wagtailadmin_pages:*", "revision_id_a"): after("pk")(
        lambda world, pattern, pk: first_and_last(revisions_of(pattern, pk))[:1]
    ),
    ("wagtailadmin_pages:*", "revision_id_b"): after("pk")(
        lambda world, pattern, pk: ["latest"]
    ),
    ("wagtailadmin_pages:*", "workflow_state_id"): after("page_id")(
        lambda world, pattern, page_id: workflow_states_of(pattern, page_id)
    ),
    ("wagtailadmin_pages:*", "task_state_id"): after("page_id")(
        lambda world, pattern, page_id: task_states_of(pattern, page_id)
    ),
    ("wagtailadmin_pages:*", "action_name"): after("task_state_id")(
        lambda world, pattern, task_state_id: actions_of(world, task_state_id)
    ),
    ("wagtailadmin_pages:*", "task_id"): after("page_id")(
        lambda world, pattern, page_id: [
            t.task for t in workflow_tasks(Page.objects.get(pk=page_id).specific)
        ]
    ),
    ("wagtailadmin_pages:*", "content_type_app_name"): pairs_first(page_types),
    ("wagtailadmin_pages:*", "content_type_model_name"): pairs_second(
        page_types, "content_type_app_name"
    ),
    ("wagtailadmin_pages:*", "app_label"): pairs_first(page_types),
    ("wagtailadmin_pages:*", "model_name"): pairs_second(page_types, "app_label"),
    ("wagtailadmin_explore*", "parent_page_id"): each(lambda world: [world.home]),
    ("wagtailadmin_choose_page_child", "parent_page_id"): each(
        lambda world: [world.home]
    ),
    ("wagtailadmin_api:pages:*", "pk"): each(pages),
    ("wagtailadmin_api:pages:*", "action_name"): each(lambda world: ["copy"]),
    ("wagtailadmin_api:documents:*", "pk"): each(
        lambda world: get_document_model().objects.all()
    ),
    ("wagtailadmin_api:images:*", "pk"): each(
        lambda world: get_image_model().objects.all()
    ),
    ("wagtailforms:*", "page_id"): each(pages),
    ("simple_translation:submit_page_translation", "page_id"): each(pages),
    ("simple_translation:submit_snippet_translation", "app_label"): pairs_first(
        snippet_labels
    ),
    ("simple_translation:submit_snippet_translation", "model_name"): pairs_second(
        snippet_labels, "app_label"
    ),
    ("simple_translation:submit_snippet_translation", "pk"): after(
        "app_label", "model_name"
    )(
        lambda world, pattern, app_label, model_name: first_and_last(
            apps.get_model(app_label, model_name).objects.order_by("pk")
        )
    ),
    ("wagtailcore_authenticate_with_password", "page_view_restriction_id"): each(
        lambda world: PageViewRestriction.objects.all()
    ),
    ("wagtailcore_authenticate_with_password", "page_id"): after(
        "page_view_restriction_id"
    )(
        lambda world, pattern, page_view_restriction_id: [
            PageViewRestriction.objects.get(pk=page_view_restriction_id).page
        ]
    ),
    ("wagtail_serve", "#1"): each(page_paths),
    # the routable pages' own routes
    ("*:*", "page"): Filler(
        lambda world, pattern, chosen: list(live_pages_of_class(world, pattern))
    ),
    ("ApplicationFormPage:*", "pk"): each(applications),
    # the proposal (its title) and the files (their names)
    ("ApplicationFormPage:step", "number"): each(lambda world: [1, 5]),
    ("ApplicationFormPage:delete_file", "file_id"): after("pk")(
        lambda world, pattern, pk: ApplicationFile.objects.filter(application_id=pk)[:1]
    ),
    ("PolicyPage:*", "number"): each(
        lambda world: sorted(
            set(PolicyEdition.objects.values_list("number", flat=True))
        )
    ),
    # --- workflows, tasks, editing sessions, bulk actions ---
    ("wagtailadmin_workflows:*", "pk"): each(lambda world: Workflow.objects.all()),
    ("wagtailadmin_workflows:*_task", "pk"): each(first_tasks),
    ("wagtailadmin_workflows:remove", "page_pk"): each(pages),
    ("wagtailadmin_workflows:remove", "workflow_pk"): each(
        lambda world: Workflow.objects.all()
    ),
    ("wagtailadmin_workflows:task_chosen", "task_id"): each(first_tasks),
    ("wagtailadmin_workflows:add_task", "app_label"): pairs_first(task_type_labels),
    ("wagtailadmin_workflows:add_task", "model_name"): pairs_second(
        task_type_labels, "app_label"
    ),
    ("wagtailadmin_editing_sessions:*", "session_id"): each(
        lambda world: EditingSession.objects.all()
    ),
    ("wagtailadmin_editing_sessions:ping", "app_label"): after("session_id")(
        lambda world, pattern, session_id: [
            EditingSession.objects.get(pk=session_id).content_type.app_label
        ]
    ),
    ("wagtailadmin_editing_sessions:ping", "model_name"): after("session_id")(
        lambda world, pattern, session_id: [
            EditingSession.objects.get(pk=session_id).content_type.model
        ]
    ),
    ("wagtailadmin_editing_sessions:ping", "object_id"): after("session_id")(
        lambda world, pattern, session_id: [
            EditingSession.objects.get(pk=session_id).object_id
        ]
    ),
    ("wagtail_bulk_action", "app_label"): each(bulk_apps),
    ("wagtail_bulk_action", "model_name"): after("app_label")(
        lambda world, pattern, app_label: list(bulk_action_registry.actions[app_label])
    ),
    ("wagtail_bulk_action", "action"): after("app_label", "model_name")(
        lambda world, pattern, app_label, model_name: list(
            bulk_action_registry.actions[app_label][model_name]
        )
    ),
    ("wagtailadmin_tag_model_autocomplete", "app_name"): each(
        lambda world: ["wagtailimages", "wagtaildocs"]
    ),
    ("wagtailadmin_tag_model_autocomplete", "model_name"): after("app_name")(
        lambda world, pattern, app_name: [
            {"wagtailimages": "image", "wagtaildocs": "document"}[app_name]
        ]
    ),
    # --- users, groups, sites, locales, collections, settings, redirects ---
    ("wagtailusers_users:*", "pk"): each(sample_users),
    ("wagtailusers_groups:*", "pk"): each(lambda world: Group.objects.all()),
    ("wagtailsites:*", "pk"): each(lambda world: Site.objects.all()),
    ("wagtaillocales:*", "pk"): each(lambda world: Locale.objects.all()),
    ("wagtailadmin_collections:*", "pk"): each(lambda world: Collection.objects.all()),
    ("wagtailadmin_collections:*", "collection_id"): each(
        lambda world: Collection.objects.all()
    ),
    ("wagtailsettings:*", "app_name"): pairs_first(settings_models),
    ("wagtailsettings:*", "model_name"): pairs_second(settings_models, "app_name"),
    ("wagtailsettings:*", "pk"): each(lambda world: Site.objects.all()),
    ("wagtailredirects:*", "redirect_id"): each(lambda world: Redirect.objects.all()),
    # --- images and documents ---
    ("wagtailimages*", "image_id"): each(lambda world: [world.image]),
    ("wagtailimages_chooser:*", "pk"): each(lambda world: [world.image]),
    ("wagtailimages:preview", "filter_spec"): each(
        lambda world: ["original", "fill-2x2"]
    ),
    ("wagtailimages:*", "uploaded_file_id"): each(
        lambda world: UploadedFile.objects.filter(for_content_type__model="image")
    ),
    ("wagtaildocs:*", "document_id"): each(lambda world: [world.document]),
    ("wagtaildocs:*", "doc_id"): each(lambda world: [world.document]),
    ("wagtaildocs:*", "uploaded_file_id"): each(
        lambda world: UploadedFile.objects.filter(for_content_type__model="document")
    ),
    ("wagtaildocs_chooser:*", "pk"): each(lambda world: [world.document]),
    ("wagtaildocs_serve", "#1"): each(lambda world: [world.document]),
    ("wagtaildocs_serve", "#2"): after("#1")(
        lambda world, pattern, **chosen: [world.document.filename]
    ),
    ("wagtaildocs_authenticate_with_password", "restriction_id"): each(
        lambda world: CollectionViewRestriction.objects.all()
    ),
    ("public_media", "path"): each(images_and_renditions),
    # --- wagtail-modeladmin registers ---
    ("accounts_sentemail_modeladmin_*", "instance_pk"): each(sent_emails),
    ("policy_policyedition_modeladmin_*", "instance_pk"): each(
        lambda world: PolicyEdition.objects.all()
    ),
    ("policy_consentrecord_modeladmin_*", "instance_pk"): each(
        one_per_email(ConsentRecord)
    ),
    ("policy_editionnotice_modeladmin_*", "instance_pk"): each(
        one_per_email(EditionNotice)
    ),
    # --- the portal's own admin views ---
    ("application_admin_*", "pk"): each(applications),
    ("application_assessment", "pk"): each(applications),
    ("application_declaration", "pk"): each(applications),
    ("applicant_access_report", "user_id"): each(
        lambda world: world.applicants.values()
    ),
    ("applicant_unblock", "user_id"): each(lambda world: world.applicants.values()),
    ("consent_certificate_admin", "user_id"): each(
        lambda world: world.applicants.values()
    ),
    ("opi_2fa_reset", "user_id"): each(sample_users),
    ("incident_*", "pk"): each(lambda world: BreachIncident.objects.all()),
    ("incident_authority_export", "spreadsheet_format"): each(
        lambda world: ["csv", "xlsx"]
    ),
    # --- the public site and the applicant's account ---
    ("account_application*", "pk"): each(applications),
    ("account_application_upload", "message_id"): after("pk")(
        lambda world, pattern, pk: Application.objects.get(pk=pk).messages.all()
    ),
    ("download_data_export", "pk"): each(lambda world: DataExport.objects.all()),
    ("registration_file", "pk"): each(registrations),
    ("registration_file", "kind"): each(lambda world: list(REGISTRATION_FILES)),
    ("application_file", "pk"): each(first_file_of_each_application),
    ("captcha-*", "key"): each(lambda world: [CaptchaStore.generate_key()]),
    ("*password_reset_confirm", "uidb64"): each(
        lambda world: [password_reset_uid(world.applicants["A"])]
    ),
    ("*password_reset_confirm", "token"): each(missing_token),
    ("verify_email", "token"): each(missing_token),
}

# Unnamed patterns with arguments: the paths opened for them.
UNNAMED_PATHS = {
    "admin/^.*/$": ["/admin/no-such-admin-page/"],
}


def workflow_tasks(page):
    workflow = page.get_workflow()
    return list(workflow.workflow_tasks.all()) if workflow else []


def filler_for(pattern, argument):
    """The most specific filler of ``argument`` for ``pattern``, or None."""
    matching = [
        (len(glob), filler)
        for (glob, name), filler in FILLERS.items()
        if name == argument and fnmatch.fnmatchcase(pattern.key, glob)
    ]
    return max(matching, key=lambda pair: pair[0])[1] if matching else None


def as_text(value):
    return str(value.pk) if isinstance(value, Model) else str(value)


def fill_order(arguments, fillers):
    """The arguments, each after those its filler needs."""
    ordered = []
    pending = list(arguments)
    while pending:
        ready = [a for a in pending if all(n in ordered for n in fillers[a].needs)]
        if not ready:
            raise LookupError(f"circular or missing needs among {pending}")
        ordered += ready
        pending = [a for a in pending if a not in ready]
    return ordered


def combinations(pattern, world, fillers):
    """Every filling of the pattern's arguments, as {argument: value}."""
    order = fill_order(pattern.arguments, fillers)

    def expand(index, chosen):
        if index == len(order):
            yield dict(chosen)
            return
        name = order[index]
        filler = fillers[name]
        needed = {n: as_text(chosen[n]) for n in filler.needs}
        for value in filler.values(world, pattern, needed):
            chosen[name] = value
            yield from expand(index + 1, chosen)
        chosen.pop(name, None)

    return expand(0, {})


def build_url(pattern, values):
    """The URL of ``pattern`` with ``values`` (objects become their pk)."""
    if pattern.page_class is not None:
        page = values["page"]
        kwargs = {k: as_text(v) for k, v in values.items() if k != "page"}
        base = page.url.rstrip("/") + "/"
        if pattern.subpage_name is None:
            return base
        return base + page.reverse_subpage(pattern.subpage_name, kwargs=kwargs).lstrip(
            "/"
        )
    positional = [as_text(values[a]) for a in pattern.arguments if a.startswith("#")]
    kwargs = {k: as_text(v) for k, v in values.items() if not k.startswith("#")}
    if positional:
        return reverse(pattern.name, args=positional)
    return reverse(pattern.name, kwargs=kwargs)


def urls_for(pattern, world):
    """(URLs to open, problem): the pattern filled from the world, in the default
    language, its first URL in the sampled languages if it is localized, and the
    query variants (``QUERY_VARIANTS``, exports of registers). The problem (a string)
    says why it could not be filled."""
    if pattern.name is None and pattern.page_class is None:
        if not pattern.arguments:
            return ["/" + pattern.route.lstrip("^").rstrip("$")], None
        if pattern.route not in UNNAMED_PATHS:
            return [], "an unnamed pattern with arguments and no path in UNNAMED_PATHS"
        return list(UNNAMED_PATHS[pattern.route]), None
    fillers = {}
    for argument in pattern.arguments:
        filler = filler_for(pattern, argument)
        if filler is None:
            return [], f"no filler for its argument {argument!r}"
        fillers[argument] = filler
    urls = []
    limit = 1 if is_post_only(pattern.key) else MAX_URLS_PER_PATTERN
    try:
        for values in itertools.islice(combinations(pattern, world, fillers), limit):
            url = build_url(pattern, values)
            if pattern.key not in QUERY_ONLY:
                urls.append(url)
            urls += [f"{url}?{query}" for query in query_variants(pattern, values)]
    except (NoReverseMatch, LookupError) as error:
        return [], f"cannot be filled: {error}"
    if not urls:
        return [], "its fillers found no object in the world"
    if pattern.localized:
        # the default language has no prefix: the same path under /kk/ or /en/
        language = SAMPLED_LANGUAGES[zlib.crc32(pattern.key.encode()) % 2]
        urls.append(f"/{language}{urls[0]}")
    return urls, None


def selected_ids(values):
    """A bulk action's confirmation with every object of its model in the world
    selected (``?id=1&id=2…``): what it lists of them is what it shows."""
    model = apps.get_model(values["app_label"], values["model_name"])
    pks = model.objects.order_by("pk").values_list("pk", flat=True)[:20]
    return [urlencode([("id", pk) for pk in pks])]


# Query strings opened besides a pattern's bare URL: pattern glob → (filled values) →
# query strings. Registers with exports get ?export=csv and ?export=xlsx (see
# ``offers_export``).
QUERY_VARIANTS = {
    "wagtail_bulk_action": selected_ids,
}
# Patterns opened with their query variants only (a bulk action with nothing selected
# shows nothing).
QUERY_ONLY = ("wagtail_bulk_action",)


def query_variants(pattern, values):
    """The extra query strings of one filled URL of ``pattern``."""
    found = []
    for glob, variants in QUERY_VARIANTS.items():
        if fnmatch.fnmatchcase(pattern.key, glob):
            found += variants(values)
    if offers_export(pattern):
        found += [f"export={spreadsheet}" for spreadsheet in EXPORT_FORMATS]
    return found
