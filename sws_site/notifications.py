"""Email notifications: rendered from templates now, sent in the background by django-tasks."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from django_tasks import task


@task()
def send_email_task(subject, body, recipients):
    """Send one plain-text email; runs in the task worker in production."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def notify(template_name, context, recipients):
    """Render `template_name` (first line the subject) and send it once the transaction commits."""
    recipients = [address for address in recipients if address]
    if not recipients:
        return
    context = {"service_name": settings.SWS_SERVICE_NAME, "base_url": settings.WAGTAILADMIN_BASE_URL, **context}
    subject, _, body = render_to_string(template_name, context).strip().partition("\n")
    transaction.on_commit(lambda: send_email_task.enqueue(subject.strip(), body.strip() + "\n", recipients))
