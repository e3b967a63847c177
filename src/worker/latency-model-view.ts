/** The scale lab's latency model as the page states it beside the chart (engine/scale/latency-model.ts). */
import { BASE_US, CALIBRATED_HERE, LATENCY_SOURCES, PER_RULE_NS, PUBLISHED_IPTABLES } from '../engine/scale/latency-model';
import type { LatencyModelView } from './scale-api';

export function latencyModelView(): LatencyModelView {
  return { baseUs: BASE_US, perRuleNs: PER_RULE_NS, published: PUBLISHED_IPTABLES, sources: [LATENCY_SOURCES.blog, { title: LATENCY_SOURCES.ipvsProposal.title, url: LATENCY_SOURCES.ipvsProposal.url }], calibrated: CALIBRATED_HERE };
}
