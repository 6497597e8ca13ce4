"""Seed the 9 standard questions of PermenPANRB 14/2017 with the standard 1–4 wording.

They are stored in the regulation's sample order, which asks about facilities (U9) as
question 8 and about complaint handling (U8) as question 9: answers are keyed by the
element code, never by this order.
"""

from django.db import migrations

STANDARD = [
    # (order, element, Indonesian question, English question, options id, options en)
    (
        10, "U1",
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis "
        "pelayanannya?",
        "How well do the service requirements fit the kind of service?",
        ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
        ["Not suitable", "Less suitable", "Suitable", "Very suitable"],
    ),
    (
        20, "U2",
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        "How easy was the service procedure at this office?",
        ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"],
        ["Not easy", "Less easy", "Easy", "Very easy"],
    ),
    (
        30, "U3",
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        "How fast was the service?",
        ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"],
        ["Not fast", "Less fast", "Fast", "Very fast"],
    ),
    (
        40, "U4",
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        "How fair was the cost or fee of the service?",
        ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"],
        ["Very expensive", "Fairly expensive", "Cheap", "Free of charge"],
    ),
    (
        50, "U5",
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum "
        "dalam standar pelayanan dengan hasil yang diberikan?",
        "How well did what you received match what the service standard promises?",
        ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
        ["Not suitable", "Less suitable", "Suitable", "Very suitable"],
    ),
    (
        60, "U6",
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        "How competent were the staff who served you?",
        ["Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"],
        ["Not competent", "Less competent", "Competent", "Very competent"],
    ),
    (
        70, "U7",
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan "
        "dan keramahan?",
        "How polite and friendly were the staff?",
        ["Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah",
         "Sangat sopan dan ramah"],
        ["Not polite and friendly", "Less polite and friendly", "Polite and friendly",
         "Very polite and friendly"],
    ),
    (
        80, "U9",
        "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        "How good are the facilities and infrastructure?",
        ["Buruk", "Cukup", "Baik", "Sangat baik"],
        ["Poor", "Fair", "Good", "Very good"],
    ),
    (
        90, "U8",
        "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        "How are complaints from service users handled?",
        ["Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal",
         "Dikelola dengan baik"],
        ["There is none", "There is one but it does not work", "It works, but not fully",
         "Handled well"],
    ),
]


def seed(apps, schema_editor):
    Question = apps.get_model("surveys", "Question")
    for order, element, text, text_en, options, options_en in STANDARD:
        Question.objects.update_or_create(
            office=None,
            element=element,
            order=order,
            defaults={
                "text": text,
                "text_en": text_en,
                **{f"option_{i}": label for i, label in enumerate(options, start=1)},
                **{f"option_{i}_en": label for i, label in enumerate(options_en, start=1)},
                "is_active": True,
            },
        )


def unseed(apps, schema_editor):
    Question = apps.get_model("surveys", "Question")
    Question.objects.filter(office=None, answers__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
