"""The vacancies fixtures (a verified employer and a published vacancy) for the vacancy
forms of the IPK."""

from pencaker.vacancies.tests.conftest import (  # noqa: F401  (fixtures)
    _card_data_dir,
    _catalogues,
    draft,
    employer,
    employer_factory,
    operator,
    published,
    signed_office,
    submitted,
)
