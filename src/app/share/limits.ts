/** Sizes a share link may have; the button checks them before copying, the decoder when reading. */

/** Longest fragment we read: a default scenario encodes to ~1.5 KB; 64 KB leaves room for big scenarios. */
export const MAX_FRAGMENT_CHARS = 64 * 1024;
/** Longest text we accept after decompression (lz-string can expand ~10× or more). */
export const MAX_DECODED_CHARS = 512 * 1024;
/** The editor's own limit on scenario text. */
export const MAX_YAML_CHARS = 256 * 1024;
/**
 * A link whose scenario is longer than this asks before opening, even a visitor with no work of their
 * own: hundreds of Services take the engine seconds, and a link should not do that unasked.
 * The largest built-in lesson is under 2 KB.
 */
export const HEAVY_YAML_CHARS = 32 * 1024;
