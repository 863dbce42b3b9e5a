import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** A signed-in device. Holds only a hash of its refresh token; revoking it signs the device out. */
@Entity({ name: "sessions" })
export class Session {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "identity_id", type: "uuid" })
  identityId: string;

  @Column({ name: "refresh_token_hash" })
  refreshTokenHash: string;

  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" })
  createdAt: Date;

  @Column({ name: "last_used_at", type: "timestamptz", default: () => "now()" })
  lastUsedAt: Date;

  @Column({ name: "expires_at", type: "timestamptz" })
  expiresAt: Date;

  /** Set when the session began with this institution's campus sign-in: roles it enforces need that (modules/identity). */
  @Column({ name: "sso_institution_id", type: "uuid", nullable: true })
  ssoInstitutionId: string | null;

  @Column({ name: "revoked_at", type: "timestamptz", nullable: true })
  revokedAt: Date | null;
}
