/** The per-function docs of src/functions/docs (examples, results, sources). */

const reference = require("../config/function-reference");

export interface FunctionDoc {
  args: unknown[];
  result: string;
  value?: number;
  notes?: string;
  sources: string[];
}

export const loadDocs = (): Record<string, FunctionDoc> => reference.loadDocs();
export const renderMarkdown = (metadata: unknown, docs: Record<string, FunctionDoc>): string =>
  reference.renderMarkdown(metadata, docs);
