from django.db import models


class ConsumedSamlRequest(models.Model):
    """An AuthnRequest whose answer has been accepted once. The unique id makes the database
    refuse a second use of the same answer (a replayed Response), whichever worker gets it."""

    request_id = models.CharField(max_length=128, unique=True)
    consumed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.request_id
