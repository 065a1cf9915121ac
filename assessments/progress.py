"""How far an assessment has got: each principle's status for the task list, and the answers so far."""

from dataclasses import dataclass, field

from taxonomy.models import Principle

from .models import Response, Statement


@dataclass
class Task:
    """One principle of the task list."""

    principle: Principle
    statements: list[Statement] = field(default_factory=list)
    responses: dict = field(default_factory=dict)

    @property
    def answered(self):
        return sum(1 for s in self.statements if getattr(self.responses.get(s.pk), "rating", None) is not None)

    @property
    def is_complete(self):
        return self.answered == len(self.statements)

    @property
    def status(self):
        """Not started, In progress or Completed, as the GOV.UK task list shows them."""
        if self.is_complete:
            return "Completed"
        if self.answered or any(r.note for r in self.responses.values()):
            return "In progress"
        return "Not started"

    @property
    def rows(self):
        """(number, statement, response or None) for each statement, in order."""
        return [(f"{self.principle.number}.{i}", s, self.responses.get(s.pk)) for i, s in enumerate(self.statements, 1)]


def task_list(assessment):
    """A Task per principle of the assessment's framework version, in principle order; two queries."""
    statements = (
        Statement.objects.filter(framework_id=assessment.framework_id)
        .select_related("principle")
        .order_by("principle__number", "sort_order", "pk")
    )
    responses = {r.statement_id: r for r in Response.objects.filter(assessment=assessment)}
    tasks = {}
    for statement in statements:
        task = tasks.setdefault(statement.principle_id, Task(statement.principle))
        task.statements.append(statement)
        if statement.pk in responses:
            task.responses[statement.pk] = responses[statement.pk]
    return list(tasks.values())


answers_by_principle = task_list
