import type { HeaderField } from '../../worker/api';
import type { PacketMessages } from './messages';
import { EFFECT_ICON, type EffectKind, type Header } from './steps';

const FIELDS: readonly HeaderField[] = ['src', 'sport', 'dst', 'dport', 'mark'];

interface Props {
  readonly protocol: string;
  readonly before: Header;
  readonly after: Header;
  readonly changed: readonly HeaderField[];
  /** What changed the fields (colour + icon); undefined when nothing did. */
  readonly kind?: EffectKind;
  /** The word for the change, e.g. `DNAT`, `MASQUERADE`, `un-DNAT`. */
  readonly word?: string;
  readonly m: PacketMessages;
}

/**
 * The 5-tuple and the mark, before and after the current hop. A changed field is coloured by what
 * changed it and also carries the change's icon and a visually hidden word, so colour is never alone.
 */
export function HeaderTable({ protocol, before, after, changed, kind, word, m }: Props) {
  const cls = (f: HeaderField): string => (changed.includes(f) && kind ? `pk-cell is-changed fx-${kind}` : 'pk-cell');
  return (
    <table className="pk-header" aria-label="Packet header">
      <thead>
        <tr>
          <th scope="col">
            <span className="sr-only">{m.field}</span>
          </th>
          <th scope="col">{m.fields.proto}</th>
          {FIELDS.map((f) => (
            <th key={f} scope="col">
              {m.fields[f]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">{m.before}</th>
          <td className="pk-cell">{m.protocolName(protocol)}</td>
          {FIELDS.map((f) => (
            <td key={f} className={changed.includes(f) ? 'pk-cell is-old' : 'pk-cell'}>
              {before[f]}
            </td>
          ))}
        </tr>
        <tr>
          <th scope="row">{m.after}</th>
          <td className="pk-cell">{m.protocolName(protocol)}</td>
          {FIELDS.map((f) => (
            <td key={f} className={cls(f)}>
              {after[f]}
              {changed.includes(f) && kind && (
                <>
                  {' '}
                  <span aria-hidden="true" className="fx-icon">
                    {EFFECT_ICON[kind]}
                  </span>
                  <span className="sr-only">({word ?? kind})</span>
                </>
              )}
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}
