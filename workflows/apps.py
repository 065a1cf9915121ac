from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = "Moderated submissions"

    def ready(self):
        """Connect our notifications and keep Wagtail's own workflow emails away from school submissions."""
        from . import notifications

        notifications.connect()
