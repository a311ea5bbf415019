import { describe, expect, it } from 'vitest';
import { AWS_KINDS, KIND_LABEL, LIST_KIND } from '../../src/aws/kinds.js';
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
});
