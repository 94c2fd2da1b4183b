"""The gateway: an OpenAI-compatible reverse proxy with auth, rate limits, guards and audit."""
