"""Playbooks and their steps, as editable rows; the default one is loaded from default.yaml."""

from django.db import models


class Playbook(models.Model):
    key = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    category = models.CharField(max_length=32, blank=True,
                                help_text="Complaint category this playbook is for; blank means any.")
    is_default = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name


class PlaybookStep(models.Model):
    playbook = models.ForeignKey(Playbook, on_delete=models.CASCADE, related_name="steps")
    key = models.SlugField(max_length=64)
    title = models.CharField(max_length=200)
    guidance = models.TextField(blank=True)
    done_when = models.CharField(max_length=300, blank=True)
    required = models.BooleanField(default=True)
    target_minutes = models.PositiveIntegerField(default=1440)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["playbook", "position"]
        constraints = [models.UniqueConstraint(fields=["playbook", "key"], name="playbook_step_key_unique")]

    def __str__(self) -> str:
        return f"{self.playbook.key}:{self.key}"
