"""Django's own password wording, said as this service says it ("kata sandi").

Django's Indonesian catalogue says "Sandi"; the project catalogue (``LOCALE_PATHS``)
wins over every app's, so these msgids are translated again there. They are listed here
so that ``makemessages`` keeps them.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

DJANGO_PASSWORD_WORDING = (
    gettext_noop("Change password"),
    gettext_noop("Your password was changed."),
    gettext_noop("Change my password"),
    gettext_noop("Your password has been set.  You may go ahead and log in now."),
    gettext_noop("Password reset confirmation"),
    gettext_noop("New password:"),
    gettext_noop("Confirm password:"),
    gettext_noop("Reset my password"),
    gettext_noop("Password changed successfully."),
    gettext_noop("password"),
    gettext_noop("No password set."),
    gettext_noop("Reset password"),
    gettext_noop("Set password"),
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("Password"),
    gettext_noop("Password confirmation"),
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop(
        "Please enter a correct %(username)s and password. Note that both fields may be case-sensitive."
    ),
    gettext_noop("New password"),
    gettext_noop("New password confirmation"),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    gettext_noop("Old password"),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("Password reset on %(site_name)s"),
    gettext_noop("Password reset"),
    gettext_noop("Enter new password"),
    gettext_noop("Password reset unsuccessful"),
    gettext_noop("Password reset complete"),
    gettext_noop("Password change"),
    gettext_noop("Password change successful"),
)
