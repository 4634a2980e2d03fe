"""Factories that build the portal's world for tests, and the data they are made of.

People (applicants, staff in each role), pages (the site's, the privacy policy), and the
portal's records made the way the portal makes them: registrations through
``submit_for_verification``, applications driven through the real review workflow (as
``load_demo`` drives the demo's), files through the upload pipeline's checks and its
private storage, messages through ``post_message``, assessments through the expert's
workflow action, data-subject requests through ``file_request``, incidents with their
notices through ``notify_affected``. Nothing here writes a status field.

Fixed values (names, BIN, phone, texts) are the ones the tests look for; Faker fills in
the rest, reseeded before every test (tests/conftest.py), so a run is repeatable.
"""

import datetime
import io
import zipfile

import factory
import wagtail_factories
from anyascii import anyascii
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from accounts import roles
from accounts.models import User
from home.models import HomePage, IndexPage, InfoPage
from policy.consent import record_policy_consents
from policy.models import PolicyPage
from privacy.breaches import notify_affected
from privacy.data_requests import file_request
from privacy.models.data_requests import (
    DataRequestKind,
    DataRequestStatus,
    DataSubjectRequest,
)
from privacy.models.incidents import BreachIncident
from submissions.applications.review import (
    add_conclusion,
    declare,
    post_message,
    submit_application,
    withdraw_application,
)
from submissions.files import store_application_file
from submissions.models.applications import (
    Application,
    ApplicationFile,
    ApplicationMessage,
    ApplicationStatus,
    Disclosure,
    ExpertAssessment,
    FileCategory,
    Subsidiary,
)
from submissions.models.registrations import (
    ApplicantProfile,
    PersonType,
    RegistrationRequest,
    VerificationStatus,
)
from submissions.registrations.verification import submit_for_verification
from submissions.technology_requests.pages import (
    TechnologyRequestIndexPage,
    TechnologyRequestPage,
)
from submissions.uploads import clean_file_name
from submissions.validators import validate_application_file, validate_registration_file

DEFAULT_PASSWORD = "correct-horse-battery"

# --- data -------------------------------------------------------------------------------

# The smallest PDF the upload pipeline accepts (no scripts, actions or embedded files).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
VALID_BIN = "940740000911"

# The operators of SQLite's FTS5 query syntax and of PostgreSQL's tsquery, alone and
# around words, and what else a search box receives (the public search's tests, the
# admin's search tests and tests/submissions/test_hostile_input.py send them).
HOSTILE_QUERIES = [
    '"',
    '""',
    'a"b',
    '"a',
    "*",
    "a*",
    "*a",
    "^a",
    "NEAR(a b)",
    "NEAR(a b, 2)",
    "NEAR",
    "a AND",
    "AND a",
    "a AND b",
    "OR",
    "NOT",
    "a NOT b",
    "(",
    ")",
    "(a",
    "{a b}: c",
    "col:val",
    "title:испытания",
    "-a",
    "+",
    "+a",
    "'",
    "a'b",
    "\\",
    "a\\",
    "&",
    "a & b",
    "|",
    "!",
    "!a",
    "<->",
    "a <-> b",
    "a <2> b",
    ":*",
    "a:*",
    "a:*A",
    "\x00",
    "a\x00b",
    "\x01\x1f",
    "x" * 5000,
    "испытание " * 400,
    "!@#$%^&*()_+-={}[]|\\:;\"'<>,.?/~`",
    "...",
    "_",
    "\u202e\u200b\ufeff",
]

VALID_IIN = "900203000002"

