// `vpcsim diagram` and `trace --diagram`: flags checked, graph built, written to stdout or a file.
import { writeFileSync } from 'node:fs';
import type { Topology } from '../bind/model.js';
import type { TraceResult } from '../trace/types.js';
import { inputOptions, loadTopologySource, printLoadErrors } from './load-input.js';
import { EXIT, UsageError } from './exit.js';
import { DiagramError, DIAGRAM_FORMATS, INSTANCE_MODES, topologyGraph, type DiagramFormat } from '../render/diagram/index.js';
import { DIAGRAM_EXTENSIONS, formatOfFile, graphJson, renderDiagram } from '../render/diagram/render.js';
import { mermaidLimits } from '../render/diagram/mermaid.js';
import type { InstancesMode } from '../render/diagram/build.js';
import type { Graph } from '../render/diagram/model.js';

function oneOf<T extends string>(v: unknown, flag: string, allowed: readonly T[]): T {
  const s = String(v);
  if (!(allowed as readonly string[]).includes(s)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got '${s}'`);
  return s as T;
}

function depthOf(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v);
  if (!/^\d+$/.test(s) || Number(s) < 1 || Number(s) > 20) throw new UsageError(`--depth must be an integer from 1 to 20, got '${s}'`);
  return Number(s);
}

function formatOf(opts: Record<string, unknown>): DiagramFormat {
  if (opts.format !== undefined) return oneOf(opts.format, '--format', DIAGRAM_FORMATS);
  if (typeof opts.output !== 'string') return 'mermaid';
  const f = formatOfFile(opts.output);
  if (!f) throw new UsageError(`cannot tell the format of '${opts.output}' from its extension (${DIAGRAM_EXTENSIONS.join(', ')}); give --format`);
  return f;
}

/** Text to standard output, or to `file`; a file that cannot be written is a usage error. */
export function write(file: string | undefined, text: string): void {
  if (file === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function emit(g: Graph, format: DiagramFormat, file: string | undefined, summary?: string): Promise<void> {
  const text = await renderDiagram(g, format, summary);
  if (format === 'mermaid') {
    for (const w of mermaidLimits(text, g)) process.stderr.write(`vpcsim: warning: ${w}; narrow it with --vpc or --focus\n`);
  }
  write(file, text);
}

export async function runDiagram(file: string, opts: Record<string, unknown>): Promise<number> {
  const format = formatOf(opts);
  const instances = oneOf<InstancesMode>(opts.instances ?? 'auto', '--instances', INSTANCE_MODES);
  const depth = depthOf(opts.depth);
  const vpcs = typeof opts.vpc === 'string' ? opts.vpc.split(',').map((s) => s.trim()) : undefined;
  if (vpcs?.some((v) => v === '')) throw new UsageError(`--vpc needs VPC ids separated by commas, got '${String(opts.vpc)}'`);
  if (opts.json && (opts.format !== undefined || opts.output !== undefined))
    throw new UsageError('--json prints the graph; it does not combine with --format or --output');
  const bound = await loadTopologySource(file, inputOptions(opts));
  if (!bound.topology) {
    printLoadErrors(bound, file);
    return EXIT.USAGE;
  }
  let g: Graph;
  try {
    g = topologyGraph(bound.topology, { instances, vpcs, focus: typeof opts.focus === 'string' ? opts.focus : undefined, depth });
  } catch (e) {
    if (e instanceof DiagramError) throw new UsageError(e.message);
    throw e;
  }
  if (opts.json) write(undefined, `${JSON.stringify(graphJson(g), null, 2)}\n`);
  else await emit(g, format, typeof opts.output === 'string' ? opts.output : undefined);
  return EXIT.OK;
}

/** `trace --diagram <file>`: checked before tracing, so a bad name fails fast. */
export function diagramFileFormat(file: string): DiagramFormat {
  const f = formatOfFile(file);
  if (!f || f === 'dot') throw new UsageError(`--diagram: '${file}' must end in .svg, .html or .mmd (the format is taken from the extension)`);
  return f;
}

export async function writeTraceDiagram(t: Topology, r: TraceResult, file: string, summary: string): Promise<void> {
  const { traceGraph } = await import('../render/diagram/path.js');
  // the summary beside the picture is plain text: no terminal colour codes
  await emit(traceGraph(t, r), diagramFileFormat(file), file, summary.replace(/\x1b\[[0-9;]*m/g, ''));
}
