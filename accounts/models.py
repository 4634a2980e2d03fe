"""People who use the portal: applicants, reviewers, experts, editors, administrators."""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.login_identity import normalised_login


def normalize_email(email):
    """An address as it is stored and looked up: ``normalised_login``, the one rule
    (trimmed, case-folded); ``None`` becomes ``""``."""
    return normalised_login(email) or ""


class UserQuerySet(models.QuerySet):
    def staff(self):
        """People who may enter the Wagtail admin: superusers and anyone given the
        "access admin" permission directly or through a group."""
        access = Q(
            user_permissions__codename="access_admin",
            user_permissions__content_type__app_label="wagtailadmin",
        ) | Q(
            groups__permissions__codename="access_admin",
            groups__permissions__content_type__app_label="wagtailadmin",
        )
        return self.filter(Q(is_superuser=True) | access).distinct()

    def applicants(self):
        """Active people of the public site: everyone with a login who is not staff."""
        return self.filter(is_active=True).exclude(pk__in=self.staff().values("pk"))


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        return self.get(email=normalize_email(email))

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with a login: the e-mail address is the login, unique whatever its case."""

    email = models.EmailField(
        _("e-mail address"),
        max_length=254,
        unique=True,
        error_messages={"unique": _("A user with this e-mail address already exists.")},
    )
    full_name = models.CharField(_("full name"), max_length=255, blank=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Whether the user can log into the admin site."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive users cannot log in."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    email_verified_at = models.DateTimeField(
        _("e-mail confirmed at"),
        null=True,
        blank=True,
        help_text=_(
            "When the person opened the confirmation link sent to this address."
        ),
    )
    language = models.CharField(
        _("language of e-mails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The portal writes to this person in this language."),
    )

    message_emails = models.BooleanField(
        _("e-mail me about new messages"),
        default=True,
        help_text=_(
            "Optional. E-mails the law or the review process requires are always sent."
        ),
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_ci_unique",
                violation_error_message=_(
                    "A user with this e-mail address already exists."
                ),
            ),
        ]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = normalize_email(self.email)

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class SentEmail(models.Model):
    """An e-mail the portal sent: to whom, about what, when (``accounts.mail``)."""

    recipient = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=255)
    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    reference = models.CharField(_("about"), max_length=40, blank=True, db_index=True)
    optional = models.BooleanField(_("optional"), default=False)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    # The background task that sent it: a task run again after its worker died does not
    # send the same e-mail twice (accounts.mail).
    task_run = models.CharField(_("task"), max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = _("e-mail sent")
        verbose_name_plural = _("e-mails sent")
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return f"{self.recipient}: {self.subject}"


class LoginSession(models.Model):
    """One logged-in session of a person, so that logging them out elsewhere does not
    mean decoding every session of the site (``accounts.session_policy``).

    No IP address is kept (the privacy policy); the browser's user agent only in part,
    so that a person can tell their sessions apart.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="login_sessions",
        verbose_name=_("user"),
    )
    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("logged in at"), default=timezone.now)
    user_agent = models.CharField(_("browser"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("login session")
        verbose_name_plural = _("login sessions")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"
