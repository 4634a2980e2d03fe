"""The benchmarks' way past the second factor: a logged-in test client whose session has
passed it with a confirmed authenticator app, as after a real login with a code."""


def logged_in_client(user, host="127.0.0.1"):
    from django.test import Client  # noqa: PLC0415 (Django is set up at run time, after the environment)
    from django_otp import DEVICE_ID_SESSION_KEY  # noqa: PLC0415 (Django is set up at run time, after the environment)
    from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: PLC0415 (Django is set up at run time, after the environment)

    client = Client(HTTP_HOST=host)
    client.force_login(user)
    if user.has_perm("wagtailadmin.access_admin"):
        device, _new = TOTPDevice.objects.get_or_create(
            user=user, name="bench", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
