import { describe, expect, it } from 'vitest';
import { CATALOG, explain, fill, placeholders, reason, type CatalogEntry, type ExplanationKey } from './catalog';

const sameNames = (a: string, b: string): void => expect(new Set(placeholders(a)), `${a}\n${b}`).toEqual(new Set(placeholders(b)));

describe('the explanation catalog', () => {
  const entries = Object.entries(CATALOG) as [ExplanationKey, CatalogEntry][];

  it('has every key in English and Korean, with the same placeholders in both', () => {
    expect(entries.length).toBeGreaterThan(40);
    for (const [key, e] of entries) {
      expect(e.en.trim(), key).not.toBe('');
      expect(e.ko, key).toMatch(/[가-힣]/);
      sameNames(e.en, e.ko);
      if (e.reason) {
        expect(e.reason.en.trim(), key).not.toBe('');
        expect(e.reason.ko, key).toMatch(/[가-힣]/);
        sameNames(e.reason.en, e.reason.ko);
      }
    }
  });

  it('never writes a Korean particle apart from its value, nor guesses one with (으)로-style both forms', () => {
    for (const [key, e] of entries) {
      for (const ko of [e.ko, e.reason?.ko ?? '']) {
        // `{x} 를`, `{x}를`: the particle must come from the value (`{x:을/를}`).
        expect(ko, key).not.toMatch(/\}(을|를|이|가|은|는|으로|로|과|와)(?![가-힣])/);
        expect(ko, key).not.toMatch(/\} (을|를|은|는|으로|로)(?![가-힣])/);
        expect(ko, key).not.toMatch(/\((으|이)\)/);
      }
    }
  });

  it('fills values and attaches particles by how the value is read', () => {
    expect(fill('{endpoint:을/를} 고릅니다', { endpoint: '10.10.1.2:80' })).toBe('10.10.1.2:80을 고릅니다');
    expect(fill('{v:으로/로}', { v: '715827883' })).toBe('715827883으로');
    expect(fill('{chain:으로/로} 점프', { chain: 'KUBE-SVC-ABC' })).toBe('KUBE-SVC-ABC로 점프');
    expect(fill('{missing} stays', {})).toBe('{missing} stays');
    expect(explain('services.noLocalEndpoints', { service: 'default/web:http', vip: '10.96.0.100:80/tcp' }, 'en')).toContain('no endpoint on this node');
    expect(reason('externalServices.noLocalEndpointsNodePort', { service: 'svc-web' }, 'en')).toBe('svc-web has no local endpoints on this node');
    expect(reason('externalServices.noLocalEndpointsNodePort', { service: 'svc-web' }, 'ko')).toBe('svc-web: 이 노드에 로컬 엔드포인트가 없음');
    expect(reason('externalServices.noEndpointsNodePort', { service: 'svc-web' }, 'en')).toBe('svc-web has no endpoints');
    expect(reason('sep.dnat', {}, 'en')).toBeUndefined();
  });
});
