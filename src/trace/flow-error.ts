// A flow the tracer cannot trace, said in the words of the flow's fields. The message names the fields neutrally
// ("destination port"); each caller names them the way its users know them: the CLI by flag (`--port`,
// FLOW_FLAGS), an assertion by key (`port`). The template keeps `{field}` placeholders for that.

/** The fields of a flow a FlowError can name. */
export type FlowField = 'from' | 'to' | 'protocol' | 'port' | 'srcPort' | 'icmpType' | 'icmpCode' | 'time' | 'via' | 'healthCheck';

export type FlowFieldNames = Readonly<Record<FlowField, string>>;

/** The library's own words for the fields: what `message` says. */
export const FLOW_FIELD_WORDS: FlowFieldNames = {
  from: 'source',
  to: 'destination',
  protocol: 'protocol',
  port: 'destination port',
  srcPort: 'source port',
  icmpType: 'ICMP type',
  icmpCode: 'ICMP code',
  time: 'start time',
  via: 'via',
  healthCheck: 'the health checks of',
};

/** The options of `vpcsim trace` that set each field; reasons shown by commands use them too (`vpcsim diff`). */
export const FLOW_FLAGS: FlowFieldNames = {
  from: '--from',
  to: '--to',
  protocol: '--protocol',
  port: '--port',
  srcPort: '--src-port',
  icmpType: '--icmp-type',
  icmpCode: '--icmp-code',
  time: '--time',
  via: '--via',
  healthCheck: '--health-check',
};

const PLACEHOLDER = /\{(from|to|protocol|port|srcPort|icmpType|icmpCode|time|via|healthCheck)\}/g;

export class FlowError extends Error {
  /** `template` names fields as `{port}`; `literal` text (another module's message) is kept as written. */
  constructor(
    readonly template: string,
    readonly literal = false,
  ) {
    super(literal ? template : fill(template, FLOW_FIELD_WORDS));
  }

  /** The message with each field named as `names` says, e.g. FLOW_FLAGS for the command line. */
  describe(names: FlowFieldNames): string {
    return this.literal ? this.template : fill(this.template, names);
  }
}

function fill(template: string, names: FlowFieldNames): string {
  return template.replace(PLACEHOLDER, (_, f: FlowField) => names[f]);
}
