"""config.jinja2's `url()` (from common/tests/test_rendering.py: config sits above common)."""


def test_url_in_templates_is_what_reverse_gives(settings):
    """`url()`'s shortcut for lists (one reverse per name) gives reverse()'s own answer, for
    whole numbers and UUIDs, and leaves other arguments to reverse()."""
    import uuid

    from django.urls import reverse

    from config.jinja2 import url

    public_id = uuid.uuid4()
    for _ in range(2):  # the second time from the cache
        assert url("joblog:update", 7) == reverse("joblog:update", args=[7])
        assert url("joblog:update", 123456789012) == reverse("joblog:update", args=[123456789012])
        assert url("citizens:detail", public_id) == reverse("citizens:detail", args=[public_id])
        assert url("joblog:list") == reverse("joblog:list")
        assert url("booking:reschedule", public_id) == reverse(
            "booking:reschedule", args=[public_id]
        )
