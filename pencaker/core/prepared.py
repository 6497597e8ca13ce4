"""Statements on the hottest public paths, written once instead of compiled per request.

Building a query through the ORM (``filter().select_related().first()``) costs more CPU
than running it: on the card check it was most of the request (issue 18). For the few
statements that run on every request of a high-volume path, ``PreparedRead`` and
``PreparedInsert`` write the SQL once per process from the models' metadata (table and
column names, so a renamed column is picked up) and convert values exactly as the ORM does
(the backend's and each field's converters), returning ordinary model instances.

Use them only for fixed, simple statements (one table, or one table with one joined
parent); everything else stays in the ORM.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db import connections, models

M = TypeVar("M", bound=models.Model)


def _converters(field: Any, connection: Any) -> list[Callable[..., Any]]:
    expression = field.get_col(field.model._meta.db_table)
    return [*connection.ops.get_db_converters(expression), *field.get_db_converters(connection)]


def _in_model_order(model: Any, names: Sequence[str]) -> tuple[str, ...]:
    meta: Any = model._meta
    wanted = {meta.get_field(name).attname for name in names}
    return tuple(f.attname for f in meta.concrete_fields if f.attname in wanted)


class PreparedRead(Generic[M]):
    """``SELECT`` chosen fields of ``model`` (and of the parent behind ``join``, a foreign
    key of ``model``) ``WHERE`` fixed conditions, at most one row, as a model instance with
    the parent cached on it (what ``select_related(join).filter(...).first()`` returns, for
    a filter that matches at most one row). Fields not read are deferred."""

    def __init__(
        self,
        model: type[M],
        fields: Sequence[str],
        where: Sequence[tuple[str, str]],
        *,
        join: str | None = None,
        join_fields: Sequence[str] = (),
    ) -> None:
        self.model, self.where = model, tuple(where)
        # Model.from_db takes the values in the order of the model's concrete fields.
        self.fields = _in_model_order(model, fields)
        self.join = join
        meta: Any = model._meta
        self.join_fields = (
            _in_model_order(meta.get_field(join).related_model, join_fields) if join else ()
        )
        self._compiled: dict[str, tuple[str, list, list]] = {}

    def _compile(self, alias: str) -> tuple[str, list, list]:
        connection = connections[alias]
        q = connection.ops.quote_name
        meta: Any = self.model._meta
        own = [meta.get_field(name) for name in self.fields]
        columns = [f"t.{q(f.column)}" for f in own]
        converters = [_converters(f, connection) for f in own]
        joined: list[Any] = []
        sql_from = f"{q(meta.db_table)} t"
        if self.join:
            fk = meta.get_field(self.join)
            parent: Any = fk.related_model._meta
            joined = [parent.get_field(name) for name in self.join_fields]
            columns += [f"p.{q(f.column)}" for f in joined]
            converters += [_converters(f, connection) for f in joined]
            sql_from += (
                f" INNER JOIN {q(parent.db_table)} p ON p.{q(parent.pk.column)} = t.{q(fk.column)}"
            )
        conditions = " AND ".join(
            f"t.{q(meta.get_field(name).column)} {operator} %s" for name, operator in self.where
        )
        sql = f"SELECT {', '.join(columns)} FROM {sql_from} WHERE {conditions} LIMIT 1"  # noqa: S608
        return sql, converters, joined

    def first(self, *params: Any, using: str = "default") -> M | None:
        compiled = self._compiled.get(using)
        if compiled is None:
            compiled = self._compiled[using] = self._compile(using)
        sql, converters, joined = compiled
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(sql, list(params))
            row = cursor.fetchone()
        if row is None:
            return None
        values = []
        for value, chain in zip(row, converters, strict=True):
            for convert in chain:
                value = convert(value, None, connection)
            values.append(value)
        own = len(self.fields)
        obj = self.model.from_db(using, self.fields, values[:own])
        if self.join:
            meta: Any = self.model._meta
            fk = meta.get_field(self.join)
            parent_model: Any = fk.related_model
            parent_names = (parent_model._meta.pk.attname, *self.join_fields)
            parent = parent_model.from_db(
                using, parent_names, (getattr(obj, fk.attname), *values[own:])
            )
            fk.set_cached_value(obj, parent)
        return obj


class PreparedInsert:
    """``INSERT`` one row of ``model`` with the given fields (each value prepared by its
    field, as ``save()`` would), in autocommit unless the caller holds a transaction.
    Returns nothing: for append-only rows nobody reads back in the same request."""

    def __init__(self, model: type[models.Model], fields: Sequence[str]) -> None:
        self.model, self.fields = model, tuple(fields)
        self._compiled: dict[str, tuple[str, list[Any]]] = {}

    def _compile(self, alias: str) -> tuple[str, list[Any]]:
        q = connections[alias].ops.quote_name
        meta: Any = self.model._meta
        fields = [meta.get_field(name) for name in self.fields]
        columns = ", ".join(q(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        return f"INSERT INTO {q(meta.db_table)} ({columns}) VALUES ({marks})", fields  # noqa: S608

    def execute(self, *values: Any, using: str = "default") -> None:
        compiled = self._compiled.get(using)
        if compiled is None:
            compiled = self._compiled[using] = self._compile(using)
        sql, fields = compiled
        connection = connections[using]
        params = [f.get_db_prep_save(v, connection) for f, v in zip(fields, values, strict=True)]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
