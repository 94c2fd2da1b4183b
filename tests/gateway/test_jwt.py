from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm
from pydantic import ValidationError

from mantlet.gateway.auth import Authenticator, AuthError, Principal
from mantlet.gateway.jwt import JWTConfig, JWTVerifier
from mantlet.gateway.keys import open_key_store

ISSUER = "https://idp.example.test/"
AUDIENCE = "mantlet-gateway"


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def ec_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def jwks(**keys: Any) -> dict[str, Any]:
    entries = []
    for kid, private in keys.items():
        algorithm = RSAAlgorithm if isinstance(private, rsa.RSAPrivateKey) else ECAlgorithm
        entry = json.loads(algorithm.to_jwk(private.public_key()))
        entry["kid"] = kid
        entries.append(entry)
    return {"keys": entries}


def token(private: Any, kid: str, alg: str = "RS256", **overrides: Any) -> str:
    claims: dict[str, Any] = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": "alice",
        "role": "analyst",
        "env": "prod",
        "exp": int(time.time()) + 300,
    }
    claims.update(overrides)
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode(claims, private, algorithm=alg, headers={"kid": kid})


@pytest.fixture()
def verifier(tmp_path: Path, rsa_key: rsa.RSAPrivateKey, ec_key: Any) -> JWTVerifier:
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps(jwks(r1=rsa_key, e1=ec_key)))
    return JWTVerifier(
        JWTConfig(issuer=ISSUER, audience=AUDIENCE, jwks_file=path, algorithms=("RS256", "ES256"))
    )


async def test_valid_tokens_become_principals(
    verifier: JWTVerifier, rsa_key: Any, ec_key: Any
) -> None:
    expected = Principal(subject="jwt:alice", role="analyst", env="prod", key_id=None)
    assert await verifier.verify(token(rsa_key, "r1")) == expected
    assert await verifier.verify(token(ec_key, "e1", alg="ES256")) == expected


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"iss": "https://evil.example.test/"}, "InvalidIssuer"),
        ({"aud": "someone-else"}, "InvalidAudience"),
        ({"exp": int(time.time()) - 3600}, "expired"),
        ({"exp": None}, "MissingRequiredClaim"),
    ],
)
async def test_wrong_claims_are_401(
    verifier: JWTVerifier, rsa_key: Any, overrides: dict[str, Any], message: str
) -> None:
    with pytest.raises(AuthError, match=message) as caught:
        await verifier.verify(token(rsa_key, "r1", **overrides))
    assert caught.value.status == 401


async def test_signature_from_another_key_is_401(verifier: JWTVerifier) -> None:
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(AuthError, match="InvalidSignature"):
        await verifier.verify(token(stranger, "r1"))
    with pytest.raises(AuthError, match="unknown key"):
        await verifier.verify(token(stranger, "nope"))


async def test_alg_none_and_hmac_are_refused(verifier: JWTVerifier, rsa_key: Any) -> None:
    unsigned = jwt.encode(
        {"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "role": "admin"}, None, algorithm="none"
    )
    with pytest.raises(AuthError, match="algorithm not allowed"):
        await verifier.verify(unsigned)
    # HS256 signed with the public key as a shared secret: the classic confusion attack.
    forged = jwt.encode(
        {"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "role": "admin", "exp": int(time.time()) + 60},
        "public-key-bytes-as-secret-" + "x" * 32,
        algorithm="HS256",
        headers={"kid": "r1"},
    )
    with pytest.raises(AuthError, match="algorithm not allowed"):
        await verifier.verify(forged)


def test_config_refuses_symmetric_and_none_algorithms(tmp_path: Path) -> None:
    for algorithms in (("none",), ("HS256",), ()):
        with pytest.raises(ValidationError, match="algorithms"):
            JWTConfig(issuer=ISSUER, audience=AUDIENCE, jwks_file=tmp_path, algorithms=algorithms)
    with pytest.raises(ValidationError, match="exactly one"):
        JWTConfig(issuer=ISSUER, audience=AUDIENCE)


async def test_missing_role_or_env_is_403(verifier: JWTVerifier, rsa_key: Any) -> None:
    with pytest.raises(AuthError) as caught:
        await verifier.verify(token(rsa_key, "r1", role=None))
    assert caught.value.status == 403
    with pytest.raises(AuthError) as caught:
        await verifier.verify(token(rsa_key, "r1", env="staging"))
    assert caught.value.status == 403


async def test_nested_claim_names_and_default_env(tmp_path: Path, rsa_key: Any) -> None:
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps(jwks(r1=rsa_key)))
    verifier = JWTVerifier(
        JWTConfig(
            issuer=ISSUER,
            audience=AUDIENCE,
            jwks_file=path,
            role_claim="mantlet.role",
            env_claim="mantlet.env",
            default_env="test",
        )
    )
    principal = await verifier.verify(token(rsa_key, "r1", role=None, mantlet={"role": "ops"}))
    assert (principal.role, principal.env) == ("ops", "test")


async def test_jwks_url_is_cached_and_refetched_for_a_new_key(rsa_key: Any) -> None:
    rotated = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    published = {"document": jwks(r1=rsa_key)}
    fetches: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        fetches.append(str(request.url))
        return httpx.Response(200, json=published["document"])

    client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    config = JWTConfig(
        issuer=ISSUER,
        audience=AUDIENCE,
        jwks_url="https://idp.example.test/jwks",
        refetch_seconds=0,
    )
    verifier = JWTVerifier(config, client=client)
    for _ in range(3):
        await verifier.verify(token(rsa_key, "r1"))
    assert len(fetches) == 1
    published["document"] = jwks(r1=rsa_key, r2=rotated)
    assert (await verifier.verify(token(rotated, "r2"))).subject == "jwt:alice"
    assert len(fetches) == 2
    await client.aclose()


async def test_unreachable_jwks_fails_closed_with_503(rsa_key: Any) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    verifier = JWTVerifier(
        JWTConfig(issuer=ISSUER, audience=AUDIENCE, jwks_url="https://idp.example.test/jwks"),
        client=client,
    )
    with pytest.raises(AuthError) as caught:
        await verifier.verify(token(rsa_key, "r1"))
    assert caught.value.status == 503
    await client.aclose()


async def test_authenticator_routes_bearer_jwts(
    tmp_path: Path, verifier: JWTVerifier, rsa_key: Any
) -> None:
    auth = Authenticator(open_key_store(tmp_path / "keys.sqlite3"), verifier)
    principal = await auth.authenticate(f"Bearer {token(rsa_key, 'r1')}")
    assert principal.subject == "jwt:alice"
    without_jwt = Authenticator(open_key_store(tmp_path / "keys.sqlite3"))
    with pytest.raises(AuthError):
        await without_jwt.authenticate(f"Bearer {token(rsa_key, 'r1')}")


async def test_jwks_fetched_over_real_http(rsa_key: Any) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    body = json.dumps(jwks(r1=rsa_key)).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/.well-known/jwks.json"
        verifier = JWTVerifier(JWTConfig(issuer=ISSUER, audience=AUDIENCE, jwks_url=url))
        assert (await verifier.verify(token(rsa_key, "r1"))).role == "analyst"
        await verifier.aclose()
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
