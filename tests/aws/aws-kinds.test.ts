import { describe, expect, it } from 'vitest';
import { AWS_KINDS, KIND_BOUND_LIST, KIND_LABEL, KIND_PLURAL, LIST_KIND } from '../../src/aws/kinds.js';
import { classify, MODELLED_KEYS } from '../../src/import/aws-kinds.js';
import { loadTopology } from '../../src/index.js';
import { RESOURCE_KEYS } from '../../src/load/schema.js';

describe('aws/kinds.ts: one table of list key, kind, label, id prefix and describe output', () => {
  it('gives every list, kind and label once, and the schema and importer read it', () => {
    for (const col of ['list', 'kind', 'label'] as const) expect(new Set(AWS_KINDS.map((r) => r[col])).size).toBe(AWS_KINDS.length);
    expect(RESOURCE_KEYS).toEqual(AWS_KINDS.map((r) => r.list));
    for (const r of AWS_KINDS) {
      expect(LIST_KIND[r.list]).toBe(r.kind);
      expect(KIND_LABEL[r.kind]).toBe(r.label);
      if ('describe' in r) expect(classify({ [r.describe]: [] })).toEqual({ type: 'modelled', key: r.describe });
    }
    expect(new Set(MODELLED_KEYS).size).toBe(MODELLED_KEYS.length);
  });

  it('names every kind the shipped scenarios bind', () => {
    for (const f of ['hybrid-dx-vpn', 'alb-web', 'centralized-inspection', 'tgw-hub', 'gwlb-appliances']) {
      for (const r of loadTopology(`scenarios/${f}.yaml`).topology!.byId.values()) expect(KIND_LABEL[r.kind], r.kind).toBeDefined();
    }
  });

  it("names the bound topology's list of every kind, which holds exactly the resources of that kind", () => {
    const t = loadTopology('scenarios/hybrid-dx-vpn.yaml').topology! as unknown as Record<string, unknown>;
    for (const r of AWS_KINDS) {
      const list = t[KIND_BOUND_LIST[r.kind]];
      expect(Array.isArray(list), r.kind).toBe(true);
      for (const x of list as { kind: string }[]) expect(x.kind).toBe(r.kind);
    }
    expect(new Set(Object.values(KIND_BOUND_LIST)).size).toBe(AWS_KINDS.length);
  });

  it('names several of a kind by its plural', () => {
    expect(KIND_PLURAL.vpc).toBe('VPCs');
    expect(KIND_PLURAL['firewall-policy']).toBe('firewall policies');
    expect(new Set(Object.values(KIND_PLURAL)).size).toBe(AWS_KINDS.length);
  });
});
