"""Every account's e-mail as the one rule stores it (``normalised_login``: trimmed,
case-folded), now that login, registration, the password reset and the confirmation link
look it up by equality.

Accounts saved through the model were lower-cased already; what this changes is an
address written past the model (an update of the rows) and a non-ASCII domain where
case-folding and lower-casing differ (``ß``). Two accounts whose addresses fold alike
cannot both have it: the one already stored so, else the one last logged in (else the
oldest), gets it; the others keep their address as it is, cannot log in by it, and are
named in a warning for an administrator to merge or close. Nothing is deleted.
"""

import logging
from collections import defaultdict

from django.db import IntegrityError, migrations, transaction

logger = logging.getLogger("accounts.migrations")


def normalised(address):
    # the rule of accounts.login_identity.normalised_login, frozen here
    return (address or "").strip().casefold()


def keeper_first(address):
    def key(user):
        return (
            user.email != address,
            user.email.lower() != address,
            user.last_login is None,
            -(user.last_login.timestamp() if user.last_login else 0),
            user.pk,
        )

    return key


def normalise_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    groups = defaultdict(list)
    for user in User.objects.only("pk", "email", "last_login").iterator():
        groups[normalised(user.email)].append(user)
    for address, users in groups.items():
        users.sort(key=keeper_first(address))
        keeper, others = users[0], users[1:]
        if others:
            logger.warning(
                "accounts %s have the address of account %s in another letter case; "
                "left as they are for an administrator to merge or close",
                ", ".join(str(user.pk) for user in others),
                keeper.pk,
            )
        if keeper.email == address:
            continue
        try:
            with transaction.atomic():
                User.objects.filter(pk=keeper.pk).update(email=address)
        except IntegrityError:
            logger.warning(
                "account %s keeps its address: the normalised one is taken", keeper.pk
            )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0008_loginsession")]

    operations = [
        migrations.RunPython(normalise_addresses, migrations.RunPython.noop),
    ]
