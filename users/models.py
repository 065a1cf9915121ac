"""People who sign in: school staff, the service's team, editors and the steering group."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models


class UserManager(BaseUserManager):
    """Users are identified by email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        """Create and save a user with a normalised email address."""
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        """Create an ordinary user."""
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        """Create a user with every permission."""
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        """Sign-in is case-insensitive on the email address."""
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person who signs in with their email address and a password."""

    username = None
    email = models.EmailField("email address", unique=True)
    job_title = models.CharField(max_length=150, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        """Store the address in lower case so that look-ups never depend on case."""
        self.email = self.email.lower()
        super().save(*args, **kwargs)
