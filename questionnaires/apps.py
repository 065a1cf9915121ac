from django.apps import AppConfig


class QuestionnairesConfig(AppConfig):
    name = "questionnaires"
    verbose_name = "Confidence questionnaires"
