"""The API's routers, one module per area; each route is a thin call into ``api.data`` or a
service module and returns a pydantic model."""
