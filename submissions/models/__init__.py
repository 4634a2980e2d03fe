"""The models of the submissions app: registrations (``registrations.py``), applications
for pilot testing (``applications.py``) and the access log both write to
(``access_log.py``). They sit below the access policy (``submissions.permissions``) and
the two domain packages, ``submissions.registrations`` and ``submissions.applications``,
which ask it.

This package's own module is Django's index of the app's models: it also names the models
that live with the code deciding them (the workflow tasks beside their workflow, the form
pages above the services they call). Code imports a model from the module defining it."""

from submissions.applications.pages import *  # noqa: F403
from submissions.applications.review import DecisionTask as DecisionTask
from submissions.applications.review import ExpertAssessmentTask as ExpertAssessmentTask
from submissions.applications.review import ScreeningTask as ScreeningTask
from submissions.models.access_log import *  # noqa: F403
from submissions.models.applications import *  # noqa: F403
from submissions.models.registrations import *  # noqa: F403
from submissions.models.technology_requests import *  # noqa: F403
from submissions.registrations.pages import *  # noqa: F403
from submissions.registrations.verification import (
    RegistrationVerificationTask as RegistrationVerificationTask,
)
from submissions.technology_requests.approval import (
    EditorsApprovalTask as EditorsApprovalTask,
)
from submissions.technology_requests.pages import *  # noqa: F403
