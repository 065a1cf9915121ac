"""Create a group per role with exactly the permissions it needs.

Later apps add their own permissions to these groups in their own data migrations.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMIN = [("wagtailadmin", "access_admin")]
REGISTRY_VIEW = [
    ("schools", "view_locality"),
    ("schools", "view_cluster"),
    ("schools", "view_school"),
    ("schools", "view_membership"),
    ("schools", "view_clusterassignment"),
]
REGISTRY_EDIT = [
    *REGISTRY_VIEW,
    ("schools", "view_all_schools"),
    ("schools", "add_locality"),
    ("schools", "change_locality"),
    ("schools", "add_cluster"),
    ("schools", "change_cluster"),
    ("schools", "add_school"),
    ("schools", "change_school"),
    ("schools", "add_membership"),
    ("schools", "change_membership"),
    ("schools", "delete_membership"),
    ("schools", "add_clusterassignment"),
    ("schools", "change_clusterassignment"),
    ("schools", "delete_clusterassignment"),
    ("schools", "view_invitation"),
]
MEDIA_EDIT = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]

ROLES = {
    "Editor": {"model": ADMIN, "collection": MEDIA_EDIT, "page": ["add_page", "change_page"]},
    "Team Manager": {
        "model": [
            *ADMIN,
            *REGISTRY_EDIT,
            ("schools", "delete_locality"),
            ("schools", "delete_cluster"),
            ("wagtailcore", "add_workflow"),
            ("wagtailcore", "change_workflow"),
            ("wagtailcore", "add_task"),
            ("wagtailcore", "change_task"),
            ("wagtailsearchpromotions", "add_searchpromotion"),
            ("wagtailsearchpromotions", "change_searchpromotion"),
            ("wagtailsearchpromotions", "delete_searchpromotion"),
        ],
        "collection": MEDIA_EDIT,
        "page": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"],
    },
    "Senior Wellbeing Worker": {"model": [*ADMIN, *REGISTRY_VIEW]},
    "Wellbeing Worker": {"model": [*ADMIN, *REGISTRY_VIEW]},
    "Administrator": {"model": [*ADMIN, *REGISTRY_EDIT]},
    "Steering group member": {"model": [*ADMIN, *REGISTRY_VIEW, ("schools", "view_all_schools")]},
    "Public Health analyst": {"model": [*ADMIN, *REGISTRY_VIEW, ("schools", "view_all_schools")]},
}

WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_roles(apps, schema_editor):
    """Create the role groups, grant their permissions and route page moderation to the Team Manager."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    groups = {}
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(*(_permission(apps, label, code) for label, code in grants["model"]))
        for codename in grants.get("page", []):
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=_permission(apps, "wagtailcore", codename)
            )
        for label, codename in grants.get("collection", []):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=_permission(apps, label, codename)
            )

    # Wagtail's starter groups would be a second, unexplained way into the admin.
    for task in GroupApprovalTask.objects.filter(groups__name__in=WAGTAIL_DEFAULT_GROUPS).distinct():
        task.groups.set([groups["Team Manager"]])
        task.name = "Team Manager approval"
        task.save()
        Workflow.objects.filter(workflow_tasks__task=task).update(name="Team Manager approval")
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0001_initial"),
        ("schools", "0002_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
