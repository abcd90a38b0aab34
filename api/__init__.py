"""The innograph web service: a FastAPI API and server-rendered pages over the graph."""
