// How every command turns its <topology> argument into a bound graph: a YAML/JSON file, or a folder of
// `aws ec2 describe-*` output imported on the fly.
import { statSync } from 'node:fs';
import { bind, type BindResult } from '../bind/bind.js';
import { loadFile } from '../load/load.js';

type FolderImporter = (folder: string) => BindResult;
let folderImporter: FolderImporter | undefined;

/** The AWS importer registers itself here so that loading a plain file never imports it. */
export function setFolderImporter(f: FolderImporter): void {
  folderImporter = f;
}

export function loadTopologySource(path: string): BindResult {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    /* loadFile reports missing files */
  }
  if (isDir && folderImporter) return folderImporter(path);
  return bind(loadFile(path));
}
