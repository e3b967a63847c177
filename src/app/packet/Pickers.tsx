import { useMemo, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Choice } from '../../worker/api';
import { useLabStore } from '../store';
import { protocolOptions, usePacketStore, type Protocol } from './store';
import { usePacketText } from './useCurrentStep';
import { boundedOptions, moreOptionsText } from '../bounded-options';
import { choiceLabel } from './choice-label';
import type { Lang } from '../lang';

/** An option: the choice, and both protocols when its value is offered over two. */
interface Offer {
  readonly choice: Choice;
  readonly protocols?: string;
}

const SOURCE_GROUPS: readonly Choice['group'][] = ['pod', 'node', 'external'];
const DEST_GROUPS: readonly Choice['group'][] = ['service', 'nodePort', 'loadBalancer', 'externalIP', 'podIP', 'typed'];

/** One option per value: DNS's port 53 is offered for udp and tcp, the protocol picker tells them apart. */
function uniqueByValue(list: readonly Choice[]): Offer[] {
  const seen = new Map<string, Offer>();
  for (const c of list) {
    const had = seen.get(c.value);
    if (!had) seen.set(c.value, { choice: c });
    else {
      const first = had.protocols ?? (had.choice.what && 'protocol' in had.choice.what ? had.choice.what.protocol : had.choice.protocol?.toUpperCase() ?? '');
      seen.set(c.value, { ...had, protocols: `${first}/${c.protocol?.toUpperCase() ?? ''}` });
    }
  }
  return [...seen.values()];
}

interface OptionsProps {
  readonly list: readonly Offer[];
  readonly groups: readonly Choice['group'][];
  readonly names: Readonly<Record<Choice['group'], string>>;
  readonly lang: Lang;
  readonly selected: string | undefined;
}

function Options({ list: all, groups, names, lang, selected }: OptionsProps) {
  const { shown: list, more } = boundedOptions(all, (o) => o.choice.value, selected);
  return (
    <>
      {more > 0 && <option disabled>{moreOptionsText(more)}</option>}
      {groups.map((g) => {
        const items = list.filter((o) => o.choice.group === g);
        if (items.length === 0) return null;
        return (
          <optgroup key={g} label={names[g]}>
            {items.map(({ choice, protocols }) => (
              <option key={choice.value} value={choice.value}>
                {choiceLabel(choice, lang, protocols)}
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}

/** Where the packet starts and where it goes, as the worker offers them (`choices`). */
export function Pickers() {
  const m = usePacketText();
  const s = usePacketStore(
    useShallow((st) => ({
      choices: st.choices,
      from: st.from,
      to: st.to,
      protocol: st.protocol,
      via: st.via,
      setFrom: st.setFrom,
      setTo: st.setTo,
      setTypedTo: st.setTypedTo,
      setProtocol: st.setProtocol,
      setVia: st.setVia,
    })),
  );
  const nodes = useLabStore((st) => st.summary?.nodes);
  const lang = useLabStore((st) => st.lang);
  const sources = useMemo(() => (s.choices?.sources ?? []).map((choice): Offer => ({ choice })), [s.choices]);
  const destinations = useMemo(() => uniqueByValue(s.choices?.destinations ?? []), [s.choices]);
  const protocols = protocolOptions(s.choices, s.to);
  // A NodePort destination names its node (so does a typed NODE:PORT); only an external client to another address needs a "via".
  const namesNode = (nodes ?? []).some((n) => s.to === n.name || s.to?.startsWith(`${n.name}:`));
  const showVia = s.from === 'external' && !namesNode && !s.choices?.destinations.some((d) => d.value === s.to && d.group === 'nodePort');
  const disabled = !s.choices;
  const [typed, setTyped] = useState('');
  const applyTyped = (e: FormEvent): void => {
    e.preventDefault();
    s.setTypedTo(typed);
  };
  return (
    <div className="pk-pickers">
      <label className="field">
        <span>{m.from}</span>
        <select aria-label="From" value={s.from ?? ''} onChange={(e) => s.setFrom(e.target.value)} disabled={disabled} className="pk-select">
          <Options list={sources} groups={SOURCE_GROUPS} names={m.groups} lang={lang} selected={s.from} />
        </select>
      </label>
      <label className="field">
        <span>{m.to}</span>
        <select aria-label="To" value={s.to ?? ''} onChange={(e) => s.setTo(e.target.value)} disabled={disabled} className="pk-select">
          <Options list={destinations} groups={DEST_GROUPS} names={m.groups} lang={lang} selected={s.to} />
        </select>
      </label>
      <form className="field pk-typed" onSubmit={applyTyped}>
        <label htmlFor="pk-typed-to">{m.typedTo}</label>
        <span className="pk-typed-row">
          <input
            id="pk-typed-to"
            className="pk-select"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder={m.typedToHint}
            title={m.typedToHint}
            spellCheck={false}
            autoComplete="off"
            disabled={disabled}
          />
          <button type="submit" disabled={disabled || typed.trim() === ''}>
            {m.typedToApply}
          </button>
        </span>
      </form>
      {s.to !== undefined && (
        <label className="field">
          <span>{m.protocol}</span>
          <select aria-label="Protocol" value={s.protocol && protocols.includes(s.protocol) ? s.protocol : protocols[0]} onChange={(e) => s.setProtocol(e.target.value as Protocol)}>
            {protocols.map((p) => (
              <option key={p} value={p}>
                {p === 'icmp' ? m.protocolPing : m.protocolOption(p)}
              </option>
            ))}
          </select>
        </label>
      )}
      {showVia && (
        <label className="field">
          <span>{m.via}</span>
          <select aria-label="Via" value={s.via ?? ''} onChange={(e) => s.setVia(e.target.value || undefined)}>
            <option value="">{m.viaAuto}</option>
            {(nodes ?? []).map((n) => (
              <option key={n.name} value={n.name}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
