"""Django's index of the privacy app's models: data-subject requests, data exports,
incidents and their notices, visitor statistics (in this package), the "Data requests"
task (with the workflow that decides it) and the data-request form page. The tables keep
the names they had in the apps these models were first made in (policy, submissions):
migration 0001 moved only Django's state. Nothing in the portal imports this module."""

from privacy.data_requests import DataRequestTask as DataRequestTask
from privacy.models.data_requests import *  # noqa: F403
from privacy.models.exports import *  # noqa: F403
from privacy.models.incidents import *  # noqa: F403
from privacy.models.visits import *  # noqa: F403
from privacy.pages import DataRequestFormPage as DataRequestFormPage
