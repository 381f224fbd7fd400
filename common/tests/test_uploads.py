import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from common.uploads import decode_text, read_text_upload


def check(name: str, data: bytes, max_bytes: int = 1000) -> bytes:
    upload = SimpleUploadedFile(name, data)
    return read_text_upload(upload, extensions=(".csv", ".json"), max_bytes=max_bytes)


def test_a_utf8_text_file_of_an_allowed_type_is_read():
    assert check("Jobs.CSV", "titel;by\nKok;Århus\n".encode()) == "titel;by\nKok;Århus\n".encode()
    assert check("jobs.json", b"\xef\xbb\xbf{}") == b"\xef\xbb\xbf{}"  # a BOM is fine


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("jobs.exe", b"MZ\x90\x00", "type"),
        ("jobs.csv.exe", b"a;b", "type"),
        ("jobs", b"a;b", "type"),
        ("jobs.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "not_text"),  # a renamed picture
        ("jobs.json", b"{\x00}", "not_text"),
        ("jobs.csv", "Århus".encode("latin-1"), "not_text"),
        ("jobs.csv", b"x" * 1001, "size"),
    ],
)
def test_what_is_not_an_allowed_text_file_is_refused_in_danish(name, data, code):
    with pytest.raises(ValidationError) as error:
        check(name, data)
    assert error.value.code == code
    assert error.value.messages[0][0].isupper()


def test_the_size_is_checked_before_anything_is_read():
    upload = SimpleUploadedFile("jobs.csv", b"x" * 2000)
    with pytest.raises(ValidationError):
        read_text_upload(upload, extensions=(".csv",), max_bytes=1000)
    assert upload.tell() == 0


def test_uploaded_text_is_read_with_or_without_a_byte_order_mark():
    assert decode_text("\ufefftitel;by\nKok;Århus\n".encode()) == "titel;by\nKok;Århus\n"
    assert decode_text("Kok;Århus".encode()) == "Kok;Århus"


@pytest.mark.parametrize("data", ["Århus".encode("cp1252"), b"Kok\x00"])
def test_what_is_not_utf8_text_is_refused_saying_how_to_save_it(data):
    with pytest.raises(ValidationError) as error:
        decode_text(data)
    assert error.value.code == "not_text" and "UTF-8" in error.value.messages[0]
