"""SAML 2.0 service provider for the national login broker (MitID Erhverv / NemLog-in), on
pysaml2 with the OIOSAML 3 profile: signed AuthnRequests over the redirect binding, signed
Responses over the POST binding, the NSIS assurance level and the CPR number as attributes.

pysaml2 checks the signature (against the broker's metadata), the audience, the destination,
InResponseTo (against the request ids this browser session has outstanding) and the validity
times; this module reads what the broker asserted and decides nothing about users.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.urls import reverse
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, AuthnContextClassRef
from saml2.samlp import RequestedAuthnContext
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

LOA_ATTRIBUTE = "https://data.gov.dk/concept/core/nsis/loa"
CPR_ATTRIBUTE = "https://data.gov.dk/model/core/eid/cprNumber"
#: OIOSAML 2's numeric assurance level (1-4), still sent by older brokers.
OIOSAML2_LOA_ATTRIBUTE = "dk:gov:saml:attribute:AssuranceLevel"
#: The NSIS levels, lowest first; the broker may send the English or the Danish name.
LOA_LEVELS = ("Low", "Substantial", "High")
_LOA_NAMES = {
    "low": "Low",
    "lav": "Low",
    "substantial": "Substantial",
    "betydelig": "Substantial",
    "high": "High",
    "høj": "High",
}
_OIOSAML2_LEVELS = {"1": "Low", "2": "Low", "3": "Substantial", "4": "High"}
#: The class reference OIOSAML 3 uses to ask for a level ("at least", Comparison=minimum).
LOA_CLASS_REF = "https://data.gov.dk/concept/core/nsis/loa/{level}"

#: Session key: request id → where to go afterwards, for the AuthnRequests this browser sent.
OUTSTANDING = "saml_outstanding"


def acs_url() -> str:
    return f"{settings.SITE_URL}{reverse('sso:saml_acs')}"


def required_level() -> str:
    """The configured minimum, never below Substantial (the issue's floor)."""
    level = _LOA_NAMES.get(settings.SAML_REQUIRED_LOA.strip().lower(), "Substantial")
    return level if LOA_LEVELS.index(level) >= LOA_LEVELS.index("Substantial") else "Substantial"


def _config_dict() -> dict:
    metadata = settings.SAML_IDP_METADATA.strip()
    source = "inline" if metadata.startswith("<") else "local"
    return {
        "entityid": settings.SAML_SP_ENTITY_ID,
        "xmlsec_binary": settings.SAML_XMLSEC_BINARY,
        "key_file": settings.SAML_SP_KEY_FILE,
        "cert_file": settings.SAML_SP_CERT_FILE,
        # NemLog-in encrypts assertions to our certificate: the same pair decrypts.
        "encryption_keypairs": [
            {"key_file": settings.SAML_SP_KEY_FILE, "cert_file": settings.SAML_SP_CERT_FILE}
        ],
        "metadata": {source: [metadata]},
        "accepted_time_diff": settings.SAML_CLOCK_SKEW_SECONDS,
        "allow_unknown_attributes": True,
        "service": {
            "sp": {
                "name": "Jobsamtale",
                "endpoints": {"assertion_consumer_service": [(acs_url(), BINDING_HTTP_POST)]},
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "authn_requests_signed": True,
                "want_response_signed": True,
                "want_assertions_signed": True,
                "allow_unsolicited": False,
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
                "requested_attributes": [
                    {"name": LOA_ATTRIBUTE, "name_format": NAME_FORMAT_URI, "required": True},
                    {"name": CPR_ATTRIBUTE, "name_format": NAME_FORMAT_URI, "required": True},
                ],
            }
        },
    }


@lru_cache(maxsize=4)
def _client(key: tuple) -> Saml2Client:
    config = SPConfig()
    config.load(_config_dict())
    return Saml2Client(config=config)


def client() -> Saml2Client:
    """One client per configuration (the metadata is parsed once, not per request)."""
    key = (
        settings.SAML_SP_ENTITY_ID,
        settings.SAML_IDP_METADATA,
        settings.SAML_SP_KEY_FILE,
        settings.SAML_SP_CERT_FILE,
        settings.SAML_CLOCK_SKEW_SECONDS,
        settings.SITE_URL,
    )
    return _client(key)


def sp_metadata() -> str:
    return create_metadata_string(None, config=client().config, valid=24 * 7).decode()


def authn_request_url(*, relay_state: str = "") -> tuple[str, str]:
    """A signed AuthnRequest for the redirect binding: (the request's id, the URL to send the
    browser to). It asks for at least the required assurance level."""
    sp = client()
    context = RequestedAuthnContext(
        authn_context_class_ref=[
            AuthnContextClassRef(text=LOA_CLASS_REF.format(level=required_level()))
        ],
        comparison="minimum",
    )
    request_id, info = sp.prepare_for_authenticate(
        binding=BINDING_HTTP_REDIRECT,
        relay_state=relay_state,
        requested_authn_context=context,
        sign=True,
        sigalg=SIG_RSA_SHA256,
        digest_alg=DIGEST_SHA256,
    )
    location = dict(info["headers"])["Location"]
    return request_id, location


@dataclass(frozen=True)
class Assertion:
    """What the broker asserted about the person: the in-response-to id, the NSIS level (one of
    LOA_LEVELS, or "" when absent or unknown) and the CPR number ("" when absent)."""

    in_response_to: str
    level: str
    cpr: str

    def level_sufficient(self) -> bool:
        return bool(self.level) and LOA_LEVELS.index(self.level) >= LOA_LEVELS.index(
            required_level()
        )


def _first(ava: dict, name: str) -> str:
    values = ava.get(name) or []
    return str(values[0]).strip() if values else ""


def level_from_attributes(ava: dict) -> str:
    loa = _first(ava, LOA_ATTRIBUTE)
    if loa:
        return _LOA_NAMES.get(loa.lower(), "")
    return _OIOSAML2_LEVELS.get(_first(ava, OIOSAML2_LOA_ATTRIBUTE), "")


def parse_response(*, saml_response: str, outstanding: dict[str, str]) -> Assertion:
    """Checks a base64 SAMLResponse from the POST binding; raises when anything is wrong
    (pysaml2's own exceptions, or ValueError when it returns nothing)."""
    response = client().parse_authn_request_response(
        saml_response, BINDING_HTTP_POST, outstanding=outstanding
    )
    if response is None or response.assertion is None:
        raise ValueError("no assertion in the SAML response")
    ava = response.get_identity()
    return Assertion(
        in_response_to=response.in_response_to,
        level=level_from_attributes(ava),
        cpr=_first(ava, CPR_ATTRIBUTE),
    )
