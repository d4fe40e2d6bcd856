from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PenggunaManager(BaseUserManager["Pengguna"]):
    """Users are identified by e-mail alone; there is no username to collect."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> "Pengguna":
        if not email:
            raise ValueError("E-mail wajib diisi.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "Pengguna":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "Pengguna":
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class Pengguna(AbstractUser):
    """A person with an account. Every signed-in person is a warga; other roles come from
    organisasi.Keanggotaan."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("alamat e-mail"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = PenggunaManager()  # type: ignore[assignment,misc]

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = pgettext_lazy("jamak", "pengguna")

    def __str__(self) -> str:
        return self.email
