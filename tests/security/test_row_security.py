"""PostgreSQL row-level security keeps job centres apart below the application.

The suite connects as PostgreSQL's superuser, which row security does not bind. So these tests
make a login role of their own that owns nothing (as the application should in production),
connect as it, and look at the demo data through it. The role is dropped afterwards."""

import io
import uuid

import psycopg
import psycopg.sql
import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.models import ForeignKey
from django.test import Client
from django.urls import reverse
from huey.contrib.djhuey import task

from accounts.models import Role, User
from api.services import api_token_create
from centres import row_security
from centres.middleware import RowSecurityMiddleware
from centres.models import JobCentre
from citizens.models import Citizen
from labour.wheel import calendar_feed_create


def _models_with_a_centre() -> set[str]:
    """Found here on their own, not through `row_security.protected_models`: every model with a
    foreign key named `job_centre`, but the user table (see centres/row_security.py)."""
    return {
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and isinstance(
            next((f for f in model._meta.local_fields if f.name == "job_centre"), None),
            ForeignKey,
        )
        and model is not User
    }


@task()
def count_citizens() -> int:
    return Citizen.objects.count()


# --- Everywhere: without PostgreSQL nothing happens -------------------------------------


@pytest.mark.django_db
def test_a_no_op_unless_postgresql_and_the_setting(
    rf, consultant, settings, django_assert_num_queries
):
    """On SQLite even with the setting on; on PostgreSQL with it off (the default)."""
    settings.DATABASE_ROW_SECURITY = connection.vendor != "postgresql"
    assert not row_security.enabled()
    request = rf.get("/")
    request.user = consultant
    with django_assert_num_queries(0):
        assert RowSecurityMiddleware(lambda r: "answered")(request) == "answered"
    if connection.vendor != "postgresql":
        assert row_security.install() == []
        with row_security.all_centres():
            assert Citizen.objects.count() == 0


def test_the_policy_names_the_settings():
    assert row_security.CENTRE_SETTING in row_security._CURRENT_CENTRE
    assert row_security.ALL_CENTRES_SETTING in row_security._CURRENT_CENTRE
    tables = {m._meta.db_table for m in row_security.protected_models()}
    assert tables == _models_with_a_centre()
    assert "citizens_citizen" in tables and "accounts_user" not in tables


# --- PostgreSQL ---------------------------------------------------------------------------


@pytest.fixture
def demo_data(transactional_db):
    call_command("seed_demo", stdout=io.StringIO())
    return JobCentre.objects.get(name="Jobcenter Demo"), JobCentre.objects.get(
        name="Jobcenter Nord"
    )


@pytest.fixture
def app_role(transactional_db):
    """A login role that owns no table: row security binds it. Dropped afterwards."""
    name = f"jobsamtale_rls_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {name} LOGIN NOSUPERUSER NOBYPASSRLS")
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {name}")
        cursor.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {name}")
        cursor.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {name}")
    yield name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", [name]
        )
        cursor.execute(f"DROP OWNED BY {name}")
        cursor.execute(f"DROP ROLE {name}")


def _connect_as(role: str) -> psycopg.Connection:
    params = connection.settings_dict
    return psycopg.connect(
        host=params["HOST"] or "127.0.0.1",
        port=params["PORT"] or 5432,
        dbname=params["NAME"],
        user=role,
        autocommit=True,
    )


def _counts(conn: psycopg.Connection, tables: list[str]) -> dict[str, int]:
    count = psycopg.sql.SQL("SELECT count(*) FROM {}")
    return {t: _one(conn.execute(count.format(psycopg.sql.Identifier(t)))) for t in tables}


