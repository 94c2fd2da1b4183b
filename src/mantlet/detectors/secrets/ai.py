"""AI and model-hosting providers: OpenAI, Anthropic, Hugging Face, Cohere, Replicate, Groq ..."""

from __future__ import annotations

from mantlet.detectors.secrets.checksums import mixed_alnum, not_repetitive
from mantlet.detectors.secrets.format import LEFT, RIGHT, SecretFormat, in_context, prefixed

AI: tuple[SecretFormat, ...] = (
    # Legacy and project keys embed "T3BlbkFJ" (base64 of "OpenAI").
    SecretFormat(
        "OPENAI_API_KEY",
        LEFT
        + r"sk-(?:proj-|svcacct-|admin-|[A-Za-z0-9]+-)?[A-Za-z0-9_\-]{16,}T3BlbkFJ[A-Za-z0-9_\-]{16,}"
        + RIGHT,
        ("t3blbkfj",),
        "openai",
    ),
    SecretFormat(
        "OPENAI_API_KEY",
        LEFT + r"sk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{80,}" + RIGHT,
        ("sk-proj-", "sk-svcacct-", "sk-admin-"),
        "openai",
        not_repetitive,
    ),
    SecretFormat(
        "ANTHROPIC_API_KEY",
        LEFT + r"sk-ant-(?:api|admin|sid)\d\d-[A-Za-z0-9_\-]{80,}" + RIGHT,
        ("sk-ant-",),
        "anthropic",
        not_repetitive,
    ),
    prefixed("HUGGINGFACE_TOKEN", "huggingface", "hf_", r"[A-Za-z]{34}", validator=not_repetitive),
    prefixed(
        "HUGGINGFACE_TOKEN", "huggingface", "api_org_", r"[A-Za-z]{34}", validator=not_repetitive
    ),
    in_context(
        "COHERE_API_KEY",
        "cohere",
        r"(?:cohere|co_api)[A-Za-z0-9_.\-]*?(?:api)?[_\-]?key",
        r"[A-Za-z0-9]{40}",
        ("cohere", "co_api"),
        validator=mixed_alnum,
    ),
    prefixed("REPLICATE_API_TOKEN", "replicate", "r8_", r"[A-Za-z0-9]{37}", validator=mixed_alnum),
    prefixed("GROQ_API_KEY", "groq", "gsk_", r"[A-Za-z0-9]{52}"),
    prefixed("PERPLEXITY_API_KEY", "perplexity", "pplx-", r"[A-Za-z0-9]{48}"),
    prefixed("XAI_API_KEY", "xai", "xai-", r"[A-Za-z0-9]{80}"),
    in_context(
        "DEEPSEEK_API_KEY",
        "deepseek",
        r"deepseek[A-Za-z0-9_.\-]*?(?:api)?[_\-]?key",
        r"sk-[a-f0-9]{32}",
        ("deepseek",),
    ),
    SecretFormat(
        "DEEPSEEK_API_KEY",
        LEFT + r"sk-[a-f0-9]{32}" + RIGHT,
        ("sk-",),
        "deepseek",
        mixed_alnum,
        score=0.8,
    ),
    prefixed("TOGETHER_API_KEY", "together", "tgp_v1_", r"[A-Za-z0-9_\-]{43}"),
    prefixed("LLAMA_API_KEY", "meta", "llx-", r"[A-Za-z0-9_\-]{48}"),
    SecretFormat(
        "TAVILY_API_KEY",
        LEFT + r"tvly-(?:dev-|prod-)?[A-Za-z0-9]{32}" + RIGHT,
        ("tvly-",),
        "tavily",
    ),
    SecretFormat(
        "LANGSMITH_API_KEY",
        LEFT + r"lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}" + RIGHT,
        ("lsv2_",),
        "langchain",
    ),
    in_context(
        "MISTRAL_API_KEY",
        "mistral",
        r"mistral[A-Za-z0-9_.\-]*?(?:api)?[_\-]?key",
        r"[A-Za-z0-9]{32}",
        ("mistral",),
        validator=mixed_alnum,
    ),
    prefixed("ELEVENLABS_API_KEY", "elevenlabs", "sk_", r"[a-f0-9]{48}"),
    prefixed("FIREWORKS_API_KEY", "fireworks", "fw_", r"[A-Za-z0-9]{24}", validator=mixed_alnum),
)
