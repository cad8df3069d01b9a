"""The student path's statements, compiled once per dialect and run on the driver's connection.

Every request of a student reads their attempt, and every answer is an INSERT. Run through
an ORM session, one such statement and the session's connection around it cost about ten
times what the driver takes to run it (quizapp.services.attempts has the figures), and a
class of 300 makes these statements thousands of times in a lesson. So the few statements
of that path are compiled by SQLAlchemy once per dialect (the SQL text, its parameters in
order, and the type conversions of each parameter and column, exactly as SQLAlchemy would
apply them) and run with a cursor of the request's own pooled driver connection
(quizapp.db.driver). Errors come out as SQLAlchemy's exception classes, so the
app's handlers treat them alike, and a lost connection invalidates the pool as SQLAlchemy
would. Everything else in the app uses the ORM.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exc
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.pool import PoolProxiedConnection
from sqlalchemy.sql import ClauseElement, Select

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class _Compiled:
    """A statement as one dialect runs it."""

    sql: str
    positional: bool
    names: tuple[str, ...]  # every bind parameter, in positional order when positional
    fixed: Mapping[str, Any]  # values compiled into the statement (literals of its clauses)
    binds: tuple[Processor, ...]  # per name: the parameter's conversion for the driver
    row: type | None  # a named tuple of the selected columns' keys (None: no rows)


def _key(dialect: Dialect) -> tuple[str, str]:
    # Two drivers of one database convert differently: the caches are per dialect and driver.
    return dialect.name, dialect.driver


class Prepared:
    """A Core statement, compiled on first use by each dialect, for a Driver to run."""

    def __init__(self, statement: ClauseElement, column_keys: tuple[str, ...] = ()) -> None:
        self.statement = statement
        self.column_keys = column_keys  # an INSERT's columns, as in SQLAlchemy's executemany
        self._by_dialect: dict[tuple[str, str], _Compiled] = {}
        # Per dialect, each column's conversion of the driver's value; some depend on the
        # type the driver reports (PostgreSQL's numerics), so they are made on first run.
        self._results: dict[tuple[str, str], tuple[Processor, ...]] = {}

    def compiled(self, dialect: Dialect) -> _Compiled:
        key = _key(dialect)
        found = self._by_dialect.get(key)
        if found is None:
            found = self._by_dialect[key] = self._compile(dialect)
        return found

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self.statement.compile(
            dialect=dialect, column_keys=list(self.column_keys) or None
        )
        positional = bool(compiled.positional)
        by_name = {name: bind for bind, name in compiled.bind_names.items()}
        names = tuple(compiled.positiontup or ()) if positional else tuple(by_name)
        binds = tuple(
            by_name[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
        )
        fixed = {name: value for name, value in compiled.params.items() if value is not None}
        row = None
        if isinstance(self.statement, Select):
            keys = [column.key for column in self.statement.selected_columns]
            row = namedtuple("Row", keys)  # type: ignore[misc]
        return _Compiled(compiled.string, positional, names, fixed, binds, row)

    def known_result_processors(self, dialect: Dialect) -> tuple[Processor, ...] | None:
        """Return the columns' conversions if a first run has made them, else None."""
        return self._results.get(_key(dialect))

    def result_processors(self, dialect: Dialect, description: Any) -> tuple[Processor, ...]:
        """Return each column's conversion of the driver's values (made on the first run)."""
        key = _key(dialect)
        found = self._results.get(key)
        if found is None:
            assert isinstance(self.statement, Select)
            columns = self.statement.selected_columns
            found = self._results[key] = tuple(
                column.type.dialect_impl(dialect).result_processor(dialect, described[1])
                for column, described in zip(columns, description, strict=True)
            )
        return found


