// The examples every command's --help ends with: real commands, run against the shipped scenarios by the tests
// (tests/cli/cli-help.test.ts). A command that adds its own "Examples:" keeps them.
import type { Command } from 'commander';

export const EXAMPLES: Record<string, string[]> = {
  validate: [
    'vpcsim validate scenarios/three-tier.yaml',
    'vpcsim validate scenarios/*.yaml --max-errors 5',
    'vpcsim validate tests/fixtures/aws/hybrid-cloud/us-east-2 --json',
  ],
  schema: ['vpcsim schema > topology.schema.json', 'vpcsim schema | head -20'],
  trace: [
    'vpcsim trace scenarios/three-tier.yaml --from bastion --to app-1 --port 22',
    'vpcsim trace scenarios/nat-two-az.yaml --from worker-a --to internet --port 443 --flow-logs',
    'vpcsim trace scenarios/three-tier.yaml --from web-1 --to db-1 --protocol all --json',
    'vpcsim trace scenarios/three-tier.yaml --batch flows.csv --format csv   # flows.csv: from,to,port rows',
  ],
  generate: [
    'vpcsim generate --size small',
    'vpcsim generate --vpcs 20 --hub peering-mesh --seed 7 -o estate.json',
    'vpcsim generate --size large -o large.json',
  ],
  import: [
    'vpcsim import aws tests/fixtures/aws/hybrid-cloud --region us-east-2 -o east.yaml',
    'vpcsim import aws tests/fixtures/aws/hybrid-cloud/us-west-2 --format json',
  ],
  'import aws': [
    'vpcsim import aws tests/fixtures/aws/hybrid-cloud --region us-east-2 -o east.yaml',
    'vpcsim import aws tests/fixtures/aws/hybrid-cloud/us-west-2 --format json',
    'vpcsim import aws dump/ --on-prem vpn-0abc=10.1.0.0/16 --overlay overlay.yaml -o net.yaml',
  ],
  show: ['vpcsim show scenarios/three-tier.yaml', 'vpcsim show scenarios/three-tier.yaml sg-app', 'vpcsim show scenarios/three-tier.yaml web-1 --json'],
  'import terraform': [
    'vpcsim import terraform tests/fixtures/terraform/basic-plan-1.2.json -o planned.yaml',
    'vpcsim import terraform tests/fixtures/terraform/update-plan-0.1.json --before --format json',
  ],
  diagram: [
    'vpcsim diagram scenarios/three-tier.yaml',
    'vpcsim diagram scenarios/tgw-hub.yaml --format dot',
    'vpcsim diagram scenarios/peering-abc.yaml --focus vpc-a --format html -o peering.html',
  ],
  reach: [
    'vpcsim reach scenarios/three-tier.yaml --to db-1',
    'vpcsim reach scenarios/three-tier.yaml --from internet --to web-1 --ports 80,443 --json',
    'vpcsim reach scenarios/three-tier.yaml --to db-1 --format html --output reach.html',
  ],
  diff: [
    'vpcsim diff tests/fixtures/diff/base.yaml tests/fixtures/diff/after.yaml',
    'vpcsim diff --git origin/main topology.yaml --format markdown',
    'vpcsim diff --plan tests/fixtures/terraform/update-plan-0.1.json --json',
  ],
  exposure: [
    'vpcsim exposure scenarios/three-tier.yaml',
    'vpcsim exposure scenarios/nat-two-az.yaml --json',
    'vpcsim exposure scenarios/three-tier.yaml --format html --output exposure.html',
  ],
};

function path(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c && c.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Appends "Examples:" to the help of every command that has examples here and none of its own. */
export function addExamples(program: Command): void {
  const visit = (cmd: Command) => {
    const list = EXAMPLES[path(cmd)];
    if (list) cmd.addHelpText('after', `\nExamples:\n${list.map((e) => `  ${e}`).join('\n')}`);
    cmd.commands.forEach(visit);
  };
  program.commands.forEach(visit);
}
