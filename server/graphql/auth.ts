/** The admin token check. */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether an Authorization header carries the token. Both sides are hashed first so that the comparison
 * takes as long whatever the header holds: `===` stops at the first differing character, and
 * timingSafeEqual alone would reveal the token's length by refusing unequal lengths at once.
 */
export function carriesBearerToken(authorization: string | null, token: string): boolean {
  return timingSafeEqual(digest(authorization ?? ''), digest(`Bearer ${token}`));
}