@dataclass(frozen=True)
class Driver:
    """A request's pooled driver connection in autocommit, with the engine it came from.

    Each statement commits by itself, as one transaction: an answer is one INSERT, and on
    PostgreSQL a BEGIN and a COMMIT would double its round trips. Statements that must
    hold together run inside transaction().
    """

    engine: Engine
    connection: PoolProxiedConnection

    @classmethod
    def open(cls, engine: Engine) -> Driver:
        """Check a connection out of the engine's pool and switch it to autocommit.

        A database that cannot be reached raises SQLAlchemy's OperationalError, as an ORM
        session's would (the app answers 503 and the pool reconnects by itself).
        """
        with _translated(engine, None, "(connecting)", ()):
            connection = engine.raw_connection()
        opened = cls(engine, connection)
        try:
            with driver_errors(opened, "(switching to autocommit)", ()):
                _set_autocommit(engine.dialect, connection, on=True)
        except BaseException:
            if connection.is_valid:
                connection.invalidate()  # in no known state: never back into the pool
            connection.close()
            raise
        return opened

    def close(self) -> None:
        """Give the connection back to the pool in the mode the pool expects."""
        try:
            if self.connection.is_valid:
                _set_autocommit(self.engine.dialect, self.connection, on=False)
        except self.engine.dialect.loaded_dbapi.Error as error:
            self.connection.invalidate(error)  # never pooled in an unknown state
        finally:
            self.connection.close()

    def rows(self, statement: Prepared, params: Mapping[str, Any]) -> list[Any]:
        """Run a SELECT and return its rows as named tuples of converted values."""
        dialect = self.engine.dialect
        compiled = statement.compiled(dialect)
        results = statement.known_result_processors(dialect)
        fetched, description = _run(self, compiled, params, fetch=True,
                                    describe=results is None)
        if results is None:
            results = statement.result_processors(dialect, description)
        make = compiled.row
        assert make is not None, "rows() runs a SELECT"
        return [
            make(*(value if convert is None else convert(value)
                   for convert, value in zip(results, raw, strict=True)))
            for raw in fetched
        ]

    def run(self, statement: Prepared, params: Mapping[str, Any]) -> None:
        """Run an INSERT or UPDATE: committed at once, or with the enclosing transaction."""
        _run(self, statement.compiled(self.engine.dialect), params, fetch=False)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the statements of the block as one transaction: all committed, or none."""
        self._command("BEGIN")
        try:
            yield
        except Exception:
            with driver_errors(self, "ROLLBACK", ()):
                self.connection.rollback()
            raise
        self._command("COMMIT")  # (a block left any other way is rolled back by close)

    def _command(self, sql: str) -> None:
        with driver_errors(self, sql, ()):
            cursor = self.connection.cursor()
            try:
                cursor.execute(sql)
            finally:
                cursor.close()


def _set_autocommit(dialect: Dialect, connection: PoolProxiedConnection, *, on: bool) -> None:
    dbapi: Any = connection.dbapi_connection
    sqlite = dialect.name == "sqlite"
    if not on and (dbapi.in_transaction if sqlite else dbapi.info.transaction_status):
        connection.rollback()  # a block never left (a worker stopped in it): undo it
    if sqlite:
        # Python's sqlite3: None is autocommit; "" (the default) begins before each write.
        dbapi.isolation_level = None if on else ""
    else:
        dbapi.autocommit = on


def _parameters(compiled: _Compiled, params: Mapping[str, Any]) -> Any:
    values = []
    for name, convert in zip(compiled.names, compiled.binds, strict=True):
        value = params[name] if name in params else compiled.fixed[name]
        values.append(value if convert is None else convert(value))
    return tuple(values) if compiled.positional else dict(zip(compiled.names, values, strict=True))


def _run(driver: Driver, compiled: _Compiled, params: Mapping[str, Any], *,
         fetch: bool, describe: bool = False) -> tuple[list[tuple[Any, ...]], Any]:
    """Run a statement; return its rows and, if asked, the cursor's description."""
    parameters = _parameters(compiled, params)
    with driver_errors(driver, compiled.sql, parameters):
        cursor = driver.connection.cursor()
        try:
            cursor.execute(compiled.sql, parameters)
            if not fetch:
                return [], None
            # psycopg builds the description anew on each call: only when it is needed.
            return cursor.fetchall(), cursor.description if describe else None
        finally:
            cursor.close()


def driver_errors(driver: Driver, statement: str, parameters: Any,
                  ) -> AbstractContextManager[None]:
    """Raise the driver's errors as SQLAlchemy's, invalidating the pool on a lost server."""
    return _translated(driver.engine, driver.connection, statement, parameters)


@contextmanager
def _translated(engine: Engine, connection: PoolProxiedConnection | None, statement: str,
                parameters: Any) -> Iterator[None]:
    dialect = engine.dialect
    try:
        yield
    except dialect.loaded_dbapi.Error as error:
        dbapi = connection.dbapi_connection if connection is not None else None
        lost = dialect.is_disconnect(error, dbapi, None)
        if lost and connection is not None:
            # As SQLAlchemy's Connection does: every connection the pool holds from before
            # this moment is replaced (a database restart took them all), this one too.
            engine.pool._invalidate(connection, error)
        raise exc.DBAPIError.instance(
            statement, parameters, error, dialect.loaded_dbapi.Error,
            connection_invalidated=lost, dialect=dialect,
        ) from error
