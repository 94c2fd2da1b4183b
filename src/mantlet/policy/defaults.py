"""The built-in policy, used when no policy file is given. Kept as YAML so
`mantlet policy default` prints a file a user can start from."""

from __future__ import annotations

DEFAULT_POLICY_YAML = """\
# Mantlet's built-in policy. Copy it, edit it, check it with `mantlet policy check FILE`.
version: 1
name: default
input:
  categories:
    INJECTION: {action: block, threshold: 0.9}   # the injection detector's direct threshold
    JAILBREAK: {action: block, threshold: 0.9}
    SECRET: {action: redact}
    PII: {action: pseudonymize}      # restored in the response, for this caller only
    HIDDEN_TEXT: {action: strip}     # removed; the decision records it as a finding
  indirect:                          # tool and function results: text the caller did not write
    categories:
      INJECTION: {action: block, threshold: 0.7}
      JAILBREAK: {action: block, threshold: 0.7}
output:
  categories:
    SECRET: {action: redact}
    CANARY: {action: block}
    PII: {action: redact, except_in_prompt: true}
    CODE: {action: flag}
    CONTENT: {action: flag}          # shell scripts, network code ...: roles may block them
    URL: {action: redact}            # exfiltration links and auto-loading images are cut
    HIDDEN_TEXT: {action: strip}
roles:
  "*": {models: ["*"]}
on_detector_error:
  default: block
canary:
  models: []                         # e.g. ["gpt-4o*"] plants a canary in those system prompts
"""
