""" "Test din viden om arbejdsmarkedet": the practice sheet's six questions as a private
self-check per consultant. The answers are the consultant's own; the team sees only how many
have answered all six (`learning.selectors.selfcheck.team_progress`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

ANSWER_MAX_LENGTH = 4000

#: The name a learning group uses when it picks the self-check as a focus area.
SELF_CHECK_FOCUS = _("Test your knowledge of the labour market")


class KnowledgeQuestion(models.TextChoices):
    SHORTAGE = (
        "shortage",
        _("Which companies and industries within a realistic radius lack workers?"),
    )
    DEMAND = (
        "demand",
        _(
            "Which kinds of jobs do the companies seek staff for: now, over a typical year and "
            "in the longer run?"
        ),
    )
    REQUIREMENTS = (
        "requirements",
        _("What do the companies require of their staff's professional and personal skills?"),
    )
    MATCHING = "matching", _("How is the companies' demand matched with what the unemployed offer?")
    OUTLOOK = (
        "outlook",
        _("How are the trends and the current chances in the industries the unemployed aim at?"),
    )
    CULTURE = "culture", _("What are the tone and the workplace culture in the industries?")


class KnowledgeAnswer(models.Model):
    """One consultant's answer to one question; only the consultant ever reads it."""

    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="knowledge_answers"
    )
    question = models.CharField(max_length=20, choices=KnowledgeQuestion.choices)
    answer = models.TextField(_("your answer"), max_length=ANSWER_MAX_LENGTH, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("self-check answer")
        verbose_name_plural = _("self-check answers")
        constraints = [
            models.UniqueConstraint(
                fields=["consultant", "question"], name="knowledge_answer_once_per_question"
            )
        ]

    def __str__(self) -> str:
        return self.question
