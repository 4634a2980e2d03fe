"""The world the exposure sweep searches: three applicants and the staff of every role,
built with the suite's factories through the portal's real services (registrations
verified in their workflow, applications driven through the review workflow, files
through the upload pipeline, data requests through their workflow, a data export, an
incident with its notices, a second policy edition with its notices).

Every applicant carries markers: values found nowhere else, so that a page holding one
is showing that applicant's data. Each marker has a kind (``Kind``) and, for what belongs
to one application, the key of that application ("A2"); ``tests.exposure.policy`` says
which role may see which marker.

- A: a legal entity registered through a representative (certificate and power of
  attorney), with applications in screening, in assessment (assigned to the sweep's
  expert), sent back for changes and approved (with a conclusion), and a draft;
- B: an individual registered through a representative, one application in screening
  and a draft;
- C: a legal entity whose data is blocked during a check (their own request, done by a
  reviewer), with one application in screening.
"""

import io
from dataclasses import dataclass, field

import wagtail_factories
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.http import urlsafe_base64_encode
from PIL import Image as PillowImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
    UploadedFile,
)

from core.identifiers import validate_bin_iin
from policy.models import PolicyEdition
from privacy.data_export import request_export
from privacy.models.data_requests import DataRequestKind, DataRequestStatus
from submissions.applications.review import answer_request, assign_experts, declare
from submissions.models.applications import (
    ApplicationStatus,
    Disclosure,
    FileCategory,
    Subsidiary,
)
from submissions.models.registrations import VerificationStatus
from submissions.registrations.represented_consent import give_consent
from submissions.uploads import clean_file_name
from submissions.validators import validate_application_file, validate_registration_file
from tests.factories import (
    PDF,
    AdministratorFactory,
    ApplicantFactory,
    ApplicationFactory,
    ApplicationFileFactory,
    ApplicationMessageFactory,
    BreachIncidentFactory,
    DataSubjectRequestFactory,
    EditorFactory,
    ExpertFactory,
    PolicyApproverFactory,
    RegistrationRequestFactory,
    ReviewerFactory,
    act_on,
    add_info_page,
    drive,
    go_live,
    site_home,
)
from tests.helpers import inspect_url, logged_in


class Kind:
    """What a marker is of its owner."""

    PERSON = "person"  # full name, e-mail, phone, BIN/IIN (also the representative's)
    ORGANIZATION = "organization"
    APPLICATION = "application"  # the title of a submitted application
    APPLICATION_FILES = "application files"
    REGISTRATION_FILES = "registration files"
    DRAFT = "draft"  # the title of a draft, and its files' names


@dataclass(frozen=True)
class Marker:
    """One greppable value of an applicant (``owner``: "A", "B" or "C"); ``application``
    is the key of the application it belongs to ("A2"), for titles and file names."""

    owner: str
    kind: str
    value: str
    application: str | None = None

    def __str__(self):
        where = f" of {self.application}" if self.application else ""
        return f"{self.owner} {self.kind}{where}: {self.value}"


# --- the applicants, as data: what they are made of is what the sweep looks for ---------

PEOPLE = {
    "A": {
        "individual": False,
        "email": "office@alfa-sverka.kz",
        "full_name": "Альфатаев Арман Сверкович",
        "organization": "ТОО «Альфа-Сверка»",
        "organization_marker": "Альфа-Сверка",
        "bin_iin": "070540017311",
        "phone": "+7 701 431 17 01",
        "representative_name": "Дельтаев Данияр Сверкович",
        "represented_email": "head@alfa-sverka.kz",
        "certificate": "Свидетельство-АС-5101.pdf",
        "power_of_attorney": "Доверенность-АС-5102.pdf",
    },
    "B": {
        "individual": True,
        "email": "beta@beta-sverka.kz",
        "full_name": "Бетаева Бота Сверковна",
        "organization": "",
        "bin_iin": "850312401720",
        "phone": "+7 702 431 17 02",
        "representative_name": "Эпсилонова Элина Сверковна",
        "represented_email": "bota.self@beta-sverka.kz",
        "certificate": None,
        "power_of_attorney": "Доверенность-БС-5202.pdf",
    },
    "C": {
        "individual": False,
        "email": "gamma@gamma-sverka.kz",
        "full_name": "Гаммаров Галым Сверкович",
        "organization": "ТОО «Гамма-Сверка»",
        "organization_marker": "Гамма-Сверка",
        "bin_iin": "960111300459",
        "phone": "+7 705 431 17 03",
        "representative_name": "",
        "represented_email": "",
        "certificate": "Свидетельство-ГС-5301.pdf",
        "power_of_attorney": None,
    },
}

