from audit.models import Purpose, Subject
from audit.services import lookup_record


class LogsCitizenLookup:
    """For staff views that show a citizen's data: every GET writes a lookup-log line.
    The purpose comes from `?formaal=` when it names a known purpose, else the view's default."""

    lookup_subject: Subject
    lookup_purpose: Purpose = Purpose.CASEWORK

    def log_lookup(self, citizen) -> None:
        requested = self.request.GET.get("formaal", "")  # type: ignore[attr-defined]
        purpose = Purpose(requested) if requested in Purpose.values else self.lookup_purpose
        lookup_record(
            actor=self.request.user,  # type: ignore[attr-defined]
            citizen=citizen,
            subject=self.lookup_subject,
            purpose=purpose,
        )
