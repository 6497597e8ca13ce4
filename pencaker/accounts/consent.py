"""Consent to personal-data processing (UU 27/2022 on personal data protection).

The notice shown at sign-up lives in ``accounts/includes/privacy_notice.html``. When its
content changes in substance, raise ``CONSENT_VERSION``: each user row records the version
they agreed to (``consent_version``) and when (``consent_at``).
"""

CONSENT_VERSION = "2026-01"
