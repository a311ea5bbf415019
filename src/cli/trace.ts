import type { Command } from 'commander';
import type { SetExit } from './command-types.js';
import { withInputOptions } from './input-flags.js';

export function registerTrace(program: Command, setExit: SetExit): void {
  withInputOptions(
    program
      .command('trace')
      .description('trace a packet from one endpoint to another, hop by hop, both directions')
      .argument('<topology>', 'topology file (.yaml/.json), a folder of aws ec2 describe-* output, or - for stdin')
      .option('--from <endpoint>', "an instance, network interface or VPN connection id, an IP address, or 'internet'")
      .option('--to <endpoint>', "the same, or a NAT gateway or VPC endpoint id, 's3' or 'dynamodb'")
      .option('--via <lb>', 'a load balancer to go through to the target in --to (docs/load-balancers.md)')
      .option(
        '--health-check <target-group|clb>',
        'trace the health checks of a target group, or of a Classic load balancer (healthCheck.target), from every load balancer node (--from/--to narrow them)',
      )
      .option('--protocol <p>', 'tcp | udp | icmp | icmpv6 | all | a protocol number 0-255 (all: the all-protocols probe)', 'tcp')
      .option('--port <n>', 'destination port (tcp/udp; default 443)')
      .option('--src-port <n>', 'source port (default 49152, from the Linux ephemeral range)')
      .option('--icmp-type <t>', 'ICMP type (default: echo request)')
      .option('--icmp-code <c>', 'ICMP code (default 0)')
      .option('--ipv6', 'use IPv6 addresses when both endpoints are ids')
      .option('--no-return', 'do not check the reply path'),
  )
    .option('--json', 'print the result as JSON')
    .option('--flow-logs', 'print the VPC flow-log records')
    .option('--flow-log-format <fmt>', 'custom flow-log format, e.g. "${version} ${interface-id} ${pkt-srcaddr} ${pkt-dstaddr} ${action}"')
    .option('--time <unix>', 'flow-log start time (unix seconds)')
    .option('--batch <file>', 'trace many flows from a .csv or .jsonl file (- for stdin)')
    .option('--format <fmt>', 'batch output: jsonl | csv', 'jsonl')
    .option('--jobs <n>', 'batch: worker threads for the flows (1-64, default 1)')
    .option('--diagram <file>', 'also draw the topology with the forward and return paths: .svg, .html or .mmd')
    .action(async (topology: string, opts: Record<string, unknown>) => {
      const { runTrace } = await import('./trace-cmd.js');
      setExit(await runTrace(topology, opts));
    });
}
