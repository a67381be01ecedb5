// The peer's better-auth instance: email+password sign-in and the organization
// plugin, on PostgreSQL through the pure-JS `pg` Pool. Shared by server.mjs and
// seed.mjs. DATABASE_URL and PORT come from the environment.
import { betterAuth } from "better-auth";
import { organization } from "better-auth/plugins";
import pg from "pg";

const port = Number(process.env.PORT || 18282);

export const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.PG_POOL_MAX || 10),
});

export const auth = betterAuth({
  baseURL: `http://127.0.0.1:${port}`,
  secret: process.env.BETTER_AUTH_SECRET || "roster-bench-peer-secret-0123456789abcdef",
  database: pool,
  emailAndPassword: { enabled: true },
  // Same footing as Roster's bench, which runs with `--rate-limits off`.
  rateLimit: { enabled: false },
  telemetry: { enabled: false },
  plugins: [
    organization({
      // The defaults (100 members, 100 pending invitations) would refuse a
      // 10,000-member organization and the invite workload.
      membershipLimit: 1_000_000_000,
      invitationLimit: 1_000_000_000,
    }),
  ],
});
