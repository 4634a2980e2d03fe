"""The "Application review" workflow: the one module that decides what happens to an
application as it is submitted, screened, assessed and decided.

Screening (reviewers: pass and assign experts / request changes / reject) → Expert
assessment (each assigned expert assesses; the task completes when all have) → Decision
(reviewers: approve for pilot testing / request changes / reject). "Request changes"
sends the application back to the applicant; resubmitting resumes the task that asked.

Each time an expert is given access, they first declare their independence (``declare``):
no conflict of interest with the applicant, in their own words, and the dossier opens;
a conflict, or a decline of the assignment, with the reason, and the application is
taken away from them and the reviewers are told.
"""

from collections import Counter

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy
from wagtail.forms import TaskStateCommentForm
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask, Task, TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected

from accounts.models import User
from accounts.roles import EXPERTS, members_of
from submissions.applications import notifications
from submissions.files import store_application_file
from submissions.models.applications import (
    Application,
    ApplicationMessage,
    ApplicationStatus,
    Disclosure,
    ExpertAssessment,
    FileCategory,
    ReferenceCounter,
)
from submissions.permissions import awaits_declaration, is_assigned_expert
from submissions.registrations.verification import silence_admin_notifications

# --- the workflow's tasks ------------------------------------------------------------------


class ReviewTaskMixin:
    """The reviewers' actions on an application, with the logic below in this module."""

    def on_action(self, task_state, user, action_name, **kwargs):
        handled = on_review_action(self, task_state, user, action_name, **kwargs)
        if handled is False:
            return super().on_action(task_state, user, action_name, **kwargs)
        return handled

    def get_form_for_action(self, action):
        return form_for_action(self, action) or super().get_form_for_action(action)


class ReviewersDecideMixin(ReviewTaskMixin):
    """A reviewers' task whose "approve" moves the application on (``approve_label``):
    reviewers may also ask for changes or reject the application outright."""

    approve_label = _("Approve")

    def get_actions(self, obj, user):
        if obj.applicant_blocked or not (
            user.is_superuser or self._user_in_groups(user)
        ):
            return []  # a blocked applicant's applications are frozen
        return [
            ("reject", _("Request changes"), True),
            ("decline", _("Reject the application"), True),
            ("approve", self.approve_label, True),
        ]


# the names its migrations gave the workflow and tasks, for the audit log in words
# (core.wagtail_hooks)
WORKFLOW_NAMES = (
    gettext_noop("Application review"),
    gettext_noop("Screening"),
    gettext_noop("Expert assessment"),
    gettext_noop("Decision"),
)


class ScreeningTask(ReviewersDecideMixin, AbstractGroupApprovalTask):
    """Reviewers screen an application: pass it to the experts they assign, ask the
    applicant for changes, or reject it."""

    approve_label = _("Pass screening and assign experts")
    # what the reviewer is told after each action (core.registers.WorkflowActionEditView)
    done_messages = {
        "approve": _("Screening passed; the experts you chose can now assess it."),
        "reject": _("Changes requested; the applicant has been told what to correct."),
        "decline": _("Application rejected; the applicant has been told why."),
    }

    @classmethod
    def get_description(cls):
        return _("Reviewers screen the application and assign experts.")

    class Meta:
        verbose_name = _("screening task")
        verbose_name_plural = _("screening tasks")


