"""Login by mobile number (ADR 0027): the login field takes an email or a phone number.

A number logs in only once it was proved by a code (``phone_verified_at``); a number typed
at sign-up without a code is contact data, not a login. The password check and the
inactive-account rule are Django's ``ModelBackend``'s.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from pencaker.accounts.models import User
from pencaker.accounts.phone import phone_normalize


class PhoneBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password or "@" in username:
            return None
        try:
            phone = phone_normalize(username)
        except ValidationError:
            return None
        user = User.objects.filter(phone=phone, phone_verified_at__isnull=False).first()
        if user is None:
            User().set_password(password)  # the same time as a wrong password (Django's rule)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
