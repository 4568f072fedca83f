"""API v1 case routes (CONTRACTS.md §2): shapes, status codes and the rules behind them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from amends.cases.models import Case


def open_case(api, **overrides) -> dict:
    body = {"customer": {"name": "Lena Berg", "email": "lena@example.com"}, "channel": "email",
            "message": "The kettle I bought leaks from the base. Second one this year."}
    body.update(overrides)
    response = api.post("cases", body)
    assert response.status_code in (200, 201), response.content
    return response.json()


@pytest.mark.django_db
class TestOpenAndRead:
    def test_open_returns_201_with_the_contract_fields(self, agent_api) -> None:
        response = agent_api.post("cases", {"customer": {"name": "Lena", "email": "lena@example.com"},
                                            "channel": "web", "message": "It leaks.", "external_id": "web-9"})
        assert response.status_code == 201
        data = response.json()
        for field in ("id", "status", "priority", "owner", "analysis", "steps", "remedies", "tasks", "follow_ups",
                      "timeline"):
            assert field in data
        assert data["status"] == "open" and data["channel"] == "web" and data["external_id"] == "web-9"
        assert {"key", "status", "due_at"} <= set(data["steps"][0])
        assert [s["key"] for s in data["steps"]][:2] == ["own", "listen"]
        assert data["timeline"][0]["type"] == "case_opened"
        assert data["messages"][0] == {**data["messages"][0], "direction": "inbound", "body": "It leaks."}

    def test_the_201_body_is_the_case_exactly_as_it_reads_back(self, agent_api) -> None:
        # The reply to a new case is built from what was just written, not read back; it must not differ.
        for message in ("I was charged twice for my order and nobody answers my emails. I want my money back.",
                        "ok"):
            created = agent_api.post("cases", {"customer": {"name": "Lena", "email": "lena@example.com"},
                                               "channel": "email", "message": message})
            assert created.status_code == 201
            again = agent_api.get(f"cases/{created.json()['id']}")
            assert again.status_code == 200
            assert created.json() == again.json()

    def test_fast_rendered_bodies_are_what_the_declared_schemas_give(self, agent_api) -> None:
        # Opening a case and the queue skip Ninja's response validation; the body must still be
        # exactly the schema's rendering of itself.
        from ninja.responses import NinjaJSONEncoder

        from amends.cases import schemas

        open_case(agent_api)
        created = agent_api.post("cases", {"customer": {"name": "Ola"}, "message": "The heater is broken again."})
        queue = agent_api.get("cases", {"limit": 1})
        assert queue.json()["next_cursor"] and len(queue.json()["items"]) == 1
        for response, schema in ((created, schemas.CaseOut), (queue, schemas.QueueOut)):
            assert response["Content-Type"] == "application/json; charset=utf-8"
            body = response.json()
            validated = json.loads(json.dumps(schema.model_validate(body).model_dump(), cls=NinjaJSONEncoder))
            assert body == validated

    def test_same_external_id_gives_200_and_the_same_case(self, agent_api) -> None:
        first = open_case(agent_api, external_id="mail-<abc@x>")
        response = agent_api.post("cases", {"customer": {"name": "Other"}, "message": "Different",
                                            "external_id": "mail-<abc@x>"})
        assert response.status_code == 200
        assert response.json()["id"] == first["id"]
        assert Case.objects.count() == 1

    def test_get_one_case_and_unknown_is_404(self, agent_api) -> None:
        case = open_case(agent_api)
        got = agent_api.get(f"cases/{case['id']}")
        assert got.status_code == 200 and got.json()["id"] == case["id"]
        missing = agent_api.get(f"cases/{case['id'] + 99}")
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"

    def test_queue_pages_with_a_cursor_and_filters(self, agent_api) -> None:
        ids = {open_case(agent_api, message=f"Complaint number {i}")["id"] for i in range(5)}
        seen: list[int] = []
        cursor = None
        while True:
            params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
            page = agent_api.get("cases", params).json()
            seen += [item["id"] for item in page["items"]]
            cursor = page["next_cursor"]
            if not cursor:
                break
        assert sorted(seen) == sorted(ids) and len(seen) == len(set(seen))
        assert agent_api.get("cases", {"owner": "none"}).json()["items"]
        assert agent_api.get("cases", {"owner": "ana"}).json()["items"] == []
        assert agent_api.get("cases", {"priority": "critical"}).json()["items"] == []
        assert agent_api.get("cases", {"status": "closed"}).json()["items"] == []
        assert agent_api.get("cases", {"q": "number 3"}).json()["items"][0]["id"] in ids

    def test_openapi_is_published(self, client) -> None:
        response = client.get("/api/v1/openapi.json")
        assert response.status_code == 200
        paths = response.json()["paths"]
        assert "/api/v1/cases" in paths and "/api/v1/remedies/{remedy_id}/approve" in paths


@pytest.mark.django_db
class TestWorkingACase:
    def test_outbound_reply_carries_its_coaching_field(self, agent_api) -> None:
        case = open_case(agent_api)
        response = agent_api.post(f"cases/{case['id']}/messages",
                                  {"direction": "outbound", "body": "Thank you for telling us; I am sorry."})
        assert response.status_code == 201
        data = response.json()
        assert data["direction"] == "outbound" and data["author"] == "ana" and "coaching" in data

    def test_steps_complete_and_skip(self, agent_api) -> None:
        case = open_case(agent_api)
        done = agent_api.post(f"cases/{case['id']}/steps/own/complete")
        assert done.status_code == 200 and done.json()["status"] == "done"
        noted = agent_api.post(f"cases/{case['id']}/steps/listen/complete", {"note": "confirmed"})
        assert noted.json()["note"] == "confirmed"
        no_reason = agent_api.post(f"cases/{case['id']}/steps/extra/skip", {})
        assert no_reason.status_code == 422
        blank_reason = agent_api.post(f"cases/{case['id']}/steps/extra/skip", {"reason": "  "})
        assert blank_reason.status_code == 400
        skipped = agent_api.post(f"cases/{case['id']}/steps/extra/skip", {"reason": "customer declined"})
        assert skipped.status_code == 200 and skipped.json()["skip_reason"] == "customer declined"
        again = agent_api.post(f"cases/{case['id']}/steps/extra/skip", {"reason": "again"})
        assert again.status_code == 409
        assert agent_api.post(f"cases/{case['id']}/steps/nope/complete").status_code == 404
        owner = agent_api.get(f"cases/{case['id']}").json()["owner"]
        assert owner == "ana"

    def test_close_early_is_409_with_the_open_steps_then_200(self, agent_api) -> None:
        case = open_case(agent_api)
        early = agent_api.post(f"cases/{case['id']}/close", {"outcome": "recovered", "root_cause": "courier"})
        assert early.status_code == 409
        error = early.json()["error"]
        assert error["code"] == "open_steps"
        assert error["open_steps"] == ["own", "listen", "acknowledge", "resolve", "agree", "act", "follow_up"]
        for key in error["open_steps"]:
            assert agent_api.post(f"cases/{case['id']}/steps/{key}/complete").status_code == 200
        closed = agent_api.post(f"cases/{case['id']}/close", {"outcome": "recovered", "root_cause": "courier"})
        assert closed.status_code == 200
        assert (closed.json()["status"], closed.json()["outcome"]) == ("closed", "recovered")
        assert agent_api.post(f"cases/{case['id']}/close", {"outcome": "wow"}).status_code == 409

    def test_not_recovered_closes_early(self, agent_api) -> None:
        case = open_case(agent_api)
        response = agent_api.post(f"cases/{case['id']}/close", {"outcome": "not_recovered", "root_cause": "?"})
        assert response.status_code == 200 and response.json()["outcome"] == "not_recovered"

    def test_assign_and_tasks(self, agent_api, other_agent) -> None:
        case = open_case(agent_api)
        assigned = agent_api.post(f"cases/{case['id']}/assign", {"owner": "ben"})
        assert assigned.status_code == 200 and assigned.json()["owner"] == "ben"
        assert agent_api.post(f"cases/{case['id']}/assign", {"owner": "ghost"}).status_code == 400
        unassigned = agent_api.post(f"cases/{case['id']}/assign", {"owner": None})
        assert unassigned.json()["owner"] is None
        task = agent_api.post(f"cases/{case['id']}/tasks", {"title": "Ship a new kettle", "assignee": "ben",
                                                            "due_at": "2030-01-02T10:00:00+01:00"})
        assert task.status_code == 201
        assert task.json()["assignee"] == "ben"
        due = dt.datetime.fromisoformat(task.json()["due_at"].replace("Z", "+00:00"))
        assert due == dt.datetime(2030, 1, 2, 9, 0, tzinfo=dt.UTC)
        full = agent_api.get(f"cases/{case['id']}").json()
        assert [t["title"] for t in full["tasks"]] == ["Ship a new kettle"]
        assert [e["type"] for e in full["timeline"]][-3:] == ["owner_assigned", "owner_assigned", "task_created"]

    def test_every_change_through_the_api_is_on_the_timeline_with_its_actor(self, agent_api) -> None:
        case = open_case(agent_api)
        agent_api.post(f"cases/{case['id']}/steps/own/complete")
        agent_api.post(f"cases/{case['id']}/messages", {"direction": "note", "body": "called them"})
        agent_api.post(f"cases/{case['id']}/remedies", {"kind": "voucher", "value": "10", "extra": True})
        timeline = agent_api.get(f"cases/{case['id']}").json()["timeline"]
        tail = [(e["type"], e["actor"]) for e in timeline][-5:]
        assert tail == [("owner_assigned", "ana"), ("step_completed", "ana"), ("note_added", "ana"),
                        ("remedy_proposed", "ana"), ("remedy_approved", "ana")]
