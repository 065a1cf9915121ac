"""Create the "Award stage approval" workflow from the two review steps action plans use.

The tasks are the same rows ("Assigned worker review", "Steering group approval"), so a change to
the quorum or the steering groups in Settings → Workflows applies to both kinds of submission.
"""

from django.db import migrations

WORKFLOW_NAME = "Award stage approval"


def _content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def review_tasks(apps):
    """The two shared review steps, found by their type and name (made by workflows' migration 0002)."""
    worker_task = apps.get_model("workflows", "AssignedWorkerReviewTask").objects.get(name="Assigned worker review")
    steering_task = apps.get_model("workflows", "SteeringGroupApprovalTask").objects.get(
        name="Steering group approval"
    )
    return worker_task, steering_task


def create_workflow(apps, schema_editor):
    """One workflow for award stages: the assigned worker, then the steering group."""
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    worker_task, steering_task = review_tasks(apps)
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task_id=worker_task.pk, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task_id=steering_task.pk, sort_order=1)
    WorkflowContentType.objects.get_or_create(
        content_type=_content_type(apps, "awards", "awardsubmission"), defaults={"workflow": workflow}
    )


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0003_criteria_version_1"),
        ("workflows", "0002_action_plan_approval"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
