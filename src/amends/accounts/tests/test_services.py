"""People, tokens and authority."""

from __future__ import annotations

from decimal import Decimal

import pytest

from amends.accounts.authority import authority_covers, may_approve
from amends.accounts.models import ApiToken, User
from amends.accounts.selectors import approvers_for, user_for_token
from amends.accounts.services import hash_token, token_create, user_create, user_update
from amends.core import clock
from amends.core.errors import Conflict, InvalidInput, NotFound


@pytest.mark.django_db
class TestUserCreate:
    def test_roles_get_their_default_limits_and_admin_rights(self) -> None:
        agent = user_create(username="a1", role="agent")
        manager = user_create(username="m1", role="manager")
        admin = user_create(username="x1", role="admin")
        assert (agent.remedy_limit, agent.is_staff, agent.is_superuser) == (Decimal("50"), False, False)
        assert (manager.remedy_limit, manager.is_staff, manager.is_superuser) == (Decimal("1000"), True, False)
        assert (admin.is_staff, admin.is_superuser, admin.is_manager) == (True, True, True)

    def test_explicit_limit_and_password(self) -> None:
        user = user_create(username="ana", role="agent", limit="75.5", password="s3cret-pass")
        assert user.remedy_limit == Decimal("75.50")
        assert user.check_password("s3cret-pass")
        assert not user_create(username="nopass").has_usable_password()

    @pytest.mark.parametrize("kwargs", [
        {"username": ""}, {"username": "   "}, {"username": "x" * 151}, {"username": "a", "role": "boss"},
        {"username": "a", "limit": "lots"}, {"username": "a", "limit": "-5"},
    ])
    def test_bad_input(self, kwargs) -> None:
        with pytest.raises(InvalidInput):
            user_create(**kwargs)
        assert User.objects.count() == 0

    def test_duplicate_name_is_a_conflict(self) -> None:
        user_create(username="ana")
        with pytest.raises(Conflict):
            user_create(username="ana")
        assert User.objects.count() == 1


    def test_update_gives_and_takes_admin_rights_with_the_role(self) -> None:
        root = user_create(username="root", role="admin")
        person = user_create(username="ana", role="agent")

        def update(role: str) -> User:
            return user_update(user=person, actor=root, first_name="Ana", last_name="", email="", role=role,
                               remedy_limit="50", team=None, manager=None, is_active=True)

        assert (update("admin").is_staff, person.is_superuser) == (True, True)
        assert (update("manager").is_staff, person.is_superuser) == (True, False)
        person.refresh_from_db()
        assert (person.role, person.is_staff, person.is_superuser) == ("manager", True, False)
        assert (update("agent").is_staff, person.is_superuser) == (False, False)

@pytest.mark.django_db
class TestTokens:
    def test_only_the_hash_is_stored_and_the_raw_value_authenticates(self, agent: User) -> None:
        token, raw = token_create(username="ana", name="zapier")
        assert raw.startswith("amd_") and len(raw) > 40
        stored = ApiToken.objects.get()
        assert stored.key_hash == hash_token(raw) and raw not in (stored.key_hash, stored.prefix)
        assert user_for_token(raw) == agent
        assert user_for_token(raw + "x") is None

    def test_revoked_tokens_and_inactive_users_do_not_authenticate(self, agent: User) -> None:
        token, raw = token_create(username="ana")
        token.revoked_at = clock.now()
        token.save()
        assert user_for_token(raw) is None
        _, raw2 = token_create(username="ana")
        agent.is_active = False
        agent.save()
        assert user_for_token(raw2) is None

    def test_unknown_or_inactive_user_gets_no_token(self, agent: User) -> None:
        with pytest.raises(NotFound):
            token_create(username="ghost")
        agent.is_active = False
        agent.save()
        with pytest.raises(NotFound):
            token_create(username="ana")


@pytest.mark.django_db
class TestAuthority:
    def test_limits(self, agent: User, manager: User) -> None:
        assert authority_covers(agent, Decimal("50")) and not authority_covers(agent, Decimal("50.01"))
        assert may_approve(manager, Decimal("99999"))  # managers approve any value
        assert not may_approve(agent, Decimal("51")) and may_approve(agent, Decimal("49"))

    def test_approvers_are_active_managers_and_admins(self, agent: User, manager: User, admin_user: User) -> None:
        assert list(approvers_for(Decimal("200"))) == [manager, admin_user]
