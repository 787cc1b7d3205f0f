from django.db import models

from django_commander.models import LoggedExtendedModel


class Widget(LoggedExtendedModel):
    name = models.CharField(max_length=50, unique=True)
    size = models.IntegerField(default=0)
