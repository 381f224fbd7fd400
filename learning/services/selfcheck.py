"""Saving the consultant's own self-check answers ("Test din viden om arbejdsmarkedet")."""

from collections.abc import Mapping

from django.db import transaction

from accounts.models import User
from learning.models import KnowledgeAnswer, KnowledgeQuestion


@transaction.atomic
def knowledge_answers_save(*, consultant: User, answers: Mapping[str, str]) -> int:
    """Stores the answers given (question key → text) and returns how many changed. Saving
    the same page twice changes nothing the second time."""
    known = {q.value for q in KnowledgeQuestion}
    if unknown := set(answers) - known:
        raise ValueError(f"Not a self-check question: {', '.join(sorted(unknown))}")
    stored = {
        a.question: a
        for a in KnowledgeAnswer.objects.select_for_update().filter(consultant=consultant)
    }
    changed = 0
    for question, text in answers.items():
        text = text.strip()
        answer = stored.get(question)
        if answer is None:
            if text:
                KnowledgeAnswer.objects.create(
                    consultant=consultant, question=question, answer=text
                )
                changed += 1
        elif answer.answer != text:
            answer.answer = text
            answer.save(update_fields=["answer", "updated_at"])
            changed += 1
    return changed