def _one(cursor: psycopg.Cursor) -> int:
    row = cursor.fetchone()
    assert row is not None
    return row[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_every_table_with_a_job_centre_has_the_policy():
    """So a new table with a job centre cannot be forgotten: `migrate` put the policy on it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_policies WHERE policyname = %s",
            [row_security.POLICY_NAME],
        )
        with_policy = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relrowsecurity AND relname = ANY(%s)",
            [sorted(_models_with_a_centre())],
        )
        enabled = {row[0] for row in cursor.fetchall()}
    expected = _models_with_a_centre()
    assert expected - with_policy == set()
    assert expected - enabled == set()
    assert "accounts_user" not in with_policy


@pytest.mark.postgres
def test_a_role_that_owns_nothing_sees_only_the_centre_it_names(demo_data, app_role):
    demo, nord = demo_data
    tables = sorted(_models_with_a_centre())
    with connection.cursor() as cursor:
        total = {}
        nord_rows = {}
        for table in tables:
            cursor.execute(
                f'SELECT count(*), count(*) FILTER (WHERE job_centre_id = %s) FROM "{table}"',  # noqa: S608
                [nord.pk],
            )
            total[table], nord_rows[table] = cursor.fetchone()
    with_rows = [t for t in tables if total[t]]
    assert {"citizens_citizen", "booking_booking", "labour_company"} <= set(with_rows)
    assert sum(nord_rows.values()) > 0 and sum(nord_rows.values()) < sum(total.values())

    with _connect_as(app_role) as conn:
        nothing_set = _counts(conn, with_rows)
        assert nothing_set == dict.fromkeys(with_rows, 0)

        conn.execute(
            "SELECT set_config(%s, %s, false)", [row_security.CENTRE_SETTING, str(nord.pk)]
        )
        as_nord = _counts(conn, with_rows)
        assert as_nord == {t: nord_rows[t] for t in with_rows}
        leaked = conn.execute(
            "SELECT count(*) FROM citizens_citizen WHERE job_centre_id = %s", [demo.pk]
        ).fetchone()[0]
        assert leaked == 0

        # Writing into another centre is refused by the policy's WITH CHECK.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO centres_team (job_centre_id, name, description) "
                "VALUES (%s, 'Indtrængt', '')",
                [demo.pk],
            )

        conn.execute("SELECT set_config(%s, 'on', false)", [row_security.ALL_CENTRES_SETTING])
        assert _counts(conn, with_rows) == {t: total[t] for t in with_rows}


@pytest.mark.postgres
def test_requests_under_row_security(demo_data, app_role, settings):
    """The whole application connected as the role that owns nothing: the middleware scopes
    each request to its user's job centre, and resets the connection afterwards."""
    demo, nord = demo_data
    consultant = User.objects.filter(job_centre=nord, role=Role.JOB_CONSULTANT).first()
    nord_citizen = Citizen.objects.filter(job_centre=nord).select_related("user").first()
    demo_citizen = Citizen.objects.filter(job_centre=demo).first()
    assert consultant and nord_citizen and demo_citizen
    client = Client()
    client.force_login(consultant)
    total_citizens = Citizen.objects.count()
    # The two ways in without a session: a bearer token, and the wheel's secret feed address.
    api_secret = api_token_create(user=consultant, name="rls")[1]
    wheel_keeper = User.objects.filter(job_centre=demo, role=Role.BUSINESS_CONSULTANT).first()
    feed_token = calendar_feed_create(user=wheel_keeper)

    saved_user = connection.settings_dict["USER"]
    connection.close()
    connection.settings_dict["USER"] = app_role
    try:
        settings.DATABASE_ROW_SECURITY = False  # the middleware does nothing: nothing is seen
        assert (
            client.get(reverse("citizens:detail", args=[nord_citizen.public_id])).status_code == 404
        )

        settings.DATABASE_ROW_SECURITY = True
        page = client.get(reverse("citizens:detail", args=[nord_citizen.public_id]))
        assert page.status_code == 200
        assert nord_citizen.user.name in page.content.decode()
        assert (
            client.get(reverse("citizens:detail", args=[demo_citizen.public_id])).status_code == 404
        )

        # A bearer token scopes the request to its user's centre, as a session does.
        topics = Client().get("/api/v1/topics", HTTP_AUTHORIZATION=f"Bearer {api_secret}")
        assert topics.status_code == 200 and topics.json()
        # The feed has no login: it is scoped to its owner's centre, whose events are there.
        feed = Client().get(reverse("labour:wheel_feed", args=[feed_token]))
        assert feed.status_code == 200 and b"BEGIN:VEVENT" in feed.content

        # Afterwards the connection is back to no centre: the next request starts from nothing.
        assert Citizen.objects.count() == 0

        # A background task is system work: it sees every centre, and leaves nothing behind.
        assert count_citizens()() == total_citizens
        assert Citizen.objects.count() == 0
        with row_security.all_centres():
            assert Citizen.objects.filter(job_centre=demo).exists()
        assert Citizen.objects.count() == 0
    finally:
        connection.close()
        connection.settings_dict["USER"] = saved_user


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_forced_only_when_the_setting_is_on():
    """Forced, the policy binds the tables' owner too; off, the owner passes as before."""
    try:
        row_security.install(force=True)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relforcerowsecurity FROM pg_class WHERE relname = 'citizens_citizen'"
            )
            assert cursor.fetchone()[0] is True
    finally:
        row_security.install(force=False)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relforcerowsecurity FROM pg_class WHERE relname = 'citizens_citizen'"
        )
        assert cursor.fetchone()[0] is False
