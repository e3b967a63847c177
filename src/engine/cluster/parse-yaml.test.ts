import { afterEach, describe, expect, it } from 'vitest';
import { keepLastYamlParse, parseScenarioYaml } from './parse-yaml';
import { outlineScenario } from '../scenario-outline';
import { loadScenario } from './load';

const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, image: i}]}\n';

describe('parseScenarioYaml', () => {
  afterEach(() => keepLastYamlParse(false));

  it('parses every time unless asked to keep the last parse', () => {
    expect(parseScenarioYaml(text)).not.toBe(parseScenarioYaml(text));
    keepLastYamlParse(true);
    const first = parseScenarioYaml(text);
    expect(parseScenarioYaml(text)).toBe(first);
    expect(parseScenarioYaml(`${text}# edited\n`)).not.toBe(first);
    keepLastYamlParse(false);
    expect(parseScenarioYaml(text)).not.toBe(parseScenarioYaml(text));
  });

  it('gives the outline and the loader the same answers from a kept parse as from their own', () => {
    const fresh = { outline: outlineScenario(text), load: loadScenario(text).diagnostics };
    keepLastYamlParse(true);
    expect(outlineScenario(text)).toEqual(fresh.outline);
    expect(loadScenario(text).diagnostics).toEqual(fresh.load);
    const broken = 'kind: [\n';
    const brokenFresh = { outline: outlineScenario(broken), load: loadScenario(broken).diagnostics };
    expect(outlineScenario(broken)).toEqual(brokenFresh.outline);
    expect(loadScenario(broken).diagnostics).toEqual(brokenFresh.load);
  });
});
