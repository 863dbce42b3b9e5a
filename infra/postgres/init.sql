-- Prepares a fresh PostgreSQL server (15 or newer) for Infoview. Run once, as a superuser or an
-- admin role with CREATEROLE and CREATEDB (a managed service's admin user), with psql 15 or newer:
--
--   INFOVIEW_DB_PASSWORD='…' psql -v ON_ERROR_STOP=1 "postgres://admin@host/postgres" -f infra/postgres/init.sql
--
-- docker-compose.yml runs it from /docker-entrypoint-initdb.d on the first start of its volume.
-- Safe to run again: every step checks first, and the password is reset to INFOVIEW_DB_PASSWORD.
--
-- infoview        the login the server uses (DATABASE_URL). It owns the database and the schema and
--                 runs the migrations. Not a superuser: superusers bypass row-level security.
--                 CREATEROLE because the first migration creates infoview_app if it is missing.
-- infoview_app    NOLOGIN, no BYPASSRLS: every application query runs as this role
--                 (SET LOCAL ROLE inside tenantTransaction), so row-level security applies.
--                 The migrations create it and grant it to the owner when it is missing. It is
--                 also created here because on PostgreSQL 16 and newer, a role that a
--                 non-superuser creates is granted back to its creator without the SET option,
--                 and SET ROLE would then be refused.

\set ON_ERROR_STOP on
\getenv owner_password INFOVIEW_DB_PASSWORD
\if :{?owner_password}
\else
  \echo 'INFOVIEW_DB_PASSWORD is not set: using the development password "infoview"'
  \set owner_password infoview
\endif

SELECT format('CREATE ROLE infoview LOGIN NOSUPERUSER NOBYPASSRLS CREATEROLE PASSWORD %L', :'owner_password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'infoview') \gexec
SELECT format('ALTER ROLE infoview LOGIN CREATEROLE PASSWORD %L', :'owner_password') \gexec

SELECT 'CREATE ROLE infoview_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'infoview_app') \gexec
GRANT infoview_app TO infoview;

-- A non-superuser admin may create a database for another owner only if it can act as that owner.
SELECT 'GRANT infoview TO ' || quote_ident(current_user)
WHERE NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) \gexec
SELECT 'CREATE DATABASE infoview OWNER infoview ENCODING ''UTF8'' TEMPLATE template0'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'infoview') \gexec

-- The database owner owns the public schema (PostgreSQL 15+: pg_database_owner). btree_gist and
-- pg_trgm are trusted extensions that the first migration creates as the owner; created here too
-- where this role may, for servers that restrict extensions to admins.
\connect infoview
SELECT 'CREATE EXTENSION IF NOT EXISTS ' || name FROM (VALUES ('btree_gist'), ('pg_trgm')) AS e(name)
WHERE has_database_privilege(current_database(), 'CREATE') \gexec