class ExpertAssessmentTask(ReviewTaskMixin, Task):
    """The experts assigned at screening each assess the application, on a screen of
    their own (``submissions.applications.admin_views.assessment``, which takes the
    "assess" action); the task completes when every one of them has. Reviewers may ask
    the applicant for changes, or close the round early with a comment."""

    done_messages = {
        "assess": _("Your assessment is submitted. Thank you."),
        "reject": _("Changes requested; the applicant has been told what to correct."),
        "approve": _("Assessment closed; the application goes to the decision."),
    }

    reviewer_groups = models.ManyToManyField(
        "auth.Group",
        verbose_name=_("reviewer groups"),
        help_text=_("Who may close the round early or ask the applicant for changes."),
    )

    admin_form_fields = Task.admin_form_fields + ["reviewer_groups"]

    def is_reviewer(self, user):
        return user.is_superuser or (
            user.is_active
            and self.reviewer_groups.filter(pk__in=user.groups.all()).exists()
        )

    def get_actions(self, obj, user):
        # The experts' "assess" is not among them: Wagtail's edit view, whose side panel
        # and dialogs name the applicant, is not where an expert works.
        if obj.applicant_blocked:
            return []  # frozen while the applicant's data is blocked
        if not self.is_reviewer(user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Close the assessment"), True),
        ]

    def user_can_access_editor(self, obj, user):
        # experts assess on their own screen, never in Wagtail's editor
        return self.is_reviewer(user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS, task=self.task_ptr
        )
        if self.is_reviewer(user):
            return states
        assigned = Application.objects.filter(experts=user).values_list("pk", flat=True)
        return states.filter(workflow_state__object_id__in=[str(pk) for pk in assigned])

    @classmethod
    def get_description(cls):
        return _("The assigned experts assess the application.")

    class Meta:
        verbose_name = _("expert assessment task")
        verbose_name_plural = _("expert assessment tasks")


class DecisionTask(ReviewersDecideMixin, AbstractGroupApprovalTask):
    """Reviewers decide: approve for pilot testing, request changes, or reject."""

    approve_label = _("Approve for pilot testing")
    done_messages = {
        "approve": _("Approved for pilot testing; the applicant has been told."),
        "reject": _("Changes requested; the applicant has been told what to correct."),
        "decline": _("Application rejected; the applicant has been told why."),
    }

    @classmethod
    def get_description(cls):
        return _("Reviewers decide on the application after the expert assessment.")

    class Meta:
        verbose_name = _("decision task")
        verbose_name_plural = _("decision tasks")


STATUS_OF_TASK = {
    ScreeningTask: ApplicationStatus.SCREENING,
    ExpertAssessmentTask: ApplicationStatus.ASSESSMENT,
    DecisionTask: ApplicationStatus.DECISION,
}


# --- submitting ------------------------------------------------------------------------------


def next_reference():
    """The next reference of the year, e.g. OPI-2026-00042; unique however many people
    submit at once (the counter row is updated in place, inside the caller's
    transaction, which holds its lock until commit)."""
    year = timezone.localdate().year
    try:
        with transaction.atomic():
            ReferenceCounter.objects.get_or_create(year=year)
    except IntegrityError:  # someone else created this year's counter just now
        pass
    ReferenceCounter.objects.filter(year=year).update(last=F("last") + 1)
    number = ReferenceCounter.objects.get(year=year).last
    return f"OPI-{year}-{number:05d}"


@transaction.atomic
def submit_application(application, user):
    """Send ``application`` to the reviewers: a reference on the first submission, a
    revision each time, the workflow started (or resumed where it asked for changes)."""
    if not application.is_editable_by_applicant:
        raise PermissionDenied("This application is not with the applicant.")
    silence_admin_notifications(user)
    resubmitted = application.status == ApplicationStatus.CHANGES_REQUESTED
    if application.reference is None:
        application.reference = next_reference()
    application.submitted_at = application.submitted_at or timezone.now()
    application.live = False
    application.save()
    application.save_revision(user=user)
    state = application.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    else:
        application.get_workflow().start(application, user)
    notifications.after_commit(
        "resubmitted" if resubmitted else "submitted", application
    )
    return application


@transaction.atomic
def withdraw_application(application, user):
    """The applicant withdraws an application not yet decided."""
    if not application.is_open:
        raise PermissionDenied("Only an application under review can be withdrawn.")
    state = application.current_workflow_state
    if state is not None:
        state.cancel(user=user)
    set_status(application, ApplicationStatus.WITHDRAWN)
    log(instance=application, action="opi.application.withdraw", user=user)
    notifications.after_commit("withdrawn", application)