# What an applicant types in steps 1–4 of the application form (as posted).
STEP_ANSWERS = {
    1: {
        "title": "Датчик утечек",
        "kind": "equipment",
        "summary": "Оптический датчик утечек газа.",
        "problem": "Поздно обнаруживаются утечки.",
        "application_area": "Газопроводы",
        "trl": "6",
    },
    2: {
        "applicability_criteria": "Участки с высоким давлением.",
        "expected_value": "Меньше потерь газа.",
    },
    3: {"prior_tests": "Стенд, 2025.", "reviews": "", "public_links": ""},
    4: {"permits": "", "lab_report": "", "ip_protection": ""},
}
# The same answers as the application row holds them.
APPLICATION_ANSWERS = {
    name: int(value) if name == "trl" else value
    for step in STEP_ANSWERS.values()
    for name, value in step.items()
}
# The categories the application form page of the tests requires (conftest.apply_page).
REQUIRED_CATEGORIES = (FileCategory.TECHNICAL, FileCategory.PRESENTATION)
# An expert's scores: 4.2 on average, recommended.
ASSESSMENT_SCORES = {
    "novelty": 4,
    "group_fit": 5,
    "economic_effect": 3,
    "safety": 5,
    "readiness": 4,
    "recommendation": ExpertAssessment.RECOMMEND,
}


def pdf(name="документ.pdf", content=PDF):
    """An uploaded PDF, as the browser sends it."""
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx_bytes():
    """A minimal Word document (a ZIP with the parts that make it a DOCX)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"/>',
        )
    return buffer.getvalue()


def zip_of(entries, compression=zipfile.ZIP_DEFLATED):
    """A ZIP archive of ``entries`` (name, content) pairs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in entries:
            archive.writestr(name, content)
    return buffer.getvalue()


