// The CIDR calculator's library: pure functions that take strings and return plain, JSON-ready objects.
export { CIDR_FIELD_WORDS, type CidrField, type CidrFieldNames, CidrInputError } from './parse.js';
export { cidrInfo, type CidrInfo } from './info.js';
export { splitCidr, SPLIT_LIMIT, type SplitResult, type SplitBy, type SubnetRow } from './split.js';
export { cidrPlan, MAX_AZS, PlanDoesNotFitError, type PlanOptions, type PlanResult, type PlanSubnet } from './plan.js';
export { cidrContains, type ContainsResult, type ContainsItem } from './contains.js';
export { cidrOverlap, type OverlapResult, type OverlapPair } from './overlap.js';
export { cidrFree, type FreeResult, type FreeBlock } from './free.js';
export { cidrSummarize, type SummarizeResult } from './summarize.js';
export { prefixTable, type PrefixTable, type PrefixRow } from './table.js';
export { AWS_DOCS, type AwsCheck, type ReservedAddress } from './aws.js';
export type { Space, SpaceKind, SpaceRange } from './space.js';
