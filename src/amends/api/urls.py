"""The v1 API object: one NinjaAPI with every domain's router."""

from __future__ import annotations

from ninja import NinjaAPI

from amends.api import errors
from amends.api.auth import BearerToken
from amends.api.parser import StrictJsonParser
from amends.cases.api import router as cases_router
from amends.outbox.api import router as inbound_router
from amends.remedies.api import router as remedies_router

api = NinjaAPI(
    title="Amends API",
    version="1",
    description="Service recovery desk: cases, the recovery playbook, remedies and approvals.",
    auth=BearerToken(),
    parser=StrictJsonParser(),
    urls_namespace="api-v1",
)
errors.install(api)
api.add_router("/cases", cases_router, tags=["cases"])
api.add_router("/remedies", remedies_router, tags=["remedies"])
api.add_router("/inbound", inbound_router, tags=["inbound"])
