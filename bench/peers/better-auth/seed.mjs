// Migrates better-auth's schema into DATABASE_URL (which must be a fresh
// database) and seeds one organization of MEMBERS members (default 10,000):
// the owner is signed up through better-auth's own API (so the password hash is
// real) and creates the organization through it; the other members are bulk
// inserted with one SQL statement each into "user" and "member" (no accounts,
// so they cannot sign in; the benchmark only reads them). Prints one JSON line:
// {"organizationId","email","password","members","seconds"}.
import { getMigrations } from "better-auth/db/migration";
import { auth, pool } from "./auth.mjs";

const members = Number(process.env.MEMBERS || 10_000);
const email = "owner@peer.example";
const password = "peer-bench-password";
const started = Date.now();

const { runMigrations } = await getMigrations(auth.options);
await runMigrations();

const { user } = await auth.api.signUpEmail({
  body: { email, password, name: "Owner" },
});
const org = await auth.api.createOrganization({
  body: { name: "Peer bench", slug: "peer-bench", userId: user.id },
});

const others = members - 1;
await pool.query(
  `INSERT INTO "user" (id, name, email, "emailVerified", "createdAt", "updatedAt")
   SELECT 'seed-u' || g, 'Member ' || lpad(g::text, 6, '0'),
          'member' || g || '@peer.example', true, now(), now()
   FROM generate_series(1, $1::int) AS g`,
  [others],
);
await pool.query(
  `INSERT INTO member (id, "organizationId", "userId", role, "createdAt")
   SELECT 'seed-m' || g, $2, 'seed-u' || g, 'member', now()
   FROM generate_series(1, $1::int) AS g`,
  [others, org.id],
);
await pool.query("ANALYZE");
const { rows } = await pool.query(
  `SELECT count(*)::int AS n FROM member WHERE "organizationId" = $1`,
  [org.id],
);
console.log(
  JSON.stringify({
    organizationId: org.id,
    email,
    password,
    members: rows[0].n,
    seconds: (Date.now() - started) / 1000,
  }),
);
await pool.end();
