"""A SAML 2.0 identity provider for the tests, on pysaml2's own `saml2.server.Server` with a key
and certificate made at test time. It serves its metadata at /metadata and an SSO endpoint at
/sso (redirect binding, the AuthnRequest's signature checked against the SP's metadata) that
answers at once, without asking anyone, with a signed Response as an auto-posting HTML form,
carrying the CPR number and assurance level the test set (OIOSAML 3 attribute names)."""

import html
import re
from pathlib import Path
from urllib.parse import parse_qs

from django.conf import settings
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server

from sso.saml import CPR_ATTRIBUTE, LOA_ATTRIBUTE, LOA_CLASS_REF
from sso.tests.keys import write_key_and_cert
from sso.tests.wsgi_thread import ThreadedServer

#: A service provider that is not us (for the wrong-audience test).
OTHER_AUDIENCE = "https://another-service.example/saml"


class SamlIdP:
    """Set `cpr`, `loa` (and `loa_attribute` for OIOSAML 2), `audience`, `sign` and `encrypt`
    before driving a login; `trust_sp(metadata)` loads the service provider's metadata."""

    def __init__(self, directory: Path):
        self.key_file, self.cert_file = write_key_and_cert(directory, "idp")
        self.http = ThreadedServer(self.wsgi)
        self.base_url = self.http.base_url
        self.entity_id = f"{self.base_url}/metadata"
        self.sso_url = f"{self.base_url}/sso"
        self.cpr = ""
        self.loa = "Substantial"
        self.loa_attribute = LOA_ATTRIBUTE
        self.audience: str | None = None  # None: the requesting SP's entity id; or OTHER_AUDIENCE
        self.sign = True
        self.lifetime_minutes = 5  # how long an answer is valid; see answer_already_expired()
        self.encrypt = False  # NemLog-in encrypts the assertion to the SP's certificate
        self.server: Server | None = None
        self.sp_metadata = ""
        self.requests_seen: list[dict] = []

    def _config(self, sp_metadata: str | None = None) -> IdPConfig:
        conf = {
            "entityid": self.entity_id,
            "xmlsec_binary": settings.SAML_XMLSEC_BINARY,
            "key_file": str(self.key_file),
            "cert_file": str(self.cert_file),
            "service": {
                "idp": {
                    "name": "Test broker",
                    "endpoints": {
                        "single_sign_on_service": [(self.sso_url, BINDING_HTTP_REDIRECT)]
                    },
                    "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                    "want_authn_requests_signed": True,
                    "policy": {
                        "default": {
                            "lifetime": {"minutes": self.lifetime_minutes},
                            "attribute_restrictions": None,
                            "name_form": NAME_FORMAT_URI,
                        }
                    },
                }
            },
        }
        if sp_metadata:
            # The same SP again under another entity id, so that a test can have the answer
            # addressed to another service (the wrong audience) with everything else right.
            other = re.sub(r'entityID="[^"]+"', f'entityID="{OTHER_AUDIENCE}"', sp_metadata)
            conf["metadata"] = {"inline": [sp_metadata, other]}
        config = IdPConfig()
        config.load(conf)
        return config

    def metadata(self) -> str:
        return create_metadata_string(None, config=self._config(), valid=24).decode()

    def trust_sp(self, sp_metadata: str) -> None:
        self.sp_metadata = sp_metadata
        self.server = Server(config=self._config(sp_metadata))

    def answer_already_expired(self) -> None:
        """From now on, answers whose validity ended ten minutes before they were made."""
        self.lifetime_minutes = -10
        self.trust_sp(self.sp_metadata)

    def start(self) -> None:
        self.http.start()

    def stop(self) -> None:
        self.http.stop()

    # --- The SSO endpoint

    def answer(self, query: str) -> tuple[str, str]:
        """Parses the signed AuthnRequest from the query string and returns the ACS URL and the
        base64 SAMLResponse the auto-posting form would send."""
        assert self.server is not None, "trust_sp() first"
        params = {k: v[0] for k, v in parse_qs(query).items()}
        request = self.server.parse_authn_request(
            params["SAMLRequest"],
            BINDING_HTTP_REDIRECT,
            relay_state=params.get("RelayState"),
            sigalg=params.get("SigAlg"),
            signature=params.get("Signature"),
        )
        message = request.message
        context = message.requested_authn_context
        self.requests_seen.append(
            {
                "id": message.id,
                "comparison": context.comparison if context else None,
                "class_refs": [r.text for r in context.authn_context_class_ref] if context else [],
            }
        )
        sp_entity_id = message.issuer.text
        acs = (
            message.assertion_consumer_service_url
            or self.server.config.metadata.assertion_consumer_service(
                sp_entity_id, BINDING_HTTP_POST
            )[0]["location"]
        )
        identity = {CPR_ATTRIBUTE: [self.cpr], self.loa_attribute: [self.loa]}
        response = self.server.create_authn_response(
            identity=identity,
            in_response_to=message.id,
            destination=acs,
            sp_entity_id=self.audience or sp_entity_id,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text="https://data.gov.dk/test/1"),
            authn={"class_ref": LOA_CLASS_REF.format(level=self.loa)},
            sign_response=self.sign,
            sign_assertion=self.sign,
            encrypt_assertion=self.encrypt,
        )
        http_args = self.server.apply_binding(
            BINDING_HTTP_POST, str(response), acs, params.get("RelayState", ""), response=True
        )
        form = http_args["data"]
        saml_response = re.search(r'name="SAMLResponse" value="([^"]+)"', form)
        assert saml_response is not None
        return acs, html.unescape(saml_response.group(1))

    def wsgi(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/metadata":
            start_response("200 OK", [("Content-Type", "application/samlmetadata+xml")])
            return [self.metadata().encode()]
        if path == "/sso":
            try:
                acs, saml_response = self.answer(environ.get("QUERY_STRING", ""))
            except Exception as exc:  # a refused AuthnRequest is a 400, as a real broker does
                start_response("400 Bad Request", [("Content-Type", "text/plain")])
                return [f"refused: {type(exc).__name__}".encode()]
            page = (
                f'<form method="post" action="{html.escape(acs)}">'
                f'<input type="hidden" name="SAMLResponse" value="{html.escape(saml_response)}">'
                '<input type="submit" value="Fortsæt"></form>'
            )
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return [page.encode()]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
