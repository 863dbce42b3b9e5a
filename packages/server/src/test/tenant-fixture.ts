import type { DataSource } from "typeorm";
import { tenantTransaction } from "../db/tenant-transaction";
import { buildAdmin, buildAlumnus, buildInstitution, buildStudent, type BuiltInstitution } from "./factories";

/** Tables that belong to no single institution (listed with their placement in db/distribution.ts). Everything else is tenant-owned. */
export { GLOBAL_TABLE_NAMES as GLOBAL_TABLES } from "../db/distribution";

/**
 * An institution with at least one row in every tenant table, for the isolation tests.
 * A module that adds a tenant table adds a row for it here; the isolation test fails until it does.
 */
export async function buildInstitutionWithEveryTable(ds: DataSource): Promise<BuiltInstitution> {
  const institution = await buildInstitution(ds);
  const admin = await buildAdmin(ds, { institution });
  const student = await buildStudent(ds, { institution });
  const alumnus = await buildAlumnus(ds, { institution });
  await tenantTransaction(ds, { institutionId: institution.id }, async (m) => {
    await m.query(
      `INSERT INTO invitations (institution_id, email, role, token_hash, invited_by_id, expires_at)
       VALUES ($1, 'invitee-' || gen_random_uuid() || '@test.example', 'STUDENT', md5(random()::text), $2, now() + interval '1 day')`,
      [institution.id, admin.membershipId],
    );
    const [text] = await m.query(
      `INSERT INTO consent_texts (institution_id, kind, version, body) VALUES ($1, 'STUDENT_SHARE_WITH_ADVISORS', 1, 'I agree.') RETURNING id`,
      [institution.id],
    );
    await m.query(
      `INSERT INTO consent_grants (institution_id, membership_id, consent_text_id, kind) VALUES ($1, $2, $3, 'STUDENT_SHARE_WITH_ADVISORS')`,
      [institution.id, student.membershipId, text.id],
    );
    // A consent given and withdrawn (a row of consent_withdrawals), and an audit log entry.
    const [alumniText] = await m.query(
      `INSERT INTO consent_texts (institution_id, kind, version, body) VALUES ($1, 'STUDENT_SHARE_WITH_ALUMNI', 1, 'Share me.') RETURNING id`,
      [institution.id],
    );
    const [given] = await m.query(
      `INSERT INTO consent_grants (institution_id, membership_id, consent_text_id, kind) VALUES ($1, $2, $3, 'STUDENT_SHARE_WITH_ALUMNI') RETURNING id`,
      [institution.id, student.membershipId, alumniText.id],
    );
    await m.query(
      `INSERT INTO consent_withdrawals (institution_id, consent_id, membership_id, kind, reason) VALUES ($1, $2, $3, 'STUDENT_SHARE_WITH_ALUMNI', 'WITHDRAWN')`,
      [institution.id, given.id, student.membershipId],
    );
    await m.query(
      `INSERT INTO audit_log (institution_id, actor_kind, actor_identity_id, actor_membership_id, action, target_type, target_id, subject_membership_id)
       VALUES ($1, 'PERSON', $2, $3, 'student.timeline_viewed', 'student', $4::text, $4::uuid)`,
      [institution.id, admin.identityId, admin.membershipId, student.membershipId],
    );
    const i = institution.id;
    await m.query(
      `INSERT INTO availability_windows (institution_id, alumnus_id, weekday, start_minute, end_minute, time_zone) VALUES ($1, $2, 2, 540, 720, 'America/Chicago')`,
      [i, alumnus.membershipId],
    );
    await m.query(
      `INSERT INTO availability_slots (institution_id, alumnus_id, starts_at, ends_at, time_zone) VALUES ($1, $2, now() + interval '3 days', now() + interval '3 days 30 minutes', 'America/Chicago')`,
      [i, alumnus.membershipId],
    );
    const [request] = await m.query(
      `INSERT INTO interview_requests (institution_id, student_id, alumnus_id, state, modality, message, student_time_zone, alumnus_time_zone, expires_at, meeting_starts_at, meeting_ends_at)
       VALUES ($1, $2, $3, 'ACCEPTED', 'VIDEO', 'Hello!', 'America/New_York', 'America/Chicago', now() + interval '7 days', now() + interval '2 days', now() + interval '2 days 30 minutes') RETURNING id`,
      [i, student.membershipId, alumnus.membershipId],
    );
    await m.query(
      `INSERT INTO proposed_times (institution_id, request_id, starts_at, ends_at) VALUES ($1, $2, now() + interval '2 days', now() + interval '2 days 30 minutes')`,
      [i, request.id],
    );
    await m.query(
      `INSERT INTO request_questions (institution_id, request_id, position, text) VALUES ($1, $2, 1, 'How did you get into this field?')`,
      [i, request.id],
    );
    await m.query(`INSERT INTO request_events (institution_id, request_id, actor_id, to_state) VALUES ($1, $2, $3, 'REQUESTED')`, [
      i,
      request.id,
      student.membershipId,
    ]);
    await m.query(
      `INSERT INTO request_accommodations (institution_id, request_id, side, needs) VALUES ($1, $2, 'STUDENT', ARRAY['CAPTIONS'])`,
      [i, request.id],
    );
    await m.query(
      `INSERT INTO idempotency_keys (institution_id, membership_id, key, operation, result_id) VALUES ($1, $2, 'k-' || gen_random_uuid(), 'requestInterview', $3)`,
      [i, student.membershipId, request.id],
    );
    await m.query(
      `INSERT INTO bulk_idempotency_keys (institution_id, caller, key, operation, input_hash, result)
       VALUES ($1, 'member:' || $2, 'k-' || gen_random_uuid(), 'upsertStudents', repeat('0', 64), '{}')`,
      [i, student.membershipId],
    );
    const [outbox] = await m.query(
      `INSERT INTO outbox (institution_id, topic, payload) VALUES ($1, 'request.accepted', '{}') RETURNING id`,
      [i],
    );
    await m.query(
      `INSERT INTO outbox_deliveries (institution_id, outbox_id, channel, recipient, state) VALUES ($1, $2, 'REALTIME', 'participants', 'SENDING')`,
      [i, outbox.id],
    );
    await m.query(`INSERT INTO job_runs (institution_id, job, last_run_at) VALUES ($1, 'expire-requests', now())`, [i]);
    await m.query(`INSERT INTO request_reminders (institution_id, request_id, kind) VALUES ($1, $2, 'EXPIRY')`, [i, request.id]);
    // The daily loop (ADR 0021): a reminder, an answer, a used link, a calendar feed.
    await m.query(`INSERT INTO meeting_reminders (institution_id, request_id, kind, sequence) VALUES ($1, $2, 'BEFORE_24H', 0)`, [
      i,
      request.id,
    ]);
    await m.query(
      `INSERT INTO meeting_checks (institution_id, request_id, sequence, answer, answered_by, via) VALUES ($1, $2, 0, 'MOVED', 'STUDENT', 'APP')`,
      [i, request.id],
    );
    await m.query(
      `INSERT INTO signed_link_uses (institution_id, token_hash, purpose) VALUES ($1, encode(sha256(gen_random_uuid()::text::bytea), 'hex'), 'meeting-check')`,
      [i],
    );
    await m.query(
      `INSERT INTO calendar_feeds (institution_id, membership_id, nonce, token_hash) VALUES ($1, $2, 'fixture-nonce-0123456789', encode(sha256(gen_random_uuid()::text::bytea), 'hex'))`,
      [i, student.membershipId],
    );
    // The notification centre (ADR 0028): the alum's item about the request.
    await m.query(
      `INSERT INTO in_app_notifications (institution_id, membership_id, outbox_id, kind, event, side, request_id, other_membership_id)
       VALUES ($1, $2, $3, 'NEW_REQUEST', 'CREATED', 'ALUMNUS', $4, $5)`,
      [i, alumnus.membershipId, outbox.id, request.id, student.membershipId],
    );
    // Notification preferences and digests (ADR 0024).
    await m.query(`INSERT INTO notification_defaults (institution_id, kind, email, in_app) VALUES ($1, 'NEW_REQUEST', 'IMMEDIATE', true)`, [
      i,
    ]);
    await m.query(
      `INSERT INTO notification_preferences (institution_id, identity_id, kind, email, in_app) VALUES ($1, $2, 'FOLLOW_UPS', 'WEEKLY_DIGEST', true)`,
      [i, student.identityId],
    );
    await m.query(
      `INSERT INTO notification_settings (institution_id, identity_id, time_zone, quiet_start, quiet_end) VALUES ($1, $2, 'America/New_York', 1320, 420)`,
      [i, student.identityId],
    );
    await m.query(
      `INSERT INTO digest_runs (institution_id, identity_id, digest, period, items) VALUES ($1, $2, 'FOLLOW_UPS', 'W2026-12-07', 1)`,
      [i, student.identityId],
    );
    await m.query(`INSERT INTO academic_terms (institution_id, name, starts_on) VALUES ($1, 'Fall 2026', '2026-08-24')`, [i]);
    await m.query(
      `INSERT INTO rule_one_flags (institution_id, student_id, alumnus_id, outcome, categories) VALUES ($1, $2, $3, 'RETURNED', '{JOB}')`,
      [i, student.membershipId, alumnus.membershipId],
    );
    const requestOfStudent = [i, request.id, student.membershipId];
    await m.query(
      `INSERT INTO conversation_notes (institution_id, request_id, student_id, advice) VALUES ($1, $2, $3, 'Talk to people in the field.')`,
      requestOfStudent,
    );
    await m.query(
      `INSERT INTO referrals (institution_id, source_request_id, student_id, suggested_by_id, name) VALUES ($1, $2, $3, $4, 'Ada Lovelace')`,
      [...requestOfStudent, alumnus.membershipId],
    );
    await m.query(
      `INSERT INTO follow_ups (institution_id, request_id, student_id, completed_at, thank_you_due_at, update_due_at) VALUES ($1, $2, $3, now(), now() + interval '2 days', now() + interval '45 days')`,
      requestOfStudent,
    );
    await m.query(
      `INSERT INTO api_keys (institution_id, name, scopes, secret_hash) VALUES ($1, 'Fixture key', '{people:read}', md5(random()::text))`,
      [i],
    );
    const [endpoint] = await m.query(
      `INSERT INTO webhook_endpoints (institution_id, url, secret, events) VALUES ($1, 'https://hooks.test.example/in', 'whsec_fixture', '{request.created}') RETURNING id`,
      [i],
    );
    await m.query(
      `INSERT INTO webhook_deliveries (institution_id, endpoint_id, outbox_id, event_id, event, payload) VALUES ($1, $2, $3, 'evt_fixture', 'request.created', '{}')`,
      [i, endpoint.id, outbox.id],
    );
    await m.query(
      `INSERT INTO deleted_records (institution_id, entity, entity_id, role) VALUES ($1, 'PERSON', gen_random_uuid(), 'STUDENT')`,
      [i],
    );
    await m.query(
      `INSERT INTO contact_log_entries (institution_id, student_id, name, contacted_on, channel) VALUES ($1, $2, 'Grace Hopper', current_date, 'EVENT')`,
      [i, student.membershipId],
    );
    // alumnus_match_stats gets its row from the triggers on interview_requests and availability_windows above.
    // student_activity gets its row from the triggers on memberships (buildStudent) and interview_requests.
    await m.query(`INSERT INTO alumnus_suggestions (institution_id, student_id, alumnus_id, suggested_by_id) VALUES ($1, $2, $3, $4)`, [
      i,
      student.membershipId,
      alumnus.membershipId,
      admin.membershipId,
    ]);
    await m.query(
      `INSERT INTO outcomes (institution_id, student_id, request_id, kind) VALUES ($1, $3, $2, 'FURTHER_INTRODUCTION')`,
      requestOfStudent,
    );
    const [idp] = await m.query(
      `INSERT INTO identity_providers (institution_id, kind, name, match_attribute, oidc_issuer, oidc_client_id)
       VALUES ($1, 'OIDC', 'Campus', 'sub', 'https://idp.test.example', 'infoview') RETURNING id`,
      [i],
    );
    await m.query(`INSERT INTO sso_settings (institution_id, enforced_roles) VALUES ($1, '{STUDENT}')`, [i]);
    await m.query(
      `INSERT INTO sso_login_states (institution_id, provider_id, state_hash, expires_at) VALUES ($1, $2, md5(random()::text), now() + interval '10 minutes')`,
      [i, idp.id],
    );
    await m.query(
      `INSERT INTO saml_assertion_ids (institution_id, provider_id, assertion_id, expires_at) VALUES ($1, $2, '_a' || md5(random()::text), now() + interval '1 day')`,
      [i, idp.id],
    );
    await m.query(`INSERT INTO sign_in_events (institution_id, provider_id, method, outcome) VALUES ($1, $2, 'OIDC', 'SUCCEEDED')`, [
      i,
      idp.id,
    ]);
  });
  return institution;
}
