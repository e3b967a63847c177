import { useLabStore } from '../store';
import './mode-notice.css';

/**
 * A line above the rules when the node's kube-proxy mode has something to say (IPVS mode is deprecated);
 * the text comes from the worker (engine/kubeproxy/ipvs/deprecation.ts), in the page's language.
 */
export function ModeNotice() {
  const notice = useLabStore((s) => s.summary?.modeNotice);
  const lang = useLabStore((s) => s.lang);
  if (!notice) return null;
  return (
    <p className="mode-notice" role="note">
      <span aria-hidden="true">⚠ </span>
      {notice[lang]}
    </p>
  );
}