# --- the workflow's signals -------------------------------------------------------------------


def application_of(workflow_state):
    content = workflow_state.content_object
    return content if isinstance(content, Application) else None


def set_status(application, status, **fields):
    Application.objects.filter(pk=application.pk).update(status=status, **fields)
    application.status = status
    for name, value in fields.items():
        setattr(application, name, value)


@receiver(task_submitted)
def review_task_started(sender, instance, user=None, **kwargs):
    application = application_of(instance.workflow_state)
    if application is None:
        return
    task = instance.task.specific
    status = STATUS_OF_TASK.get(type(task))
    if status is not None:
        set_status(application, status)
    if isinstance(task, ExpertAssessmentTask):
        notifications.after_commit("assessment_assigned", application)


@receiver(workflow_rejected, sender=WorkflowState)
def changes_requested(sender, instance, user=None, **kwargs):
    application = application_of(instance)
    if application is None:
        return
    set_status(application, ApplicationStatus.CHANGES_REQUESTED)
    notifications.after_commit(
        "changes_requested",
        application,
        comment=instance.current_task_state.comment,
    )


@receiver(workflow_approved, sender=WorkflowState)
def approved(sender, instance, user=None, **kwargs):
    application = application_of(instance)
    if application is None:
        return
    set_status(application, ApplicationStatus.APPROVED, decided_at=timezone.now())
    notifications.after_commit(
        "approved", application, comment=instance.current_task_state.comment
    )


# --- the reviewers' and experts' actions -------------------------------------------------------


def open_assessments():
    """Each expert's load: {expert's pk: how many applications in expert assessment are
    assigned to them that they have not yet assessed in the round in progress}. Two
    queries, however many experts and applications."""
    assigned = Application.experts.through.objects.filter(
        application__status=ApplicationStatus.ASSESSMENT
    ).values_list("application_id", "user_id")
    assessed = set(
        ExpertAssessment.objects.filter(
            application__status=ApplicationStatus.ASSESSMENT,
            task_state__status=TaskState.STATUS_IN_PROGRESS,
        ).values_list("application_id", "expert_id")
    )
    return Counter(
        expert_id
        for application_id, expert_id in assigned
        if (application_id, expert_id) not in assessed
    )


class ExpertsField(forms.ModelMultipleChoiceField):
    """The experts to choose from, each named with their load (``open_assessments``,
    counted once per form)."""

    @cached_property
    def load(self):
        return open_assessments()

    def label_from_instance(self, obj):
        return _("%(expert)s · open assessments: %(count)d") % {
            "expert": obj,
            "count": self.load.get(obj.pk, 0),
        }


