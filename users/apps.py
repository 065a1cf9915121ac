from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "users"
    verbose_name = "People and sign-in"
