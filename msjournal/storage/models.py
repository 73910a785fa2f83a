"""The journal's tables as peewee models, declared once against a proxy each Journal binds.

Only msjournal.storage and msjournal.journal use them; the window and the command line go
through msjournal.journal.Journal.
"""

from __future__ import annotations

import peewee as pw

database = pw.DatabaseProxy()


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False


class Infusion(BaseModel):
    id = pw.AutoField()
    uid = pw.CharField(unique=True)
    treatment = pw.CharField()
    start = pw.DateTimeField()
    end = pw.DateTimeField(null=True)
    dose = pw.CharField(null=True)  # decimal text: keeps exactly what was entered
    dose_unit = pw.CharField(default="")
    dose_number = pw.IntegerField(null=True)
    site = pw.CharField(default="")
    location = pw.CharField(default="")
    administered_by = pw.CharField(default="")
    lot = pw.CharField(default="")
    premedications = pw.TextField(default="")
    temp_before = pw.CharField(null=True)
    temp_before_unit = pw.CharField(default="C")
    pulse_before = pw.IntegerField(null=True)
    systolic_before = pw.IntegerField(null=True)
    diastolic_before = pw.IntegerField(null=True)
    temp_after = pw.CharField(null=True)
    temp_after_unit = pw.CharField(default="C")
    pulse_after = pw.IntegerField(null=True)
    systolic_after = pw.IntegerField(null=True)
    diastolic_after = pw.IntegerField(null=True)
    notes = pw.TextField(default="")


class SideEffect(BaseModel):
    id = pw.AutoField()
    uid = pw.CharField(unique=True)
    symptom = pw.CharField()
    other_label = pw.CharField(default="")
    severity = pw.IntegerField()
    onset = pw.DateTimeField()
    resolved = pw.DateTimeField(null=True)
    infusion = pw.ForeignKeyField(Infusion, null=True, on_delete="SET NULL", backref="side_effects")
    during_infusion = pw.BooleanField(default=False)
    unusual = pw.BooleanField(default=False)
    notes = pw.TextField(default="")


class Temperature(BaseModel):
    id = pw.AutoField()
    uid = pw.CharField(unique=True)
    taken = pw.DateTimeField()
    value = pw.CharField()  # decimal text, as entered
    unit = pw.CharField()
    notes = pw.TextField(default="")


class FollowUp(BaseModel):
    id = pw.AutoField()
    uid = pw.CharField(unique=True)
    kind = pw.CharField()
    title = pw.CharField()
    due = pw.DateField()
    done = pw.DateField(null=True)
    with_whom = pw.CharField(default="")
    task = pw.CharField(default="")
    treatment = pw.CharField(default="")
    notes = pw.TextField(default="")


class Relapse(BaseModel):
    """Schema 4. Links are kept as entry ids (JSON text), so an undone delete restores them."""

    id = pw.AutoField()
    uid = pw.CharField(unique=True)
    onset = pw.DateTimeField(index=True)
    description = pw.TextField()
    impact = pw.CharField()
    areas = pw.CharField(default="")  # area codes, comma-separated
    recovered = pw.DateField(null=True)
    recovery = pw.CharField(default="not_yet")
    confirmed = pw.BooleanField(default=False)
    treated_with = pw.TextField(default="[]")  # JSON list of infusion ids
    notes = pw.TextField(default="")


class TestResult(BaseModel):
    """Schema 4. `taken` is ISO text: a date alone, or a date and time."""

    __test__ = False  # not a pytest test class

    id = pw.AutoField()
    uid = pw.CharField(unique=True)
    test = pw.CharField()
    other_label = pw.CharField(default="")
    taken = pw.CharField(index=True)
    value = pw.CharField(null=True)  # decimal text, as printed on the report
    unit = pw.CharField(default="")
    qualitative = pw.CharField(default="")
    reference_low = pw.CharField(null=True)
    reference_high = pw.CharField(null=True)
    follow_up = pw.CharField(null=True)  # a follow-up's id
    notes = pw.TextField(default="")


class TherapyPlan(BaseModel):
    id = pw.AutoField()
    treatment = pw.CharField()
    started = pw.DateField(null=True)
    interval_days = pw.IntegerField(null=True)
    evaluation_done = pw.BooleanField(default=False)
    risks_discussed = pw.BooleanField(default=False)
    notes = pw.TextField(default="")
    ended = pw.DateField(null=True)
    loading_done = pw.BooleanField(
        default=False
    )  # schema 3: starting doses were before the journal


class Setting(BaseModel):
    key = pw.CharField(primary_key=True)
    value = pw.TextField()  # JSON


class AlertAcknowledgement(BaseModel):
    alert_key = pw.CharField(primary_key=True)
    at = pw.DateTimeField()
    note = pw.TextField(default="")


ALL_MODELS = (
    Infusion,
    SideEffect,
    Temperature,
    FollowUp,
    Relapse,
    TestResult,
    TherapyPlan,
    Setting,
    AlertAcknowledgement,
)
MODEL_BY_TABLE = {model._meta.table_name: model for model in ALL_MODELS}