# (key, owner, status, title, file names); the key's letter is the owner's
APPLICATIONS = [
    (
        "A1",
        "A",
        ApplicationStatus.SCREENING,
        "Газоанализатор Сверка-А1",
        ["Техпаспорт-А1-6101.pdf", "Презентация-А1-6102.pdf"],
    ),
    (
        "A2",
        "A",
        ApplicationStatus.ASSESSMENT,
        "Дрон-инспектор Сверка-А2",
        ["Техпаспорт-А2-6201.pdf", "Презентация-А2-6202.pdf"],
    ),
    (
        "A3",
        "A",
        ApplicationStatus.CHANGES_REQUESTED,
        "Ингибитор коррозии Сверка-А3",
        ["Техпаспорт-А3-6301.pdf", "Презентация-А3-6302.pdf"],
    ),
    (
        "A4",
        "A",
        ApplicationStatus.APPROVED,
        "Насос-дозатор Сверка-А4",
        ["Техпаспорт-А4-6401.pdf", "Презентация-А4-6402.pdf"],
    ),
    (
        "A5",
        "A",
        ApplicationStatus.DRAFT,
        "Черновик Сверка-А5",
        ["Набросок-А5-6501.pdf"],
    ),
    (
        "B1",
        "B",
        ApplicationStatus.SCREENING,
        "Программа учёта Сверка-Б1",
        ["Техпаспорт-Б1-7101.pdf", "Презентация-Б1-7102.pdf"],
    ),
    (
        "B2",
        "B",
        ApplicationStatus.DRAFT,
        "Черновик Сверка-Б2",
        ["Набросок-Б2-7201.pdf"],
    ),
    (
        "C1",
        "C",
        ApplicationStatus.SCREENING,
        "Сорбент нефти Сверка-Г1",
        ["Техпаспорт-Г1-8101.pdf", "Презентация-Г1-8102.pdf"],
    ),
]
# Filed later than the application itself: the materials a reviewer asked A1 for, and
# the conclusion on A4's pilot test (the company's document about A's application).
A1_REQUESTED_FILE = "Протокол-испытаний-А1-6103.pdf"
A4_CONCLUSION = "Заключение-А4-6403.pdf"

# The staff: their names are no markers (staff are not the data protected here).
STAFF = {
    "editor": (EditorFactory, "editor@sweep.kz", "Редактор Сайта"),
    "policy approver": (
        PolicyApproverFactory,
        "approver@sweep.kz",
        "Утверждающий Политику",
    ),
    "reviewer": (ReviewerFactory, "reviewer@sweep.kz", "Рецензент Проверяющий"),
    "expert": (ExpertFactory, "expert@sweep.kz", "Эксперт Назначенный"),
    "idle expert": (ExpertFactory, "idle-expert@sweep.kz", "Эксперт Свободный"),
    # given access to A2 too: one has not declared yet, one declared a conflict
    "undeclared expert": (
        ExpertFactory,
        "undeclared-expert@sweep.kz",
        "Эксперт Задумавшийся",
    ),
    "withdrawn expert": (ExpertFactory, "withdrawn-expert@sweep.kz", "Эксперт Ушедший"),
    # assesses A4 on its way to approval; not one of the roles swept
    "deciding expert": (ExpertFactory, "deciding-expert@sweep.kz", "Эксперт Решавший"),
    "administrator": (AdministratorFactory, "admin@sweep.kz", "Администратор Портала"),
}


