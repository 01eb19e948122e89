import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ADR 0007: each item's delivery as a status lifecycle with its history, resends linked to what they resend.
 * Existing items are moved onto it: `pending` (not delivered yet) is `drafted`; a letter `to-print` is `sent`
 * (queued to print); `sent` and `failed` stay. Their history is rebuilt from the timestamps the rows have.
 */
export class DeliveryLifecycle1763856800000 implements MigrationInterface {
  name = 'DeliveryLifecycle1763856800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE correspondence
        ADD COLUMN history jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN delivered_at timestamptz,
        ADD COLUMN resend_of uuid REFERENCES correspondence (id),
        ADD COLUMN resend_number int NOT NULL DEFAULT 0`);
    // An item is resent at most once: a resend that fails is itself resent.
    await db.query(
      `CREATE UNIQUE INDEX correspondence_resend_of ON correspondence (resend_of) WHERE resend_of IS NOT NULL`,
    );
    await db.query(`UPDATE correspondence SET status = 'drafted' WHERE status = 'pending'`);
    await db.query(
      `UPDATE correspondence SET status = 'sent', sent_at = coalesce(sent_at, updated_at) WHERE status = 'to-print'`,
    );
    // ISO timestamps in UTC, as the service writes them (`2098-03-02T09:00:00.000Z`).
    const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    await db.query(`
      UPDATE correspondence SET history =
        jsonb_build_array(jsonb_build_object('status', 'drafted', 'at', ${iso('created_at')}))
        || CASE status
             WHEN 'sent' THEN jsonb_build_array(jsonb_build_object('status', 'sent', 'at', ${iso('sent_at')}))
             WHEN 'failed' THEN jsonb_build_array(jsonb_build_object(
               'status', 'failed', 'at', ${iso('updated_at')}, 'reason', coalesce(last_error, 'unknown')))
             ELSE '[]'::jsonb
           END`);
    await db.query(`
      ALTER TABLE correspondence ADD CONSTRAINT correspondence_status CHECK (status IN
        ('drafted', 'approved', 'sending', 'sent', 'delivered', 'failed', 'unconfirmed', 'held'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE correspondence DROP CONSTRAINT correspondence_status`);
    await db.query(`
      UPDATE correspondence SET status = CASE
        WHEN channel = 'letter' AND status IN ('sent', 'delivered') THEN 'to-print'
        WHEN status = 'delivered' THEN 'sent'
        WHEN status IN ('drafted', 'approved') THEN 'pending'
        WHEN status = 'sent' THEN 'sent'
        -- failed, and what the old code must not send by itself: sending, unconfirmed, held
        ELSE 'failed'
      END`);
    await db.query(`DROP INDEX correspondence_resend_of`);
    await db.query(`
      ALTER TABLE correspondence
        DROP COLUMN history, DROP COLUMN delivered_at, DROP COLUMN resend_of, DROP COLUMN resend_number`);
  }
}
