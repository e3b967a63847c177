import { memo } from 'react';
import type { Hook, HookStage } from './kernel-stages';
import { useSpotHere } from '../packet/useHookFocus';
import { useLabStore } from '../store';
import type { Lang } from '../lang';

function stageLabel(stage: HookStage, hook: Hook, lang: Lang): string {
  if (stage.kind === 'conntrack') return 'conntrack';
  if (stage.kind === 'confirm') return lang === 'en' ? 'conntrack confirm' : 'conntrack 확정';
  if (stage.table === 'nat') return hook === 'PREROUTING' || hook === 'OUTPUT' ? 'nat (DNAT)' : 'nat (SNAT)';
  return stage.table;
}

function stageClass(stage: HookStage): string {
  return stage.kind === 'table' ? `stage stage-${stage.table}` : 'stage stage-conntrack';
}

interface HookBoxProps {
  readonly hook: Hook;
  readonly stages: readonly HookStage[];
  readonly row: number;
  readonly col: number;
}

/** A netfilter hook with its tables in the kernel's priority order; the stage the packet is at is lit in the colour of what it did there. */
export const HookBox = memo(function HookBox({ hook, stages, row, col }: HookBoxProps) {
  const here = useSpotHere(hook);
  const lang = useLabStore((s) => s.lang);
  const [stage, fx] = here?.split(' ') ?? [];
  const current = stage === undefined ? undefined : Number(stage);
  // The group is named by the hook; its list of tables is read as content.
  return (
    <div
      className={`hook-node${current !== undefined ? ' is-current' : ''}`}
      role="group"
      aria-labelledby={`hook-${hook}`}
      data-box={hook}
      style={{ gridRow: row, gridColumn: col }}
    >
      <div className="hook-name" id={`hook-${hook}`}>
        {hook}
      </div>
      <ol className="stages">
        {stages.map((s, i) => (
          <li
            key={i}
            className={`${stageClass(s)}${current === i ? ` is-current fx-${fx ?? 'info'}` : ''}`}
            title={lang === 'en' ? `priority ${s.priority}` : `우선순위 ${s.priority}`}
            data-spot={`${hook}:${i}`}
            aria-current={current === i ? 'step' : undefined}
          >
            {stageLabel(s, hook, lang)}
          </li>
        ))}
      </ol>
    </div>
  );
});

interface PlaceBoxProps {
  readonly id: string;
  readonly label: string;
  readonly shape: 'box' | 'diamond';
  readonly row: number;
  readonly col: number;
}

/** The places around the hooks: the network, the routing decision, the local process. */
export const PlaceBox = memo(function PlaceBox({ id, label, shape, row, col }: PlaceBoxProps) {
  const active = useSpotHere(id) !== undefined;
  return (
    <div
      className={`place-node place-${shape}${active ? ' is-current' : ''}`}
      role="group"
      aria-label={label}
      data-spot={id}
      data-box={id}
      style={{ gridRow: row, gridColumn: col }}
    >
      <span>{label}</span>
    </div>
  );
});
