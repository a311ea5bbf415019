// Anything with a `name` (the AWS Name tag) can be named by it wherever an id is accepted on the command line.
// An id always wins; a name that several resources carry is refused with the candidates.
import type { Topology } from '../bind/model.js';
import { UsageError } from './exit.js';
import { candidates, idByName } from '../bind/names.js';

/** The kinds `trace --from/--to` can start or end at. */
export const ENDPOINT_KINDS = ['instance', 'network-interface', 'nat-gateway', 'vpc-endpoint', 'vpn-connection'];

/**
 * The id `text` stands for: itself when it is an id (or not a name at all), else the id of the one resource of
 * `kinds` (any kind when omitted) with that name.
 */
export function idForName(t: Topology, text: string, kinds?: string[], flag = ''): string {
  const found = idByName(t, text, kinds);
  if (found && 'ambiguous' in found)
    throw new UsageError(
      `${flag ? `${flag} ` : ''}'${text}' is the name of ${found.ambiguous.length} resources: ${candidates(found.ambiguous)}; give an id`,
      'AMBIGUOUS_NAME',
    );
  return found?.id ?? text;
}
