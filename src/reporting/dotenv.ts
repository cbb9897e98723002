import { join } from 'node:path';
import dotenv from 'dotenv';

/** The scripts see the same .env as the suite (never overriding real variables), e.g. ADT_KNOWN_DEVIATIONS. */
export function loadDotenv(): void {
  dotenv.config({ path: process.env.DOTENV_CONFIG_PATH ?? join(__dirname, '..', '..', '.env'), quiet: true });
}
