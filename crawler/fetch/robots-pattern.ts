/**
 * robots.txt path patterns (RFC 9309 §2.2.3): `*` matches any run of characters, a final `$` anchors
 * the end of the path, every other character is literal and the match is a prefix match. Matching
 * is greedy over the literal pieces between stars, never backtracking, so a hostile pattern such as
 * `/****…*X` costs one scan of the path rather than a time exponential in the number of stars.
 */

/** A pattern split once at parse time; `matches` runs on every URL. */
export interface RobotsPattern {
  matches(path: string): boolean;
}

/**
 * Compiles a normalised pattern.
 *
 * @example compileRobotsPattern("/*.php$").matches("/a/b.php") // true
 */
export function compileRobotsPattern(pattern: string): RobotsPattern {
  const anchored = pattern.endsWith("$");
  const pieces = (anchored ? pattern.slice(0, -1) : pattern).split("*");
  const head = pieces[0]!;
  if (pieces.length === 1) {
    return { matches: anchored ? (path) => path === head : (path) => path.startsWith(head) };
  }
  const tail = pieces[pieces.length - 1]!;
  // Runs of stars leave empty pieces behind; they constrain nothing.
  const middle = pieces.slice(1, -1).filter((p) => p !== "");
  return {
    matches(path) {
      if (!path.startsWith(head)) return false;
      let from = head.length;
      // Taking each piece at its leftmost place leaves the most room for the ones after it, so
      // if this placement fails, every placement fails.
      for (const piece of middle) {
        const at = path.indexOf(piece, from);
        if (at < 0) return false;
        from = at + piece.length;
      }
      if (anchored) return path.length - tail.length >= from && path.endsWith(tail);
      return path.indexOf(tail, from) >= 0;
    },
  };
}