def registration_answers(**overrides):
    """The registration form of a legal entity, filled in; an override of None leaves
    the field out."""
    data = {
        "person_type": "legal_entity",
        "full_name": "Сапарова Айгерим Нурлановна",
        "email": "Aigerim@Example.kz",
        "organization": "ТОО «Инновация»",
        "resident": "yes",
        "bin_iin": VALID_BIN,
        "phone": "+7 701 000 00 00",
        "password1": "a-long-and-fine-password",
        "password2": "a-long-and-fine-password",
        "accept_policy": "on",
        "consent_processing": "on",
        "captcha_0": "x",
        "captcha_1": "PASSED",
        "registration_certificate": pdf("Свидетельство.pdf"),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def policy_fields(**overrides):
    """The fields of a privacy policy page with two sections."""
    fields = {
        "title": "Политика конфиденциальности",
        "slug": "policy",
        "document_code": "KMGE-GD-471.1-21/14",
        "approval_order_number": "128-П",
        "approval_order_date": datetime.date(2026, 3, 2),
        "approved_by": "Приказ генерального директора",
        "effective_date": datetime.date(2026, 3, 10),
        "introduction": "<p>Как портал обращается с персональными данными.</p>",
        "body": [
            {
                "type": "section",
                "value": {
                    "heading": "Общие положения",
                    "clauses": [
                        "<p>Политика действует для всех пользователей портала.</p>",
                        "<p>Термины:</p><ul><li>оператор;</li><li>субъект.</li></ul>",
                    ],
                },
            },
            {
                "type": "section",
                "value": {
                    "heading": "Состав данных",
                    "clauses": ["<p>Фамилия, имя, электронная почта, телефон.</p>"],
                },
            },
        ],
        "consent_statement": "<p>Я даю согласие на обработку моих персональных данных.</p>",
    }
    fields.update(overrides)
    return fields


# --- pages ----------------------------------------------------------------------------------


def site_home():
    """The home page the data migration created as the default site's root."""
    return Site.objects.get(is_default_site=True).root_page.specific


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def go_live(page, **changes):
    """Publish ``page`` with ``changes`` through a new revision (for a policy page, the
    next frozen edition); returns the revision."""
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    return revision


def slug_for(title):
    """The ASCII slug the admin would propose for a (Russian) title."""
    return slugify(anyascii(title))


def add_info_page(parent, **fields):
    fields.setdefault("title", "Страница")
    fields.setdefault("slug", slug_for(fields["title"]))
    page = InfoPage(**fields)
    parent.add_child(instance=page)
    return publish(page)


def add_news_index(home_page, **fields):
    """A published section "Новости" (/news/) under ``home_page``, which lists its
    latest news (the home page is published again)."""
    fields.setdefault("title", "Новости")
    fields.setdefault("slug", "news")
    news = IndexPage(**fields)
    home_page.add_child(instance=news)
    publish(news)
    home_page.news_index = news
    publish(home_page)
    return news


def translate(page, language_code, **fields):
    """A published translation of ``page`` in ``language_code`` with ``fields`` changed."""
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return publish(translation)


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Центр ОПИ"
    hero_title = "Опытно-промышленные испытания"


class InfoPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InfoPage

    title = factory.Sequence(lambda n: f"Страница {n}")
    intro = "Короткое введение к странице."


class IndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = IndexPage

    title = factory.Sequence(lambda n: f"Раздел {n}")


POLICY = policy_fields()


class PolicyPageFactory(wagtail_factories.PageFactory):
    """The privacy policy under the home page, a draft (``policy_fields``);
    ``published=True`` makes it go live, which freezes edition 1."""

    class Meta:
        model = PolicyPage
        skip_postgeneration_save = True

    parent = factory.LazyFunction(site_home)
    live = False
    title = POLICY["title"]
    slug = POLICY["slug"]
    document_code = POLICY["document_code"]
    approval_order_number = POLICY["approval_order_number"]
    approval_order_date = POLICY["approval_order_date"]
    approved_by = POLICY["approved_by"]
    effective_date = POLICY["effective_date"]
    introduction = POLICY["introduction"]
    body = factory.LazyFunction(lambda: policy_fields()["body"])
    consent_statement = POLICY["consent_statement"]

    @factory.post_generation
    def published(page, create, extracted, **kwargs):
        if create and extracted:
            go_live(page)


# --- people -----------------------------------------------------------------------------


def in_role(default_role=None):
    """The ``groups`` of a user factory: the groups (or role names) given, else
    ``default_role``."""

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        wanted = extracted or ([default_role] if default_role else [])
        if create and wanted:
            user.groups.add(
                *(
                    Group.objects.get(name=group) if isinstance(group, str) else group
                    for group in wanted
                )
            )

    return groups


class UserFactory(factory.django.DjangoModelFactory):
    """A person with an account and the password ``DEFAULT_PASSWORD``; ``groups`` takes
    groups or role names (accounts.roles)."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.kz")
    full_name = factory.Faker("name", locale="ru_RU")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)
    groups = in_role()

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()  # the password set after the row was made


class EditorFactory(UserFactory):
    email = factory.Sequence(lambda n: f"editor{n}@example.kz")
    groups = in_role(roles.EDITORS)


class PolicyApproverFactory(UserFactory):
    email = factory.Sequence(lambda n: f"approver{n}@example.kz")
    groups = in_role(roles.POLICY_APPROVERS)


class ReviewerFactory(UserFactory):
    email = factory.Sequence(lambda n: f"reviewer{n}@example.kz")
    groups = in_role(roles.REVIEWERS)


class ExpertFactory(UserFactory):
    email = factory.Sequence(lambda n: f"expert{n}@example.kz")
    groups = in_role(roles.EXPERTS)


class AdministratorFactory(UserFactory):
    """A superuser: every permission, the admin's own user management."""

    email = factory.Sequence(lambda n: f"admin{n}@example.kz")
    is_superuser = True
    is_staff = True


STAFF_FACTORIES = {
    roles.EDITORS: EditorFactory,
    roles.POLICY_APPROVERS: PolicyApproverFactory,
    roles.REVIEWERS: ReviewerFactory,
    roles.EXPERTS: ExpertFactory,
}


def on_duty(role):
    """The first active member of ``role`` (by name), made if the role has nobody: who
    acts in the workflow when a factory is not told who."""
    return roles.members_of(role).first() or STAFF_FACTORIES[role]()


class ApplicantProfileFactory(factory.django.DjangoModelFactory):
    """An applicant's profile: a legal entity, verified. Traits: ``awaiting``
    (verification), ``individual``; ``certificate=True`` attaches the certificate of
    state registration as the registration form stores it."""

    class Meta:
        model = ApplicantProfile
        skip_postgeneration_save = True

    class Params:
        awaiting = factory.Trait(status=VerificationStatus.AWAITING, verified_at=None)
        individual = factory.Trait(
            person_type=PersonType.INDIVIDUAL, organization="", bin_iin=""
        )

    user = factory.SubFactory(
        UserFactory,
        email=factory.Sequence(lambda n: f"applicant{n}@example.kz"),
        email_verified_at=factory.LazyFunction(timezone.now),
    )
    person_type = PersonType.LEGAL_ENTITY
    full_name = "Иванов Иван"
    organization = "ТОО «Датчик»"
    bin_iin = VALID_BIN
    phone = "+7 701 000 00 00"
    status = VerificationStatus.VERIFIED
    verified_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def certificate(profile, create, extracted, **kwargs):
        if not (create and extracted):
            return
        upload = pdf("Свидетельство.pdf")
        extension = validate_registration_file(upload)
        profile.registration_certificate.save(f"file.{extension}", upload, save=False)
        profile.registration_certificate_name = clean_file_name(upload.name)
        profile.save()


class ApplicantFactory(UserFactory):
    """An applicant: a user whose address is confirmed, with an ApplicantProfile (a
    verified legal entity unless ``awaiting=True`` / ``individual=True``; other profile
    fields as ``profile__<field>``). ``consents=edition`` records the two consents of a
    registration to that policy edition."""

    class Params:
        # handed to the profile's traits (a Trait of "profile__…" values would apply
        # to every applicant: factory_boy applies those of a RelatedFactory always)
        awaiting = False
        individual = False

    email = factory.Sequence(lambda n: f"applicant{n}@example.kz")
    email_verified_at = factory.LazyFunction(timezone.now)
    profile = factory.RelatedFactory(
        ApplicantProfileFactory,
        factory_related_name="user",
        awaiting=factory.SelfAttribute("..awaiting"),
        individual=factory.SelfAttribute("..individual"),
    )

    @factory.post_generation
    def consents(user, create, extracted, **kwargs):
        if create and extracted is not None:
            record_policy_consents(
                edition=extracted, email=user.email, form_name="registration", user=user
            )


# --- registrations ----------------------------------------------------------------------


class RegistrationRequestFactory(factory.django.DjangoModelFactory):
    """A registration as the portal makes it: the profile's details sent to the
    "Registration verification" workflow by ``submit_for_verification``. ``status``
    (VerificationStatus) is reached through the reviewer's action: ``verified``
    (approve) or ``changes_requested`` (reject, with ``comment``)."""

    class Meta:
        model = RegistrationRequest

    profile = factory.SubFactory(
        ApplicantProfileFactory, awaiting=True, certificate=True
    )

    @classmethod
    def _create(
        cls,
        model_class,
        profile,
        status=VerificationStatus.AWAITING,
        reviewed_by=None,
        comment="Приложите свидетельство целиком.",
    ):
        registration = submit_for_verification(profile, profile.user)
        action = {
            VerificationStatus.AWAITING: None,
            VerificationStatus.VERIFIED: "approve",
            VerificationStatus.CHANGES_REQUESTED: "reject",
        }[status]
        if action:
            reviewer = reviewed_by or on_duty(roles.REVIEWERS)
            state = model_class.objects.get(
                pk=registration.pk
            ).current_workflow_task_state
            extra = {"comment": comment} if action == "reject" else {}
            state.task.specific.on_action(state, reviewer, action, **extra)
        return model_class.objects.get(pk=registration.pk)


# --- applications -----------------------------------------------------------------------


class ApplicationFileFactory(factory.django.DjangoModelFactory):
    """A file of an application: ``content`` (a small PDF) checked by the upload
    pipeline (type by content, name, PDF, antivirus) and stored privately by
    ``store_application_file``, as the files step does. A ``conclusion`` goes through
    ``add_conclusion`` (the application must be approved)."""

    class Meta:
        model = ApplicationFile

    application = factory.SubFactory("tests.factories.ApplicationFactory", files=False)
    category = FileCategory.TECHNICAL
    original_name = "документ.pdf"
    content = PDF
    uploaded_by = factory.LazyAttribute(lambda o: o.application.applicant)
    answers = None

    @classmethod
    def _create(
        cls, model_class, application, category, original_name, content, **rest
    ):
        upload = SimpleUploadedFile(original_name, content)
        upload.checked_extension, upload.checked_type = validate_application_file(
            upload
        )
        if category == FileCategory.CONCLUSION:
            return add_conclusion(application, upload, rest["uploaded_by"])
        return store_application_file(
            application, upload, category, rest["uploaded_by"], answers=rest["answers"]
        )


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application of a verified applicant as the six steps leave it: a draft row
    with steps 1–4 answered and a PDF in each required category (``files=False``: none).

    ``status`` is reached through the real review workflow, as ``load_demo`` drives its
    applications: submitted by the applicant, then screened, assessed and decided by
    ``reviewed_by`` and ``experts`` (the first reviewer and expert on duty when not
    given), who declare no conflict of interest as they are given access
    (``declared=False``: they have not declared yet). ``comment`` is the reviewer's for
    changes, a rejection or the approval."""

    class Meta:
        model = Application

    applicant = factory.SubFactory(ApplicantFactory)
    live = False
    title = APPLICATION_ANSWERS["title"]
    kind = APPLICATION_ANSWERS["kind"]
    summary = APPLICATION_ANSWERS["summary"]
    problem = APPLICATION_ANSWERS["problem"]
    application_area = APPLICATION_ANSWERS["application_area"]
    trl = APPLICATION_ANSWERS["trl"]
    applicability_criteria = APPLICATION_ANSWERS["applicability_criteria"]
    expected_value = APPLICATION_ANSWERS["expected_value"]
    prior_tests = APPLICATION_ANSWERS["prior_tests"]
    # reviews, public links, permits, lab report, IP protection: left blank, as in
    # STEP_ANSWERS

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        status=ApplicationStatus.DRAFT,
        files=True,
        reviewed_by=None,
        experts=None,
        comment=None,
        declared=True,
        **fields,
    ):
        application = super()._create(model_class, *args, **fields)
        if files:
            for category in REQUIRED_CATEGORIES:
                ApplicationFileFactory(
                    application=application,
                    category=category,
                    original_name=f"{category}.pdf",
                )
        drive(application, status, reviewed_by, experts, comment, declared=declared)
        return model_class.objects.get(pk=application.pk)


DEFAULT_COMMENTS = {
    "changes": "Уточните ожидаемый экономический эффект.",
    "rejected": "Решение уже применяется в группе.",
    "approved": "Рекомендовано к ОПИ.",
}


NO_CONFLICT_STATEMENT = "Не работаю с организацией и не связан(а) с ней ничем."


def drive(
    application, status, reviewer=None, experts=None, comment=None, *, declared=True
):
    """Take a new draft through the review workflow to ``status`` (load_demo's drive):
    the applicant submits; the reviewer and the experts act on the task in progress,
    the experts declaring no conflict of interest first (unless not ``declared``, when
    the status is the expert assessment)."""
    if status == ApplicationStatus.DRAFT:
        return
    applicant = application.applicant
    application.rights_confirmed = True
    submit_application(application, applicant)
    if status == ApplicationStatus.SCREENING:
        return
    if status == ApplicationStatus.WITHDRAWN:
        withdraw_application(Application.objects.get(pk=application.pk), applicant)
        return
    reviewer = reviewer or on_duty(roles.REVIEWERS)
    if status == ApplicationStatus.CHANGES_REQUESTED:
        comment = comment or DEFAULT_COMMENTS["changes"]
        act_on(application, reviewer, "reject", comment=comment)
        return
    if status == ApplicationStatus.REJECTED:
        comment = comment or DEFAULT_COMMENTS["rejected"]
        act_on(application, reviewer, "decline", comment=comment)
        return
    experts = experts or [on_duty(roles.EXPERTS)]
    act_on(application, reviewer, "approve", experts=[e.pk for e in experts])
    if declared or status != ApplicationStatus.ASSESSMENT:
        for expert in experts:
            declare_no_conflict(application, expert)
    if status == ApplicationStatus.ASSESSMENT:
        return
    for expert in experts:
        ExpertAssessmentFactory(application=application, expert=expert)
    if status == ApplicationStatus.APPROVED:
        act_on(
            application,
            reviewer,
            "approve",
            comment=comment or DEFAULT_COMMENTS["approved"],
        )


def declare_no_conflict(application, expert, statement=NO_CONFLICT_STATEMENT):
    """``expert`` declares no conflict of interest with ``application``'s applicant."""
    return declare(application, expert, Disclosure.NO_CONFLICT, statement)


def act_on(obj, user, action, **data):
    """``user``'s ``action`` on the task in progress of ``obj``'s workflow."""
    state = type(obj).objects.get(pk=obj.pk).current_workflow_task_state
    state.task.specific.on_action(state, user, action, **data)


class ExpertAssessmentFactory(factory.django.DjangoModelFactory):
    """An expert's assessment, given through the "assess" action of the assessment
    task (``expert`` must be assigned; by default the first one who is)."""

    class Meta:
        model = ExpertAssessment

    application = factory.SubFactory(
        ApplicationFactory, status=ApplicationStatus.ASSESSMENT
    )
    expert = factory.LazyAttribute(lambda o: o.application.experts.order_by("pk")[0])
    novelty = ASSESSMENT_SCORES["novelty"]
    group_fit = ASSESSMENT_SCORES["group_fit"]
    economic_effect = ASSESSMENT_SCORES["economic_effect"]
    safety = ASSESSMENT_SCORES["safety"]
    readiness = ASSESSMENT_SCORES["readiness"]
    recommendation = ASSESSMENT_SCORES["recommendation"]
    comment = factory.Faker("sentence", locale="ru_RU")

    @classmethod
    def _create(cls, model_class, application, expert, **answers):
        state = Application.objects.get(pk=application.pk).current_workflow_task_state
        state.task.specific.on_action(state, expert, "assess", **answers)
        return model_class.objects.get(task_state=state, expert=expert)


class ApplicationMessageFactory(factory.django.DjangoModelFactory):
    """A message in an application's thread, posted by ``post_message`` (which tells
    the other side once the transaction commits). By the reviewer on duty; traits:
    ``note`` (internal), ``request_for_materials``, ``from_applicant``."""

    class Meta:
        model = ApplicationMessage

    class Params:
        note = factory.Trait(internal=True)
        request_for_materials = factory.Trait(
            requested_category=FileCategory.TEST_RESULTS
        )
        from_applicant = factory.Trait(
            author=factory.LazyAttribute(lambda o: o.application.applicant)
        )

    application = factory.SubFactory(
        ApplicationFactory, status=ApplicationStatus.SCREENING
    )
    author = factory.LazyFunction(lambda: on_duty(roles.REVIEWERS))
    body = factory.Faker("paragraph", locale="ru_RU")
    internal = False
    requested_category = ""

    @classmethod
    def _create(cls, model_class, application, author, body, **options):
        return post_message(application, author, body, **options)


# --- personal data ------------------------------------------------------------------------


class DataSubjectRequestFactory(factory.django.DjangoModelFactory):
    """A request of the data subject, filed by ``file_request`` into the "Data requests"
    workflow (an export by default; trait ``withdrawal``: of the consent to
    processing). ``status`` done or refused is reached through the reviewer's
    action, with ``answer`` as their words; a request marked done is carried out."""

    class Meta:
        model = DataSubjectRequest

    class Params:
        withdrawal = factory.Trait(
            kind=DataRequestKind.WITHDRAW_CONSENT, purpose="personal_data_processing"
        )

    requester = factory.SubFactory(ApplicantFactory)
    kind = DataRequestKind.EXPORT
    purpose = ""
    details = factory.Faker("sentence", locale="ru_RU")

    @classmethod
    def _create(
        cls,
        model_class,
        requester,
        status=DataRequestStatus.RECEIVED,
        answered_by=None,
        answer="Готово.",
        **data,
    ):
        request = file_request(requester, data)
        if status != DataRequestStatus.RECEIVED:
            action = "approve" if status == DataRequestStatus.DONE else "decline"
            reviewer = answered_by or on_duty(roles.REVIEWERS)
            act_on(request, reviewer, action, comment=answer)
        return model_class.objects.get(pk=request.pk)


class BreachIncidentFactory(factory.django.DjangoModelFactory):
    """An incident of loss or disclosure affecting ``applicants``; ``notified_by=user``
    queues one notice per affected applicant (``notify_affected``), sent once the
    transaction commits."""

    class Meta:
        model = BreachIncident
        skip_postgeneration_save = True

    what = factory.Faker("sentence", locale="ru_RU")
    detected_at = factory.LazyFunction(timezone.now)
    data_affected = "ФИО, телефон, БИН/ИИН"
    measures = factory.Faker("sentence", locale="ru_RU")

    @factory.post_generation
    def applicants(incident, create, extracted, **kwargs):
        if create and extracted:
            incident.applicants.set(extracted)

    @factory.post_generation
    def notified_by(incident, create, extracted, **kwargs):
        if create and extracted is not None:
            notify_affected(incident, extracted)


__all__ = [
    "APPLICATION_ANSWERS",
    "ASSESSMENT_SCORES",
    "DEFAULT_PASSWORD",
    "PDF",
    "REQUIRED_CATEGORIES",
    "STAFF_FACTORIES",
    "STEP_ANSWERS",
    "VALID_BIN",
    "VALID_IIN",
    "AdministratorFactory",
    "ApplicantFactory",
    "ApplicantProfileFactory",
    "ApplicationFactory",
    "ApplicationFileFactory",
    "ApplicationMessageFactory",
    "BreachIncidentFactory",
    "DataSubjectRequestFactory",
    "EditorFactory",
    "ExpertAssessmentFactory",
    "ExpertFactory",
    "HomePageFactory",
    "IndexPageFactory",
    "InfoPageFactory",
    "Page",
    "PolicyApproverFactory",
    "PolicyPageFactory",
    "RegistrationRequestFactory",
    "ReviewerFactory",
    "UserFactory",
    "act_on",
    "add_info_page",
    "add_technology_request",
    "docx_bytes",
    "drive",
    "go_live",
    "on_duty",
    "pdf",
    "policy_fields",
    "publish",
    "registration_answers",
    "site_home",
    "slug_for",
    "translate",
    "zip_of",
]


# --- technology requests ------------------------------------------------------------------

REQUEST_QUESTIONS = [
    {
        "type": "short_text",
        "value": {"label": "Дебит скважины", "help_text": "", "required": True},
    },
    {
        "type": "yes_no",
        "value": {
            "label": "Есть опыт на месторождениях Казахстана?",
            "help_text": "",
            "required": True,
        },
    },
]


def add_technology_request(title="Очистка попутных вод", *, subsidiary=None, **fields):
    """A published technology request under the "Технологические запросы" index (made
    under the site's home page, published, if there is none yet), open from five days
    ago for thirty days, with ``REQUEST_QUESTIONS`` (a short text and a yes/no) unless
    ``questions`` is given; its question ids are ``[b.id for b in page.questions]``."""
    index = TechnologyRequestIndexPage.objects.first()
    if index is None:
        index = TechnologyRequestIndexPage(
            title="Технологические запросы", slug="requests"
        )
        site_home().add_child(instance=index)
        publish(index)
    today = timezone.localdate()
    fields.setdefault("slug", slug_for(title))
    fields.setdefault("summary", "Нужна технология очистки попутной воды.")
    fields.setdefault("problem", "<p>Воды слишком много.</p>")
    fields.setdefault(
        "solution_requirements", "<p>Не более 20 мг/л нефтепродуктов.</p>"
    )
    fields.setdefault("area", "ecology")
    fields.setdefault("open_from", today - datetime.timedelta(days=5))
    fields.setdefault("closing_on", today + datetime.timedelta(days=30))
    fields.setdefault("questions", REQUEST_QUESTIONS)
    page = TechnologyRequestPage(
        title=title,
        subsidiary=subsidiary
        or Subsidiary.objects.get_or_create(name_ru="АО «Западный нефтепромысел»")[0],
        **fields,
    )
    index.add_child(instance=page)
    return publish(page)
