from common import crypto


def test_encrypt_round_trip_and_ciphertext_differs_each_time():
    token_a, token_b = crypto.encrypt("0101901234"), crypto.encrypt("0101901234")
    assert token_a != token_b
    assert "0101901234" not in token_a
    assert crypto.decrypt(token_a) == "0101901234"


def test_rotated_key_still_decrypts_old_values(settings):
    old = crypto.encrypt("0101901234")
    settings.FIELD_ENCRYPTION_KEYS = [
        "bmV3LWtleS1mb3Itcm90YXRpb24tdGVzdHMtMzJieXQ=",
        *settings.FIELD_ENCRYPTION_KEYS,
    ]
    assert crypto.decrypt(old) == "0101901234"
    assert crypto.fernet().decrypt(crypto.encrypt("x").encode()) == b"x"
