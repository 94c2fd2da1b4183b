"""Continuous adversarial testing: attack probes against OpenAI-compatible endpoints,
judged by the same engine that protects production traffic."""
