import { ClusterStrip } from './ClusterStrip';
import './hooks-head.css';

/** The id of the place in the head where the diagram puts its overview (HookDiagram renders it there). */
export const OVERVIEW_SLOT = 'hooks-overview-slot';

/**
 * The hooks region's title row: the cluster strip (which node, and where the packet goes) and, when the
 * diagram does not fit, its overview. In the title's row, so the diagram keeps the region's whole height.
 */
export function HooksHead() {
  return (
    <div className="hooks-head">
      <ClusterStrip />
      <span id={OVERVIEW_SLOT} className="hooks-overview-slot" />
    </div>
  );
}