def markers_of_people():
    """Every marker, from PEOPLE and APPLICATIONS."""
    found = []
    for owner, person in PEOPLE.items():
        surname = person["full_name"].split()[0]
        representative = person["representative_name"]
        for value in (
            person["full_name"],
            surname,
            person["email"],
            person["phone"],
            person["bin_iin"],
            representative,
            representative.split()[0] if representative else "",
            person["represented_email"],
        ):
            if value:
                found.append(Marker(owner, Kind.PERSON, value))
        if person["organization"]:
            found.append(
                Marker(owner, Kind.ORGANIZATION, person["organization_marker"])
            )
        for name in (person["certificate"], person["power_of_attorney"]):
            if name:
                found.append(Marker(owner, Kind.REGISTRATION_FILES, name))
    for key, owner, status, title, files in APPLICATIONS:
        draft = status == ApplicationStatus.DRAFT
        found.append(
            Marker(owner, Kind.DRAFT if draft else Kind.APPLICATION, title, key)
        )
        for name in files:
            found.append(
                Marker(
                    owner, Kind.DRAFT if draft else Kind.APPLICATION_FILES, name, key
                )
            )
    found.append(Marker("A", Kind.APPLICATION_FILES, A1_REQUESTED_FILE, "A1"))
    found.append(Marker("A", Kind.APPLICATION_FILES, A4_CONCLUSION, "A4"))
    return found


@dataclass
class World:
    """What the sweep opens pages as and fills URLs with: the staff by role, the
    applicants by owner letter, their applications by key, and the markers."""

    staff: dict = field(default_factory=dict)
    applicants: dict = field(default_factory=dict)
    applications: dict = field(default_factory=dict)
    registrations: dict = field(default_factory=dict)
    markers: list = field(default_factory=list)
    subsidiary: object = None
    home: object = None
    policy_page: object = None
    restricted_page: object = None
    image: object = None
    document: object = None


# --- building ----------------------------------------------------------------------------


def registration_upload(name):
    """A PDF as the registration form receives it, checked by its validator."""
    upload = SimpleUploadedFile(name, PDF, content_type="application/pdf")
    upload.checked_extension = validate_registration_file(upload)
    return upload


def attach_registration_files(profile, person):
    """The certificate and the power of attorney, stored as the registration form
    stores them (a server-made name; the person's own name kept beside it)."""
    for field_name, file_name in (
        ("registration_certificate", person["certificate"]),
        ("power_of_attorney", person["power_of_attorney"]),
    ):
        if not file_name:
            continue
        upload = registration_upload(file_name)
        getattr(profile, field_name).save(
            f"file.{upload.checked_extension}", upload, save=False
        )
        setattr(profile, f"{field_name}_name", clean_file_name(upload.name))
    profile.save()


def make_applicant(person, edition):
    """An applicant of ``person`` (PEOPLE) who consented to ``edition``, awaiting
    verification, with the registration files attached."""
    validate_bin_iin(person["bin_iin"], "iin" if person["individual"] else "bin")
    profile_fields = {
        "full_name": person["full_name"],
        "organization": person["organization"],
        "bin_iin": person["bin_iin"],
        "phone": person["phone"],
        "via_representative": bool(person["representative_name"]),
        "representative_name": person["representative_name"],
        "represented_email": person["represented_email"],
    }
    user = ApplicantFactory(
        email=person["email"],
        full_name=person["full_name"],
        awaiting=True,
        individual=person["individual"],
        consents=edition,
        **{f"profile__{name}": value for name, value in profile_fields.items()},
    )
    attach_registration_files(user.applicant_profile, person)
    return user


