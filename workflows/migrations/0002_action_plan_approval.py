"""Create the "Action plan approval" workflow (editable in the admin) and let staff see plans."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WORKFLOW_NAME = "Action plan approval"
VIEWERS = ["Team Manager", "Senior Wellbeing Worker", "Wellbeing Worker", "Steering group member", "Public Health analyst"]


def _content_type(apps, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="workflows", model=model)[0]


def review_tasks(apps):
    """The two shared review steps, made once and reused by every moderated submission's workflow."""
    Group = apps.get_model("auth", "Group")
    WorkerTask = apps.get_model("workflows", "AssignedWorkerReviewTask")
    SteeringTask = apps.get_model("workflows", "SteeringGroupApprovalTask")
    worker_task = WorkerTask.objects.filter(name="Assigned worker review").first() or WorkerTask.objects.create(
        name="Assigned worker review", content_type=_content_type(apps, "assignedworkerreviewtask")
    )
    steering_task = SteeringTask.objects.filter(name="Steering group approval").first()
    if steering_task is None:
        steering_task = SteeringTask.objects.create(
            name="Steering group approval", quorum=2, content_type=_content_type(apps, "steeringgroupapprovaltask")
        )
        steering_task.groups.set(Group.objects.filter(name="Steering group member"))
    return worker_task, steering_task


def create_workflow(apps, schema_editor):
    """One workflow for action plans: the assigned worker, then the steering group."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    worker_task, steering_task = review_tasks(apps)
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task_id=worker_task.pk, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task_id=steering_task.pk, sort_order=1)
    WorkflowContentType.objects.get_or_create(
        content_type=_content_type(apps, "actionplan"), defaults={"workflow": workflow}
    )

    view_plans = Permission.objects.get(content_type__app_label="workflows", codename="view_actionplan")
    for group in Group.objects.filter(name__in=VIEWERS):
        group.permissions.add(view_plans)


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0001_initial"),
        ("users", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
