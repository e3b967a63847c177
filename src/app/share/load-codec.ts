/**
 * The share codec (and lz-string with it) loads on demand: when the page opens with a link, or when the
 * Share button is pointed at, focused or pressed. A first visit without a link never needs it.
 */
type Codec = typeof import('./codec');

let codec: Promise<Codec> | undefined;

export function loadCodec(): Promise<Codec> {
  return (codec ??= import('./codec'));
}
