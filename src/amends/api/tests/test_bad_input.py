"""Bad input to every API v1 endpoint gets a JSON 4xx, never a 500, and writes nothing.

Two layers: a sweep over every operation the OpenAPI document lists (auth, encoding, size and
JSON errors are handled once for all of them), and field-level cases per endpoint, plus a
property test that throws generated bodies at the write endpoints.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amends.cases.models import Case

TEN_MB = b'{"message": "' + b"x" * (10 * 1024 * 1024) + b'"}'


CORE_APPS = ("accounts", "customers", "playbooks", "cases", "remedies", "actions", "followups")


def row_counts() -> dict[str, int]:
    """Rows in every table of the desk core: the 'nothing half-written' check."""
    return {m._meta.label: m._default_manager.count()
            for label in CORE_APPS for m in apps.get_app_config(label).get_models()}


def assert_json_error(response: Any, *statuses: int) -> dict[str, Any]:
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    if statuses:
        assert response.status_code in statuses, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["error"]["code"], str) and body["error"]["message"]
    return body["error"]


@pytest.fixture
def world(agent_api, manager_api, make_case, agent) -> dict[str, Any]:
    """One case with a pending remedy, so that every path parameter can point at something real."""
    from amends.remedies.services import remedy_propose

    case = make_case()
    remedy = remedy_propose(case=case, actor=agent, kind="refund", value=200)
    return {"case": case, "remedy": remedy}


def operations(client: Any) -> list[tuple[str, str]]:
    spec = client.get("/api/v1/openapi.json").json()
    return [(method.upper(), path) for path, ops in spec["paths"].items() for method in ops]


def fill(path: str, world: dict[str, Any]) -> str:
    path = path.replace("{case_id}", str(world["case"].pk)).replace("{remedy_id}", str(world["remedy"].pk))
    path = path.replace("{key}", "own")
    return re.sub(r"\{[^}]+\}", "1", path)


@pytest.mark.django_db
class TestEveryOperation:
    def test_the_sweep_sees_the_contract_endpoints(self, client, world) -> None:
        ops = set(operations(client))
        for op in [("POST", "/api/v1/cases"), ("GET", "/api/v1/cases"), ("GET", "/api/v1/cases/{case_id}"),
                   ("POST", "/api/v1/cases/{case_id}/messages"), ("POST", "/api/v1/cases/{case_id}/close"),
                   ("POST", "/api/v1/cases/{case_id}/steps/{key}/complete"),
                   ("POST", "/api/v1/cases/{case_id}/steps/{key}/skip"),
                   ("POST", "/api/v1/cases/{case_id}/remedies"), ("POST", "/api/v1/remedies/{remedy_id}/approve"),
                   ("POST", "/api/v1/remedies/{remedy_id}/reject")]:
            assert op in ops

    @pytest.mark.parametrize("auth", [None, "Bearer wrong-token", "Basic dXNlcjpwYXNz", "Bearer ", "amd_x"])
    def test_missing_or_wrong_auth_is_401_everywhere(self, client, world, auth) -> None:
        before = row_counts()
        for method, path in operations(client):
            headers = {"HTTP_AUTHORIZATION": auth} if auth else {}
            url = fill(path, world)
            if method == "GET":
                response = client.get(url, **headers)
            else:
                response = client.generic(method, url, b'{"outcome": "wow"}', "application/json", **headers)
            assert_json_error(response, 401)
        assert row_counts() == before

    def test_revoked_token_is_401(self, agent_api, agent_token, world) -> None:
        from amends.accounts.models import ApiToken
        from amends.core import clock

        ApiToken.objects.update(revoked_at=clock.now())
        assert_json_error(agent_api.get("cases"), 401)

    @pytest.mark.parametrize("body,status", [
        (b"\xff\xfe\x00{", 400), (b'{"a": "\xc3\x28"}', 400), (b"{not json", 400), (b"{'single': 1}", 400),
        (b'{"a": 1,}', 400), (b"\x00", 400), (b'{"x": "nul \\u0000 inside"}', 400), (TEN_MB, 413),
    ])
    def test_broken_bodies_get_a_json_4xx_on_every_write(self, client, agent_token, world, body, status) -> None:
        before = row_counts()
        for method, path in operations(client):
            if method == "GET":
                continue
            response = client.generic(method, fill(path, world), body, "application/json",
                                      HTTP_AUTHORIZATION=f"Bearer {agent_token}")
            if path == "/api/v1/inbound/email":
                # Its body is a raw email, not JSON: any JSON content type is refused as such.
                assert_json_error(response, 415)
                continue
            assert_json_error(response, status, 422)
        assert row_counts() == before

    def test_nul_in_the_url_is_400(self, agent_api, world) -> None:
        case_id = world["case"].pk
        assert_json_error(agent_api.post(f"cases/{case_id}/steps/o%00wn/complete"), 400)
        assert_json_error(agent_api.get("cases", {"q": "a\x00b"}), 400)

    @pytest.mark.parametrize("case_id", ["0", "99999999", "99999999999999999999999999"])
    def test_unknown_ids_are_404(self, agent_api, world, case_id) -> None:
        before = row_counts()
        assert_json_error(agent_api.get(f"cases/{case_id}"), 404)
        for suffix, body in [("messages", {"direction": "note", "body": "x"}), ("steps/own/complete", None),
                             ("steps/own/skip", {"reason": "x"}), ("remedies", {"kind": "refund", "value": 1}),
                             ("assign", {"owner": None}), ("tasks", {"title": "x"}),
                             ("close", {"outcome": "not_recovered"})]:
            assert_json_error(agent_api.post(f"cases/{case_id}/{suffix}", body), 404)
        for action in ("approve", "reject"):
            assert_json_error(agent_api.post(f"remedies/{case_id}/{action}"), 404)
        assert_json_error(agent_api.get("cases/not-a-number"), 404)
        assert row_counts() == before


CASE_BODIES = [
    {}, {"customer": {"name": "A"}}, {"message": "hello"}, {"customer": "Ana", "message": "x"},
    {"customer": {"name": ""}, "message": "x"}, {"customer": {"name": "A", "email": "nope"}, "message": "x"},
    {"customer": {"name": "A"}, "message": ""}, {"customer": {"name": "A"}, "message": "   "},
    {"customer": {"name": "A"}, "message": 42}, {"customer": {"name": "A"}, "message": ["x"]},
    {"customer": {"name": "A"}, "message": "x", "channel": "fax"},
    {"customer": {"name": "A"}, "message": "x", "external_id": 7},
    {"customer": {"name": "A" * 201}, "message": "x"}, {"customer": {"name": "A"}, "message": "x" * 100_001},
    {"customer": {"name": "A"}, "message": "x", "external_id": "e" * 201}, [], "text", None, 17,
]


@pytest.mark.django_db
class TestFieldErrors:
    @pytest.mark.parametrize("body", CASE_BODIES)
    def test_open_case(self, agent_api, body) -> None:
        before = row_counts()
        assert_json_error(agent_api.post_raw("cases", json.dumps(body).encode()))
        assert row_counts() == before

    @pytest.mark.parametrize("suffix,body", [
        ("messages", {}), ("messages", {"direction": "sideways", "body": "x"}),
        ("messages", {"direction": "note"}), ("messages", {"direction": "note", "body": ""}),
        ("messages", {"direction": "note", "body": " \n "}), ("messages", {"direction": "note", "body": 3}),
        ("messages", {"direction": ["note"], "body": "x"}),
        ("steps/own/complete", {"note": 5}), ("steps/own/complete", {"note": "n" * 5001}),
        ("steps/own/complete", []), ("steps/nope/complete", None),
        ("steps/own/skip", None), ("steps/own/skip", {}), ("steps/own/skip", {"reason": ""}),
        ("steps/own/skip", {"reason": "   "}), ("steps/own/skip", {"reason": None}),
        ("remedies", {}), ("remedies", {"kind": "refund"}), ("remedies", {"value": 5}),
        ("remedies", {"kind": "cash", "value": 5}), ("remedies", {"kind": "refund", "value": "five"}),
        ("remedies", {"kind": "refund", "value": -1}), ("remedies", {"kind": "refund", "value": "NaN"}),
        ("remedies", {"kind": "refund", "value": "Infinity"}), ("remedies", {"kind": "refund", "value": 1e30}),
        ("remedies", {"kind": "refund", "value": 1, "currency": "EURO"}),
        ("remedies", {"kind": "refund", "value": 1, "currency": "€€€"}),
        ("remedies", {"kind": "refund", "value": 1, "extra": "maybe"}),
        ("remedies", {"kind": "refund", "value": 1, "description": "d" * 501}),
        ("assign", {"owner": "ghost"}), ("assign", {"owner": 12}),
        ("tasks", {}), ("tasks", {"title": ""}), ("tasks", {"title": "x", "assignee": "ghost"}),
        ("tasks", {"title": "x", "due_at": "next tuesday"}), ("tasks", {"title": "t" * 301}),
        ("close", {}), ("close", {"outcome": "fine"}), ("close", {"outcome": "recovered"}),
        ("close", {"outcome": "not_recovered", "root_cause": "r" * 201}), ("close", {"outcome": None}),
    ])
    def test_case_writes(self, agent_api, world, suffix, body) -> None:
        before = row_counts()
        assert_json_error(agent_api.post(f"cases/{world['case'].pk}/{suffix}", body))
        assert row_counts() == before

    @pytest.mark.parametrize("params", [
        {"status": "sleeping"}, {"priority": "asap"}, {"limit": "ten"}, {"limit": 0}, {"limit": 10_000},
        {"limit": "99999999999999999999999"}, {"cursor": "garbage"}, {"cursor": "W10"},
        {"cursor": "WyJhIiwgbnVsbCwgMV0"},
    ])
    def test_queue_params(self, agent_api, world, params) -> None:
        assert_json_error(agent_api.get("cases", params), 400, 422)

    @pytest.mark.parametrize("body", [{"note": 5}, {"note": "n" * 501}, [], "x"])
    def test_decisions(self, manager_api, world, body) -> None:
        before = row_counts()
        for action in ("approve", "reject"):
            assert_json_error(manager_api.post(f"remedies/{world['remedy'].pk}/{action}", body))
        assert row_counts() == before

    def test_a_refused_close_writes_nothing(self, agent_api, world) -> None:
        before = row_counts()
        error = assert_json_error(agent_api.post(f"cases/{world['case'].pk}/close", {"outcome": "wow"}), 409)
        assert error["open_steps"][0] == "own"
        assert row_counts() == before
        assert Case.objects.get(pk=world["case"].pk).status == "open"


# Values that stress parsers and databases: wrong types, huge and odd numbers, odd text.
odd_text = st.one_of(st.text(max_size=40), st.sampled_from(["", " ", "\u202e", "😡" * 5, "a\u0000b", "\ud7ff"]))
odd_value = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), odd_text,
                      st.lists(st.integers(), max_size=2), st.dictionaries(odd_text, st.integers(), max_size=2))


def mostly(keys: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    """Bodies with some of the right keys holding plausible or odd values."""
    return st.fixed_dictionaries({}, optional={k: st.one_of(v, odd_value) for k, v in keys.items()})


ENDPOINT_BODIES = {
    "cases": mostly({"customer": st.fixed_dictionaries({"name": odd_text}, optional={"email": odd_text}),
                     "message": odd_text, "channel": st.sampled_from(["email", "web", "fax"]),
                     "external_id": odd_text}),
    "messages": mostly({"direction": st.sampled_from(["inbound", "outbound", "note", "up"]), "body": odd_text,
                        "external_id": odd_text}),
    "steps/listen/skip": mostly({"reason": odd_text}),
    "remedies": mostly({"kind": st.sampled_from(["refund", "voucher", "cash"]),
                        "value": st.one_of(st.decimals(allow_nan=False).map(str), st.integers()),
                        "currency": odd_text, "extra": st.booleans(), "description": odd_text}),
    "tasks": mostly({"title": odd_text, "assignee": odd_text, "due_at": odd_text}),
    "close": mostly({"outcome": st.sampled_from(["recovered", "not_recovered", "wow", "meh"]),
                     "root_cause": odd_text}),
}


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", list(ENDPOINT_BODIES))
def test_generated_bodies_never_cause_a_500_or_a_partial_write(endpoint, agent_api, world) -> None:
    case_id = world["case"].pk

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
              database=None)
    @given(body=ENDPOINT_BODIES[endpoint])
    def check(body: dict[str, Any]) -> None:
        path = "cases" if endpoint == "cases" else f"cases/{case_id}/{endpoint}"
        before = row_counts()
        response = agent_api.post(path, body)
        assert response.status_code < 500, (body, response.content[:300])
        if response.status_code >= 400:
            assert_json_error(response)
            assert row_counts() == before, body
        if endpoint == "close" and response.status_code == 200:
            from amends.cases.services import case_reopen

            case_reopen(case=Case.objects.get(pk=case_id), actor=None, reason="property test")

    check()
