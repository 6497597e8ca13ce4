# Joins the counter set-password code (phone-first) and the installation admin role.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0006_counter_password_code'),
        ('accounts', '0006_installation_admin_role'),
    ]

    operations = [
    ]
