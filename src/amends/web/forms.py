"""Forms of the web desk. They check shape (types, lengths, choices) and show field errors inline;
the services decide what is allowed and their domain errors are attached back to the form."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from amends.accounts.models import Role, Team, User
from amends.accounts.selectors import active_users, possible_managers, teams
from amends.cases.models import Channel, Outcome, Priority, Status
from amends.core.errors import AmendsError
from amends.remedies.models import CatalogueItem, RemedyKind
from amends.remedies.selectors import catalogue

MAX_TEXT = 100_000
OUTCOMES = [("", "Not stated"), ("refund", "Refund"), ("replacement", "Replacement"), ("repair", "Repair"),
            ("discount", "Discount"), ("apology", "Apology"), ("explanation", "Explanation"),
            ("cancellation", "Cancellation"), ("other", "Other")]
CATEGORIES = [("", "Any category"), ("product", "Product"), ("delivery", "Delivery"), ("billing", "Billing"),
              ("service", "Service"), ("other", "Other")]


def attach_error(form: forms.BaseForm, exc: AmendsError, field: str | None = None) -> None:
    """Show a service's refusal on the form, next to the field it concerns when we know it."""
    form.add_error(field if field in form.fields else None, exc.message)


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.get_role_display().lower()})"


class QueueFilterForm(forms.Form):
    VIEWS = [("", "All open"), ("mine", "Mine"), ("unassigned", "Unassigned"),
             ("approval", "Waiting approval"), ("breached", "Breached")]
    view = forms.ChoiceField(choices=VIEWS, required=False)
    status = forms.ChoiceField(choices=[("", "Open and waiting"), *Status.choices, ("all", "All statuses")],
                               required=False)
    category = forms.ChoiceField(choices=CATEGORIES, required=False)
    q = forms.CharField(required=False, max_length=200, label="Search")
    cursor = forms.CharField(required=False, max_length=200)


class NewCaseForm(forms.Form):
    customer_name = forms.CharField(max_length=200, label="Customer name")
    customer_email = forms.EmailField(required=False, max_length=254, label="Email")
    channel = forms.ChoiceField(choices=[c for c in Channel.choices if c[0] not in ("api", "survey")],
                                initial=Channel.PHONE)
    subject = forms.CharField(required=False, max_length=200, label="Subject (optional)")
    message = forms.CharField(widget=forms.Textarea(attrs={"rows": 10}), max_length=MAX_TEXT,
                              label="What the customer said, in their words")
    take_ownership = forms.BooleanField(required=False, initial=True, label="I will own this case")


class ReplyForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 9}), max_length=MAX_TEXT, label="Reply")
    direction = forms.ChoiceField(choices=[("outbound", "Send to customer"), ("note", "Internal note"),
                                           ("inbound", "Log a customer message")], initial="outbound")


class StepCompleteForm(forms.Form):
    note = forms.CharField(required=False, max_length=5000)


class StepSkipForm(forms.Form):
    reason = forms.CharField(max_length=5000, label="Why skip this step?")


class AssignForm(forms.Form):
    owner = UserChoice(queryset=User.objects.none(), required=False, empty_label="Nobody")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = active_users()  # type: ignore[attr-defined]


class PriorityForm(forms.Form):
    priority = forms.ChoiceField(choices=Priority.choices)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=[(Status.OPEN, "Open"), (Status.WAITING_CUSTOMER, "Waiting on customer")])


class PointsForm(forms.Form):
    points = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=10_000, required=False,
                             label="Salient points (one a line)")
    desired_outcome = forms.ChoiceField(choices=OUTCOMES, required=False, label="What they want")

    def clean_points(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["points"].splitlines()]
        return [line for line in lines if line][:30]


class AgreementForm(forms.Form):
    resolution = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000,
                                 label="Resolution the customer accepted")


class RemedyForm(forms.Form):
    catalogue_item = forms.ModelChoiceField(queryset=CatalogueItem.objects.none(), required=False,
                                            empty_label="Custom remedy", label="From the catalogue")
    kind = forms.ChoiceField(choices=RemedyKind.choices)
    value = forms.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0"),
                               max_value=Decimal("10000000"), label="Value")
    extra = forms.BooleanField(required=False, label="Goodwill extra beyond the fix")
    description = forms.CharField(required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["catalogue_item"].queryset = catalogue()  # type: ignore[attr-defined]


class RemedyCheckForm(forms.Form):
    value = forms.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0"),
                               max_value=Decimal("10000000"), required=False)


class TaskForm(forms.Form):
    title = forms.CharField(max_length=300)
    assignee = UserChoice(queryset=User.objects.none(), required=False, empty_label="Unassigned")
    due_at = forms.DateTimeField(required=False, label="Due",
                                 widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = active_users()  # type: ignore[attr-defined]


class FollowUpForm(forms.Form):
    due_at = forms.DateTimeField(label="Check in on", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(choices=Outcome.choices)
    root_cause = forms.CharField(required=False, max_length=200, label="Root cause of the breakdown")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("reject", "Decline")])
    note = forms.CharField(required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                           label="Note for the agent")


class CatalogueItemForm(forms.ModelForm):
    default_value = forms.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0"),
                                       max_value=Decimal("10000000"))

    class Meta:
        model = CatalogueItem
        fields = ["name", "kind", "default_value", "description", "is_extra", "active"]


class UserEditForm(forms.ModelForm):
    remedy_limit = forms.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0"),
                                      max_value=Decimal("10000000"), label="Remedy authority limit")
    manager = UserChoice(queryset=User.objects.none(), required=False, empty_label="Nobody")
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False, empty_label="No team")

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "role", "remedy_limit", "team", "manager", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = possible_managers(excluding=self.instance)  # type: ignore[attr-defined]
        self.fields["team"].queryset = teams()  # type: ignore[attr-defined]


class NewUserForm(forms.Form):
    username = forms.RegexField(regex=r"^[\w.@+-]+\Z", max_length=150,
                                error_messages={"invalid": "Use letters, digits and @ . + - _ only."})
    first_name = forms.CharField(required=False, max_length=150)
    last_name = forms.CharField(required=False, max_length=150)
    email = forms.EmailField(required=False)
    role = forms.ChoiceField(choices=Role.choices)
    remedy_limit = forms.DecimalField(required=False, max_digits=12, decimal_places=2, min_value=Decimal("0"),
                                      max_value=Decimal("10000000"), label="Remedy authority limit",
                                      help_text="Leave empty for the role's default.")
    password = forms.CharField(widget=forms.PasswordInput, min_length=8, max_length=200, label="First password")


class PlaybookStepForm(forms.Form):
    key = forms.SlugField(max_length=64)
    title = forms.CharField(max_length=200)
    guidance = forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    done_when = forms.CharField(required=False, max_length=300)
    required = forms.BooleanField(required=False)
    target_minutes = forms.IntegerField(validators=[MinValueValidator(1), MaxValueValidator(525_600)],
                                        label="Target (minutes)")


PlaybookStepFormSet = forms.formset_factory(PlaybookStepForm, extra=1, can_delete=True, max_num=40,
                                            absolute_max=40, validate_max=True)
