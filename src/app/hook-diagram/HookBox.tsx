import { memo } from 'react';
import type { Hook, HookStageView } from './kernel-stages';
import { useSpotHere } from '../packet/useHookFocus';
import { useLabStore } from '../store';
import type { Lang } from '../lang';

function stageLabel(stage: HookStageView, hook: Hook, lang: Lang): string {
  if (stage.kind === 'nft') return stage.chain;
  if (stage.kind === 'conntrack') return 'conntrack';
  if (stage.kind === 'confirm') return lang === 'en' ? 'conntrack confirm' : 'conntrack 확정';
  if (stage.table === 'nat') return hook === 'PREROUTING' || hook === 'OUTPUT' ? 'nat (DNAT)' : 'nat (SNAT)';
  return stage.table;
}

function stageClass(stage: HookStageView): string {
  if (stage.kind === 'nft') return `stage stage-nft stage-nft-${stage.type}`;
  return stage.kind === 'table' ? `stage stage-${stage.table}` : 'stage stage-conntrack';
}

/** The stage's tooltip: its priority, and for an nftables base chain its table and type. */
function stageTitle(stage: HookStageView, lang: Lang): string {
  const priority = lang === 'en' ? `priority ${stage.priority}` : `우선순위 ${stage.priority}`;
  if (stage.kind !== 'nft') return priority;
  return lang === 'en' ? `nftables: ${stage.table} chain ${stage.chain} (type ${stage.type}), ${priority}` : `nftables: ${stage.table}의 ${stage.chain} 체인 (type ${stage.type}), ${priority}`;
}

interface HookBoxProps {
  readonly hook: Hook;
  readonly stages: readonly HookStageView[];
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
            title={stageTitle(s, lang)}
            data-spot={`${hook}:${i}`}
            aria-current={current === i ? 'step' : undefined}
          >
            {s.kind === 'nft' ? (
              <>
                <span className="stage-nft-tag">nft</span> <code>{stageLabel(s, hook, lang)}</code> <span className="stage-prio">{s.priority}</span>
              </>
            ) : (
              stageLabel(s, hook, lang)
            )}
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
