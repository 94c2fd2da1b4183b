"""Messaging, mail and social platforms: Slack, Discord, Telegram, Twilio, SendGrid,
Mailgun, Mailchimp, Brevo, Microsoft Teams, Facebook, Instagram, X."""

from __future__ import annotations

from mantlet.detectors.secrets.checksums import discord_bot_token, mixed_alnum, not_repetitive
from mantlet.detectors.secrets.format import LEFT, RIGHT, SecretFormat, in_context, prefixed

MESSAGING: tuple[SecretFormat, ...] = (
    SecretFormat(
        "SLACK_TOKEN",
        LEFT + r"xox[abposer]-(?:\d+-)+[A-Za-z0-9]{8,}" + RIGHT,
        ("xox",),
        "slack",
    ),
    SecretFormat(
        "SLACK_TOKEN",
        LEFT + r"xox[pe]-1-[A-Za-z0-9]{100,}" + RIGHT,
        ("xoxp-1-", "xoxe-1-"),
        "slack",
    ),
    prefixed("SLACK_APP_TOKEN", "slack", "xapp-", r"\d-[A-Z0-9]+-\d+-[a-z0-9]{32,}"),
    SecretFormat(
        "SLACK_WEBHOOK",
        r"https://hooks\.slack\.com/(?:services|workflows|triggers)(?P<secret>/[A-Za-z0-9_/+]{30,})",
        ("hooks.slack.com",),
        "slack",
    ),
    SecretFormat(
        "DISCORD_BOT_TOKEN",
        LEFT + r"[MNO][A-Za-z0-9_\-]{23,27}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,40}" + RIGHT,
        (),
        "discord",
        discord_bot_token,
    ),
    SecretFormat(
        "DISCORD_WEBHOOK",
        r"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks(?P<secret>/\d{15,20}/[A-Za-z0-9_\-]{60,})",
        ("discord",),
        "discord",
    ),
    SecretFormat(
        "TELEGRAM_BOT_TOKEN",
        r"(?<![A-Za-z0-9_:])\d{8,10}:AA[A-Za-z0-9_\-]{33}" + RIGHT,
        (":aa",),
        "telegram",
    ),
    prefixed(
        "TWILIO_API_KEY",
        "twilio",
        "SK",
        r"[0-9a-fA-F]{32}",
        keywords=("sk",),
        validator=mixed_alnum,
    ),
    in_context(
        "TWILIO_AUTH_TOKEN",
        "twilio",
        r"twilio[A-Za-z0-9_.\-]*?(?:auth)?[_\-]?(?:token|secret)",
        r"[a-f0-9]{32}",
        ("twilio",),
        validator=mixed_alnum,
    ),
    SecretFormat(
        "SENDGRID_API_KEY",
        LEFT + r"SG\.[A-Za-z0-9_\-]{16,32}\.[A-Za-z0-9_\-]{16,64}" + RIGHT,
        ("sg.",),
        "sendgrid",
        not_repetitive,
    ),
    prefixed("MAILGUN_API_KEY", "mailgun", "key-", r"[0-9a-f]{32}", validator=mixed_alnum),
    SecretFormat(
        "MAILGUN_API_KEY",
        LEFT + r"[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}" + RIGHT,
        (),
        "mailgun",
        mixed_alnum,
    ),
    SecretFormat(
        "MAILCHIMP_API_KEY",
        LEFT + r"[0-9A-Za-z]{32}-us\d{1,2}" + RIGHT,
        ("-us",),
        "mailchimp",
        mixed_alnum,
    ),
    prefixed("BREVO_API_KEY", "brevo", "xkeysib-", r"[a-f0-9]{64}-[A-Za-z0-9]{16}"),
    prefixed("BREVO_API_KEY", "brevo", "xsmtpsib-", r"[a-f0-9]{64}-[A-Za-z0-9]{16}"),
    SecretFormat(
        "MICROSOFT_TEAMS_WEBHOOK",
        r"https://[a-z0-9\-]+\.webhook\.office\.com/webhookb2/(?P<secret>[a-z0-9\-]{36}@[a-z0-9\-]{36}/IncomingWebhook/[a-z0-9]{32}/[a-z0-9\-]{36})",
        ("webhook.office.com",),
        "microsoft",
    ),
    prefixed(
        "FACEBOOK_ACCESS_TOKEN",
        "facebook",
        "EAAC",
        r"[A-Za-z0-9]{60,}",
        keywords=("eaac",),
        validator=mixed_alnum,
    ),
    SecretFormat(
        "FACEBOOK_APP_TOKEN",
        r"(?<![A-Za-z0-9_|])\d{15,16}\|[A-Za-z0-9_\-]{27}" + RIGHT,
        ("|",),
        "facebook",
        mixed_alnum,
    ),
    prefixed(
        "INSTAGRAM_ACCESS_TOKEN", "instagram", "IGQV", r"[A-Za-z0-9_\-]{100,}", keywords=("igqv",)
    ),
    SecretFormat(
        "X_BEARER_TOKEN",
        # 18 or more `A`s, the first 17 written out: `re` skips to them (see `lead_first`).
        LEFT + "A" * 17 + r"A+[A-Za-z0-9%]{40,}" + RIGHT,
        ("aaaaaaaaaaaaaaaaaa",),
        "x",
        mixed_alnum,
    ),
    SecretFormat(
        "MAILJET_SECRET",
        r"(?i:mailjet)"
        + r"[A-Za-z0-9_.\-]*?(?:secret|private)[A-Za-z0-9_.\-]*?[\"']?\s{0,3}[:=]\s{0,3}[\"']?(?P<secret>[a-f0-9]{32})"
        + RIGHT,
        ("mailjet",),
        "mailjet",
        mixed_alnum,
    ),
    in_context(
        "POSTMARK_SERVER_TOKEN",
        "postmark",
        r"postmark[A-Za-z0-9_.\-]*?(?:token|key)",
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        ("postmark",),
    ),
)