class AssignExpertsForm(TaskStateCommentForm):
    experts = ExpertsField(
        label=_("Experts who assess the application"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They see this application only, not the applicant's contacts."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # asked when the form is made: this module is loaded with the models
        self.fields["experts"].queryset = members_of(EXPERTS)

    def clean_experts(self):
        # primary keys: the edit view carries the modal's answers to the action as JSON
        return [expert.pk for expert in self.cleaned_data["experts"]]


class DeclineForm(TaskStateCommentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = True
        self.fields["comment"].label = _("Reasons, for the applicant")


SCALE = (1, 2, 3, 4, 5)
# What 2 and 4 mean: the rubric words 1, 3 and 5 only.
BETWEEN = {2: _("between 1 and 3"), 4: _("between 3 and 5")}


class ScoreField(forms.TypedChoiceField):
    """A score from 1 to 5 on ``criterion`` (an ``AssessmentCriterion``) as radio
    buttons; the expert's screen spells out what 1, 3 and 5 mean."""

    def __init__(self, criterion):
        super().__init__(
            label=criterion.name,
            choices=[(n, str(n)) for n in SCALE],
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose a score from 1 to 5.")},
        )
        self.criterion = criterion


def meaning_of(criterion, score):
    """What ``score`` means on ``criterion``, in words ("between 1 and 3" for 2)."""
    return criterion.meaning(score) if score not in BETWEEN else str(BETWEEN[score])


class ExpertAssessmentForm(forms.Form):
    """What an expert answers: a score and a comment on each criterion of the rubric
    (``criteria``, from ``submissions.applications.rubric``), a recommendation and an
    overall comment."""

    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        choices=ExpertAssessment.RECOMMENDATIONS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a recommendation.")},
    )
    comment = forms.CharField(
        label=_("Overall comment"),
        required=False,
        max_length=10000,
        widget=forms.Textarea({"rows": 5}),
        help_text=_(
            "For the reviewers: your conditions, the risks you see, what the test "
            "should check."
        ),
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        per_criterion = {}
        for criterion in self.criteria:
            per_criterion[criterion.key] = ScoreField(criterion)
            per_criterion[f"{criterion.key}_comment"] = forms.CharField(
                label=_("Your comment on “%(criterion)s”")
                % {"criterion": criterion.name},
                required=False,
                max_length=5000,
                widget=forms.Textarea({"rows": 3}),
            )
        self.fields = {**per_criterion, **self.fields}

    def criterion_rows(self):
        """Each criterion with its bound score and comment fields, and the score's
        radio buttons each with its value and what it means."""
        rows = []
        for criterion in self.criteria:
            score = self[criterion.key]
            points = [
                {
                    "radio": radio,
                    "value": value,
                    "meaning": meaning_of(criterion, value),
                    "between": value in BETWEEN,
                }
                for radio, value in zip(score, SCALE, strict=True)
            ]
            rows.append(
                {
                    "criterion": criterion,
                    "score": score,
                    "comment": self[f"{criterion.key}_comment"],
                    "points": points,
                }
            )
        return rows

    def summary(self):
        """What a valid form says, as the check before sending shows it: each
        criterion with its score, the score's meaning and the comment."""
        data = self.cleaned_data
        return [
            {
                "criterion": criterion,
                "score": data[criterion.key],
                "meaning": meaning_of(criterion, data[criterion.key]),
                "comment": data[f"{criterion.key}_comment"],
            }
            for criterion in self.criteria
        ]

    def average(self):
        """The mean of the scores of a valid form."""
        scores = [self.cleaned_data[criterion.key] for criterion in self.criteria]
        return sum(scores) / len(scores)


def form_for_action(task, action):
    if action == "approve" and isinstance(task, ScreeningTask):
        return AssignExpertsForm
    if action == "decline":
        return DeclineForm
    return None


def current_assessment_round(application):
    """The task state of the expert assessment in progress, or None."""
    state = application.current_workflow_task_state
    if state is None or not isinstance(state.task.specific, ExpertAssessmentTask):
        return None
    return state


def expert_may_assess(application, user):
    """An assigned expert who has declared no conflict of interest and has not yet
    assessed this round (and the application is not frozen by a block of the
    applicant's data)."""
    state = current_assessment_round(application)
    return (
        state is not None
        and not application.applicant_blocked
        and is_assigned_expert(application, user)
        and not awaits_declaration(application, user)
        and not ExpertAssessment.objects.filter(task_state=state, expert=user).exists()
    )


def why_no_assessment_form(application, user):
    """Why ``user``, an assigned expert, cannot assess ``application`` now, in words;
    "" when they can."""
    if expert_may_assess(application, user):
        return ""
    if application.applicant_blocked:
        return _(
            "The applicant's data is blocked during a check: the application is "
            "frozen and cannot be assessed until the block is lifted."
        )
    if awaits_declaration(application, user):
        return _(
            "Declare first whether you have a conflict of interest with the applicant."
        )
    state = current_assessment_round(application)
    assessed = ExpertAssessment.objects.filter(application=application, expert=user)
    if state is not None and assessed.filter(task_state=state).exists():
        return _("You have assessed this application; an assessment cannot be changed.")
    stage = application.get_status_display()
    if assessed.exists():
        return _(
            "You have assessed this application; it is now at the stage “%(stage)s”."
        ) % {"stage": stage}
    return _(
        "The application is not in expert assessment (its stage: “%(stage)s”), so "
        "there is nothing to assess now."
    ) % {"stage": stage}


def submit_assessment(application, user, answers):
    """``user`` assesses ``application`` with ``answers`` (``ExpertAssessmentForm``'s
    cleaned data) through the "assess" action of the task in progress, as any action of
    the workflow is taken; returns the task. PermissionDenied when they may not (any
    more: a second tab, or the round closed meanwhile)."""
    try:
        with transaction.atomic():
            state = current_assessment_round(application)
            if state is None:
                raise PermissionDenied("No expert assessment in progress.")
            task = state.task.specific
            task.on_action(state, user, "assess", **answers)
    except IntegrityError as error:  # the same expert, twice at once
        raise PermissionDenied("Assessed already.") from error
    return task


def on_review_action(task, task_state, user, action_name, **kwargs):
    """Carry out ``action_name``; False when Wagtail's own handling should do it."""
    application = task_state.workflow_state.content_object
    comment = kwargs.get("comment", "")
    if action_name == "approve" and isinstance(task, ScreeningTask):
        assign_experts(application, kwargs["experts"], user, notify=False)
        task_state.approve(user=user, comment=comment)  # the task's start tells them
        return None
    if action_name == "decline":
        decline(application, task_state, user, comment)
        return None
    if action_name == "assess":
        assess(application, task_state, user, kwargs)
        return None
    return False


@transaction.atomic
def assign_experts(application, expert_ids, by, *, notify=True):
    """Give exactly the experts ``expert_ids`` access to ``application``: each one added
    or removed is recorded as a disclosure and in the audit log; those added during an
    assessment are told by e-mail."""

    experts = list(members_of(EXPERTS).filter(pk__in=expert_ids))
    before = set(
        Application.objects.get(pk=application.pk).experts.values_list("pk", flat=True)
    )
    after = {expert.pk for expert in experts}
    application.experts.set(experts)
    application.save(update_fields=["experts"])  # commits the parental m2m
    changes = [(pk, Disclosure.GRANTED) for pk in sorted(after - before)] + [
        (pk, Disclosure.REVOKED) for pk in sorted(before - after)
    ]
    Disclosure.objects.bulk_create(
        [
            Disclosure(application=application, expert_id=pk, action=action, by=by)
            for pk, action in changes
        ]
    )
    if changes:
        log(
            instance=application,
            action="opi.application.assign_experts",
            user=by,
            data={
                "granted": sorted(after - before),
                "revoked": sorted(before - after),
            },
        )
    if notify and after - before and application.status == ApplicationStatus.ASSESSMENT:
        notifications.after_commit(
            "assessment_assigned", application, only=sorted(after - before)
        )
    return changes


def decline(application, task_state, user, comment):
    """Reject the application: the decision is final, the workflow ends."""
    task_state.comment = comment
    task_state.save(update_fields=["comment"])
    log(
        instance=application,
        action="opi.application.decline",
        user=user,
        data={"comment": comment},
    )
    task_state.workflow_state.cancel(user=user)
    set_status(application, ApplicationStatus.REJECTED, decided_at=timezone.now())
    notifications.after_commit("rejected", application, comment=comment)


def assess(application, task_state, user, data):
    if not expert_may_assess(application, user):
        raise PermissionDenied("Not an assigned expert, or assessed already.")
    ExpertAssessment.objects.create(
        application=application,
        expert=user,
        task_state=task_state,
        **{name: data[name] for name in ExpertAssessment.SCORES},
        **{
            f"{name}_comment": data.get(f"{name}_comment", "")
            for name in ExpertAssessment.SCORES
        },
        recommendation=data["recommendation"],
        comment=data.get("comment", ""),
    )
    log(instance=application, action="opi.application.assess", user=user)
    complete_when_assessed(application, task_state, user)


def complete_when_assessed(application, task_state, user):
    """The round completes once every expert assigned now has assessed in it; never
    with no expert assigned (the reviewers assign another one, or close it)."""
    assigned = set(
        Application.objects.get(pk=application.pk).experts.values_list("pk", flat=True)
    )
    done = set(
        ExpertAssessment.objects.filter(task_state=task_state).values_list(
            "expert_id", flat=True
        )
    )
    if assigned and assigned <= done:
        task_state.approve(user=user)


# --- the experts' declarations of independence ------------------------------------------------

# The fewest characters of a declaration's words: a sentence of their own, not "ok".
STATEMENT_MIN_LENGTH = {
    Disclosure.NO_CONFLICT: 25,
    Disclosure.CONFLICT: 10,
    Disclosure.DECLINED: 10,
}
STATEMENT_MAX_LENGTH = 2000
# What each declaration's form says: its heading, the words asked, a hint, the button,
# and the error when the words are missing or too short.
DECLARATION_WORDING = {
    Disclosure.NO_CONFLICT: {
        "heading": _("I have no conflict of interest"),
        "label": _(
            "In your own words: why you have no conflict of interest with this applicant"
        ),
        "help": _(
            "For example: you have no work, ownership, family or financial ties with "
            "the organization and no part in the proposal. At least %(min)d characters."
        ),
        "button": _("Declare no conflict and open the application"),
        "error": _(
            "Say in your own words, in at least %(min)d characters, why you have no "
            "conflict of interest with this applicant."
        ),
    },
    Disclosure.CONFLICT: {
        "heading": _("I have a conflict of interest"),
        "label": _("What the conflict of interest is"),
        "help": _(
            "The reviewers read it to assign another expert. Once you declare it, the "
            "application is no longer assigned to you and you see nothing more of it."
        ),
        "button": _("Declare the conflict of interest"),
        "error": _("Describe the conflict of interest in at least %(min)d characters."),
    },
    Disclosure.DECLINED: {
        "heading": _("Decline the assignment"),
        "label": _("Why you decline"),
        "help": _(
            "For example: no time within the assessment's period, or the subject is "
            "outside your field. The reviewers are told; the application is no longer "
            "assigned to you."
        ),
        "button": _("Decline the assignment"),
        "error": _("Give the reason you decline, in at least %(min)d characters."),
    },
}


class DeclarationForm(forms.Form):
    """One of an assigned expert's declarations (``Disclosure.DECLARATIONS``) with the
    expert's own words; each has a form of its own on the screen (``prefix``)."""

    statement = forms.CharField(
        required=False,  # the error says what is asked: clean_statement
        max_length=STATEMENT_MAX_LENGTH,
        widget=forms.Textarea({"rows": 4}),
    )

    def __init__(self, declaration, *args, **kwargs):
        super().__init__(*args, prefix=declaration, **kwargs)
        self.declaration = declaration
        self.wording = DECLARATION_WORDING[declaration]
        self.min_length = STATEMENT_MIN_LENGTH[declaration]
        field = self.fields["statement"]
        field.label = self.wording["label"]
        field.help_text = self.wording["help"] % {"min": self.min_length}

    def clean_statement(self):
        statement = self.cleaned_data["statement"].strip()
        if len(statement) < self.min_length:
            raise forms.ValidationError(
                self.wording["error"] % {"min": self.min_length}, code="too_short"
            )
        return statement


def may_withdraw(application, expert):
    """Whether ``expert`` may still declare a conflict of interest or decline the
    assignment: assigned to ``application`` while it is under review, and not yet
    assessed since they were last given access (a conflict found on reading the dossier
    is declared as one found before; once assessed, the assessment stands)."""
    if not application.is_open or not is_assigned_expert(application, expert):
        return False
    given = (
        Disclosure.objects.filter(
            application=application, expert=expert, action=Disclosure.GRANTED
        )
        .order_by("-pk")
        .values_list("at", flat=True)
        .first()
    )
    assessed = ExpertAssessment.objects.filter(application=application, expert=expert)
    if given is not None:
        assessed = assessed.filter(submitted_at__gte=given)
    return not assessed.exists()


@transaction.atomic
def declare(application, expert, declaration, statement):
    """``expert``, assigned to ``application``, declares ``declaration`` (one of
    ``Disclosure.DECLARATIONS``) in their own words ``statement``; the declaration is
    in the disclosure log and the audit log. No conflict of interest opens the dossier
    to them. A conflict, or a decline, takes their access away (an "access taken away"
    follows it in the log), tells the reviewers with the reason, and completes the round
    if every expert still assigned has assessed; either may also come after "no
    conflict", until the expert has assessed (``may_withdraw``).
    PermissionDenied when they may not declare (not assigned, no conflict declared
    already for this assignment, assessed already, the applicant's data blocked);
    ValueError without words."""

    statement = statement.strip()
    if declaration not in Disclosure.DECLARATIONS or not statement:
        raise ValueError("A declaration and the expert's words are required.")
    # one declaration at a time per application (a second tab waits, then is refused)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.applicant_blocked:
        raise PermissionDenied("The applicant's data is blocked during a check.")
    allowed = (
        awaits_declaration(application, expert)
        if declaration == Disclosure.NO_CONFLICT
        else may_withdraw(application, expert)
    )
    if not allowed:
        raise PermissionDenied("Not assigned, declared already, or assessed.")
    record = Disclosure.objects.create(
        application=application,
        expert=expert,
        action=declaration,
        by=expert,
        statement=statement,
    )
    # the words stay in the disclosure log only (one place to export, keep or erase)
    log(
        instance=application,
        action=f"opi.application.expert_{declaration}",
        user=expert,
        data={"expert": expert.pk},
    )
    if declaration in Disclosure.WITHDRAWALS:
        remaining = application.experts.exclude(pk=expert.pk).values_list(
            "pk", flat=True
        )
        assign_experts(application, list(remaining), expert, notify=False)
        state = current_assessment_round(application)
        if state is not None:
            complete_when_assessed(application, state, None)
        notifications.after_commit("expert_withdrew", application, disclosure=record.pk)
    return record


# --- what the applicant sees ------------------------------------------------------------------

STATE_LABELS = {  # said of a stage ("Expert assessment: not started")
    "done": pgettext_lazy("stage", "done"),
    "current": pgettext_lazy("stage", "in progress"),
    "waiting": pgettext_lazy("stage", "waiting for the applicant's corrections"),
    "stopped": pgettext_lazy("stage", "stopped"),
    "upcoming": pgettext_lazy("stage", "not started"),
}
# The stages of the review, in order: each is one task of the "Application review"
# workflow (the timeline, the report's funnel and its days per stage read this list).
REVIEW_STAGES = [
    (ScreeningTask, _("Screening")),
    (ExpertAssessmentTask, _("Expert assessment")),
    (DecisionTask, _("Decision")),
]


def task_states_of(application):
    return (
        TaskState.objects.filter(
            workflow_state__base_content_type_id=application.get_base_content_type().pk,
            workflow_state__object_id=str(application.pk),
        )
        .select_related("task__content_type")
        .order_by("started_at", "pk")
    )


def timeline(application):
    """The stages of the review (submitted, screening, expert assessment, decision) with
    their dates and state, and the events the applicant is told about (requests for
    changes with the reviewer's words, resubmissions, the outcome)."""
    states = list(task_states_of(application))
    stages = [
        {
            "label": _("Submitted"),
            "state": "done" if application.submitted_at else "upcoming",
            "started": application.submitted_at,
            "finished": None,
        }
    ]
    for task_model, label in REVIEW_STAGES:
        mine = [s for s in states if s.task.content_type.model_class() is task_model]
        stage = {"label": label, "state": "upcoming", "started": None, "finished": None}
        if mine:
            stage["started"] = mine[0].started_at
            last = mine[-1]
            if last.status == last.STATUS_APPROVED:
                stage["state"], stage["finished"] = "done", last.finished_at
            elif last.status == last.STATUS_IN_PROGRESS:
                stage["state"] = "current"
            elif last.status == last.STATUS_REJECTED and (
                application.status == ApplicationStatus.CHANGES_REQUESTED
            ):
                stage["state"] = "waiting"
            else:
                stage["state"], stage["finished"] = "stopped", last.finished_at
        stages.append(stage)
    for stage in stages:
        stage["state_label"] = STATE_LABELS[stage["state"]]
    events = [
        {
            "date": s.finished_at,
            "label": _("Changes requested"),
            "text": s.comment,
        }
        for s in states
        if s.status == s.STATUS_REJECTED and s.finished_at
    ]
    outcome = {
        ApplicationStatus.APPROVED: _("Approved for pilot testing"),
        ApplicationStatus.REJECTED: _("Rejected"),
        ApplicationStatus.WITHDRAWN: _("Withdrawn"),
    }.get(application.status)
    if outcome:
        final = states[-1] if states else None
        events.append(
            {
                "date": application.decided_at or (final and final.finished_at),
                "label": outcome,
                "text": final.comment
                if final and application.status != ApplicationStatus.WITHDRAWN
                else "",
            }
        )
    events.sort(key=lambda event: event["date"] or application.updated_at)
    return {"stages": stages, "events": events}


def what_is_asked(application):
    """What the applicant is asked to do now, in words, or ""."""
    if application.status == ApplicationStatus.DRAFT:
        return _("Finish the application and submit it.")
    if application.status == ApplicationStatus.CHANGES_REQUESTED:
        return _("Correct the application as the reviewers asked and submit it again.")
    if application.messages.filter(
        internal=False, requested_category__gt="", answered_at__isnull=True
    ).exists():
        return _("Upload the materials the reviewers asked for.")
    return ""


@transaction.atomic
def post_message(application, author, body, *, internal=False, requested_category=""):
    """A message in the thread; the other side is told by e-mail (never about an
    internal note)."""

    message = ApplicationMessage.objects.create(
        application=application,
        author=author,
        body=body,
        internal=internal,
        requested_category=requested_category,
    )
    if author.pk == application.applicant_id:
        notifications.after_commit("applicant_message", application)
    elif not internal:
        notifications.after_commit("message", application)
    log(
        instance=application,
        action="opi.application.note" if internal else "opi.application.message",
        user=author,
    )
    return message


@transaction.atomic
def answer_request(application, message, upload, user):
    """The applicant uploads what ``message`` asked for."""

    record = store_application_file(
        application, upload, message.requested_category, user, answers=message
    )
    message.answered_at = timezone.now()
    message.save(update_fields=["answered_at"])
    notifications.after_commit("applicant_message", application)
    return record


@transaction.atomic
def add_conclusion(application, upload, user):
    """A reviewer files the conclusion on the results of the pilot test."""

    if application.status != ApplicationStatus.APPROVED:
        raise PermissionDenied("Only an approved application gets a conclusion.")
    record = store_application_file(application, upload, FileCategory.CONCLUSION, user)
    log(instance=application, action="opi.application.conclusion", user=user)
    notifications.after_commit("conclusion", application)
    return record
