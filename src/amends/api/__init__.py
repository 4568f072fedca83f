"""REST API v1 (Django Ninja): bearer auth, error mapping and the routers of each domain."""
