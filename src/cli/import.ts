// `vpcsim import aws <folder>`: turn `aws ec2 describe-*` output into a topology file.
// Only commander types at the top level; the importer is loaded when the command runs.
import type { Command } from 'commander';
import type { SetExit } from './command-types.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerImport(program: Command, setExit: SetExit): void {
  const imp = program.command('import').description('create a topology from another source');
  imp
    .command('aws')
    .description('import a folder of aws ec2 describe-* JSON outputs (see scripts/collect-aws.sh); one region per topology')
    .argument('<folder>', 'the dump: JSON files, or <region>/ or <account>/<region>/ folders of them')
    .option('-o, --output <file>', 'write the topology here (default: stdout)')
    .option('--region <region>', 'region to import when the dump holds several')
    .option('--format <format>', 'yaml or json (default: from the -o extension, else yaml)')
    .option('--on-prem <vpn=cidrs>', 'on-premises prefixes of a VPN connection: vpn-0abc=10.1.0.0/16,10.2.0.0/16 (repeatable)', collect)
    .option('--overlay <file>', 'a YAML file in vpcsim format merged over the import (resources matched by id)')
    .action(async (folder: string, opts: { output?: string; region?: string; format?: string; onPrem?: string[]; overlay?: string }) => {
      const { runImportAws } = await import('./commands/import-aws.js');
      const code = runImportAws(
        folder,
        opts,
        (s) => process.stdout.write(s),
        (s) => process.stderr.write(s),
      );
      setExit(code);
    });
  imp
    .command('terraform')
    .description(
      'import a Terraform plan (terraform show -json plan.out) or state (terraform show -json, or terraform.tfstate); a plan gives the network after apply',
    )
    .argument('<file>', 'the plan or state JSON')
    .option('-o, --output <file>', 'write the topology here (default: stdout)')
    .option('--format <format>', 'yaml or json (default: from the -o extension, else yaml)')
    .option('--before', "a plan's prior state (the network before apply) instead of its planned values")
    .option('--json', 'the report on stderr as JSON')
    .action(async (file: string, opts: { output?: string; format?: string; before?: boolean; json?: boolean }) => {
      const { runImportTerraform } = await import('./commands/import-terraform.js');
      setExit(
        runImportTerraform(
          file,
          opts,
          (s) => process.stdout.write(s),
          (s) => process.stderr.write(s),
        ),
      );
    });
}
