"""Customers are found by email or created."""

from __future__ import annotations

import pytest

from amends.core.errors import InvalidInput
from amends.customers.models import Customer
from amends.customers.services import customer_get_or_create


@pytest.mark.django_db
class TestCustomerGetOrCreate:
    def test_found_by_email_regardless_of_case_and_name(self) -> None:
        first = customer_get_or_create(name="Jo Park", email="Jo@Park.example ")
        again = customer_get_or_create(name="Joanne", email="jo@park.example")
        assert first.pk == again.pk and again.name == "Jo Park" and again.email == "jo@park.example"

    def test_without_email_each_call_is_a_new_customer(self) -> None:
        a = customer_get_or_create(name="Walk-in")
        b = customer_get_or_create(name="Walk-in")
        assert a.pk != b.pk

    def test_name_defaults_to_the_email_local_part(self) -> None:
        assert customer_get_or_create(name="", email="sam.lee@example.com").name == "sam.lee"

    @pytest.mark.parametrize("kwargs", [{"name": "", "email": ""}, {"name": "A", "email": "not an email"},
                                        {"name": "A" * 201}, {"name": " \x00 "}])
    def test_bad_input(self, kwargs) -> None:
        with pytest.raises(InvalidInput):
            customer_get_or_create(**kwargs)
        assert Customer.objects.count() == 0
