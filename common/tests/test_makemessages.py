"""The makemessages that reads Jinja2 templates hands xgettext each message on its line."""

from common.management.commands.makemessages import as_python


def test_a_templates_messages_become_gettext_calls_on_their_lines():
    source = (
        "<h1>{{ _('Hello') }}</h1>\n"
        "{{ ngettext('%(n)s day', '%(n)s days', n) }}\n"
        "{{ pgettext('month', 'May') }} {{ other('Not a message') }}\n"
    )
    lines = as_python(source).split("\n")
    assert lines[0] == "gettext('Hello'); "
    assert lines[1] == "ngettext('%(n)s day', '%(n)s days', n); "
    assert lines[2] == "pgettext('month', 'May'); "
