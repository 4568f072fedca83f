"""Plain multi-row INSERTs for the intake hot path, where ``bulk_create`` spends most of a case's time.

Opening a case writes about fifteen rows (the case, its message, two timeline events, a clock and
a dozen playbook steps). ``bulk_create`` walks the SQL compiler for every value of every row
(placeholders, ``pre_save``, ``get_db_prep_save``), which measured at over a millisecond per case:
a third of the request. Here the column list and the way each field's value is prepared are
worked out once per model and database, and each value of a plain type (str, int, bool, None) goes
straight to the driver; anything else (datetimes, JSON, choices enums) still goes through the
field's own ``get_db_prep_save``, so what lands in the table is what Django would have written.

Only for models whose fields are all concrete columns (no file fields) and whose primary key is
assigned by the database; both SQLite and PostgreSQL return the new keys with ``RETURNING``, in
the order the rows were given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import connections, models, router
from django.db.models.fields import Field

M = TypeVar("M", bound=models.Model)

# Fields whose value, when it is already one of these exact types, the drivers take as is.
_PASS_THROUGH = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey)
_PLAIN_TYPES = frozenset({str, int, bool, type(None)})


@dataclass(frozen=True)
class _Plan:
    sql_head: str
    row_placeholder: str
    pk_column: str
    # (attname, whether pre_save must run, whether a plain value may pass, the field)
    columns: tuple[tuple[str, bool, bool, Field], ...]


_plans: dict[tuple[type[models.Model], str], _Plan] = {}


def _plan(model: type[models.Model], alias: str) -> _Plan:
    key = (model, alias)
    plan = _plans.get(key)
    if plan is None:
        connection = connections[alias]
        qn = connection.ops.quote_name
        opts = model._meta
        fields = [f for f in opts.concrete_fields if f is not opts.pk]
        columns = tuple(
            (f.attname,
             # auto_now and friends set their value in pre_save; the plain Field.pre_save only reads it.
             type(f).pre_save is not Field.pre_save,
             isinstance(f, _PASS_THROUGH),
             f)
            for f in fields)
        plan = _Plan(
            sql_head=f"INSERT INTO {qn(opts.db_table)} ({', '.join(qn(str(f.column)) for f in fields)}) VALUES ",
            row_placeholder="(" + ", ".join(["%s"] * len(fields)) + ")",
            pk_column=qn(str(opts.pk.column)),
            columns=columns,
        )
        _plans[key] = plan
    return plan


def insert_new(objs: list[M]) -> list[M]:
    """Insert new (unsaved) instances of one model, in as few statements as the database allows,
    and give each its primary key."""
    if not objs:
        return objs
    model = type(objs[0])
    alias = router.db_for_write(model)
    connection = connections[alias]
    plan = _plan(model, alias)
    params: list[Any] = []
    adapt_datetime = connection.ops.adapt_datetimefield_value
    prepare: Callable[..., Any]
    for obj in objs:
        # A row built before its parent was saved (steps of a new case) takes the parent's new key.
        obj._prepare_related_fields_for_save(operation_name="insert_new")  # type: ignore[attr-defined]
        for attname, has_pre_save, may_pass, field in plan.columns:
            value = field.pre_save(obj, True) if has_pre_save else getattr(obj, attname)
            if type(value) is dt.datetime and value.tzinfo is not None:
                # What DateTimeField.get_db_prep_save ends in for an aware datetime.
                value = adapt_datetime(value)
            elif not (may_pass and type(value) in _PLAIN_TYPES):
                prepare = field.get_db_prep_save
                value = prepare(value, connection)
            params.append(value)
    # As many rows per statement as the database takes parameters (SQLite: 999), as bulk_create does.
    width = len(plan.columns)
    per_batch = max(1, connection.ops.bulk_batch_size([c[3] for c in plan.columns], objs))
    keys: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for first in range(0, len(objs), per_batch):
            rows = min(per_batch, len(objs) - first)
            sql = plan.sql_head + ", ".join([plan.row_placeholder] * rows) + f" RETURNING {plan.pk_column}"
            cursor.execute(sql, params[first * width : (first + rows) * width])
            keys.extend(cursor.fetchall())
    for obj, (pk,) in zip(objs, keys, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = alias
    return objs
