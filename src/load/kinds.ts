// The resource kinds of the format: which top-level list holds each, and how messages name them (src/aws/kinds.ts).
export { KIND_LABEL, LIST_KIND } from '../aws/kinds.js';