def verify_registration(user, reviewer, edition):
    """The registration sent to the reviewers; the person represented consents (by the
    e-mailed link's service); the reviewer approves it."""
    registration = RegistrationRequestFactory(profile=user.applicant_profile)
    consent = registration.represented_consent
    if consent is not None:
        give_consent(consent, edition, None)
    act_on(registration, reviewer, "approve")
    registration.refresh_from_db()
    assert registration.profile.status == VerificationStatus.VERIFIED
    return registration


def make_application(world, applicant, title, files, status, experts):
    """A draft (for the world's subsidiary) with its files uploaded through the
    pipeline, then driven through the review workflow to ``status`` by the reviewer
    and ``experts`` (who assess it on its way to a decision)."""
    reviewer = world.staff["reviewer"]
    application = ApplicationFactory(
        applicant=applicant, title=title, files=False, subsidiary=world.subsidiary
    )
    for index, name in enumerate(files):
        category = (FileCategory.TECHNICAL, FileCategory.PRESENTATION)[index % 2]
        ApplicationFileFactory(
            application=application, category=category, original_name=name
        )
    drive(application, status, reviewer, experts)
    application.refresh_from_db()
    assert application.status == status, (title, application.status)
    return application


def tiny_png():
    """A 4×4 PNG: an image for the image library and an upload in progress."""
    buffer = io.BytesIO()
    PillowImage.new("RGB", (4, 4), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def build_site_content(world):
    """What the editors keep, so that every admin URL of pages, images, documents,
    collections, redirects and restrictions has a real object: a published second
    policy edition (its notices go to every applicant), a policy draft in the approval
    workflow, a password-protected page, an image with a rendition, a document, a
    private collection, a redirect, uploads in progress."""
    editor = world.staff["editor"]
    policy = world.policy_page
    go_live(policy, change_summary="Уточнены сроки хранения данных.")
    policy.refresh_from_db()
    policy.title = "Политика конфиденциальности (проект)"
    policy.save_revision(user=editor)
    policy.get_workflow().start(policy, editor)
    world.restricted_page = add_info_page(
        world.home, title="Закрытая страница", slug="closed"
    )
    PageViewRestriction.objects.create(
        page=world.restricted_page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="sweep-password",
    )
    root = Collection.get_first_root_node()
    private = root.add_child(name="Служебные материалы")
    CollectionViewRestriction.objects.create(
        collection=private,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="sweep-password",
    )
    world.image = wagtail_factories.ImageFactory(
        collection=root,
        title="Буровая установка",
        file=ContentFile(tiny_png(), name="rig.png"),
    )
    world.image.get_rendition("fill-2x2")
    world.document = wagtail_factories.DocumentFactory(
        collection=private, title="Регламент", file=ContentFile(PDF, name="rules.pdf")
    )
    for media in (world.image, world.document):
        UploadedFile.objects.create(
            file=ContentFile(tiny_png(), name="upload.png"),
            uploaded_by_user=editor,
            for_content_type=ContentType.objects.get_for_model(type(media)),
        )
    Redirect.objects.create(old_path="/old-sweep", redirect_link="/")


def build_world():
    """The sweep's world (see the module's docstring); call inside
    ``django_capture_on_commit_callbacks(execute=True)`` so that the e-mails, the data
    export and the notices are made as after a commit. Expects the site's pages of
    ``tests.conftest`` (apply_page, data_page) to exist."""
    world = World(markers=markers_of_people())
    for role, (factory, email, name) in STAFF.items():
        world.staff[role] = factory(email=email, full_name=name)
    reviewer = world.staff["reviewer"]
    world.home = site_home()
    edition = PolicyEdition.objects.order_by("number").first()
    world.policy_page = edition.page.specific

    for owner, person in PEOPLE.items():
        user = make_applicant(person, edition)
        world.applicants[owner] = user
        world.registrations[owner] = verify_registration(user, reviewer, edition)

    world.subsidiary = Subsidiary.objects.create(name_ru="АО «Месторождение»")
    experts_of = {"A2": [world.staff["expert"]], "A4": [world.staff["deciding expert"]]}
    for key, owner, status, title, files in APPLICATIONS:
        world.applications[key] = make_application(
            world,
            world.applicants[owner],
            title,
            files,
            status,
            experts_of.get(key, []),
        )
    build_declarations(world)
    build_conversations(world)
    build_data_protection(world)
    build_site_content(world)
    look_around_as_reviewer(world)
    return world


def build_declarations(world):
    """Two more experts given access to A2: one yet to declare their independence, one
    who declared a conflict of interest (and so lost access)."""
    application = world.applications["A2"]
    undeclared, withdrawn = (
        world.staff["undeclared expert"],
        world.staff["withdrawn expert"],
    )
    assign_experts(
        application,
        [world.staff["expert"].pk, undeclared.pk, withdrawn.pk],
        world.staff["reviewer"],
    )
    declare(application, withdrawn, Disclosure.CONFLICT, "Работал у заявителя.")


def build_conversations(world):
    """Messages on A1 (to and from the applicant, an internal note, a request for
    materials answered with a file) and B1; A4's conclusion."""
    reviewer = world.staff["reviewer"]
    a1, b1 = world.applications["A1"], world.applications["B1"]
    ApplicationMessageFactory(
        application=a1, author=reviewer, body="Уточните условия испытаний."
    )
    ApplicationMessageFactory(
        application=a1, from_applicant=True, body="Испытания проводились на стенде."
    )
    ApplicationMessageFactory(
        application=a1, author=reviewer, note=True, body="Проверить патент."
    )
    request = ApplicationMessageFactory(
        application=a1,
        author=reviewer,
        request_for_materials=True,
        body="Приложите протокол испытаний.",
    )
    upload = SimpleUploadedFile(A1_REQUESTED_FILE, PDF)
    upload.checked_extension, upload.checked_type = validate_application_file(upload)
    answer_request(a1, request, upload, world.applicants["A"])
    ApplicationMessageFactory(
        application=b1, author=reviewer, body="Опишите область применения."
    )
    ApplicationFileFactory(
        application=world.applications["A4"],
        category=FileCategory.CONCLUSION,
        original_name=A4_CONCLUSION,
        uploaded_by=reviewer,
    )


def build_data_protection(world):
    """A's export of their data (a request done), B's export and a correction request,
    C's request to block their data during a check (done: C is blocked), and an
    incident affecting all three, notified by the administrator."""
    reviewer = world.staff["reviewer"]
    a, b, c = (world.applicants[owner] for owner in "ABC")
    DataSubjectRequestFactory(
        requester=a,
        kind=DataRequestKind.EXPORT,
        status=DataRequestStatus.DONE,
        answered_by=reviewer,
    )
    request_export(b)
    DataSubjectRequestFactory(
        requester=b, kind=DataRequestKind.CORRECT, details="Исправьте номер телефона."
    )
    DataSubjectRequestFactory(
        requester=c,
        kind=DataRequestKind.BLOCK,
        status=DataRequestStatus.DONE,
        answered_by=reviewer,
        details="Проверяю, кто обрабатывает мои данные.",
    )
    c.applicant_profile.refresh_from_db()
    assert c.applicant_profile.is_blocked
    BreachIncidentFactory(
        what="Утерян ноутбук сотрудника с выгрузкой заявок.",
        applicants=[a, b, c],
        notified_by=world.staff["administrator"],
    )


def look_around_as_reviewer(world):
    """The reviewer opens A1's dossier and its edit view and downloads one of its files,
    as a working day leaves them: access-log rows, audit-log entries, an editing
    session."""
    client = logged_in(world.staff["reviewer"])
    a1 = world.applications["A1"]
    client.get(inspect_url(a1))
    client.get(reverse("wagtailsnippets_submissions_application:edit", args=[a1.pk]))
    client.get(reverse("application_file", args=[a1.files.order_by("pk")[0].pk]))


def password_reset_uid(user):
    """The first half of a password-reset link of ``user`` (the token is never real)."""
    return urlsafe_base64_encode(str(user.pk).encode())
