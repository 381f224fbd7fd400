"""An OpenID provider for the tests: discovery, an authorize endpoint that approves the configured
person at once, a token endpoint that checks the code (once), the client secret, the redirect
URI and the PKCE verifier (S256), and a JWKS with the RS256 key that signs the ID tokens. The
key is made at test time. Attributes set by a test bend one thing for a refusal test."""

import base64
import hashlib
import hmac
import json
import secrets
import time
from urllib.parse import parse_qs, urlencode

import jwt
import requests
from jwt.algorithms import RSAAlgorithm

from sso.tests.keys import rsa_key
from sso.tests.wsgi_thread import ThreadedServer

KID = "test-key-1"


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class OidcProvider:
    def __init__(self, *, client_id: str, client_secret: str):
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = rsa_key()
        self.http = ThreadedServer(self.wsgi)
        self.issuer = self.http.base_url
        # Who logs in, and how.
        self.email = ""
        self.amr: list[str] = ["pwd"]
        self.acr: str | None = None
        # Bends for refusal tests.
        self.nonce_override: str | None = None
        self.signing_key = self.key  # another key: a token the JWKS does not vouch for
        self.audience: str | None = None
        # What the token endpoint saw and refused, for the tests to assert on.
        self.codes: dict[str, dict] = {}
        self.token_refusals: list[str] = []
        self.tokens_issued = 0

    def start(self) -> None:
        self.http.start()

    def stop(self) -> None:
        self.http.stop()

    def settings_from_discovery(self) -> dict[str, str]:
        """The app's settings, read from this provider's discovery document over HTTP."""
        doc = requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=5).json()
        return {
            "OIDC_OP_ISSUER": doc["issuer"],
            "OIDC_OP_AUTHORIZATION_ENDPOINT": doc["authorization_endpoint"],
            "OIDC_OP_TOKEN_ENDPOINT": doc["token_endpoint"],
            "OIDC_OP_JWKS_ENDPOINT": doc["jwks_uri"],
        }

    # --- Endpoints

    def _discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "scopes_supported": ["openid", "email"],
        }

    def _jwks(self) -> dict:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": KID, "alg": "RS256", "use": "sig"}]}

    def _authorize(self, query: dict[str, str]) -> tuple[str, dict]:
        if query.get("client_id") != self.client_id or query.get("response_type") != "code":
            return "400 Bad Request", {"error": "invalid_request"}
        if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            return "400 Bad Request", {"error": "invalid_request", "detail": "PKCE required"}
        code = secrets.token_urlsafe(24)
        self.codes[code] = {
            "redirect_uri": query["redirect_uri"],
            "nonce": query.get("nonce"),
            "challenge": query["code_challenge"],
        }
        location = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
        return "302 Found", {"Location": location}

    def _client_authenticated(self, form: dict[str, str], authorization: str) -> bool:
        client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        if authorization.lower().startswith("basic "):
            decoded = base64.b64decode(authorization[6:]).decode()
            client_id, _, secret = decoded.partition(":")
        return client_id == self.client_id and hmac.compare_digest(
            secret.encode(), self.client_secret.encode()
        )

    def _token(self, form: dict[str, str], authorization: str) -> tuple[str, dict]:
        def refuse(reason: str) -> tuple[str, dict]:
            self.token_refusals.append(reason)
            return "400 Bad Request", {"error": "invalid_grant", "error_description": reason}

        if not self._client_authenticated(form, authorization):
            self.token_refusals.append("client")
            return "401 Unauthorized", {"error": "invalid_client"}
        if form.get("grant_type") != "authorization_code":
            return refuse("grant_type")
        grant = self.codes.pop(form.get("code", ""), None)  # a code works once
        if grant is None:
            return refuse("code")
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return refuse("redirect_uri")
        if _s256(form.get("code_verifier", "")) != grant["challenge"]:
            return refuse("pkce")
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": f"staff-{secrets.token_hex(4)}",
            "aud": self.audience or self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": self.nonce_override or grant["nonce"],
            "email": self.email,
            "email_verified": True,
            "amr": self.amr,
        }
        if self.acr:
            claims["acr"] = self.acr
        id_token = jwt.encode(claims, self.signing_key, algorithm="RS256", headers={"kid": KID})
        self.tokens_issued += 1
        return "200 OK", {
            "access_token": secrets.token_urlsafe(24),
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": id_token,
        }

    def wsgi(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        if path == "/.well-known/openid-configuration":
            status, body = "200 OK", self._discovery()
        elif path == "/jwks":
            status, body = "200 OK", self._jwks()
        elif path == "/authorize":
            status, body = self._authorize(query)
            if status.startswith("302"):
                start_response(status, [("Location", body["Location"])])
                return [b""]
        elif path == "/token" and method == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            raw = environ["wsgi.input"].read(length).decode()
            form = {k: v[0] for k, v in parse_qs(raw).items()}
            status, body = self._token(form, environ.get("HTTP_AUTHORIZATION", ""))
        else:
            status, body = "404 Not Found", {"error": "not_found"}
        start_response(status, [("Content-Type", "application/json")])
        return [json.dumps(body).encode()]
