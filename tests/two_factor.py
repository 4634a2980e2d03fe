"""Staff pass the second factor in tests as they do in life: with a confirmed
authenticator app and a code from it. Nothing turns two-factor authentication off."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def authenticator(user):
    """``user``'s confirmed authenticator app, made if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="Authenticator app", confirmed=True
        )
    return device


def code_for(device):
    """The code the app shows now, as a string of 6 digits; the next one if this one
    was accepted already (a code works once)."""
    while True:
        device.refresh_from_db()
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        now = totp.t()
        if device.last_t < now:
            return f"{totp.token():0{device.digits}d}"
        if device.last_t < now + device.tolerance:
            totp.drift += device.last_t + 1 - now
            return f"{totp.token():0{device.digits}d}"
        time.sleep(1)  # every code up to the tolerance was used: wait for the next


def verified_login(client, user):
    """Log ``user`` in on the test ``client`` as a full login leaves them: staff with
    the second factor passed (what ``django_otp.login`` does after a right code),
    applicants just logged in. Returns the staff's authenticator, else None."""
    client.force_login(user)
    fresh = type(user)._default_manager.get(pk=user.pk)  # no stale permission cache
    if not fresh.has_perm("wagtailadmin.access_admin"):
        return None
    device = authenticator(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
