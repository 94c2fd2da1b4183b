"""Payments and commerce: Stripe, Square, Braintree/PayPal, Adyen, Shopify and others."""

from __future__ import annotations

from mantlet.detectors.secrets.checksums import mixed_alnum, not_repetitive
from mantlet.detectors.secrets.format import LEFT, RIGHT, SecretFormat, in_context, prefixed

PAYMENTS: tuple[SecretFormat, ...] = (
    SecretFormat(
        "STRIPE_SECRET_KEY",
        LEFT + r"sk_(?:live|test)_[A-Za-z0-9]{20,247}" + RIGHT,
        ("sk_live_", "sk_test_"),
        "stripe",
        not_repetitive,
    ),
    SecretFormat(
        "STRIPE_RESTRICTED_KEY",
        LEFT + r"rk_(?:live|test)_[A-Za-z0-9]{20,247}" + RIGHT,
        ("rk_live_", "rk_test_"),
        "stripe",
        not_repetitive,
    ),
    prefixed(
        "STRIPE_WEBHOOK_SECRET", "stripe", "whsec_", r"[A-Za-z0-9+/]{32,}", validator=not_repetitive
    ),
    prefixed("SQUARE_ACCESS_TOKEN", "square", "sq0atp-", r"[A-Za-z0-9_\-]{22}"),
    prefixed(
        "SQUARE_ACCESS_TOKEN",
        "square",
        "EAAA",
        r"[A-Za-z0-9_\-+=]{60}",
        keywords=("eaaa",),
        validator=mixed_alnum,
    ),
    prefixed("SQUARE_OAUTH_SECRET", "square", "sq0csp-", r"[A-Za-z0-9_\-]{43}"),
    SecretFormat(
        "BRAINTREE_ACCESS_TOKEN",
        LEFT + r"access_token\$(?:production|sandbox)\$[a-z0-9]{16}\$[a-f0-9]{32}" + RIGHT,
        ("access_token$",),
        "paypal",
    ),
    in_context(
        "PAYPAL_CLIENT_SECRET",
        "paypal",
        r"paypal[A-Za-z0-9_.\-]*?secret",
        r"E[A-Za-z0-9_\-]{79}",
        ("paypal",),
        validator=mixed_alnum,
    ),
    prefixed(
        "ADYEN_API_KEY",
        "adyen",
        "AQE",
        r"[A-Za-z0-9]{2}hmf[A-Za-z0-9+/=._\-]{60,}",
        keywords=("aqe",),
    ),
    SecretFormat(
        "SHOPIFY_TOKEN",
        LEFT + r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}" + RIGHT,
        ("shpat_", "shpca_", "shppa_", "shpss_"),
        "shopify",
    ),
    prefixed(
        "FLUTTERWAVE_SECRET_KEY",
        "flutterwave",
        "FLWSECK",
        r"(?:_TEST)?-[a-h0-9]{32}-X",
        keywords=("flwseck",),
    ),
    SecretFormat(
        "PLAID_ACCESS_TOKEN",
        LEFT
        + r"access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
        + RIGHT,
        ("access-",),
        "plaid",
    ),
    SecretFormat(
        "SHIPPO_API_TOKEN",
        LEFT + r"shippo_(?:live|test)_[a-f0-9]{40}" + RIGHT,
        ("shippo_",),
        "shippo",
    ),
    prefixed("EASYPOST_API_KEY", "easypost", "EZAK", r"[a-z0-9]{54}", keywords=("ezak",)),
    SecretFormat(
        "DUFFEL_API_TOKEN",
        LEFT + r"duffel_(?:test|live)_[A-Za-z0-9_\-=]{43}" + RIGHT,
        ("duffel_",),
        "duffel",
    ),
    in_context(
        "RAZORPAY_KEY_SECRET",
        "razorpay",
        r"razorpay[A-Za-z0-9_.\-]*?secret",
        r"[A-Za-z0-9]{24}",
        ("razorpay",),
        validator=mixed_alnum,
    ),
)
