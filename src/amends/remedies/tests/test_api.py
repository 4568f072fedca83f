"""API v1 remedy routes: propose on a case, approve and reject with authority checks."""

from __future__ import annotations

import pytest

from amends.remedies.models import Remedy


@pytest.fixture
def case_id(agent_api) -> int:
    response = agent_api.post("cases", {"customer": {"name": "Omar"}, "message": "The delivery never came."})
    return response.json()["id"]


@pytest.mark.django_db
class TestRemedyApi:
    def test_within_authority_is_approved_above_is_pending(self, agent_api, case_id: int) -> None:
        small = agent_api.post(f"cases/{case_id}/remedies", {"kind": "refund", "value": 30, "currency": "EUR",
                                                             "extra": False, "description": "part refund"})
        assert small.status_code == 201
        assert (small.json()["status"], small.json()["approver"]) == ("approved", "ana")
        big = agent_api.post(f"cases/{case_id}/remedies", {"kind": "replacement", "value": "200.00",
                                                           "currency": "eur", "extra": False,
                                                           "description": "new sofa"})
        assert big.status_code == 201
        assert (big.json()["status"], big.json()["currency"]) == ("pending_approval", "EUR")

    def test_agent_gets_403_manager_approves(self, agent_api, manager_api, case_id: int) -> None:
        remedy = agent_api.post(f"cases/{case_id}/remedies", {"kind": "refund", "value": 200}).json()
        denied = agent_api.post(f"remedies/{remedy['id']}/approve")
        assert denied.status_code == 403 and denied.json()["error"]["code"] == "forbidden"
        assert Remedy.objects.get(pk=remedy["id"]).status == "pending_approval"
        inbox = manager_api.get("remedies/pending").json()
        assert [r["id"] for r in inbox] == [remedy["id"]]
        approved = manager_api.post(f"remedies/{remedy['id']}/approve", {"note": "fine"})
        assert approved.status_code == 200
        assert (approved.json()["status"], approved.json()["approver"]) == ("approved", "mia")
        assert manager_api.post(f"remedies/{remedy['id']}/approve").status_code == 409

    def test_manager_rejects(self, agent_api, manager_api, case_id: int) -> None:
        remedy = agent_api.post(f"cases/{case_id}/remedies", {"kind": "refund", "value": 999}).json()
        assert agent_api.post(f"remedies/{remedy['id']}/reject").status_code == 403
        rejected = manager_api.post(f"remedies/{remedy['id']}/reject", {"note": "offer a repair instead"})
        assert rejected.status_code == 200
        assert (rejected.json()["status"], rejected.json()["decision_note"]) == ("rejected", "offer a repair instead")
        timeline = agent_api.get(f"cases/{case_id}").json()["timeline"]
        assert (timeline[-1]["type"], timeline[-1]["actor"]) == ("remedy_rejected", "mia")

    def test_unknown_remedy_is_404(self, manager_api) -> None:
        assert manager_api.post("remedies/424242/approve").status_code == 404
        assert manager_api.post("remedies/424242/reject").status_code == 404
