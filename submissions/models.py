"""Django's index of the submissions app's models. Each model lives with its domain:
registrations (``registrations/``), applications (``applications/``), and the access log
shared by both; the workflow tasks live in the workflow modules that decide them, and the
form pages above the services they call. Nothing in the portal imports this module: code
imports a model from the module that defines it."""

from submissions.access_log import *  # noqa: F403
from submissions.applications.models import *  # noqa: F403
from submissions.applications.pages import *  # noqa: F403
from submissions.applications.review import (  # noqa: F401
    DecisionTask,
    ExpertAssessmentTask,
    ScreeningTask,
)
from submissions.registrations.models import *  # noqa: F403
from submissions.registrations.pages import *  # noqa: F403
from submissions.registrations.verification import (  # noqa: F401
    RegistrationVerificationTask,
)
